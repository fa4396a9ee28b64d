"""R20 over tiny documents: a money table printed in whole 元 (bare integers, no decimals) that
the parser reads as nothing is loud, and a table whose only bare integers are 序号, codes,
栏次 numbers and years is not taken to print amounts.

Both documents print a 政府性基金收支表 as a 收支 statement with 类 names and no codes (收入 |
支出功能分类科目（按大类） | 部门预算支出经济分类科目（按大类） | 政府预算支出经济分类科目（按大类）),
a layout the subject parser does not read (tests/fixtures/corpus/financial_findings.csv lists a
real one, printed with decimals). Only the raw layer and the models R20 needs are built (no dbt
tests), on the two documents alone.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest import pipeline


def printed(line: str) -> str:
    """A table line as the text extraction prints it: cells separated by tabs (written here with
    ' | ' for legibility)."""
    return "\t".join(line.split(" | "))


HEADER = [
    printed("序号 | 收 入 |  | 支 出 |  |  |  |  | "),
    printed(
        " | 项 目 | 预算数 | 支出功能分类科目（按大类） | 预算数 | 部门预算支出经济分类科目（按大类） | 预算数"
        " | 政府预算支出经济分类科目（按大类） | 预算数"
    ),
]

# whole 元, no decimal point anywhere: 1,250,000 元 of fund revenue spent on 城乡社区支出
WHOLE_YUAN = [
    printed(
        "1 | 一、政府性基金拨款 | 1250000 | 一、城乡社区支出 | 1250000 | 一、人员经费和公用经费支出 | 0 | 一、机关工资福利支出 | 0"
    ),
    printed("2 |  | 0 | 二、农林水支出 | 0 | 二、专项业务经费支出 | 1250000 | 二、机关商品和服务支出 | 1200000"),
    printed("3 |  | 0 | 三、其他支出 | 0 | 商品和服务支出 | 1200000 | 三、机关资本性支出（一） | 50000"),
    printed("4 |  | 0 |  | 0 | 资本性支出 | 50000 |  | 0"),
    printed("5 | 本年收入合计 | 1250000 | 本年支出合计 | 1250000 | 本年支出合计 | 1250000 | 本年支出合计 | 1250000"),
]

# nothing but zeros: the bare integers are 序号 (1 … 4), 类 codes (212, 213), a 栏次 line and a year
ZEROS_ONLY = [
    printed(" | 栏次 | 1 |  | 2 |  | 3 |  | 4"),
    printed("1 | 一、政府性基金拨款 | 0 | 212 | 城乡社区支出 | 0 | 一、人员经费和公用经费支出 | 0 | 0"),
    printed("2 |  | 0 | 213 | 农林水支出 | 0 | 二、专项业务经费支出 | 0 | 0"),
    printed("3 | 年度 | 2022 |  |  | 0 |  | 0 | 0"),
    printed("4 | 本年收入合计 | 0 | 本年支出合计 | 0 | 本年支出合计 | 0 | 本年支出合计 | 0"),
]


def document(unit: str, rows: list[str]) -> str:
    return "\n".join(
        [
            f"{unit} 2022 年部门综合预算",
            "第四部分 公开报表",
            "表9",
            "2022年部门综合预算政府性基金收支表（不含上年结转）",
            f"预算单位：{unit} 金额单位：元",
            *HEADER,
            *rows,
        ]
    )


@pytest.fixture(scope="module")
def r20(tmp_path_factory) -> dict[str, tuple[float, float]]:
    """R20 of each document's fund table: source file → (printed_value, computed_value)."""
    folder = tmp_path_factory.mktemp("r20")
    inp = folder / "input"
    inp.mkdir()
    (inp / "whole_yuan.txt").write_text(document("某某市甲局", WHOLE_YUAN), encoding="utf-8")
    (inp / "zeros_only.txt").write_text(document("某某市乙局", ZEROS_ONLY), encoding="utf-8")
    db = folder / "warehouse.duckdb"
    result = pipeline.refresh(inp, db, build=False)
    assert result.documents_parsed == 2, result.as_dict()
    ok, out = pipeline.run_dbt(db, [["seed"], ["run", "--select", "+recon_tables_read"]], target_path=folder / "target")
    assert ok, out[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        amounts = con.execute("select count(*) from raw.amount_cells").fetchone()[0]
        assert amounts == 0, "the 收支 statement layout is read now: these tests need a table the parser reads as nothing"
        rows = con.execute(
            """select d.source_file, r.printed_value, r.computed_value
               from reconciliation.recon_tables_read r join raw.documents d using (document_id)
               join raw.tables t using (document_id, table_no)
               where r.rule_id = 'R20' and t.table_kind = 'gov_fund'"""
        ).fetchall()
    return {Path(f).name: (p, c) for f, p, c in rows}


def test_a_table_printing_whole_yuan_read_as_nothing_fails(r20):
    # '1 | 一、政府性基金拨款 | 1250000 | 一、城乡社区支出 | 1250000 …': the table prints amounts
    # (bare integers after a name), the parser yields none
    assert r20["whole_yuan.txt"] == (1.0, 0.0)


def test_serial_numbers_codes_column_numbers_and_years_are_not_amounts(r20):
    # '栏次 | 1 | | 2 …', '2 | | 0 | 213 | 农林水支出 | 0 …', '3 | 年度 | 2022 …': every amount is 0
    assert r20["zeros_only.txt"] == (0.0, 0.0)
