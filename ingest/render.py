"""Query results as text: an aligned table for the terminal, CSV, or JSON.

Shared by the query command and the exporter, so a value reads the same everywhere: exact
decimals (never '0E-8'), ISO dates, NULL spelled out in tables and empty in CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import uuid
from decimal import Decimal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text


def text_value(value) -> str:
    """Human form of one cell: exact decimals, ISO dates, NULL spelled out."""
    if value is None:
        return "NULL"
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Decimal):
        return format(value, "f")  # str() would print a DECIMAL(18,8) zero as '0E-8'
    return str(value)


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _render_table(columns, rows, truncated) -> str:
    """An aligned box table. rich measures cells in terminal columns (CJK = 2), so 中文 lines up."""
    table = Table(box=box.SQUARE, show_lines=False, highlight=False)
    for i, name in enumerate(columns):
        values = [r[i] for r in rows if r[i] is not None]
        numeric = bool(values) and all(_is_number(v) for v in values)
        table.add_column(Text(str(name)), justify="right" if numeric else "left", overflow="fold", no_wrap=False)
    for row in rows:
        # Text(...) so that '[bold]' or ':smile:' in data is printed, not interpreted.
        table.add_row(*(Text(text_value(v).replace("\t", " ")) for v in row))
    out = io.StringIO()
    # Wide enough never to wrap; the table itself is only as wide as its content.
    console = Console(
        file=out,
        width=100_000,
        color_system=None,
        force_terminal=False,
        emoji=False,
        markup=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(table)
    body = "\n".join(line.rstrip() for line in out.getvalue().splitlines())
    n = len(rows)
    footer = f"({n} row{'s' if n != 1 else ''}{', more not shown' if truncated else ''})"
    return f"{body}\n{footer}\n"


def _render_csv(columns, rows, truncated) -> str:
    """CSV with a header row; NULL is an empty field, values as DuckDB returned them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else text_value(v) for v in row])
    return out.getvalue()


def jsonable(value):
    """Plain JSON values: Decimal as a number when a float holds it exactly, else a string."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        if value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.time, bytes, uuid.UUID, dt.timedelta)):
        return text_value(value)
    return str(value)


def _render_json(columns, rows, truncated) -> str:
    """A JSON array of objects, one per row; repeated column names get a _2, _3 suffix."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        keys.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    records = [dict(zip(keys, (jsonable(v) for v in row))) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": _render_table, "csv": _render_csv, "json": _render_json}
