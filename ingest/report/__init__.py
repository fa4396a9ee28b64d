"""`python -m ingest report`: a static site of charts and findings, readable offline.

`build_site` writes, into one folder:
- `index.html` — every unit (by region) and every document, with its failed checks;
- `unit/<unit_id>.html` — per unit: "三公" by year, and per year spending by 功能分类 类
  (预算 beside 决算 where both exist, with the execution rate), 基本 vs 项目, 人员 vs 公用,
  project scores and the indicators not met;
- `document/<document_id>.html` — per document: its checks by rule, and each failed check
  with the printed lines it is about (`raw.table_lines`), the flagged line highlighted.

No server and nothing fetched: charts are inline SVG drawn by `charts.py`, the style is in
each page. Data is read by `data.py` (plain data classes), pages by `pages.py` (Jinja2
templates with autoescape). A per-document quality report (tables found by kind, facts,
checks per document) fits as another section of the document page (`document.html`, data in
`data.document_report`) and as its own command beside this one (`ingest report quality`:
the `report` command is a group).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..sqlguard import open_read_only
from . import data
from .pages import render_document, render_index, render_unit

__all__ = ["SiteResult", "build_site"]


@dataclass
class SiteResult:
    index: Path
    unit_pages: dict[str, Path]  # unit name -> page
    document_pages: dict[str, Path]  # source file -> page


def build_site(db_path, out_dir: Path) -> SiteResult:
    """Write the report site for the warehouse at `db_path` into `out_dir`."""
    out_dir = Path(out_dir)
    (out_dir / "unit").mkdir(parents=True, exist_ok=True)
    (out_dir / "document").mkdir(parents=True, exist_ok=True)
    warehouse = Path(db_path).name
    con = open_read_only(db_path)
    try:
        docs = data.documents(con)
        units = data.units(con, docs)
        unit_pages: dict[str, Path] = {}
        for unit in units:
            page = out_dir / "unit" / f"{unit.unit_id}.html"
            page.write_text(render_unit(data.unit_report(con, unit), warehouse), encoding="utf-8")
            unit_pages[unit.unit_name] = page
        document_pages: dict[str, Path] = {}
        for ref in docs:
            page = out_dir / "document" / f"{ref.document_id}.html"
            page.write_text(render_document(data.document_report(con, ref), warehouse), encoding="utf-8")
            document_pages[ref.source_file] = page
    finally:
        con.close()
    index = out_dir / "index.html"
    index.write_text(render_index(units, docs, warehouse), encoding="utf-8")
    return SiteResult(index, unit_pages, document_pages)
