"""The table-kind registry and the template vocabulary are data: adding a title form or a
header synonym is one line in seeds/registry/, and the parser reads a table that uses it."""

from __future__ import annotations

import csv
import shutil

import pytest

from ingest import registry
from ingest.financial import parse_financial_table, read_financial_table
from ingest.model import SourceDocument
from ingest.segment import segment_tables

# A title and a column header no template in the registry prints (invented for the test)
TABLE = """部门开支明细账表
单位：万元
科目编码\t科目名称\t总额\t专项开支\t日常运转经费
\t合计\t30.00\t10.00\t20.00
2010101\t行政运行\t30.00\t10.00\t20.00
"""


def _doc(text: str) -> SourceDocument:
    return SourceDocument("f.txt", "f.txt", "0" * 64, "utf-8", text.split("\n"))


@pytest.fixture()
def registry_copy(tmp_path, monkeypatch):
    """The registry read from a copy the test may edit (caches cleared before and after)."""
    copy = tmp_path / "registry"
    shutil.copytree(registry.REGISTRY, copy)
    monkeypatch.setattr(registry, "REGISTRY", copy)
    _clear()
    yield copy
    _clear()


def _clear():
    for f in (
        registry.table_kinds,
        registry.table_kind,
        registry.financial_kinds,
        registry.performance_kinds,
        registry._vocabularies,
        registry.any_of,
    ):
        f.cache_clear()


def _add(copy, *rows):
    with (copy / "template_vocabulary.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    _clear()


def test_every_title_names_a_registered_kind():
    kinds = {k.table_kind for k in registry.table_kinds()}
    assert {t.canonical for t in registry.vocabulary("table_title")} <= kinds
    assert registry.kind_of_title("一般公共预算财政拨款基本支出表") == "basic_econ"
    assert registry.kind_of_title("财政拨款收支总表") == "fiscal_summary"  # before the general 收支总表
    assert registry.kind_of_title("部门收支总表") == "summary"


def test_a_title_and_header_synonyms_are_one_line_of_data_each(registry_copy):
    assert segment_tables(_doc(TABLE), "万元") == []  # unknown title: no table

    _add(registry_copy, ["table_title", "130", "expenditure_all", "开支明细账表", ""])
    tables = segment_tables(_doc(TABLE), "万元")
    assert [t.table_kind for t in tables] == ["expenditure_all"]
    reading = read_financial_table(tables[0], "预算")
    # the header means nothing yet: the table is recorded as not understood, not read by a
    # default column order (合计, 基本, 项目 would take 专项开支 for 基本支出)
    assert reading.cells == []
    assert [(r.rule, r.repaired) for r in reading.findings] == [("header_not_understood", None)]

    _add(
        registry_copy,
        ["column_measure", "10", "基本支出", "日常运转经费", ""],
        ["column_measure", "9", "项目支出", "专项开支", ""],
        ["column_measure", "12", "合计", "总额", ""],
    )
    cells = parse_financial_table(segment_tables(_doc(TABLE), "万元")[0], "预算")
    got = {(c.subject_code, c.measure): c.amount for c in cells}
    assert got[("2010101", "基本支出")] == 20.00
    assert got[("2010101", "项目支出")] == 10.00
    assert got[("2010101", "合计")] == 30.00


# A 绩效 table whose title and indicator column no template prints (invented for the test)
PERF_TABLE = """2026年项目成效计划表
单位：万元
项目名称\t金额\t绩效目标\t成效指标名\t指标值\t计量单位
培训经费\t12.00\t完成全年培训\t培训人次\t200\t人次
"""


def test_a_performance_title_and_column_synonym_are_one_line_of_data_each(registry_copy):
    from ingest.model import DocumentInfo
    from ingest.parse_performance import parse_performance

    info = DocumentInfo(doc_kind="预算", year=2026, unit_name="某局", unit_code=None, amount_unit="万元", title=None)
    assert segment_tables(_doc(PERF_TABLE), "万元") == []  # no 绩效 in the title: no table

    _add(registry_copy, ["table_title", "10", "perf_target", "成效计划表", ""])
    res = parse_performance(_doc(PERF_TABLE), info)
    assert [(p.project_name, p.budget_wan, p.annual_goal) for p in res.projects] == [("培训经费", 12.00, "完成全年培训")]
    assert res.indicators == []  # the indicator column's word means nothing yet

    _add(registry_copy, ["perf_column", "20", "indicator", "^成效指标名$", ""])
    res = parse_performance(_doc(PERF_TABLE), info)
    assert [(i.indicator_name, i.target_raw, i.target_value) for i in res.indicators] == [("培训人次", "200人次", 200)]
