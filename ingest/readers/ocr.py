"""OCR for PDF pages without a text layer (scans), offline, into the lines the parser reads.

Engine: RapidOCR on ONNX Runtime (rapidocr-onnxruntime, Apache-2.0). Its wheel carries the
PP-OCRv4 Chinese detection and recognition models, so nothing is downloaded at run time and
`pip install -r requirements.txt` is the whole install. Without it (or when its native
libraries cannot load), a scan is refused with a reason that says what to install.

A scanned budget table is still a grid: its ruling lines are found in the image (long
horizontal and vertical runs of dark pixels, OpenCV morphology, which the engine already
depends on), turned into cells by pdfplumber's own edge → intersection → cell algorithm, and
each recognised text box goes to the cell that holds its centre. Rows come out tab-separated,
the rest as text lines, exactly as for a PDF with a text layer. A page printed sideways
(a landscape table scanned on a portrait page) is turned upright first.

OCR misreads a digit now and then: such a number fails the document's reconciliation checks
and shows as a finding; nothing here guesses a correction.
"""

from __future__ import annotations

import os
from functools import lru_cache

RENDER_LONG_SIDE = 2000  # pixels: the engine's own input limit (max_side_len), ≈ 170 dpi for A4
INSTALL_HINT = (
    "no OCR engine is installed: install rapidocr-onnxruntime (pip install rapidocr-onnxruntime==1.4.4 "
    "in the project's virtual environment; `make run` installs it from requirements.txt), then refresh again"
)


class RapidEngine:
    """RapidOCR: boxes as (x0, top, x1, bottom, text) in image pixels."""

    name = "rapidocr"

    def __init__(self, engine):
        self._engine = engine

    def boxes(self, image) -> list[tuple[float, float, float, float, str]]:
        result, _ = self._engine(image)
        out = []
        for quad, text, _score in result or []:
            xs = [p[0] for p in quad]
            ys = [p[1] for p in quad]
            if text.strip():
                out.append((min(xs), min(ys), max(xs), max(ys), text.strip()))
        return out

    def detect(self, image) -> list[tuple[float, float, float, float]]:
        """Where the text is, without reading it (a fifth of the time of a full reading)."""
        result, _ = self._engine(image, use_cls=False, use_rec=False)
        return [(min(p[0] for p in q), min(p[1] for p in q), max(p[0] for p in q), max(p[1] for p in q)) for q in result or []]

    def upside_down(self, image, regions) -> bool:
        """Most text lines read upside down (the engine's direction classifier, on a sample)."""
        crops = [image[int(t) : int(b), int(x0) : int(x1)] for x0, t, x1, b in regions if b - t > 8 and x1 - x0 > 8][:30]
        if not crops:
            return False
        _, labels, _ = self._engine.text_cls(crops)
        return sum(1 for label, score in labels if label == "180" and score > 0.8) > len(labels) / 2


@lru_cache(maxsize=1)
def available_engine():
    """(engine, None), or (None, why not: what to install). Loaded once per process.
    INGEST_OCR=off turns OCR off (scans are then refused as without an engine)."""
    if os.environ.get("INGEST_OCR", "").lower() in ("off", "0", "no", "false"):
        return None, "OCR is turned off (INGEST_OCR=off)"
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ModuleNotFoundError:
        return None, INSTALL_HINT
    except (ImportError, OSError) as exc:  # a native library of OpenCV or ONNX Runtime is missing
        return None, (
            f"the OCR engine cannot load ({exc}): install the system library it names "
            "(on Debian or Ubuntu: apt-get install libgl1 libglib2.0-0), then refresh again"
        )
    return RapidEngine(RapidOCR()), None


def ocr_pdf_pages(engine, data: bytes, numbers: list[int]) -> list[list[str]]:
    """The lines of each page numbered in `numbers` (1-based), rendered and recognised."""
    import numpy as np
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        out = []
        for number in numbers:
            page = pdf[number - 1]
            width, height = page.get_size()
            bitmap = page.render(scale=RENDER_LONG_SIDE / max(width, height, 1))
            image = np.asarray(bitmap.to_pil().convert("RGB"))
            out.append(image_lines(engine, image))
            page.close()
        return out
    finally:
        pdf.close()


def image_lines(engine, image) -> list[str]:
    """One page image → lines: grid tables as tab-separated rows, other text as lines."""
    from .ocr_layout import grid_tables, place_boxes

    image, boxes = upright(engine, image)
    return place_boxes(boxes, grid_tables(image))


def upright(engine, image):
    """(image, boxes) with the text horizontal and upright: a page whose text regions stand
    mostly taller than wide was printed sideways; it is turned a quarter, and half more if
    the engine's direction classifier then reads most lines upside down."""
    import cv2

    regions = engine.detect(image)
    tall = sum(1 for x0, top, x1, bottom in regions if (bottom - top) > 2 * (x1 - x0))
    wide = sum(1 for x0, top, x1, bottom in regions if (x1 - x0) > 2 * (bottom - top))
    if tall > wide:
        image = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
        if engine.upside_down(image, engine.detect(image)):
            image = cv2.rotate(image, cv2.ROTATE_180)
    return image, engine.boxes(image)
