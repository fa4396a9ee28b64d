"""A spreadsheet number as the sheet shows it: its value through its Excel number format.

Why: a workbook stores 8 and shows '8.00'; the parser (like a reader) tells an amount from
a column number ('1 2 3' under the headers) or a code partly by its printed decimals, so a
spreadsheet must be read as printed, not as stored. The common formats of budget tables are
covered: General, fixed decimals ('0.00'), thousands ('#,##0.00'), percent ('0.0%'), a
negative section ('#,##0.00;(#,##0.00)'), literal text ('0.00"万元"'), colours and locale
tags (dropped). Dates arrive as dates from the workbook libraries and print as ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re

_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [$-804], [DBNum1] …
_QUOTED = re.compile(r'"([^"]*)"')
_NUMBER_PART = re.compile(r"[#0?,]+(?:\.[#0?]+)?|\.[#0?]+")


def display(value, fmt: str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return number(float(value), fmt or "General")
    # a line break typed inside a cell (Alt+Enter) is one value
    return " ".join(part.strip() for part in str(value).replace("\t", " ").splitlines() if part.strip())


def general(value: float) -> str:
    """Excel's General format: no trailing zeros, no float noise."""
    if value.is_integer():
        return str(int(value))
    return f"{value:.10g}" if abs(value) < 1e15 else f"{value:.6e}"


def number(value: float, fmt: str) -> str:
    sections = _split_sections(fmt)
    section = sections[0]
    negative_section = value < 0 and len(sections) > 1
    if negative_section:
        section, value = sections[1], -value
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    section = _BRACKETS.sub("", section)
    if section.strip().lower() in ("general", "@", ""):
        text = general(abs(value) if negative_section else value)
        return text
    literal_free = _QUOTED.sub("", section).replace("\\", "")
    match = _NUMBER_PART.search(literal_free)
    if not match:  # a format that prints text only (e.g. '"-"' for zero)
        return _literals(section)
    spec = match.group(0)
    decimals = len(spec.split(".", 1)[1]) if "." in spec else 0
    if "%" in literal_free:
        value *= 100
    thousands = "," in spec.split(".", 1)[0]
    digits = f"{abs(value):,.{decimals}f}" if thousands else f"{abs(value):.{decimals}f}"
    sign = "-" if value < 0 and not negative_section else ""
    # rebuild: literal text before and after the number part, in order
    before, after = _around_number(section)
    return f"{sign}{before}{digits}{after}"


def _split_sections(fmt: str) -> list[str]:
    """Split on ';' outside quotes."""
    out, cur, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _literals(section: str) -> str:
    return "".join(_QUOTED.findall(section)) or re.sub(r"[_*\\].?", "", section).strip()


def _around_number(section: str) -> tuple[str, str]:
    """Literal text printed before and after the number: quoted strings, escaped characters,
    parentheses, a percent sign; padding ('_)') and fill ('* ') dropped."""
    out, number_seen, before, after = "", False, "", ""
    k = 0
    while k < len(section):
        ch = section[k]
        if ch == '"':
            end = section.find('"', k + 1)
            end = len(section) if end < 0 else end
            out += section[k + 1 : end]
            k = end + 1
            continue
        if ch == "\\" and k + 1 < len(section):
            out += section[k + 1]
            k += 2
            continue
        if ch in "_*" and k + 1 < len(section):
            k += 2
            continue
        if ch in "#0?,.":
            if not number_seen:
                before, out, number_seen = out, "", True
            k += 1
            continue
        if ch in "()%-+ ¥$元万":
            out += ch
        k += 1
    after = out
    return before.strip(), after.rstrip()
