"""Charts as inline SVG, drawn here: no JavaScript, no chart library, nothing fetched.

The report is read offline (a file:// page, an e-mail attachment, an archive), so every chart
is plain SVG in the page: it prints, it scales, and a screen reader gets each chart's title
and each bar's value (<title> elements). Two shapes cover the report:

- ``grouped_bars``: one row per category (a 功能分类 类, a project), one bar per series
  (预算 / 决算) — a single series is the plain bar chart;
- ``stacked_bars``: one row per category (a stage, a year), its segments side by side
  (基本支出 | 项目支出, the "三公" items), with the row's total at the end.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 760
LABEL_WIDTH = 230
VALUE_WIDTH = 110
ROW_HEIGHT = 22
BAR_GAP = 4
FONT = 12
PALETTE = ("#2f6db5", "#e07b39", "#3a9a5b", "#b5463f", "#7d5ba6", "#8c6d31", "#c45c9a", "#5d6d7e")


@dataclass
class Series:
    name: str
    values: Sequence[float | None]  # one per category; None = not printed


def text_width(text: str, size: int = FONT) -> float:
    """Rendered width estimate: CJK and full-width characters are about one em, others half."""
    return sum(size if unicodedata.east_asian_width(ch) in ("W", "F") else size * 0.56 for ch in text)


def fit(text: str, width: float, size: int = FONT) -> str:
    """The text, cut with an ellipsis to fit `width` (the full text stays in a <title>)."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out + "…"


def money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _svg(height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="inherit" font-size="{FONT}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _legend(names: Sequence[str], y: int) -> list[str]:
    parts, x = [], LABEL_WIDTH
    for i, name in enumerate(names):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 10}">{escape(name)}</text>')
        x += 16 + int(text_width(name)) + 18
    return parts


def _label(y: float, text: str) -> str:
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y}" text-anchor="end" dominant-baseline="middle">'
        f"<title>{escape(text)}</title>{escape(fit(text, LABEL_WIDTH - 12))}</text>"
    )


def grouped_bars(title: str, categories: Sequence[str], series: Sequence[Series], unit: str = "万元") -> str:
    """Horizontal bars: per category one bar per series, to a common scale."""
    values = [v for s in series for v in s.values if v is not None]
    top = max([abs(v) for v in values] + [0.0]) or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bar = ROW_HEIGHT - BAR_GAP if len(series) == 1 else 16
    block = bar * len(series) + 8
    legend = len(series) > 1
    y0 = 26 if legend else 6
    height = y0 + block * len(categories) + 6
    body = _legend([s.name for s in series], 4) if legend else []
    for i, category in enumerate(categories):
        y = y0 + i * block
        body.append(_label(y + bar * len(series) / 2, category))
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            length = max(1.0, span * abs(value) / top) if value else 0.0
            colour = PALETTE[j % len(PALETTE)]
            tip = f"{category} · {s.name}: {money(value)} {unit}"
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + j * bar}" width="{length:.1f}" height="{bar - 2}" fill="{colour}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            body.append(
                f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + j * bar + (bar - 2) / 2}" '
                f'dominant-baseline="middle" fill="#333">{money(value)}</text>'
            )
    return _svg(height, title, body)


def stacked_bars(title: str, categories: Sequence[str], segments: Sequence[Series], unit: str = "万元") -> str:
    """Horizontal stacked bars: per category its segments end to end, total at the end; each
    segment wide enough is labelled with its share of the row."""
    totals = [sum(s.values[i] or 0.0 for s in segments) for i in range(len(categories))]
    top = max(totals + [0.0]) or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    y0, block = 26, ROW_HEIGHT + 8
    height = y0 + block * len(categories) + 6
    body = _legend([s.name for s in segments], 4)
    for i, category in enumerate(categories):
        y = y0 + i * block
        body.append(_label(y + ROW_HEIGHT / 2, category))
        x = float(LABEL_WIDTH)
        for j, s in enumerate(segments):
            value = s.values[i] or 0.0
            if value <= 0:
                continue
            length = span * value / top
            colour = PALETTE[j % len(PALETTE)]
            share = value / totals[i] * 100 if totals[i] else 0.0
            tip = f"{category} · {s.name}: {money(value)} {unit} ({share:.1f}%)"
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{ROW_HEIGHT}" fill="{colour}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            label = f"{share:.0f}%"
            if length > text_width(label) + 6:
                body.append(
                    f'<text x="{x + length / 2:.1f}" y="{y + ROW_HEIGHT / 2}" text-anchor="middle" '
                    f'dominant-baseline="middle" fill="#fff">{label}</text>'
                )
            x += length
        body.append(
            f'<text x="{x + 4:.1f}" y="{y + ROW_HEIGHT / 2}" dominant-baseline="middle" fill="#333">{money(totals[i])}</text>'
        )
    return _svg(height, title, body)


def score_bars(title: str, names: Sequence[str], scores: Sequence[float | None], grades: Sequence[str | None]) -> str:
    """Project scores on a 0–100 scale, coloured by grade (优 ≥90, 良 ≥80, 中 ≥60, 差 below)."""
    colours = {"优": "#3a9a5b", "良": "#2f6db5", "中": "#e0a030", "差": "#b5463f"}
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    y0, block = 6, ROW_HEIGHT
    height = y0 + block * len(names) + 20
    body = []
    for tick in (60, 80, 90, 100):
        x = LABEL_WIDTH + span * tick / 100
        body.append(f'<line x1="{x:.1f}" y1="{y0}" x2="{x:.1f}" y2="{height - 16}" stroke="#ccc" stroke-dasharray="3,3"/>')
        body.append(f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" fill="#666">{tick}</text>')
    for i, name in enumerate(names):
        y = y0 + i * block
        body.append(_label(y + (ROW_HEIGHT - 4) / 2, name))
        score, grade = scores[i], grades[i]
        if score is None:
            continue
        length = span * max(0.0, min(score, 100.0)) / 100
        colour = colours.get(grade or "", "#888")
        tip = f"{name}: {score:g} 分 {grade or ''}"
        body.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{ROW_HEIGHT - 4}" fill="{colour}">'
            f"<title>{escape(tip)}</title></rect>"
        )
        body.append(
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + (ROW_HEIGHT - 4) / 2}" dominant-baseline="middle">'
            f"{score:g} {escape(grade or '')}</text>"
        )
    return _svg(height, title, body)
