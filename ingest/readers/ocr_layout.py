"""A scanned page's geometry: ruling lines found in the image, text boxes placed in cells.

The same idea as pdf_layout.py with pixels instead of drawing commands: long runs of dark
pixels are the table's ruling lines; pdfplumber's edge → intersection → cell → table steps
(the ones it runs on a PDF's drawn lines) make the cells; each OCR box belongs to the cell
that holds its centre, and a cell's boxes read top to bottom, left to right. The engine
sometimes reads the text of two neighbouring cells as one box (a wrapped header, '公务用车购'
and '公务用车运行' side by side, come out as '公务用车购公务用车运行'): such a box is cut at
the ruling lines it crosses, by its characters' widths, before the boxes are placed. Boxes
outside every table are grouped into text lines by vertical overlap.
"""

from __future__ import annotations

LINE_MIN_SHARE = 1 / 30  # a ruling line is at least this share of the page's width (height)
TOLERANCE = 6  # pixels: snapping and joining line ends (a scan's lines wobble)

Box = tuple[float, float, float, float, str]


def grid_tables(image) -> list[list[list[tuple[float, float, float, float] | None]]]:
    """Tables as rows of cell boxes (None where a merged cell covers the grid position)."""
    import cv2
    from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    height, width = ink.shape
    edges = []
    for orientation, kernel in (
        ("h", cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, int(width * LINE_MIN_SHARE)), 1))),
        ("v", cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, int(height * LINE_MIN_SHARE))))),
    ):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            if orientation == "h":
                mid = y + h / 2
                edges.append(_edge("h", x, mid, x + w, mid))
            else:
                mid = x + w / 2
                edges.append(_edge("v", mid, y, mid, y + h))
    if not edges:
        return []
    edges = merge_edges(edges, TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    cells = intersections_to_cells(edges_to_intersections(edges, TOLERANCE, TOLERANCE))
    tables = []
    for group in cells_to_tables(cells):
        rows = [list(row.cells) for row in Table(None, group).rows]  # type: ignore[arg-type]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append(rows)
    return tables


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "object_type": "line",
    }


def place_boxes(boxes: list[Box], tables) -> list[str]:
    """Table rows (tab-separated) and text lines, top to bottom."""
    out: list[tuple[float, str]] = []
    used: set[int] = set()
    for rows in tables:
        cells = [c for row in rows for c in row if c is not None]
        boxes = [piece for b in boxes for piece in split_straddling(b, cells)]
    for rows in tables:
        for row in rows:
            texts = []
            top = min(c[1] for c in row if c is not None)
            for cell in row:
                if cell is None:
                    texts.append("")
                    continue
                inside = [k for k, b in enumerate(boxes) if k not in used and _centre_in(b, cell)]
                used.update(inside)
                texts.append(join_boxes([boxes[k] for k in inside], sep=""))
            out.append((top, "\t".join(texts)))
    rest = [b for k, b in enumerate(boxes) if k not in used]
    for line in group_lines(rest):
        out.append((min(b[1] for b in line), join_boxes(line, sep=" ")))
    out.sort(key=lambda item: item[0])
    return [text for _, text in out]


def _char_width(ch: str) -> float:
    return 0.55 if ch.isascii() else 1.0  # Latin letters, digits and ASCII marks are narrower


def split_straddling(box: Box, cells) -> list[Box]:
    """A box read across the ruling line(s) between cells of one row, cut into one piece per
    cell it covers (by its characters' widths); any other box unchanged. A box covers a cell
    when its middle height is in the cell and it reaches half a character into it."""
    x0, top, x1, bottom, text = box
    widths = [_char_width(ch) for ch in text]
    total = sum(widths)
    if len(text) < 2 or total <= 0 or x1 <= x0:
        return [box]
    unit = (x1 - x0) / total  # pixels per width unit
    mid = (top + bottom) / 2
    covered = sorted(
        (c for c in cells if c[1] <= mid < c[3] and min(x1, c[2]) - max(x0, c[0]) > unit / 2),
        key=lambda c: c[0],
    )
    if len(covered) < 2:
        return [box]
    pieces: list[Box] = []
    start, left, x = 0, x0, x0
    for cell in covered[:-1]:
        end = start
        while end < len(text) and x + widths[end] * unit / 2 < cell[2]:  # the character's middle is left of the line
            x += widths[end] * unit
            end += 1
        if end > start and text[start:end].strip():
            pieces.append((left, top, x, bottom, text[start:end].strip()))
        start, left = end, x
    if text[start:].strip():
        pieces.append((left, top, x1, bottom, text[start:].strip()))
    return pieces or [box]


def group_lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines: a box joins the line whose vertical extent holds its middle."""
    lines: list[list[Box]] = []
    bands: list[tuple[float, float]] = []
    for b in sorted(boxes, key=lambda b: (b[1], b[0])):
        mid = (b[1] + b[3]) / 2
        for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            if bands[k][0] <= mid <= bands[k][1]:
                lines[k].append(b)
                break
        else:
            lines.append([b])
            bands.append((b[1], b[3]))
    return lines


def join_boxes(boxes: list[Box], sep: str) -> str:
    """A cell's (or line's) boxes in reading order: lines top to bottom, boxes left to right."""
    parts = []
    for line in group_lines(boxes):
        parts.append(sep.join(b[4] for b in sorted(line, key=lambda b: b[0])))
    return "".join(parts) if sep == "" else " ".join(parts)


def _centre_in(box: Box, cell: tuple[float, float, float, float]) -> bool:
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2
    return cell[0] <= x < cell[2] and cell[1] <= y < cell[3]
