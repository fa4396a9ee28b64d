"""The 绩效 checks (R09–R17, R21) on the whole real corpus (../shared/corpus/txt, skipped where
absent): at least 97% of the projects pass every check, and every failing check is one of the
findings explained in tests/fixtures/corpus/performance_findings.csv (a publisher's slip read
from the document, or a row the reader does not read yet). A new failure is a misreading made
loud: read the document, then fix the reader or explain the finding in that list."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

FINDINGS = Path(__file__).resolve().parent / "fixtures" / "corpus" / "performance_findings.csv"


PERFORMANCE_RULES = ("R09", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17", "R21")


@pytest.fixture(scope="module")
def corpus_db(corpus_warehouse):
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    yield con
    con.close()


def test_performance_checks_pass_for_97_percent_of_projects(corpus_db):
    total, failing = corpus_db.execute("""
        select count(distinct document_id || '|' || line_no),
               count(distinct document_id || '|' || line_no) filter (where not passed)
        from main.fct_reconciliation where rule_id in ('R09','R10','R12','R13','R14','R15','R16','R17')""").fetchone()
    assert total > 1000  # every 绩效 project of the corpus is checked
    assert failing <= total * 0.03, f"{failing} of {total} projects fail a 绩效 check"


def test_every_failing_performance_check_is_an_explained_finding(corpus_db):
    with FINDINGS.open(encoding="utf-8", newline="") as fh:
        explained = {(r["source_file"], r["rule_id"], int(r["line_no"])) for r in csv.DictReader(fh)}
    failing = corpus_db.execute(f"""
        select source_file, rule_id, line_no, subject, printed_value, computed_value from main.fct_reconciliation
        where rule_id in {PERFORMANCE_RULES} and not passed order by 1, 3""").fetchall()
    new = [f for f in failing if (f[0], f[1], f[2]) not in explained]
    assert not new, f"failing 绩效 checks nobody has explained (read the document, fix or list them): {new}"
