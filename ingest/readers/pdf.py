"""PDF → SourceDocument: the text layer through pdfplumber, pages without one through OCR.

pdfplumber (MIT, on pdfminer.six) gives every character with its box and every ruling line,
which is what a budget table is made of; `pdf_layout` turns one page into the lines the
parser already reads. PyMuPDF would be faster but is AGPL, which this project cannot ship.

A page "has a text layer" when it prints enough characters that map to Unicode. Image pages
(a scan, or a font without a Unicode map that extracts as '(cid:123)') are read by
OCR when an engine is installed (`ocr.py`); a document none of whose pages can be read is
rejected with a reason that says what to install.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

from ..model import SourceDocument
from ..text import UnreadableDocument
from . import ocr
from .pdf_layout import page_lines

MIN_TEXT_CHARS = 20  # fewer printable characters than this: the page is an image (or blank)
MAX_CID_SHARE = 0.3  # more '(cid:N)' glyphs than this: the text layer is not Unicode
MIN_IMAGE_SHARE = 0.5  # an image page: pictures cover at least half of it


def read_pdf(path: Path, data: bytes, source_path: str) -> SourceDocument:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(BytesIO(data))
        n_pages = len(pdf.pages)
    except PdfminerException as exc:
        raise UnreadableDocument(_open_error(exc)) from exc
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise UnreadableDocument(f"damaged PDF ({type(exc).__name__}: {exc}); download it again") from exc
    lines: list[str] = []
    pages: list[int] = []
    image_pages: list[int] = []
    with pdf:
        if n_pages == 0:
            raise UnreadableDocument("PDF without pages; download it again")
        for number, page in enumerate(pdf.pages, start=1):
            try:
                if is_image_page(page):
                    image_pages.append(number)
                page_text = page_lines(page)  # an image page's few words, kept where OCR cannot run
            except Exception as exc:
                raise UnreadableDocument(f"damaged PDF: page {number} cannot be read ({type(exc).__name__}: {exc})") from exc
            finally:
                page.close()  # pdfplumber caches every page's objects otherwise
            lines.extend(page_text)
            pages.extend([number] * len(page_text))
    how = "pdf text layer"
    if image_pages:
        lines, pages, how = _add_ocr_pages(data, lines, pages, image_pages, n_pages)
    return SourceDocument(
        source_file=path.name,
        source_path=source_path,
        content_sha256=hashlib.sha256(data).hexdigest(),
        encoding=how,
        lines=lines,
        pages=pages,
    )


def is_image_page(page) -> bool:
    """A page to OCR: an image covers most of it and its text layer is missing (a scan) or
    not Unicode ('(cid:123)' glyphs). A cover page with a few words, or a blank page, is not."""
    chars = [c["text"] for c in page.chars if c["text"].strip()]
    cid = sum(1 for c in chars if c.startswith("(cid:"))
    if len(chars) >= MIN_TEXT_CHARS and cid <= MAX_CID_SHARE * len(chars):
        return False
    area = float(page.width * page.height) or 1.0
    covered = sum(max(0.0, (i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) for i in page.images)
    return covered >= MIN_IMAGE_SHARE * area or (bool(chars) and cid > MAX_CID_SHARE * len(chars))


def _add_ocr_pages(data: bytes, lines: list[str], pages: list[int], image_pages: list[int], n_pages: int):
    """OCR the pages without a text layer and put their lines in page order; without an
    engine, a document that is all images is rejected and a document with a few image
    pages keeps its text pages (the encoding says which pages were not read)."""
    engine, why_not = ocr.available_engine()
    if engine is None:
        if len(image_pages) == n_pages:
            raise UnreadableDocument(
                f"scanned PDF ({n_pages} page{'s' if n_pages > 1 else ''} of images, no text layer) and {why_not}"
            )
        return lines, pages, f"pdf text layer; pages {_ranges(image_pages)} are images, not read ({why_not})"
    by_page: dict[int, list[str]] = {}
    for number, page_text in zip(image_pages, ocr.ocr_pdf_pages(engine, data, image_pages), strict=True):
        by_page[number] = page_text
    merged_lines: list[str] = []
    merged_pages: list[int] = []
    text_by_page: dict[int, list[str]] = {}
    for line, number in zip(lines, pages, strict=True):
        text_by_page.setdefault(number, []).append(line)
    for number in range(1, n_pages + 1):
        page_text = by_page.get(number) or text_by_page.get(number) or []
        merged_lines.extend(page_text)
        merged_pages.extend([number] * len(page_text))
    if len(image_pages) == n_pages:
        how = f"ocr ({engine.name})"
    else:
        how = f"pdf text layer; pages {_ranges(image_pages)} by ocr ({engine.name})"
    return merged_lines, merged_pages, how


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'"""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _open_error(exc: Exception) -> str:
    chain = []
    e: BaseException | None = exc
    while e is not None:
        chain.append(e)
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
    names = {type(e).__name__ for e in chain}
    if names & {"PDFPasswordIncorrect", "PDFEncryptionError"}:
        return (
            "encrypted PDF that needs a password to open: download an unprotected copy from the publisher, "
            "or open it with the password and print it to a new PDF"
        )
    messages = list(dict.fromkeys(str(e) for e in chain if str(e)))
    return f"damaged PDF ({'; '.join(messages)}); download it again"
