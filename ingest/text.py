"""Reading files and cleaning printed text: encodings, cells, numbers, names.

Every repair here is a rule about how PDF extractors damage text (inner spaces in numbers,
thousands separators, markdown/HTML decoration), never about one document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .model import SourceDocument


class UnreadableDocument(Exception):
    """The file cannot be read (binary, empty, truncated beyond repair, not a document): the
    message says what it is and what to do, and becomes the file's rejection reason."""


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode document bytes, returning (text, encoding).

    Tries BOMs, then UTF-8, then GB18030 (a superset of GBK/GB2312, what Chinese Windows
    tools write), then BOM-less UTF-16 (detected by NUL bytes). Binary data is refused.
    """
    if not data.strip():
        raise UnreadableDocument("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"bad {enc} text: {exc}") from exc
    nul_ratio = data.count(0) / len(data)
    if nul_ratio > 0.2:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise UnreadableDocument("binary file (NUL bytes, not UTF-16 text)")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, enc
    # A truncated UTF-8 file loses at most its last character: keep the rest.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= 2 and _looks_like_text(text):
        return text.replace("\ufffd", ""), "utf-8 (damaged)"
    raise UnreadableDocument("not text in UTF-8, GB18030 or UTF-16")


# control characters (but tab/newline/CR/FF), private-use and surrogate code points
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff]")


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    return len(_NOT_TEXT.findall(text)) / len(text) < 0.01


def read_document(path: Path, source_path: str | None = None) -> SourceDocument:
    """A text file (text extracted from a PDF beforehand). Any format: ingest.readers."""
    return read_text(path, path.read_bytes(), source_path)


def read_text(path: Path, data: bytes, source_path: str | None = None) -> SourceDocument:
    text, encoding = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceDocument(
        source_file=path.name,
        source_path=source_path or str(path),
        content_sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=text.split("\n"),
    )


# ---------------------------------------------------------------- cells

_TAG = re.compile(r"</?(?:b|strong|u|i|em|span|sup|sub|br)\s*/?>", re.I)
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SPACES = re.compile(r"\s+")


def strip_markup(text: str) -> str:
    """Remove HTML inline tags and markdown emphasis/heading marks from a cell or line."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "*" in text:
        text = text.replace("**", "")
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    return text.strip()


# a unit statement (with the 部门/编制单位 beside it) printed at the end of a title line:
# '收入支出决算总表  部门：某局  单位：万元' (group 1: the unit)
TRAILING_UNIT = re.compile(
    r"(?:\s+(?:编制单位|填报单位|单位名称|部门)\s*[:：]\s*\S+)?[\s（(]*(?:金额)?单位\s*[:：]\s*(万元|元)[)）]?\s*$"
)


def strip_trailing_unit(text: str) -> str:
    """A title without the unit statement printed after it on the same line."""
    return TRAILING_UNIT.sub("", text).strip() if "单位" in text else text


def split_cells(line: str) -> list[str]:
    """Split one extracted line into cells.

    Tab-separated rows and markdown pipe rows are both seen; cells keep their inner
    spaces (they are evidence: '8476. 31'), only decoration is stripped. Every stage reads
    the same lines, so the split is memoised.
    """
    return list(_split_cells_cached(line))


@lru_cache(maxsize=65536)
def _split_cells_cached(line: str) -> tuple[str, ...]:
    raw = line.rstrip("\n")
    if "\t" in raw:
        parts = raw.split("\t")
    elif raw.strip().startswith("|") and raw.strip().endswith("|") and raw.count("|") >= 3:
        parts = raw.strip()[1:-1].split("|")
    else:
        parts = [raw]
    return tuple(strip_markup(p) for p in parts)


def is_markdown_separator(line: str) -> bool:
    if "---" not in line:  # both forms need a run of three dashes
        return False
    return bool(_MD_SEPARATOR.match(line)) or bool(re.match(r"^[\s\t-]+$", line) and "---" in line)


@lru_cache(maxsize=262144)
def compact(text: str | None) -> str:
    """A name without any whitespace or decoration, for matching ('社会保障和就 业支出')."""
    if not text:
        return ""
    text = strip_markup(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", text)


# ---------------------------------------------------------------- numbers

_EMPTY_MARKS = {"", "-", "—", "——", "–", "－", "/", "\\", "_", "…", "·", "*", "**", "x", "X", "无"}
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


@lru_cache(maxsize=262144)
def parse_amount(text: str | None) -> float | None:
    """Parse a printed money amount; None for an empty cell or a dash.

    Handles inner spaces left by OCR ('8476. 31', '1 459.71'), thousands separators
    ('3,131,700.00', '1，459.71'), full-width digits, a trailing '万元'/'元', and
    parentheses or a leading minus for negatives. Returns None for anything that is not
    a number (the caller keeps the text).
    """
    if text is None:
        return None
    t = unicodedata.normalize("NFKC", strip_markup(text)).strip()
    if t in _EMPTY_MARKS or re.fullmatch(r"[-—–_·.\s]+", t or "-"):
        return None
    t = re.sub(r"(万元|元)$", "", t)
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    t = t.replace(",", "").replace("，", "")
    t = re.sub(r"(?<=[\d.])\s+(?=[\d.])", "", t)  # '8476. 31' -> '8476.31'
    t = re.sub(r"\s+", "", t)
    if t.endswith("."):
        t = t[:-1]
    if not _NUMBER.match(t):
        return None
    value = float(t)
    return -value if negative else value


def looks_like_amount(text: str | None) -> bool:
    return parse_amount(text) is not None


_CODE = re.compile(r"^\d{3,7}$")


def parse_code(text: str | None) -> str | None:
    """A classification code cell ('2101506', '30101', '3010' when cut short)."""
    if not text:
        return None
    t = unicodedata.normalize("NFKC", strip_markup(text)).strip()
    return t if _CODE.match(t) else None


def parse_percent(text: str | None) -> float | None:
    """'92.5%' -> 92.5; '93.12' -> 93.12 (rates printed without a sign are percents)."""
    if not text:
        return None
    t = unicodedata.normalize("NFKC", text).strip().rstrip("%").strip()
    return parse_amount(t)
