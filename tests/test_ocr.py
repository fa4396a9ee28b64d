"""Scanned pages read by OCR (ingest/readers/ocr.py, ocr_layout.py).

A scan is made here from a real page: page 20 of tests/fixtures/pdf/015_5c96c5f19d.pdf (its
"三公" table, hand-read: 合计 8.00 | 3.00 | (blank) | 5.00 | (blank) | 5.00) rendered to a JPEG
and wrapped in a PDF without a text layer, upright and turned sideways. The OCR reading must
put every number in the cell the text layer puts it in. Needs the OCR engine
(rapidocr-onnxruntime, in requirements.txt): skips and says why where it cannot load.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from ingest import readers
from ingest.readers import ocr
from ingest.text import UnreadableDocument
from tests.pdfmaker import image, make_pdf

PDF_015 = Path(__file__).resolve().parent / "fixtures" / "pdf" / "015_5c96c5f19d.pdf"
THREE_PUBLIC_ROWS = [
    "部门名称\t三公经费预（决）算数（财政拨款）\t\t\t\t\t",
    "\t小计\t公务接待费\t因公出国（境）费\t公务用车购置及运行费\t其中：公务用车购置\t其中：公务用车运行费",
    "合计\t8.00\t3.00\t\t5.00\t\t5.00",
    "长沙市信访局\t8.00\t3.00\t\t5.00\t\t5.00",
]


def _engine_or_skip():
    engine, why_not = ocr.available_engine()
    if engine is None:
        pytest.skip(f"OCR engine unavailable: {why_not}")
    return engine


def scan_of(page_no: int, turn: int = 0) -> bytes:
    """A picture of one page of 015 (≈ 150 dpi JPEG), as the only content of a PDF page."""
    import pypdfium2

    page = pypdfium2.PdfDocument(PDF_015)[page_no - 1]
    width, height = page.get_size()
    picture = page.render(scale=2.0).to_pil().convert("RGB")
    if turn:
        picture = picture.rotate(turn, expand=True)
        if turn % 180:
            width, height = height, width
    buf = io.BytesIO()
    picture.save(buf, "JPEG", quality=80)
    return make_pdf([[image(0, 0, width, height)]], width=width, height=height, jpeg=(buf.getvalue(), *picture.size))


@pytest.mark.parametrize("turn", [0, -90], ids=["upright", "sideways"])
def test_a_scanned_table_reads_into_the_same_cells_as_its_text_layer(tmp_path, turn):
    _engine_or_skip()
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_of(20, turn))
    doc = readers.read_document(path, "scan.pdf")
    assert doc.encoding == "ocr (rapidocr)"
    assert doc.pages == [1] * len(doc.lines)
    assert doc.lines[0] == "2026年一般公共预算“三公”经费支出情况表"
    start = doc.lines.index(THREE_PUBLIC_ROWS[0])
    assert doc.lines[start : start + 4] == THREE_PUBLIC_ROWS


def test_without_the_engine_a_scan_is_refused_with_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as if not installed
    ocr.available_engine.cache_clear()
    try:
        path = tmp_path / "scan.pdf"
        path.write_bytes(make_pdf([[image(0, 0, 595, 842)]]))
        with pytest.raises(UnreadableDocument) as info:
            readers.read_document(path, "scan.pdf")
        assert str(info.value).startswith("scanned PDF (1 page of images, no text layer) and no OCR engine is installed")
        assert "pip install rapidocr-onnxruntime" in str(info.value)
    finally:
        ocr.available_engine.cache_clear()


def test_ocr_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("INGEST_OCR", "off")
    ocr.available_engine.cache_clear()
    try:
        assert ocr.available_engine() == (None, "OCR is turned off (INGEST_OCR=off)")
    finally:
        ocr.available_engine.cache_clear()


def test_text_boxes_go_to_the_cell_that_holds_their_centre():
    from ingest.readers.ocr_layout import place_boxes

    # one table of two rows: a header cell spanning both columns, then two cells
    table = [[(0, 0, 200, 20), None], [(0, 20, 100, 40), (100, 20, 200, 40)]]
    boxes = [
        (10, 2, 120, 18, "三公经费"),
        (5, 22, 40, 38, "合计"),
        (150, 22, 195, 38, "8.00"),
        (10, 60, 80, 75, "注：本表"),
        (85, 61, 150, 76, "反映"),
    ]
    assert place_boxes(boxes, [table]) == ["三公经费\t", "合计\t8.00", "注：本表 反映"]
