"""Measure the warehouse on a folder of real documents, and prove a refactor changed nothing.

    python -m bench.corpus measure [--input DIR] [--out FILE.json]   # figures for a folder
    python -m bench.corpus snapshot --input DIR --out SNAP_DIR        # every fact, check, repair
    python -m bench.corpus compare SNAP_A SNAP_B                      # identical or the diff

`measure` loads the folder's raw layer, builds the models without the dbt tests (a test
failing on one document must not hide the figures of the others) and reports: documents
seen / published / rejected (by reason), tables by kind, facts, and the reconciliation checks
passed and failed by rule. The default input is ../shared/corpus/txt.

`snapshot` writes the parser's and the models' output keyed by source file and printed line
(not by internal ids), one sorted CSV per table, so two snapshots taken before and after a
change are comparable line by line with `compare`.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

import duckdb

from ingest import pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "txt"

# what a snapshot holds: (name, query). Every query is keyed by source_file and line.
SNAPSHOT_QUERIES = {
    "documents": """
        select source_file, doc_kind, year, unit_name, unit_code, unit_level, amount_unit, n_tables
        from raw.documents where status = 'current'""",
    "rejections": "select source_file, stage, reason from raw.ingest_rejections",
    "tables": """
        select d.source_file, t.table_no, t.table_kind, t.title, t.title_line, t.line_start, t.line_end,
               t.amount_unit, t.n_header_rows, t.n_rows, t.empty_note
        from raw.tables t join raw.documents d using (document_id)""",
    "amount_cells": """
        select d.source_file, a.table_no, a.line_no, a.column_no, a.row_kind, a.subject_scheme,
               a.subject_code, a.subject_name, a.subject_code_printed, a.measure, a.amount_text,
               a.amount, a.amount_unit, a.paired_code, a.paired_name
        from raw.amount_cells a join raw.documents d using (document_id)""",
    "repairs": """
        select d.source_file, r.table_no, r.line_no, r.field, r.printed, r.repaired, r.rule, r.detail
        from raw.repairs r join raw.documents d using (document_id)""",
    "perf_projects": """
        select d.source_file, p.* exclude (document_id)
        from raw.perf_projects p join raw.documents d using (document_id)""",
    "perf_indicators": """
        select d.source_file, i.* exclude (document_id)
        from raw.perf_indicators i join raw.documents d using (document_id)""",
    "fct_expenditure": """
        select d.source_file, f.stage, f.fund_type, f.func_code, f.expense_type, round(f.amount_wan, 6) as amount_wan
        from main.fct_expenditure f join main.dim_document d using (document_id)""",
    "fct_basic_expenditure": """
        select d.source_file, f.stage, f.econ_code, f.expense_type, round(f.amount_wan, 6) as amount_wan
        from main.fct_basic_expenditure f join main.dim_document d using (document_id)""",
    "fct_revenue": """
        select d.source_file, f.stage, f.revenue_type, round(f.amount_wan, 6) as amount_wan
        from main.fct_revenue f join main.dim_document d using (document_id)""",
    "fct_three_public": """
        select d.source_file, f.stage, f.item, round(f.amount_wan, 6) as amount_wan
        from main.fct_three_public f join main.dim_document d using (document_id)""",
    "fct_project_performance": """
        select d.source_file, f.project_name, f.project_code, f.stage, f.budget_wan, f.annual_budget_wan,
               f.executed_wan, f.execution_rate, f.score, f.grade, f.indicator_count
        from main.fct_project_performance f join main.dim_document d using (document_id)""",
    "fct_performance_indicator": """
        select d.source_file, p.project_name, f.stage, f.level1, f.level2, f.indicator_name, f.target_raw,
               f.target_op, f.target_value, f.target_unit, f.actual_raw, f.actual_value, f.weight, f.score
        from main.fct_performance_indicator f join main.dim_document d using (document_id)
        join main.dim_project p using (project_id)""",
    "fct_reconciliation": """
        select source_file, rule_id, table_no, line_no, subject, measure, printed_value, computed_value, passed
        from main.fct_reconciliation""",
}


def build(input_dir: Path, db: Path) -> dict:
    """Raw layer + models (no tests) of input_dir into db. Returns the refresh summary."""
    result = pipeline.refresh(input_dir, db, build=False)
    ok, out = pipeline.run_dbt(db, [["seed"], ["run"]], target_path=db.parent / "target")
    if not ok:
        raise SystemExit("dbt run failed:\n" + out[-4000:])
    return result.as_dict()


def measure(db: Path, summary: dict) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    rejections: dict[str, int] = {}
    for r in summary["rejections"]:
        key = r["reason"].split("(")[0].strip()[:70]
        rejections[key] = rejections.get(key, 0) + 1
    out = {
        "documents_seen": summary["documents_seen"],
        "documents_published": q("select count(*) from main.dim_document")[0][0],
        "documents_rejected": len(summary["rejections"]),
        "rejections_by_reason": rejections,
        "documents_by_kind": dict(q("select doc_kind, count(*) from main.dim_document group by 1 order by 1")),
        "tables_by_kind": dict(q("select table_kind, count(*) from raw.tables group by 1 order by 1")),
        "facts": {
            t: q(f"select count(*) from main.{t}")[0][0]
            for t in (
                "fct_expenditure",
                "fct_basic_expenditure",
                "fct_revenue",
                "fct_three_public",
                "fct_project_performance",
                "fct_performance_indicator",
            )
        },
        "documents_without_facts": q("""
            select count(*) from main.dim_document d where not exists (select 1 from main.fct_expenditure f where f.document_id = d.document_id)
              and not exists (select 1 from main.fct_project_performance f where f.document_id = d.document_id)""")[0][0],
        "checks": q("select count(*), count(*) filter (where passed) from main.fct_reconciliation")[0],
        "checks_by_rule": {
            r: [n, p]
            for r, n, p in q(
                "select rule_id, count(*), count(*) filter (where passed) from main.fct_reconciliation group by 1 order by 1"
            )
        },
        "documents_all_checks_pass": q("""
            select count(*) filter (where failed = 0), count(*) from (
              select d.document_id, count(r.check_id) filter (where not r.passed) as failed
              from main.dim_document d left join main.fct_reconciliation r using (document_id) group by 1)""")[0],
    }
    con.close()
    return out


def snapshot(db: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    for name, sql in SNAPSHOT_QUERIES.items():
        rel = con.sql(sql)
        cols = rel.columns
        rows = sorted(
            tuple("" if v is None else (f"{v:.6f}" if isinstance(v, float) else str(v)) for v in row) for row in rel.fetchall()
        )
        with (out_dir / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            w.writerows(rows)
    con.close()


def compare(a: Path, b: Path, show: int = 8) -> int:
    """0 when every table of the two snapshots is identical; else prints the differences."""
    differing = 0
    for name in SNAPSHOT_QUERIES:
        ra = (a / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        rb = (b / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        if ra == rb:
            print(f"{name}: identical ({len(ra) - 1} rows)")
            continue
        differing += 1
        sa, sb = set(ra), set(rb)
        only_a, only_b = sorted(sa - sb), sorted(sb - sa)
        print(f"{name}: DIFFERENT ({len(ra) - 1} vs {len(rb) - 1} rows; {len(only_a)} only in A, {len(only_b)} only in B)")
        for line in only_a[:show]:
            print("  - " + line)
        for line in only_b[:show]:
            print("  + " + line)
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus")
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--input", type=Path, default=CORPUS)
    m.add_argument("--out", type=Path)
    m.add_argument("--db", type=Path, help="keep the built warehouse here (default: a temporary file)")
    s = sub.add_parser("snapshot")
    s.add_argument("--input", type=Path, action="append", required=True)
    s.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "compare":
        return compare(args.a, args.b)
    if args.cmd == "measure" and not args.input.is_dir():
        print(f"corpus not found at {args.input} (it lives in ../shared/corpus beside the project)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.cmd == "measure":
            db = (args.db or Path(tmp) / "corpus.duckdb").resolve()
            db.unlink(missing_ok=True)
            figures = measure(db, build(args.input, db))
            text = json.dumps(figures, ensure_ascii=False, indent=1)
            print(text)
            if args.out:
                args.out.write_text(text + "\n", encoding="utf-8")
            return 0
        for k, folder in enumerate(args.input):
            db = Path(tmp) / f"snap{k}.duckdb"
            build(folder, db)
            snapshot(db, args.out / folder.name)
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
