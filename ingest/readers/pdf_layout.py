"""One PDF page's geometry → the lines the parser reads: table rows tab-separated, text lines.

Why geometry and not a text dump: a budget table is a grid of ruling lines. pdfplumber finds
the cells from those lines, so a cell's text stays in its column even where the page prints
it wrapped over three lines, and a merged cell's text lands in the column and row where it
starts (its other grid positions stay empty, as a text extraction leaves them). Everything
outside the tables is text, grouped into lines by vertical overlap, so a year set in another
font on a slightly lower baseline stays on its title line ('关于 2026 年…', not '关于 年…' and
'2026' on the next line).

Not every grid is a table: word processors put a white, borderless box behind runs of
running text ('收入预算 [1935.36] 万元'); nobody sees those boxes, so they draw no ruling lines.
A one- or two-row "table" with text beside it on the same line is a highlight too; its words
are read as text, where they belong.

Inside a cell, characters make one line when their heights overlap by more than half a glyph,
not only when their tops are within pdfplumber's fixed 3 points: a cell that sets its number
in a Latin font a few points lower than its Chinese unit ('≤184.94' beside '万元', tops 3.3 pt
apart) reads '≤184.94万元', not '万元≤184.94' (the unit's line first, then the number's).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

# pdfplumber's defaults: lines drawn (or rectangles' edges) make the grid
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
WORD_X_TOLERANCE = 3  # points between characters of one word (pdfplumber's default)
CELL_Y_TOLERANCE = 3  # points between the tops of characters on one line of a cell (pdfplumber's default) …
SAME_LINE_SHARE = 0.45  # … or less than this share of a glyph's height, when that is more


@dataclass
class PageLine:
    top: float
    text: str  # cells joined by tabs for a table row


def page_lines(page) -> list[str]:
    """The page's lines, top to bottom."""
    if has_doubled_glyphs(page.chars):
        page = page.dedupe_chars(tolerance=1)
    drawn = page.filter(lambda o: not _is_invisible_box(o)) if any(_is_invisible_box(r) for r in page.rects) else page
    tables = [t for t in drawn.find_tables(TABLE_SETTINGS) if not _is_inline_highlight(t, page)]
    out: list[PageLine] = []
    y_tolerance = cell_line_tolerance(page.chars) if tables else CELL_Y_TOLERANCE
    for table in tables:
        for row, cells in zip(table.rows, table.extract(y_tolerance=y_tolerance), strict=True):
            out.append(PageLine(row.bbox[1], "\t".join(join_cell_lines(c) for c in cells)))
    boxes = [t.bbox for t in tables]
    text_page = page.filter(lambda o: o.get("object_type") != "char" or not _inside_any(o, boxes)) if boxes else page
    out.extend(text_lines(text_page))
    out.sort(key=lambda pl: pl.top)  # stable: rows of one table keep their order
    return [pl.text for pl in out]


def cell_line_tolerance(chars: list[dict]) -> float:
    """How far apart (points) the tops of two characters of one cell line may be: under half
    the page's typical glyph height, so a number set a little lower than its unit stays on
    the unit's line, while a cell's wrapped lines (a full line height apart) stay apart."""
    heights = [c["bottom"] - c["top"] for c in chars if c["text"].strip()]
    if not heights:
        return CELL_Y_TOLERANCE
    return max(CELL_Y_TOLERANCE, SAME_LINE_SHARE * statistics.median(heights))


def has_doubled_glyphs(chars: list[dict]) -> bool:
    """Fake bold: each glyph printed twice, a hair apart ('预预算算' in a text dump). A cheap
    test first, since pdfplumber's exact de-duplication costs a fifth of the reading time."""
    seen = set()
    for c in chars:
        key = (c["text"], int(c["x0"] // 2), int(c["top"] // 2))
        if key in seen:
            return True
        seen.add(key)
    return False


def join_cell_lines(text: str | None) -> str:
    """A cell's text wrapped over several lines, as one string: Chinese joins without a space
    ('财政专户管理' + '事业收入'), a word of Latin letters keeps one ('Total' + 'amount')."""
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    if not parts:
        return ""
    out = parts[0]
    for p in parts[1:]:
        out += (" " if out[-1].isascii() and out[-1].isalpha() and p[0].isascii() and p[0].isalpha() else "") + p
    return out


def text_lines(page) -> list[PageLine]:
    """Words grouped into lines: a word joins the line whose vertical extent holds its middle
    (so a baseline shifted by a font change stays on its line), words left to right."""
    words = page.extract_words(x_tolerance=WORD_X_TOLERANCE, y_tolerance=3, keep_blank_chars=False)
    words.sort(key=lambda w: (w["top"], w["x0"]))
    lines: list[list[dict]] = []
    bands: list[tuple[float, float]] = []
    for w in words:
        mid = (w["top"] + w["bottom"]) / 2
        for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):  # the last few lines only
            top, bottom = bands[k]
            if top <= mid <= bottom:
                lines[k].append(w)
                break
        else:
            lines.append([w])
            bands.append((w["top"], w["bottom"]))
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        out.append(PageLine(min(w["top"] for w in line), " ".join(w["text"] for w in line)))
    return out


_WHITE = {1, (1,), (1, 1, 1), (0, 0, 0, 0)}  # grey, RGB, CMYK white (1 == 1.0 in a set)


def _is_invisible_box(obj: dict) -> bool:
    """A white rectangle filled without a border: a text background the reader cannot see,
    whose edges are no ruling lines (word processors put one behind each highlighted run)."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return False
    color = obj.get("non_stroking_color")
    return (tuple(color) if isinstance(color, list) else color) in _WHITE


def _inside_any(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x < x1 and top <= y < bottom for x0, top, x1, bottom in boxes)


def _is_inline_highlight(table, page) -> bool:
    """Boxes drawn around words of a text line (one or two rows with text beside them)."""
    if len(table.rows) > 2:
        return False
    x0, top, x1, bottom = table.bbox
    for ch in page.chars:
        mid = (ch["top"] + ch["bottom"]) / 2
        if top <= mid <= bottom and (ch["x1"] <= x0 - 1 or ch["x0"] >= x1 + 1) and ch["text"].strip():
            return True
    return False
