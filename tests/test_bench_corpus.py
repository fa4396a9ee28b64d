"""The parser against generated documents whose truth is known (bench/generate.py).

Every generated layout copies a layout of the real samples (see bench/generate.py's docstring),
so a failure here is a parser bug on a real layout, not a generator quirk. Known bugs are
marked xfail with the bug named; the assertion still runs, so a fix shows up as XPASS.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generate import LAYOUT_CYCLE, generate_corpus
from ingest.parse_document import parse_path
from ingest.pipeline import INPUT_SUFFIXES

N_DOCS = 20
TOL = 0.005  # amounts are printed with two decimals


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("bench_corpus")
    paths = generate_corpus(out, N_DOCS, seed=0)
    return [(p, json.loads(p.with_suffix(".truth.json").read_text(encoding="utf-8"))) for p in paths]


@pytest.fixture(scope="module")
def parsed(corpus):
    return [(parse_path(p, p.name), truth) for p, truth in corpus]


# ------------------------------------------------------------------ helpers (also used by bench.run's check)

def leaf_codes(amounts, table_no: int) -> set[str]:
    """Codes of a table with no longer code under them (the warehouse's notion of a leaf)."""
    codes = {a.subject_code for a in amounts if a.table_no == table_no and a.row_kind == "item" and a.subject_code}
    return {c for c in codes if not any(o != c and o.startswith(c) for o in codes)}


def leaf_sum(doc, kind: str, measure: str = "合计") -> float | None:
    tables = [t for t in doc.tables if t.table_kind == kind]
    if not tables:
        return None
    t = tables[0]
    leaves = leaf_codes(doc.amounts, t.table_no)
    return sum(a.amount or 0.0 for a in doc.amounts
               if a.table_no == t.table_no and a.row_kind == "item" and a.measure == measure and a.subject_code in leaves)


def table_total(doc, kind: str, measure: str = "合计") -> list[float | None]:
    tables = [t for t in doc.tables if t.table_kind == kind]
    if not tables:
        return []
    return [a.amount for a in doc.amounts if a.table_no == tables[0].table_no and a.row_kind == "total" and a.measure == measure]


# ------------------------------------------------------------------ the corpus itself

def test_corpus_is_deterministic_and_covers_every_layout(tmp_path, corpus):
    again = generate_corpus(tmp_path, 3, seed=0)
    for p, (q, _) in zip(again, corpus):
        assert p.read_bytes() == q.read_bytes()
    other = generate_corpus(tmp_path / "other", 1, seed=1)[0]
    assert other.read_bytes() != corpus[0][0].read_bytes()
    assert {t["layout"] for _, t in corpus} == set(LAYOUT_CYCLE)
    kinds = [t["doc_kind"] for _, t in corpus]
    assert abs(kinds.count("预算") - kinds.count("决算")) <= 3 and "绩效自评" in kinds
    assert {t["amount_unit"] for _, t in corpus} == {"万元", "元"}
    assert any(t["noise"]["inner_space"] for _, t in corpus) and any(t["noise"]["thousands"] for _, t in corpus)
    assert len({t["unit_name"] for _, t in corpus}) >= N_DOCS - 2
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


# ------------------------------------------------------------------ the parser recovers the truth

def _ids():
    return [f"doc{i:02d}-{LAYOUT_CYCLE[i % len(LAYOUT_CYCLE)]}" for i in range(N_DOCS)]


@pytest.mark.parametrize("i", range(N_DOCS), ids=_ids())
def test_document_identity(parsed, i):
    doc, truth = parsed[i]
    assert doc.info.doc_kind == truth["doc_kind"]
    assert doc.info.year == truth["year"]
    assert doc.info.unit_name == truth["unit_name"]
    assert doc.info.amount_unit == truth["amount_unit"]
    assert not doc.table_errors


@pytest.mark.parametrize("i", range(N_DOCS), ids=_ids())
def test_expenditure_leaves_add_up_to_the_total(parsed, i):
    doc, truth = parsed[i]
    kind = truth["expenditure_table_kind"]
    if kind is None:
        pytest.skip("绩效自评 documents have no expenditure table")
    expected = truth["totals"]["expenditure"] if kind == "expenditure_all" else truth["totals"]["gpb"]
    got = leaf_sum(doc, kind)
    assert got is not None, f"no {kind} table found"
    assert abs(got - expected) < TOL
    leaves = {l["code"] for l in truth["leaves"] if (l["fund"] == "gpb" or kind == "expenditure_all")}
    tables = [t for t in doc.tables if t.table_kind == kind]
    assert leaf_codes(doc.amounts, tables[0].table_no) == leaves
