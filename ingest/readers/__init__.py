"""Readers: any file a user downloads → one SourceDocument, the parser's only input.

The parser reads lines (table rows tab-separated, the rest as text lines). Every format is
turned into those lines by one module:

    text (ingest/text.py)   .txt .md .text .tsv and no suffix: text extracted beforehand
    pdf.py + pdf_layout.py  PDF with a text layer: tables from the page's ruling lines
    ocr.py                  PDF pages without a text layer (scans), when an engine is installed
    excel.py + numfmt.py    .xlsx .xlsm .xls: each sheet's rows, cells as the sheet shows them
    rejections              everything else, with a reason that says what it is and what to do

`READERS` maps a file suffix to its reader; the refresh sends exactly those suffixes
(`SUFFIXES`) to the parser. The content decides over the name: a PDF saved as `.txt` is read
as a PDF, an HTML page saved as `.pdf` is rejected as an HTML page (sniff.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import SourceDocument
from ..text import UnreadableDocument, read_text
from . import sniff
from .excel import read_excel
from .pdf import read_pdf

Reader = Callable[[Path, bytes, str], SourceDocument]


def _read_text(path: Path, data: bytes, source_path: str) -> SourceDocument:
    return read_text(path, data, source_path)


def _reject_word(path: Path, data: bytes, source_path: str) -> SourceDocument:
    raise UnreadableDocument(
        "a Word document: open it and save it as PDF (or copy its text into a .txt file), then refresh again"
    )


def _reject_encrypted_office(path: Path, data: bytes, source_path: str) -> SourceDocument:
    raise UnreadableDocument(
        "password-protected Office file: open it with the password and save an unprotected copy "
        "(or export it as PDF), then refresh again"
    )


READERS: dict[str, Reader] = {
    "": _read_text,
    ".txt": _read_text,
    ".text": _read_text,
    ".md": _read_text,
    ".tsv": _read_text,
    ".pdf": read_pdf,
    ".xlsx": read_excel,
    ".xlsm": read_excel,
    ".xls": read_excel,
    ".docx": _reject_word,
    ".doc": _reject_word,
}
SUFFIXES = frozenset(READERS)

# formats recognised by their bytes, read (or refused) whatever the file is called
_BY_CONTENT: dict[str, Reader] = {
    sniff.PDF: read_pdf,
    sniff.XLSX: read_excel,
    sniff.XLS: read_excel,
    sniff.DOCX: _reject_word,
    sniff.DOC: _reject_word,
    sniff.ENCRYPTED_OFFICE: _reject_encrypted_office,
}
_BINARY_SUFFIXES = {".pdf", ".xlsx", ".xls", ".xlsm", ".docx", ".doc"}


def read_document(path: Path, source_path: str | None = None) -> SourceDocument:
    """Read any supported file; raises UnreadableDocument with what it is and what to do."""
    data = path.read_bytes()
    source_path = source_path or str(path)
    kind = sniff.kind_of(data)
    if kind in _BY_CONTENT:
        return _BY_CONTENT[kind](path, data, source_path)
    suffix = path.suffix.lower()
    if suffix in _BINARY_SUFFIXES:
        raise UnreadableDocument(_not_what_it_says(suffix, kind, data))
    return READERS.get(suffix, _read_text)(path, data, source_path)


def _not_what_it_says(suffix: str, kind: str, data: bytes) -> str:
    """Why a file named like a PDF or a spreadsheet cannot be read: what it really is."""
    if kind == sniff.EMPTY:
        return f"empty file ({len(data)} bytes): the download failed or was cut off; download the document again"
    if kind == sniff.HTML and suffix in (".xls", ".xlsx") and b"<table" in data.lower():
        return (
            f"an HTML table saved under a {suffix} name (a web export, not a workbook): open it in a "
            "spreadsheet program and save it as .xlsx, then refresh again"
        )
    if kind == sniff.HTML:
        title = sniff.html_title(data)
        return (
            f"an HTML web page saved under a {suffix} name, not the document"
            + (f" (page title: '{title}')" if title else "")
            + ": open the link in a browser and download the file itself"
        )
    if kind == sniff.IMAGE:
        return f"an image saved under a {suffix} name: convert it to PDF, or save the original PDF"
    if kind == sniff.TEXT and suffix in (".xls", ".xlsx"):
        return (
            f"not a spreadsheet but text under a {suffix} name (often a CSV or tab-separated export): "
            "rename it to .txt (tab-separated) or open it in a spreadsheet program and save it as .xlsx"
        )
    what = {sniff.TEXT: "plain text", sniff.ZIP: "a ZIP archive", sniff.OLE2: "another legacy Office file"}.get(
        kind, "binary data"
    )
    return f"not a {suffix[1:].upper()} file but {what}: download the document again"
