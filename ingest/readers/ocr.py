"""OCR for pages without a text layer (scans). Placeholder: no engine yet."""

from __future__ import annotations

INSTALL_HINT = "no OCR engine is installed"


def available_engine():
    """(engine, None) or (None, why not)."""
    return None, INSTALL_HINT


def ocr_pdf_pages(engine, data: bytes, numbers: list[int]) -> list[list[str]]:
    raise NotImplementedError
