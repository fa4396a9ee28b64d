"""Real budget PDFs read through ingest/readers/: printed numbers in the right place, and the
same reading as the text extracted from the same PDF.

The three PDFs in tests/fixtures/pdf/ are public documents from the corpus (names kept; source
in tests/fixtures/pdf/SOURCES.md). Their hand-read figures are the corpus fixture
tests/fixtures/corpus/financial_expected.csv (read from the documents by people). The
comparison with the text path needs ../shared/corpus/txt and skips without it.
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from ingest import pipeline
from ingest.parse_document import parse_path, parse_source
from ingest.readers import read_document

HERE = Path(__file__).resolve().parent
PDFS = HERE / "fixtures" / "pdf"
EXPECTED = HERE / "fixtures" / "corpus" / "financial_expected.csv"
CORPUS_TXT = HERE.parent.parent / "shared" / "corpus" / "txt"
NAMES = ["001_1a99015595", "003_08cc7487b7", "015_5c96c5f19d"]

# hand-read check -> (table kind, amount column) of the table's 合计 row that prints it
TOTALS = {
    "expenditure_total": ("expenditure_all", "合计"),
    "expenditure_basic": ("expenditure_all", "基本支出"),
    "expenditure_project": ("expenditure_all", "项目支出"),
    "gpb_total": ("gpb_func", "合计"),
    "personnel_total": ("basic_econ", "人员经费"),
}


@pytest.fixture(scope="module")
def parsed_pdfs():
    return {name: parse_path(PDFS / f"{name}.pdf", f"{name}.pdf") for name in NAMES}


def hand_read() -> list[dict]:
    with EXPECTED.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["file"] in NAMES and r["check"] in TOTALS]


def test_hand_read_totals_are_read_from_the_pdfs(parsed_pdfs):
    rows = hand_read()
    assert len(rows) >= 12  # 001: 5, 003: 4, 015: 5 (see financial_expected.csv)
    for r in rows:
        parsed = parsed_pdfs[r["file"]]
        kind, measure = TOTALS[r["check"]]
        tables = {t.table_no: t for t in parsed.tables}
        found = [
            a.amount
            for a in parsed.amounts
            if a.row_kind == "total" and a.measure == measure and tables[a.table_no].table_kind == kind
        ]
        assert found and found[0] == pytest.approx(float(r["printed_value"])), (r["file"], r["check"], found)


def test_three_public_table_of_015_on_its_page(parsed_pdfs):
    """015_5c96c5f19d.pdf page 20, '2026年一般公共预算“三公”经费支出情况表', 合计 row:
    小计 8.00 | 公务接待费 3.00 | 因公出国（境）费 (blank) | 公务用车购置及运行费 5.00 | 其中：公务用车购置 (blank) | 其中：公务用车运行费 5.00"""
    parsed = parsed_pdfs["015_5c96c5f19d"]
    src = parsed.source
    table = next(t for t in parsed.tables if t.table_kind == "three_public")
    assert src.page(table.title_line) == 20
    total = next(r for r in table.rows if r.cells[0] == "合计")
    assert src.page(total.line_no) == 20
    assert total.cells == ["合计", "8.00", "3.00", "", "5.00", "", "5.00"]


def test_pages_of_a_table_continued_over_two_pages(parsed_pdfs):
    """015 page 18-19: 一般公共预算基本支出情况表, from 301 工资福利支出 (p. 18) to 30399 (p. 19)."""
    parsed = parsed_pdfs["015_5c96c5f19d"]
    src = parsed.source
    table = next(t for t in parsed.tables if t.table_kind == "basic_econ")
    pages = {r.cells[0]: src.page(r.line_no) for r in table.rows if r.cells and r.cells[0]}
    assert pages["30101"] == 18 and pages["30202"] == 19 and pages["30399"] == 19


# ------------------------------------------------------------------ the same document from its text

needs_corpus = pytest.mark.skipif(
    not CORPUS_TXT.is_dir(), reason=f"the corpus texts are not at {CORPUS_TXT} (../shared/corpus beside the project)"
)


def _reading(parsed) -> tuple:
    kinds = {t.table_no: t.table_kind for t in parsed.tables}
    amounts = Counter(
        (kinds[a.table_no], a.row_kind, a.subject_scheme, a.subject_code, a.subject_name, a.measure, a.amount, a.amount_unit)
        for a in parsed.amounts
    )
    projects = Counter(
        (p.stage, p.project_name, p.budget_wan, p.executed_wan, p.score_total) for p in parsed.performance.projects
    )
    indicators = Counter((i.level1, i.level2, i.indicator_name, i.target_raw, i.weight) for i in parsed.performance.indicators)
    tables = [(t.table_kind, t.title, len(t.rows)) for t in parsed.tables]
    return parsed.info, tables, amounts, projects, indicators


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_pdf_and_its_extracted_text_read_the_same(parsed_pdfs, name):
    from_text = parse_source(read_document(CORPUS_TXT / f"{name}.txt"))
    from_pdf = parsed_pdfs[name]
    assert len(from_pdf.amounts) > 90
    for what, a, b in zip(("info", "tables", "amounts", "projects", "indicators"), _reading(from_pdf), _reading(from_text)):
        assert a == b, f"{name}: {what} differ"


# ------------------------------------------------------------------ a user's folder of downloads


@pytest.fixture(scope="module")
def downloads_warehouse(tmp_path_factory) -> Path:
    """What a crawler leaves: two budget PDFs, an HTML page and an empty file named .pdf, a
    Word file; refreshed without dbt (the raw layer says what was read and refused)."""
    folder = tmp_path_factory.mktemp("downloads")
    for name in NAMES[1:]:
        shutil.copy(PDFS / f"{name}.pdf", folder / f"{name}.pdf")
    (folder / "门户网站.pdf").write_text("<!DOCTYPE html><html><head><title>门户网站</title></head></html>", encoding="utf-8")
    (folder / "空文件.pdf").write_bytes(b"")
    with zipfile.ZipFile(folder / "说明.docx", "w") as docx:
        docx.writestr("word/document.xml", "<w:document/>")
    db = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    result = pipeline.refresh(folder, db, build=False)
    assert result.documents_seen == 5
    return db


def test_downloads_folder_publishes_pdfs_and_says_why_the_rest_was_refused(downloads_warehouse):
    con = duckdb.connect(str(downloads_warehouse), read_only=True)
    try:
        docs = dict(con.execute("select source_file, encoding from raw.documents").fetchall())
        rejected = dict(con.execute("select source_file, reason from raw.ingest_rejections").fetchall())
        pages = con.execute(
            "select min(page_no), max(page_no), count(*) filter (where page_no is null) from raw.table_lines"
        ).fetchone()
    finally:
        con.close()
    assert docs == {"003_08cc7487b7.pdf": "pdf text layer", "015_5c96c5f19d.pdf": "pdf text layer"}
    assert set(rejected) == {"门户网站.pdf", "空文件.pdf", "说明.docx"}
    assert "HTML web page" in rejected["门户网站.pdf"]
    assert rejected["空文件.pdf"].startswith("empty file")
    assert rejected["说明.docx"].startswith("a Word document: open it and save it as PDF")
    assert pages[0] >= 1 and pages[1] >= 20 and pages[2] == 0  # every table line has its page


# ------------------------------------------------------------------ the crawler's junk in the corpus

CORPUS = HERE.parent.parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "manifest.tsv").exists(), reason=f"the corpus is not at {CORPUS}")
def test_every_junk_file_of_the_corpus_is_refused_with_what_it_is():
    """manifest.tsv says which corpus 'PDFs' are HTML pages or empty downloads (8 and 10)."""
    from ingest.text import UnreadableDocument

    with (CORPUS / "manifest.tsv").open(encoding="utf-8") as fh:
        junk = {r["name"]: r["what"] for r in csv.DictReader(fh, delimiter="\t") if r["what"].startswith("not a PDF")}
    assert len(junk) == 18
    for name, what in junk.items():
        with pytest.raises(UnreadableDocument) as info:
            read_document(CORPUS / "pdf" / f"{name}.pdf")
        expected = "an HTML web page saved under a .pdf name" if "HTML" in what else "empty file (0 bytes)"
        assert str(info.value).startswith(expected), (name, str(info.value))
