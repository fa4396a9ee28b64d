"""Hand-read numbers of 31 real documents from 14 cities, asserted against the warehouse.

`tests/fixtures/corpus/financial_expected.csv` holds 479 numbers read by hand from the
documents in `tests/fixtures/corpus/docs/` (copied from ../shared/corpus; sources in
`docs_sources.md`): totals of the all-funds expenditure table, its 基本/项目 split, 类/款/项 rows
(all funds, 一般公共预算), the 一般公共预算 and 政府性基金预算 totals, 人员/公用经费, 部门经济分类
类/款 of the basic expenditure, every "三公" item and the income lines of the 收支总表, each with
the printed line. The values were read from the documents, never from this code.

A number the warehouse does not yet get right is listed in `KNOWN_MISREADS` with the reason
(a layout not read yet). The test fails when a listed number becomes right too, so the list
only shrinks and always says what is left.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from ingest import pipeline
from tests.corpus_expected import DOC, amount_matches, compare, money_fact, one, to_wan

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"

# (file, check, key, stage) -> why the warehouse does not give this number (yet)
KNOWN_MISREADS: dict[tuple[str, str, str, str], str] = {
    ("003_08cc7487b7", "public_total", "", "预算"): (
        "hand-read from the 商品和服务支出 row of the 基本支出总表, whose columns are funding sources "
        "(a table of kind other): the document prints no 人员/公用 split the facts can carry"
    ),
    **{
        ("020_891d54ad6c", check, key, "预算"): (
            "hand-read from the 收支总表's expenditure lines: this tables-only attachment prints no "
            "all-funds expenditure table by function, so there is no fct_expenditure row of 全部资金"
        )
        for check, key in (
            ("expenditure_total", ""),
            ("expenditure_basic", ""),
            ("expenditure_project", ""),
            ("expenditure_class", "224"),
        )
    },
    **{
        ("020_f3e1c25717", check, "", "预算"): (
            "hand-read from the 收支总表's expenditure side (本年支出合计, 人员经费和公用经费支出, 专项业务经费支出): "
            "the document prints no all-funds expenditure table by function (表3 支出总表 lists units by funding "
            "source) and its income is not all 一般公共预算 (其他收入 350), so no 全部资金 row can be derived"
        )
        for check in ("expenditure_total", "expenditure_basic", "expenditure_project")
    },
    **{
        ("017_ac7c3a0f82", check, key, "预算"): (
            "publisher's slip: under 20402 公安 (48200.88 in the 支出预算总表, 40200.88 in the 一般公共预算拨款支出预算表) "
            "the printed 项 rows sum to 9380.02 less (a 项目支出 项 row is not printed); the facts are the 项 rows, "
            "so the totals come out 9380.02 short and R01/R19 fail on both tables (financial_findings.csv)"
        )
        for check, key in (
            ("expenditure_total", ""),
            ("expenditure_project", ""),
            ("expenditure_class", "204"),
            ("gpb_total", ""),
        )
    },
}


def expected_rows() -> list[dict]:
    with (FIXTURES / "financial_expected.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def corpus_warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corpus_financial") / "warehouse.duckdb"
    result = pipeline.refresh(FIXTURES / "docs", db)
    assert result.published, result.dbt_summary
    assert result.rejections == [], result.rejections
    return db


def measured(con, row: dict) -> float | None:
    """What the warehouse says for one hand-read number."""
    source_file = row["file"] + ".txt"
    if row["check"] == "revenue":  # the printed line was read as the amount printed on it
        return one(
            con,
            "select max(amount) / case when max(amount_unit) = '元' then 10000 else 1 end from raw.amount_cells "
            "where document_id = " + DOC + " and subject_scheme = 'revenue' and line_no = ?",
            [source_file, int(row["line_no"])],
        )
    return money_fact(con, source_file, row["check"], row["key"], row["stage"])


def test_hand_read_numbers(corpus_warehouse):
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    try:
        rows = expected_rows()
        wrong, fixed = compare(
            rows,
            lambda row: measured(con, row),
            amount_matches,
            lambda row: (row["file"], row["check"], row["key"], row["stage"]),
            KNOWN_MISREADS,
            lambda row, got: f"printed {to_wan(row)} (line {row['line_no']}), warehouse {got}",
        )
        assert len(rows) >= 450
        assert wrong == [], "\n".join(wrong)
        assert fixed == [], f"read right now: remove from KNOWN_MISREADS: {fixed}"
    finally:
        con.close()


def test_every_document_and_city_is_covered():
    rows = expected_rows()
    files = {r["file"] for r in rows}
    cities = {re.match(r"(\d{3})_", f).group(1) for f in files}
    assert len(files) >= 30 and len(cities) >= 12
    assert {f"{f}.txt" for f in files} == {p.name for p in (FIXTURES / "docs").glob("*.txt")}


def test_a_department_code_printed_beside_two_government_codes_names_neither(corpus_warehouse):
    """025_2d85c703a1's 基本支出 table crosses 部门 with 政府 economic codes: '301	01	基本工资	501	01
    工资奖金津补贴	101.65' (line 286) and '301	01	基本工资	505	01	工资福利支出	222.58' (line 295). The
    fact 30101 is their sum, 324.23, and no single 政府 code is right for it."""
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    try:
        got = con.execute(
            "select amount_wan, gov_econ_code_printed from main.fct_basic_expenditure where econ_code = '30101' "
            "and document_id = (select document_id from main.dim_document where source_file = ? and is_current)",
            ["025_2d85c703a1.txt"],
        ).fetchall()
    finally:
        con.close()
    assert [(float(a), code) for a, code in got] == [(324.23, None)]
