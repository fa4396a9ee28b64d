"""The parser against generated documents whose truth is known (bench/generate.py).

Every generated layout copies a layout of the real samples (see bench/generate.py's docstring),
so a failure here is a parser bug on a real layout, not a generator quirk. Each check runs on
every document; a failing check is excused (xfail, with the bug named) only when its symptom is
that of a known bug listed below, so any other failure fails, and a fixed bug simply passes.
test_bug_fragment holds the smallest fragment that shows each known bug.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from bench.generate import LAYOUT_CYCLE, generate_corpus
from ingest.parse_document import parse_path
from ingest.pipeline import INPUT_SUFFIXES

N_DOCS = int(os.environ.get("BENCH_CORPUS_DOCS", "20"))  # e.g. BENCH_CORPUS_DOCS=500 for a wider sweep
TOL = 0.005  # amounts are printed with two decimals


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("bench_corpus")
    paths = generate_corpus(out, N_DOCS, seed=0)
    return [(p, json.loads(p.with_suffix(".truth.json").read_text(encoding="utf-8"))) for p in paths]


@pytest.fixture(scope="module")
def parsed(corpus):
    return [(parse_path(p, p.name), truth) for p, truth in corpus]


# ------------------------------------------------------------------ helpers


def leaf_codes(amounts, table_no: int) -> set[str]:
    """Codes of a table with no longer code under them (the warehouse's notion of a leaf)."""
    codes = {a.subject_code for a in amounts if a.table_no == table_no and a.row_kind == "item" and a.subject_code}
    return {c for c in codes if not any(o != c and o.startswith(c) for o in codes)}


def leaf_sum_of(doc, table_no: int, measure: str = "合计") -> float:
    leaves = leaf_codes(doc.amounts, table_no)
    return sum(
        a.amount or 0.0
        for a in doc.amounts
        if a.table_no == table_no and a.row_kind == "item" and a.measure == measure and a.subject_code in leaves
    )


# ------------------------------------------------------------------ the corpus itself


def test_corpus_is_deterministic_and_covers_every_layout(tmp_path, corpus):
    again = generate_corpus(tmp_path, 3, seed=0)
    for p, (q, _) in zip(again, corpus):
        assert p.read_bytes() == q.read_bytes()
    other = generate_corpus(tmp_path / "other", 1, seed=1)[0]
    assert other.read_bytes() != corpus[0][0].read_bytes()
    assert {t["layout"] for _, t in corpus} >= set(LAYOUT_CYCLE)
    kinds = [t["doc_kind"] for _, t in corpus]
    assert abs(kinds.count("预算") - kinds.count("决算")) <= 3 and "绩效自评" in kinds
    assert {t["amount_unit"] for _, t in corpus} == {"万元", "元"}
    assert any(t["noise"]["inner_space"] for _, t in corpus) and any(t["noise"]["thousands"] for _, t in corpus)
    assert len({t["unit_name"] for _, t in corpus}) >= 0.9 * N_DOCS
    assert min(t["year"] for _, t in corpus) >= 2019 and max(t["year"] for _, t in corpus) <= 2026


def test_truth_sidecars_are_not_ingested(corpus):
    sidecar = corpus[0][0].with_suffix(".truth.json")
    assert sidecar.exists() and sidecar.suffix.lower() not in INPUT_SUFFIXES


def test_generated_totals_are_consistent(corpus):
    """The generator's own arithmetic: leaves add up, basic + project = total, "三公" parts = 合计."""
    for _, t in corpus:
        if t["totals"] is None:
            continue
        tot = t["totals"]
        leaves = t["leaves"]
        assert abs(sum(l["total"] for l in leaves) - tot["expenditure"]) < TOL
        assert abs(tot["basic"] + tot["project"] - tot["expenditure"]) < TOL
        assert abs(tot["personnel"] + tot["public"] - tot["basic"]) < TOL
        assert abs(sum(t["econ_basic"].values()) - tot["basic"]) < TOL
        assert abs(tot["gpb"] + tot["gov_fund"] - tot["revenue_total"]) < TOL
        for stage in t["three_public"].values():
            parts = sum(v for k, v in stage.items() if k != "合计")
            assert abs(parts - stage["合计"]) < TOL


def test_generated_codes_are_in_the_catalogue(corpus):
    from ingest.catalogue import econ_catalogue, func_catalogue

    funcs, econs = func_catalogue().subjects, econ_catalogue().subjects
    for _, t in corpus:
        for leaf in t["leaves"] or []:
            assert leaf["code"] in funcs, leaf
            assert funcs[leaf["code"]].name == leaf["name"], leaf
        for code in t["econ_basic"] or {}:
            assert code in econs, code


# ------------------------------------------------------------------ known parser bugs
# Each was reproduced on a fragment of a real sample's layout (see test_bug_fragment below);
# a failing check is excused only when its symptom is the bug's own.

BUG_TOC = (
    "BUG-1 segment: a table-of-contents title without page number is read as a table when the next "
    "TOC line holds a header word and a page number ('部门预算一般公共预算财政拨款基本支出表\t11' becomes "
    "its column header and the other page numbers become amounts)"
)
BUG_TOTAL_ROW = (
    "BUG-2 parse_subject_table: a 合计 row printed in the code column ('合计\t\t1,459.71\t…') or "
    "with no label at all ('\t\t3131700.00\t…') is dropped: the table has no total row"
)
BUG_THREE_SUBHEADER = (
    "BUG-3 parse_three_public: the third header line of the 12-column 三公 table "
    "('\t\t小计\t公务用车购置费\t公务用车运行费…') has no header word, is read as a data row and "
    "yields 合计 cells with no amount"
)
BUG_THREE_BY_UNIT = (
    "BUG-4 parse_three_public: the by-unit 三公/会议费/培训费 table (上年 / 本年 / 增减 blocks, one "
    "line per unit code) yields no cells"
)
BUG_UNIT_FROM_PROJECT = (
    "BUG-5 detect_unit: in a 项目支出绩效自评表 document the title scan takes the project name "
    "as the unit when it holds a unit suffix ('两定机构监管专项经费' -> '两定机构')"
)
BUG_TWO_TOTALS = (
    "BUG-7 func_layout: in the 收入总表 header '合计, 小计, 财政拨款收入 …' with the spanning '本年收入' "
    "printed mid-span ('本年' '收入' over 事业收入/经营收入), 小计 is classified 合计 too: two 合计 cells per "
    "row, R01 emits two checks with one check_id and unique_fct_reconciliation_check_id fails the build"
)
BUG_BASIC_TOTAL = (
    "BUG-8 func_layout: in the 预算 基本支出表 whose spanning '一般公共预算基本支出' stands over the 合计 "
    "column, that column is read as 基本支出 (the readable-header rule now accepts 基本支出/人员经费/公用经费): "
    "the table has no 合计 cells, so R02 cannot check 合计 = 人员经费 + 公用经费"
)
BUG_MONEY_UNIT = (
    "BUG-6 detect_money_unit: the document unit is the most frequent '单位:' line, so the '单位: 万元' "
    "lines of 绩效目标表 outvote a 元 document and its tables without their own unit line get 万元"
)


def _toc_like(table) -> bool:
    return (
        bool(table.rows)
        and all(len([c for c in r.cells if c.strip()]) <= 2 for r in table.rows + table.header_rows)
        and all(re.fullmatch(r"\d{1,3}", r.cells[-1].strip() or "0") for r in table.rows + table.header_rows)
    )


def _tables(doc, kind):
    """The tables of a kind that hold amounts, and whether extra ones are table-of-contents debris."""
    with_cells = {a.table_no for a in doc.amounts}
    found = [t for t in doc.tables if t.table_kind == kind and t.table_no in with_cells]
    real = [t for t in found if not _toc_like(t)]
    return real, len(found) > len(real)


class Checks:
    def __init__(self):
        self.failed: list[tuple[str, str, str | None]] = []

    def expect(self, name: str, ok: bool, detail, bug: str | None = None) -> None:
        if not ok:
            self.failed.append((name, str(detail)[:400], bug))

    def verdict(self) -> None:
        if not self.failed:
            return
        unknown = [f for f in self.failed if f[2] is None]
        if unknown:
            pytest.fail("\n".join(f"{n}: {d}" for n, d, _ in self.failed))
        pytest.xfail(" | ".join(sorted({b for _, _, b in self.failed})))


def _close(a, b) -> bool:
    return a is not None and b is not None and abs(a - b) < TOL


def _ids():
    return [f"doc{i:02d}-{LAYOUT_CYCLE[i % len(LAYOUT_CYCLE)]}" for i in range(N_DOCS)]


# ------------------------------------------------------------------ the parser recovers the truth


@pytest.mark.parametrize("i", range(N_DOCS), ids=_ids())
def test_document_identity(parsed, i):
    doc, truth = parsed[i]
    ck = Checks()
    ck.expect("doc_kind", doc.info.doc_kind == truth["doc_kind"], (doc.info.doc_kind, truth["doc_kind"]))
    ck.expect("year", doc.info.year == truth["year"], (doc.info.year, truth["year"]))
    first_project = (truth["projects"] or [{}])[0].get("name", "")
    ck.expect(
        "unit_name",
        doc.info.unit_name == truth["unit_name"],
        (doc.info.unit_name, truth["unit_name"]),
        BUG_UNIT_FROM_PROJECT if doc.info.unit_name and first_project.startswith(doc.info.unit_name) else None,
    )
    ck.expect(
        "amount_unit",
        doc.info.amount_unit == truth["amount_unit"],
        (doc.info.amount_unit, truth["amount_unit"]),
        BUG_MONEY_UNIT if truth["amount_unit"] == "元" and doc.info.amount_unit == "万元" else None,
    )
    ck.expect("table_errors", not doc.table_errors, doc.table_errors)
    ck.verdict()


@pytest.mark.parametrize("i", range(N_DOCS), ids=_ids())
def test_expenditure_leaves_add_up_to_the_total(parsed, i):
    """The all-funds expenditure table (表5 in the 元 layout, whose 支出总表 lists units): its leaf 合计
    amounts add up to the generated total, and its leaves are the generated 项 codes."""
    doc, truth = parsed[i]
    kind = truth["expenditure_table_kind"]
    if kind is None:
        pytest.skip("绩效自评 documents have no expenditure table")
    ck = Checks()
    real, debris = _tables(doc, kind)
    ck.expect(
        "one_table",
        len(real) == 1 and not debris,
        (len(real), "plus TOC debris" if debris else ""),
        BUG_TOC if debris and len(real) == 1 else None,
    )
    if not real:
        ck.verdict()
        return
    table = real[0]
    expected = truth["totals"]["expenditure"] if kind == "expenditure_all" else truth["totals"]["gpb"]
    got = leaf_sum_of(doc, table.table_no)
    ck.expect("leaf_sum", _close(got, expected), (got, expected))
    leaves = {l["code"] for l in truth["leaves"] if l["fund"] == "gpb" or kind == "expenditure_all"}
    ck.expect(
        "leaf_codes", leaf_codes(doc.amounts, table.table_no) == leaves, sorted(leaf_codes(doc.amounts, table.table_no) ^ leaves)
    )
    ck.expect(
        "table_unit",
        table.amount_unit == truth["amount_unit"],
        (table.amount_unit, truth["amount_unit"]),
        BUG_MONEY_UNIT if doc.info.amount_unit != truth["amount_unit"] else None,
    )
    ck.verdict()


@pytest.mark.parametrize("i", range(N_DOCS), ids=_ids())
def test_tables_recover_the_truth(parsed, i):
    """Total rows, basic spending by economic item, "三公" and revenue against the generated truth."""
    doc, truth = parsed[i]
    if truth["totals"] is None:
        pytest.skip("绩效自评 documents have no financial tables")
    tot, layout = truth["totals"], truth["layout"]
    ck = Checks()
    with_cells = {a.table_no for a in doc.amounts}
    debris = [t.title for t in doc.tables if t.table_no in with_cells and _toc_like(t)]
    ck.expect("no_toc_tables", not debris, debris, BUG_TOC)
    kinds = {t.table_no: t.table_kind for t in doc.tables}
    seen, twice = set(), set()
    for a in doc.amounts:
        if a.subject_scheme in ("func", "econ_dept") and a.measure not in ("(空)", "决算数"):
            key = (a.table_no, a.line_no, a.measure)
            (twice if key in seen else seen).add(key)
    ck.expect(
        "one_cell_per_measure",
        not twice,
        sorted((kinds[t], m) for t, _, m in twice)[:5],
        BUG_TWO_TOTALS if twice and all(kinds[t] == "income" and m == "合计" for t, _, m in twice) else None,
    )
    kind = truth["expenditure_table_kind"]
    expected = tot["expenditure"] if kind == "expenditure_all" else tot["gpb"]
    real, _ = _tables(doc, kind)
    if real:
        totals = [
            a.amount for a in doc.amounts if a.table_no == real[0].table_no and a.row_kind == "total" and a.measure == "合计"
        ]
        dropped = not totals and (layout in ("Y2", "Y3") or truth["variant"] == "ln")
        ck.expect(
            "expenditure_total_row",
            len(totals) == 1 and _close(totals[0], expected),
            (totals, expected),
            BUG_TOTAL_ROW if dropped else None,
        )
        for measure, key in (("基本支出", "basic"), ("项目支出", "project")):
            if kind == "expenditure_all":
                got = leaf_sum_of(doc, real[0].table_no, measure)
                ck.expect(f"leaf_{key}", _close(got, tot[key]), (got, tot[key]))

    basic, debris = _tables(doc, "basic_econ")
    ck.expect("basic_table", len(basic) == 1, len(basic), BUG_TOC if debris and len(basic) == 1 else None)
    if basic:
        cells = [a for a in doc.amounts if a.table_no == basic[0].table_no]
        if truth["basic_groups"]:  # the side-by-side 决算 layout: 人员经费合计 / 公用经费合计 lines
            for measure, key in (("人员经费", "personnel"), ("公用经费", "public")):
                got = [a.amount for a in cells if a.row_kind == "total" and a.measure == measure]
                ck.expect(f"{key}_total", len(got) == 1 and _close(got[0], tot[key]), (got, tot[key]))
            items = [a for a in cells if a.row_kind == "item" and a.subject_code and len(a.subject_code) == 5]
            pers = sum(a.amount or 0 for a in items if a.subject_code[:3] in ("301", "303"))
            ck.expect("personnel_items", _close(pers, tot["personnel"]), (pers, tot["personnel"]))
            ck.expect(
                "public_items",
                _close(sum(a.amount or 0 for a in items) - pers, tot["public"]),
                (sum(a.amount or 0 for a in items) - pers, tot["public"]),
            )
        else:
            leaves = leaf_codes(doc.amounts, basic[0].table_no)
            measures = [("合计", "basic")] + ([] if layout == "Y2" else [("人员经费", "personnel"), ("公用经费", "public")])
            relabelled = any(a.measure == "基本支出" for a in cells) and not any(a.measure == "合计" for a in cells)
            for measure, key in measures:
                got = sum(
                    a.amount or 0 for a in cells if a.row_kind == "item" and a.measure == measure and a.subject_code in leaves
                )
                ck.expect(
                    f"basic_{key}",
                    _close(got, tot[key]),
                    (got, tot[key]),
                    BUG_BASIC_TOTAL if measure == "合计" and relabelled else None,
                )
            printed = {a.subject_code for a in cells if a.subject_code in leaves and a.amount}  # zero items print blank
            ck.expect("basic_items", printed == set(truth["econ_basic"]), sorted(printed ^ set(truth["econ_basic"])))

    three, debris = _tables(doc, "three_public")
    tp_cells = [a for a in doc.amounts if three and a.table_no == three[0].table_no]
    for stage, items in truth["three_public"].items():
        got = [a.amount for a in tp_cells if a.subject_code == "合计" and a.measure == stage]
        bug = None
        if truth["three_public_layout"] == "wide12_two_headers" and None in got:
            bug = BUG_THREE_SUBHEADER
        if truth["three_public_layout"] == "by_unit_three_years" and not tp_cells:
            bug = BUG_THREE_BY_UNIT
        if items["合计"]:
            ck.expect(f"three_total_{stage}", len(got) == 1 and _close(got[0], items["合计"]), (got, items["合计"]), bug)
        for item, value in items.items():
            if item != "合计" and value:
                got = [a.amount for a in tp_cells if a.subject_code == item and a.measure == stage]
                ck.expect(
                    f"three_{item}_{stage}",
                    len(got) == 1 and _close(got[0], value),
                    (got, value),
                    BUG_THREE_BY_UNIT if bug == BUG_THREE_BY_UNIT else None,
                )

    summary, debris = _tables(doc, "summary")
    ck.expect("summary_table", len(summary) == 1, len(summary), BUG_TOC if debris and len(summary) == 1 else None)
    if summary:
        cells = [a for a in doc.amounts if a.table_no == summary[0].table_no]
        this_year = [a.amount for a in cells if a.row_kind == "total" and a.subject_name == "本年收入合计"]
        ck.expect(
            "revenue_this_year",
            len(this_year) == 1 and _close(this_year[0], tot["revenue_this_year"]),
            (this_year, tot["revenue_this_year"]),
        )
        gpb = [a.amount for a in cells if a.subject_code == "一般公共预算财政拨款收入"]
        ck.expect(
            "revenue_gpb", len(gpb) == 1 and _close(gpb[0], tot["gpb"] - tot["carryover"]), (gpb, tot["gpb"] - tot["carryover"])
        )
    ck.verdict()


# ------------------------------------------------------------------ the bugs on their smallest fragments


def _parse_text(text: str):
    from ingest.model import SourceDocument
    from ingest.parse_document import parse_source

    return parse_source(SourceDocument("fragment.txt", "fragment.txt", "0" * 64, "utf-8", text.split("\n")))


FRAGMENTS = {
    BUG_TOC: (
        "2024年部门预算信息公开目录\n部门预算支出总表\t\n部门预算一般公共预算财政拨款基本支出表\t11\n"
        '部门预算财政拨款"三公"经费支出表\t17\n',
        lambda d: not d.amounts,
    ),
    BUG_TOTAL_ROW: (
        "2024 年度部门决算\n支出决算表\n金额单位：万元\n项目\t\t本年支出合计\t基本支出\t项目支出\n"
        "功能分类科目编码\t科目名称\t\t\t\n栏次\t\t1\t2\t3\n合计\t\t100.00\t60.00\t40.00\n2101501\t行政运行\t100.00\t60.00\t40.00\n",
        lambda d: [a.amount for a in d.amounts if a.row_kind == "total" and a.measure == "合计"] == [100.0],
    ),
    BUG_THREE_SUBHEADER: (
        "2019 年某某县财政局 部门决算\n一般公共预算财政拨款“三公”经费支出决算表\n部门： 某某县财政局  单位：万元\n"
        "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n"
        "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
        "\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
        "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n1.00\t0.00\t0.60\t0.00\t0.60\t0.40\t0.90\t0.00\t0.50\t0.00\t0.50\t0.40\n",
        lambda d: sorted((a.measure, str(a.amount)) for a in d.amounts if a.subject_code == "合计")
        == [("决算", "0.9"), ("预算", "1.0")],
    ),
    BUG_THREE_BY_UNIT: (
        "2022年部门预算\n2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）\n单位：元\n"
        "单位编码\t单位名称\t2022年\t\t\t\t\t\t\t\t\n"
        "\t\t合计\t一般公共预算拨款安排的“三公”经费预算\t\t\t\t\t\t会议费\t培训费\n"
        "\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\t\t\n"
        "\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\t\n"
        "\t合计\t627300\t35000\t0\t10000\t25000\t0\t25000\t202300\t390000\n",
        lambda d: [a.amount for a in d.amounts if a.subject_code == "合计" and a.measure == "预算"] == [35000.0],
    ),
    BUG_UNIT_FROM_PROJECT: (
        "# 项目支出绩效自评表\n( 2022 年度 )\n项目名称\t两定机构监管专项经费\t\t\n主管部门\t\t\t\t实施单位\t某某县医疗保障局\t\t\n",
        lambda d: d.info.unit_name == "某某县医疗保障局",
    ),
    BUG_TWO_TOTALS: (
        "2024年部门预算\n部门预算收入总表\n450 某某县财政局\n预算年度: 2024\n"
        "\t功能\t分类科目\t\t\t\t\t本年\t收入\t\t\t\t\n"
        "序号\t科目编码\t科目名称\t合计\t小计\t财政拨款 收入\t财政专户 收入\t事业收入\t经营收入\t上级补助 收入\t"
        "附属单位 上缴收入\t其他收入\t上年结转\n栏次\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n"
        "1\t\t合计\t120.00\t100.00\t100.00\t\t\t\t\t\t\t20.00\n2\t2010601\t行政运行\t120.00\t100.00\t100.00\t\t\t\t\t\t\t20.00\n",
        lambda d: sorted(a.amount for a in d.amounts if a.line_no == 9 and a.measure == "合计") == [120.0],
    ),
    BUG_BASIC_TOTAL: (
        "2024年部门预算\n部门预算一般公共预算财政拨款基本支出表\n450 某某县财政局\n预算年度: 2024\n"
        "序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n序号\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "栏次\t1\t2\t3\t4\t5\n1\t\t合计\t100.00\t90.00\t10.00\n2\t30101\t基本工资\t90.00\t90.00\t\n"
        "3\t30201\t办公费\t10.00\t\t10.00\n",
        lambda d: sorted(a.amount for a in d.amounts if a.measure == "合计") == [10.0, 90.0, 100.0],
    ),
    BUG_MONEY_UNIT: (
        "2024年部门预算\n部门预算支出总表\n450 某某县财政局\n单位: 元\n序号\t科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "1\t\t合计\t1000000.00\t600000.00\t400000.00\n2\t2010601\t行政运行\t1000000.00\t600000.00\t400000.00\n"
        "部门预算一般公共预算财政拨款支出表\n450 某某县财政局\n序号\t科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "1\t\t合计\t1000000.00\t600000.00\t400000.00\n2\t2010601\t行政运行\t1000000.00\t600000.00\t400000.00\n"
        "1、业务经费绩效目标表\n单位: 万元\n项目名称\t业务经费\n2、培训经费绩效目标表\n单位: 万元\n项目名称\t培训经费\n",
        lambda d: d.info.amount_unit == "元"
        and all(t.amount_unit == "元" for t in d.tables if not t.table_kind.startswith("perf")),
    ),
}


@pytest.mark.parametrize("bug", list(FRAGMENTS), ids=[b.split(" ")[0] for b in FRAGMENTS])
def test_bug_fragment(bug):
    text, correct = FRAGMENTS[bug]
    if not correct(_parse_text(text)):
        pytest.xfail(bug)
