"""The incremental build: after a change, the warehouse equals a full rebuild, and only the
changed documents (and those whose context changed) were recomputed.

Each step is refreshed twice from the same live warehouse: incrementally, and with
`full_refresh=True` (every model rebuilt). Every table of the marts and every incremental
model must hold the same rows.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb

from ingest import load, pipeline
from ingest.pipeline.settings import PROJECT_DIR
from tests.conftest import SAMPLES

INCREMENTAL = [
    "staging.stg_table_lines",
    "intermediate.int_perf_projects",
    "reconciliation.recon_subtotals",
    "reconciliation.recon_tables_read",
    "intermediate.int_subject_cells",
    "intermediate.int_expenditure_printings",
    "intermediate.int_basic_expenditure_printings",
]
TIME_COLUMNS = {"loaded_at", "rejected_at", "seen_at"}


def open_ro(db: Path):
    con = duckdb.connect()
    con.execute(f"attach '{db}' as w (read_only)")
    con.execute("use w")
    return con


def contents(db: Path) -> dict[str, list]:
    con = open_ro(db)
    try:
        names = [
            f"main.{r[0]}" for r in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()
        ]
        out = {}
        for name in sorted(names) + INCREMENTAL:
            cols = [r[0] for r in con.execute(f"describe {name}").fetchall() if r[0] not in TIME_COLUMNS]
            out[name] = con.execute(f"select {', '.join(cols)} from {name} order by all").fetchall()
        return out
    finally:
        con.close()


def doc_id(path: Path) -> str:
    return load.document_id_for(hashlib.sha256(path.read_bytes()).hexdigest())


def build_changes(db: Path) -> list[str]:
    con = open_ro(db)
    try:
        return [r[0] for r in con.execute("select document_id from intermediate.int_build_changes order by 1").fetchall()]
    finally:
        con.close()


# one model of each family that is incremental by document (dbt_project.yml)
KEYED_BY_DOCUMENT = [
    "stg_table_lines",
    "int_subject_cells",
    "fct_expenditure",
    "int_perf_projects",
    "fct_performance_indicator",
    "recon_subtotals",
    "recon_tables_read",
    "fct_reconciliation",
]


def compiled_incrementally(db: Path) -> bool:
    """The last build of this warehouse appended to each model keyed by document (no `create
    table`) the rows it selected by int_build_changes."""
    target = PROJECT_DIR / "target" / ("refresh-" + hashlib.sha256(str(db.resolve()).encode()).hexdigest()[:10])
    for model in KEYED_BY_DOCUMENT:
        # the model's own files, not a unit test's fixture of the same name (…/_x__unit_tests.yml/model.sql)
        run = next(p for p in target.rglob(f"run/**/{model}.sql") if p.parent.suffix != ".yml").read_text(encoding="utf-8")
        compiled_file = next(p for p in target.rglob(f"compiled/**/{model}.sql") if p.parent.suffix != ".yml")
        compiled = compiled_file.read_text(encoding="utf-8")
        code = [line for line in compiled.splitlines() if not line.lstrip().startswith("--")]
        if not (run.lstrip().startswith("insert into") and any("int_build_changes" in line for line in code)):
            return False
    return True


def refresh_both(inp: Path, db: Path, tmp: Path, **kw):
    """Refresh a copy of `db` with full_refresh, then `db` itself incrementally."""
    full = tmp / "full.duckdb"
    shutil.copy(db, full)
    full_result = pipeline.refresh(inp, full, full_refresh=True, **kw)
    result = pipeline.refresh(inp, db, **kw)
    assert full_result.published and result.published, result.dbt_summary
    return result, full


def test_incremental_equals_full_rebuild(tmp_path):
    inp = tmp_path / "input"
    shutil.copytree(SAMPLES, inp)
    db = tmp_path / "warehouse.duckdb"
    assert pipeline.refresh(inp, db).published

    # 1. a document edited, a re-encoded copy of another (same text: a duplicate), and a cut
    #    copy of a third (fewer tables: an older version of the same unit, year and kind)
    budget, final, cut_of = inp / "000_0b5863540bb89ed9.txt", inp / "003_a908d6a88c021b91.txt", inp / "002_25f790a2d4a95ea4.txt"
    old_budget = doc_id(budget)
    budget.write_text(budget.read_text(encoding="utf-8") + "\n注：本文件已于公开后更正。\n", encoding="utf-8")
    (inp / "copy_gb18030.txt").write_bytes(final.read_text(encoding="utf-8").encode("gb18030"))
    lines = cut_of.read_text(encoding="utf-8").split("\n")
    (inp / "cut_copy.txt").write_text("\n".join(lines[: len(lines) * 2 // 3]), encoding="utf-8")

    step = tmp_path / "step1"
    step.mkdir()
    result, full = refresh_both(inp, db, step)
    assert compiled_incrementally(db)
    assert result.documents_changed == 4  # the edit, the version it replaces, two new copies
    assert build_changes(db) == sorted(
        [doc_id(budget), old_budget, doc_id(inp / "copy_gb18030.txt"), doc_id(inp / "cut_copy.txt")]
    )
    assert contents(db) == contents(full)

    # 2. the complete version removed (mirror mode): the cut copy, unchanged, becomes current
    removed = doc_id(cut_of)
    cut_of.unlink()
    step = tmp_path / "step2"
    step.mkdir()
    result, full = refresh_both(inp, db, step, prune=True)
    assert compiled_incrementally(db)
    assert result.documents_changed == 1
    assert build_changes(db) == sorted([removed, doc_id(inp / "cut_copy.txt")])
    after = contents(db)
    assert after == contents(full)
    assert not [r for r in after["intermediate.int_subject_cells"] if r[0] == removed]
    assert [r for r in after["main.fct_expenditure"] if r[0] == doc_id(inp / "cut_copy.txt")]
