"""The refresh job: incremental, atomic, lock-guarded, and tolerant of bad input.

Full dbt builds are slow (~6 s), so only three tests run one: the module fixture (one
warehouse built from the samples), the re-run test, and the reader-during-swap test (a real
build over an incremental state with a superseded and a removed document). Everything
where dbt is irrelevant uses build=False or a stand-in for `pipeline.run_dbt`.

Warehouse files are inspected through `open_ro`, an in-memory connection that ATTACHes the
file: `duckdb.connect(path, read_only=True)` returns a cached instance within one process,
which would keep showing a replaced file (see test_reader_keeps_old_state_across_swap).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from ingest import cli, load, parse_document, pipeline
from ingest.parse_document import parse_path

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "data" / "samples"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.glob("*.txt"))  # the five top-level samples
BUDGET = "000_0b5863540bb89ed9.txt"  # 预算, 35 tables
PERF_OR_OTHER = "001_ba0d23ffbd0d6f1c.txt"
FINAL = "003_a908d6a88c021b91.txt"  # 决算
COUNTED_TABLES = load.RAW_TABLES + ["ingest_rejections"]

runner = CliRunner()


# ------------------------------------------------------------------ helpers


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def open_ro(db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"attach '{db}' as w (read_only)")
    con.execute("use w")
    return con


def q(db: Path, sql: str, params=None) -> list[tuple]:
    con = open_ro(db)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def raw_counts(db: Path) -> dict[str, int]:
    con = open_ro(db)
    try:
        return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in COUNTED_TABLES}
    finally:
        con.close()


def documents_content(db: Path) -> list[tuple]:
    """raw.documents without its timestamp, in a stable order."""
    con = open_ro(db)
    try:
        cols = [r[0] for r in con.execute("describe raw.documents").fetchall() if r[0] != "loaded_at"]
        return con.execute(f"select {', '.join(cols)} from raw.documents order by document_id").fetchall()
    finally:
        con.close()


def doc_id(path: Path) -> str:
    return load.document_id_for(sha(path))


def building_files(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if ".building" in p.name)


def edit_narrative(text: str, nth: int = 0) -> str:
    """Change one character in a long prose line (no digits, tabs or pipes: not a table row)."""
    lines = text.split("\n")
    prose = [i for i, l in enumerate(lines) if len(l) > 40 and not re.search(r"[\d\t|]", l) and "的" in l]
    assert len(prose) > nth, "sample has too few prose lines to edit"
    i = prose[nth]
    lines[i] = lines[i].replace("的", "之", 1)
    return "\n".join(lines)


def edit_file(path: Path, nth: int = 0) -> None:
    path.write_text(edit_narrative(path.read_text(encoding="utf-8"), nth), encoding="utf-8")


def copy_samples(dest: Path, names=SAMPLE_FILES) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, dest / name)
    return dest


def copy_warehouse(src_db: Path, src_input: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of a warehouse and its input folder, to change freely."""
    inp = tmp_path / "input"
    shutil.copytree(src_input, inp)
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(src_db, db)
    return inp, db


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One fully built warehouse (raw + dbt models + tests) from the five samples."""
    root = tmp_path_factory.mktemp("built")
    inp = copy_samples(root / "input")
    db = root / "warehouse.duckdb"
    result = pipeline.refresh(inp, db, build=True)
    return inp, db, result


@pytest.fixture
def raw_base(tmp_path):
    """A raw-only warehouse (build=False) of three samples: cheap, for incremental tests."""
    inp = copy_samples(tmp_path / "input", [BUDGET, PERF_OR_OTHER, FINAL])
    db = tmp_path / "warehouse.duckdb"
    result = pipeline.refresh(inp, db, build=False)
    assert result.published and result.documents_parsed == 3
    return inp, db


# ------------------------------------------------------------------ 1. idempotent re-run


def test_first_build_publishes_models(built):
    inp, db, result = built
    assert result.published
    assert result.documents_seen == len(SAMPLE_FILES) == 5
    assert result.documents_parsed == 5 and result.documents_reused == 0
    assert result.rejections == [] and result.duplicates == [] and result.removed == []
    assert "Completed successfully" in result.dbt_summary or "Done." in result.dbt_summary
    assert q(db, "select count(*) from main.dim_document")[0][0] == 5
    assert q(db, "select count(*) from raw.amount_cells")[0][0] > 500
    assert building_files(db) == []


def test_rerun_same_input_changes_nothing(built, tmp_path):
    inp, db = copy_warehouse(built[1], built[0], tmp_path)
    counts, docs = raw_counts(db), documents_content(db)
    cells = q(db, "select count(*), sum(amount), count(distinct document_id) from raw.amount_cells")
    marts = q(db, "select (select count(*) from main.dim_document), (select count(*) from main.fct_expenditure)")

    result = pipeline.refresh(inp, db, build=True)

    assert result.published
    assert result.documents_seen == 5
    assert result.documents_reused == 5
    assert result.documents_parsed == 0
    assert result.superseded == [] and result.removed == [] and result.rejections == []
    assert raw_counts(db) == counts
    assert documents_content(db) == docs
    assert q(db, "select count(*), sum(amount), count(distinct document_id) from raw.amount_cells") == cells
    assert q(db, "select (select count(*) from main.dim_document), (select count(*) from main.fct_expenditure)") == marts
    # nothing new and the same code: the live warehouse already is the result, nothing is rebuilt
    assert result.unchanged
    assert q(db, "select documents_parsed, documents_reused from raw.refresh_log order by refreshed_at") == [(5, 0)]


# ------------------------------------------------------------------ 2. one edited file


def test_edited_file_reparses_only_that_file(raw_base):
    inp, db = raw_base
    target = inp / BUDGET
    old_id = doc_id(target)
    old_cells = q(db, "select count(*) from raw.amount_cells where document_id = ?", [old_id])[0][0]
    assert old_cells > 0
    edit_file(target)
    new_id = doc_id(target)
    assert new_id != old_id

    result = pipeline.refresh(inp, db, build=False)

    assert result.documents_parsed == 1
    assert result.documents_reused == 2
    assert result.superseded == [BUDGET]
    rows = dict((r[0], r[1:]) for r in q(db, "select document_id, status, superseded_by from raw.documents"))
    assert rows[old_id] == ("superseded", new_id)
    assert rows[new_id] == ("current", None)
    assert sum(1 for s, _ in rows.values() if s == "current") == 3
    # facts only from current documents; the edit was in prose, so the new version has the same facts
    current = {r[0] for r in q(db, "select document_id from raw.documents where status = 'current'")}
    assert {r[0] for r in q(db, "select distinct document_id from raw.amount_cells")} == current
    for table in ("amount_cells", "tables", "table_lines", "units", "document_files"):
        assert q(db, f"select count(*) from raw.{table} where document_id = ?", [old_id])[0][0] == 0, table
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [new_id])[0][0] == old_cells

    # an unchanged re-run keeps the history row; a second edit chains it
    again = pipeline.refresh(inp, db, build=False)
    assert again.documents_parsed == 0 and again.superseded == []
    assert q(db, "select status, superseded_by from raw.documents where document_id = ?", [old_id]) == [("superseded", new_id)]
    edit_file(target, nth=1)
    third_id = doc_id(target)
    pipeline.refresh(inp, db, build=False)
    chain = dict((r[0], r[1:]) for r in q(db, "select document_id, status, superseded_by from raw.documents"))
    assert chain[old_id] == ("superseded", new_id)
    assert chain[new_id] == ("superseded", third_id)
    assert chain[third_id] == ("current", None)
    assert pipeline.status(db)["superseded_documents"] == 2


def test_file_edited_back_to_an_earlier_version(raw_base):
    """Edit a file, refresh, put the original back, refresh: the original document is current
    again (once), the edited one is the superseded history, and its facts are the original's."""
    inp, db = raw_base
    target = inp / BUDGET
    original = target.read_bytes()
    old_id = doc_id(target)
    old_cells = q(db, "select count(*) from raw.amount_cells where document_id = ?", [old_id])[0][0]
    edit_file(target)
    edited_id = doc_id(target)
    pipeline.refresh(inp, db, build=False)
    target.write_bytes(original)

    result = pipeline.refresh(inp, db, build=False)

    assert result.published and result.documents_parsed == 1 and result.superseded == [BUDGET]
    rows = q(db, "select document_id, status, superseded_by from raw.documents order by document_id")
    assert sorted(r[0] for r in rows) == sorted({r[0] for r in rows})  # one row per document
    status = {r[0]: r[1:] for r in rows}
    assert status[old_id] == ("current", None)
    assert status[edited_id] == ("superseded", old_id)
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [old_id])[0][0] == old_cells
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [edited_id])[0][0] == 0


def test_file_given_another_files_content_and_back(raw_base):
    """File B takes file A's content (one document under two names), then gets its own back:
    A's document must stay current throughout, B's returns, and nothing is lost."""
    inp, db = raw_base
    a, b = inp / BUDGET, inp / FINAL
    a_id, b_original = doc_id(a), b.read_bytes()
    b_id = doc_id(b)
    b.write_bytes(a.read_bytes())
    first = pipeline.refresh(inp, db, build=False)
    assert first.published and first.documents_parsed == 0
    assert q(db, "select status from raw.documents where document_id = ?", [a_id]) == [("current",)]
    b.write_bytes(b_original)

    second = pipeline.refresh(inp, db, build=False)

    assert second.published and second.documents_parsed == 1
    status = dict(q(db, "select document_id, status from raw.documents"))
    assert status[a_id] == "current" and status[b_id] == "current"
    current = {r[0] for r in q(db, "select document_id from raw.documents where status = 'current'")}
    assert {r[0] for r in q(db, "select distinct document_id from raw.amount_cells")} == current
    # and a re-run finds nothing to do: no document was dropped and needs parsing again
    assert pipeline.refresh(inp, db, build=False).documents_parsed == 0


# ------------------------------------------------------------------ 3. removed, duplicated, renamed


def test_removed_file_leaves_raw_tables(raw_base):
    inp, db = raw_base
    gone = inp / FINAL
    gone_id = doc_id(gone)
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [gone_id])[0][0] > 0
    gone.unlink()

    result = pipeline.refresh(inp, db, build=False, prune=True)

    assert result.removed == [FINAL]
    assert result.documents_reused == 2 and result.documents_parsed == 0
    for table in load.RAW_TABLES:
        assert q(db, f"select count(*) from raw.{table} where document_id = ?", [gone_id])[0][0] == 0, table
    assert q(db, "select count(*) from raw.documents")[0][0] == 2


def test_removing_the_first_of_two_copies_keeps_the_document_under_the_other_name(raw_base):
    inp, db = raw_base
    shutil.copy(inp / BUDGET, inp / "zz_copy.txt")
    the_id = doc_id(inp / BUDGET)
    pipeline.refresh(inp, db, build=False)
    (inp / BUDGET).unlink()

    result = pipeline.refresh(inp, db, build=False, prune=True)

    assert result.documents_parsed == 0 and result.removed == [BUDGET]
    assert q(db, "select source_file, status from raw.documents where document_id = ?", [the_id]) == [("zz_copy.txt", "current")]
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [the_id])[0][0] > 0


def test_same_document_under_two_names_loads_once(raw_base):
    inp, db = raw_base
    (inp / "copies").mkdir()
    shutil.copy(inp / BUDGET, inp / "copies" / "same.txt")
    the_id = doc_id(inp / BUDGET)
    cells = q(db, "select count(*) from raw.amount_cells where document_id = ?", [the_id])[0][0]

    result = pipeline.refresh(inp, db, build=False)

    assert result.duplicates == [f"copies/same.txt = {BUDGET}"]
    assert result.documents_seen == 4 and result.documents_parsed == 0 and result.documents_reused == 3
    assert q(db, "select count(*) from raw.documents where document_id = ?", [the_id])[0][0] == 1
    assert sorted(r[0] for r in q(db, "select source_path from raw.document_files where document_id = ?", [the_id])) == sorted(
        [BUDGET, "copies/same.txt"]
    )
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [the_id])[0][0] == cells

    # on a fresh warehouse too (both names in the first run): still one document
    fresh = db.with_name("fresh.duckdb")
    r2 = pipeline.refresh(inp, fresh, build=False)
    assert r2.documents_parsed == 3 and len(r2.duplicates) == 1
    assert q(fresh, "select count(*) from raw.documents")[0][0] == 3
    assert q(fresh, "select count(*) from raw.document_files")[0][0] == 4


def test_renamed_file_is_reused_and_renamed(raw_base):
    inp, db = raw_base
    the_id = doc_id(inp / FINAL)
    (inp / FINAL).rename(inp / "renamed.txt")

    result = pipeline.refresh(inp, db, build=False)

    assert result.documents_parsed == 0 and result.documents_reused == 3
    assert result.removed == [] and result.kept == []  # a rename, not a file left out
    assert q(db, "select source_path, source_file, status from raw.documents where document_id = ?", [the_id]) == [
        ("renamed.txt", "renamed.txt", "current")
    ]
    assert q(db, "select source_path from raw.document_files where document_id = ?", [the_id]) == [("renamed.txt",)]


# ------------------------------------------------------------------ 4. readers during the swap


def test_reader_keeps_old_state_across_swap(built, tmp_path, monkeypatch):
    inp, db = copy_warehouse(built[1], built[0], tmp_path)
    old_id, removed_id = doc_id(inp / BUDGET), doc_id(inp / PERF_OR_OTHER)
    reader = duckdb.connect(str(db), read_only=True)
    snapshot = (
        "select (select count(*) from raw.documents), (select count(*) from raw.amount_cells), "
        "(select count(*) from main.dim_document), (select string_agg(document_id, ',' order by document_id) from raw.documents)"
    )
    before = reader.execute(snapshot).fetchone()
    assert before[0] == 5 and before[2] == 5
    inode = os.stat(db).st_ino

    edit_file(inp / BUDGET)
    (inp / PERF_OR_OTHER).unlink()
    seen_during = []
    real_run_dbt = pipeline.run_dbt

    def run_dbt_and_look(tmp, commands, **kw):
        seen_during.append(("before dbt", reader.execute(snapshot).fetchone(), os.stat(db).st_ino))
        ok, out = real_run_dbt(tmp, commands, **kw)  # a real build over the incremental state
        seen_during.append(("after dbt", reader.execute(snapshot).fetchone(), os.stat(db).st_ino))
        return ok, out

    monkeypatch.setattr(pipeline.job, "run_dbt", run_dbt_and_look)
    result = pipeline.refresh(inp, db, build=True, prune=True)

    assert result.published, result.dbt_summary
    assert result.superseded == [BUDGET] and result.removed == [PERF_OR_OTHER]
    for label, state, ino in seen_during:
        assert state == before, label
        assert ino == inode, label  # the live file is not touched while building
    assert os.stat(db).st_ino != inode  # replaced by rename, not rewritten
    # the open reader still sees the complete old state, models included
    assert reader.execute(snapshot).fetchone() == before
    assert reader.execute("select count(*) from main.fct_expenditure").fetchone()[0] > 0

    # a new connection from another process sees the new state
    code = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
        "print(c.execute(\"select count(*) from raw.documents where status = 'current'\").fetchone()[0], "
        "c.execute(\"select count(*) from raw.documents where status = 'superseded'\").fetchone()[0], "
        "c.execute('select count(*) from main.dim_document where is_current').fetchone()[0])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["4", "1", "4"]
    assert q(db, "select count(*) from raw.documents where document_id = ?", [removed_id])[0][0] == 0
    assert q(db, "select status from raw.documents where document_id = ?", [old_id]) == [("superseded",)]

    # in this process, duckdb.connect() hands back the cached old instance while the reader is open...
    same_process = duckdb.connect(str(db), read_only=True)
    assert same_process.execute(snapshot).fetchone() == before
    same_process.close()
    reader.close()
    # ...and the new file once nothing holds the old one
    fresh = duckdb.connect(str(db), read_only=True)
    assert fresh.execute("select count(*) from main.dim_document where is_current").fetchone()[0] == 4
    fresh.close()


def test_open_reader_does_not_confuse_incremental_reuse(raw_base):
    """Regression: the previous state used to be read through the in-process instance cache, so
    with a reader open on an older file a re-added document was 'reused' from a file that no
    longer had it and silently vanished."""
    inp, db = raw_base
    reader = duckdb.connect(str(db), read_only=True)  # pins the first file in this process
    parked = inp.parent / "parked.txt"
    shutil.move(inp / FINAL, parked)
    assert pipeline.refresh(inp, db, build=False, prune=True).removed == [FINAL]
    shutil.move(parked, inp / FINAL)

    result = pipeline.refresh(inp, db, build=False)

    assert result.documents_parsed == 1 and result.documents_reused == 2
    the_id = doc_id(inp / FINAL)
    assert q(db, "select count(*) from raw.documents where document_id = ? and status = 'current'", [the_id])[0][0] == 1
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [the_id])[0][0] > 0
    assert pipeline.status(db)["documents"] == 3
    assert reader.execute("select count(*) from raw.documents").fetchone()[0] == 3  # still the first file
    reader.close()


# ------------------------------------------------------------------ 5. failed builds publish nothing


def test_failed_dbt_build_leaves_live_untouched(built, tmp_path, monkeypatch):
    inp, db = copy_warehouse(built[1], built[0], tmp_path)
    edit_file(inp / BUDGET)  # so that a publish would be visible
    stale = db.with_name(db.name + ".building-999999")  # left by a killed run
    stale.write_bytes(b"junk")
    before = sha(db)
    monkeypatch.setattr(pipeline.job, "run_dbt", lambda tmp, commands, **kw: (False, "boom"))

    with pytest.raises(pipeline.RefreshFailed, match="dbt build failed") as exc:
        pipeline.refresh(inp, db, build=True)

    assert "boom" in str(exc.value)  # the reason reaches the user even without dbt's keywords
    assert sha(db) == before
    assert building_files(db) == []
    with pipeline.RefreshLock(db.resolve(), 0):  # the lock was released
        pass

    res = runner.invoke(cli.app, ["refresh", "--input", str(inp), "--db", str(db)])
    assert res.exit_code == 1
    assert "dbt build failed" in res.output and "boom" in res.output
    assert sha(db) == before
    assert building_files(db) == []


def test_publisher_slip_in_a_score_is_reported_and_does_not_block_publishing(built, tmp_path):
    """A self-evaluation printing 得分 12 against 分值 10 is the publisher's inconsistency: the
    refresh publishes (with the other documents), and rule R12 reports it as data, pointing
    at the line. (It used to fail the score <= weight test and block the whole refresh.)"""
    inp, db = copy_warehouse(built[1], built[0], tmp_path)
    perf = inp / "004_7cec67b54d9192d1.txt"
    lines = perf.read_text(encoding="utf-8").split("\n")
    # 004 line 19: '质量指标  指标 1: 足额发放率  100%  100%  10  10'
    assert "足额发放率" in lines[18] and lines[18].endswith("\t10\t10\t")
    lines[18] = lines[18][: -len("10\t")] + "12\t"
    perf.write_text("\n".join(lines), encoding="utf-8")

    result = pipeline.refresh(inp, db, build=True)

    assert result.published and result.documents_parsed == 1
    rows = q(
        db,
        """select line_no, subject, printed_value - computed_value, passed from main.fct_reconciliation
                    where rule_id = 'R12' and source_file = '004_7cec67b54d9192d1.txt' and not passed""",
    )
    assert [(r[0], r[1], float(r[2]), r[3]) for r in rows] == [(19, "退役军人辅助性岗位经费", 2.0, False)]
    assert q(
        db,
        """select score, weight from main.fct_performance_indicator where line_no = 19
                    and document_id = (select document_id from main.dim_document
                                       where source_file = '004_7cec67b54d9192d1.txt' and is_current)""",
    ) == [(12.0, 10.0)]


def test_error_while_loading_leaves_live_untouched(raw_base, monkeypatch):
    """An exception before dbt (here: writing raw rows) also publishes nothing, and the next
    refresh in the same process starts from a clean building file."""
    inp, db = raw_base
    edit_file(inp / BUDGET)
    before = sha(db)
    real_append = load.append_rows

    def broken(con, batches):
        real_append(con, batches)
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "append_rows", broken)
    try:
        pipeline.refresh(inp, db, build=False)
        pytest.fail("the refresh should have raised")
    except RuntimeError as exc:
        assert "disk full" in str(exc)
        assert sha(db) == before and building_files(db) == []
        # retry while the error is still being handled (its traceback keeps the failed run's
        # frame alive): the failed run must have closed its connection, or DuckDB's instance
        # cache hands the new run the deleted half-built file, rows and all
        monkeypatch.setattr(load, "append_rows", real_append)
        result = pipeline.refresh(inp, db, build=False)
    assert result.published and result.documents_parsed == 1
    assert q(db, "select count(*) from raw.documents where status = 'current'")[0][0] == 3


# ------------------------------------------------------------------ 6. concurrency


def test_concurrent_refresh_is_refused_or_waits(raw_base):
    inp, db = raw_base
    before = sha(db)
    edit_file(inp / BUDGET)
    outcome = {}

    with pipeline.RefreshLock(db.resolve(), 0):
        with pytest.raises(pipeline.RefreshBusy, match="another refresh is running"):
            pipeline.refresh(inp, db, build=False, wait_seconds=0)

        res = runner.invoke(cli.app, ["refresh", "--input", str(inp), "--db", str(db), "--no-build"])
        assert res.exit_code == 75
        assert "another refresh is running" in res.output and str(db.name) in res.output
        assert sha(db) == before

        def waiter():
            try:
                outcome["result"] = pipeline.refresh(inp, db, build=False, wait_seconds=30)
            except Exception as exc:  # pragma: no cover - reported below
                outcome["error"] = exc

        t = threading.Thread(target=waiter)
        t.start()
        time.sleep(1.0)
        assert t.is_alive()  # waiting for the lock, not running
        assert sha(db) == before
    t.join(30)
    assert not t.is_alive()
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"].published and outcome["result"].documents_parsed == 1
    assert sha(db) != before


# ------------------------------------------------------------------ 7. bad input


ENCODED = {  # name -> (codec for bytes, expected recorded encoding, line ending)
    "gb18030.txt": ("gb18030", "gb18030", "\n"),
    "bom.txt": ("utf-8-sig", "utf-8-sig", "\n"),
    "utf16.txt": ("utf-16", "utf-16", "\n"),
    "utf16le_nobom.txt": ("utf-16-le", "utf-16-le", "\n"),
    "crlf.txt": ("utf-8", "utf-8", "\r\n"),
}
BAD = {"empty.txt": "read", "binary.txt": "read", "truncated.txt": "detect", "recipe.txt": "detect"}
RECIPE = (
    "红烧肉的做法\n\n材料：五花肉500克，冰糖30克，生抽2勺，老抽1勺，姜3片。\n\n"
    "步骤：\n1. 五花肉切块，冷水下锅焯水。\n2. 小火炒糖色，下肉翻炒上色。\n"
    "3. 加热水没过肉，炖一小时，大火收汁。\n"
)


@pytest.fixture
def messy_input(tmp_path):
    inp = copy_samples(tmp_path / "input", [BUDGET, FINAL])
    data = (SAMPLES / BUDGET).read_bytes()
    text = data.decode("utf-8")
    for k, (name, (codec, _, eol)) in enumerate(ENCODED.items()):
        (inp / name).write_bytes(edit_narrative(text, k).replace("\n", eol).encode(codec))
    (inp / "empty.txt").write_bytes(b"")
    rng = random.Random(20240601)
    (inp / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4000)) + b"\x00" * 100)
    cut = next(n for n in range(200, 220) if _cuts_a_character(data, n))
    (inp / "truncated.txt").write_bytes(data[:cut])
    (inp / "recipe.txt").write_text(RECIPE, encoding="utf-8")
    return inp


def _cuts_a_character(data: bytes, n: int) -> bool:
    try:
        data[:n].decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        return exc.start >= n - 3  # only the last, incomplete character is broken


def test_bad_input_is_rejected_and_nothing_is_lost(messy_input, tmp_path):
    inp, db = messy_input, tmp_path / "warehouse.duckdb"
    assert 200 <= (inp / "truncated.txt").stat().st_size < 204

    result = pipeline.refresh(inp, db, build=False)

    assert result.published
    assert result.documents_seen == 2 + len(ENCODED) + len(BAD)
    assert result.documents_parsed == 2 + len(ENCODED)
    # every real document loaded, each variant with exactly the facts of the UTF-8 original
    loaded = {
        r[0]: r[1:]
        for r in q(
            db,
            """
        select d.source_path, d.encoding, d.status, d.n_tables,
               (select count(*) from raw.amount_cells a where a.document_id = d.document_id)
        from raw.documents d""",
        )
    }
    assert set(loaded) == {BUDGET, FINAL, *ENCODED}
    original = loaded[BUDGET]
    assert original[3] > 200
    for name, (_, encoding, _) in ENCODED.items():
        assert loaded[name] == (encoding, "current", original[2], original[3]), name
    # every bad file is on record with a stage and a reason, in the result and in the warehouse
    by_result = {r["source_path"]: r for r in result.rejections}
    assert {k: v["stage"] for k, v in by_result.items()} == BAD
    in_db = {r[0]: r[1:] for r in q(db, "select source_path, stage, reason, content_sha256 from raw.ingest_rejections")}
    assert {k: v[0] for k, v in in_db.items()} == BAD
    for name, (_stage, reason, digest) in in_db.items():
        assert reason and digest == sha(inp / name)
    assert "empty" in in_db["empty.txt"][1]
    assert "not text" in in_db["binary.txt"][1]
    # cut off inside its cover: no table and no unit to key facts by
    assert "no publishing unit" in in_db["truncated.txt"][1] or "no standard table" in in_db["truncated.txt"][1]
    assert "kind=None" in in_db["recipe.txt"][1]
    assert not {r[0] for r in q(db, "select source_path from raw.document_files")} & set(BAD)
    assert [r["source_path"] for r in pipeline.status(db)["rejections"]] == sorted(BAD)

    # the CLI: exit 0 (a usable warehouse was published), every rejection listed
    res = runner.invoke(cli.app, ["refresh", "--input", str(inp), "--db", str(db), "--no-build"])
    assert res.exit_code == 0, res.output
    assert "4 rejected" in res.output
    for name, stage in BAD.items():
        assert f"rejected: {name} [{stage}]" in res.output
    # and the re-run reused the good documents and re-recorded the same rejections
    assert q(db, "select documents_parsed, documents_reused, rejections from raw.refresh_log order by refreshed_at") == [
        (7, 0, 4),
        (0, 7, 4),
    ]


def test_documents_missing_keys_do_not_hold_back_the_refresh(tmp_path):
    """Every fact is keyed by year. A document whose year cannot be found used to load with a
    NULL year, fail dim_document's key test and hold back the whole refresh; it is now
    rejected at ingest with its reason, and the other documents are built and published."""
    inp = copy_samples(tmp_path / "input", [FINAL])
    text = (SAMPLES / PERF_OR_OTHER).read_text(encoding="utf-8")
    no_year = re.sub(r"预算年度[:：]?\s*\d{4}", "", re.sub(r"(?:19|20)\d{2}\s*年度?", "", text))
    assert not re.search(r"(?:19|20)\d{2}\s*年", no_year)
    (inp / "no_year.txt").write_text(no_year, encoding="utf-8")
    # the same document with its years in Chinese numerals (二〇二三年) is read as 2023 (under
    # another unit's name: two files of one unit, year and kind would be versions of one document)
    cn_year = (
        text.replace("2023 年", "二〇二三年").replace("2023年", "二〇二三年").replace("镇安县医疗保险经办", "镇安县某某经办")
    )
    (inp / "cn_year.txt").write_text(cn_year, encoding="utf-8")
    # 001 line 353 '2101506 医疗经办事务 450000.00 … 450000.00' with its code OCR'd to six digits
    # and its name damaged, so the catalogue cannot complete it: the row loses its code (a
    # 6-digit func_code used to fail dim_func_subject's tests and block the build)
    lines = text.split("\n")
    assert lines[352].startswith("2101506\t医疗经办事务\t450000.00")
    lines[352] = lines[352].replace("2101506\t医疗经办事务", "210150\t某某经办事务")
    (inp / "code6.txt").write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "warehouse.duckdb"

    result = pipeline.refresh(inp, db, build=True)

    assert result.published
    assert [(r["source_path"], r["stage"]) for r in result.rejections] == [("no_year.txt", "detect")]
    assert "no fiscal year" in result.rejections[0]["reason"]
    assert sorted(q(db, "select source_file, year from main.dim_document")) == [
        (FINAL, 2024),
        ("cn_year.txt", 2023),
        ("code6.txt", 2023),
    ]
    assert q(db, "select source_file, stage from main.ingest_rejections") == [("no_year.txt", "detect")]
    assert q(
        db,
        """select line_no, printed, repaired, rule from main.fct_repairs
                    where source_file = 'code6.txt' and rule = 'code_unusable'""",
    ) == [(353, "210150", None, "code_unusable")]
    # the lost 45 万元 (450000.00 元) of 项目支出 shows in the subtotal checks of its table
    gaps = q(
        db,
        """select subject, printed_value - computed_value from main.fct_reconciliation
                    where source_file = 'code6.txt' and rule_id = 'R01' and measure = '项目支出' and not passed""",
    )
    assert sorted((s, float(d)) for s, d in gaps) == [("210", 45.0), ("21015", 45.0), ("合计", 45.0)]


def test_truncated_but_long_document_still_loads(tmp_path):
    """A whole document cut in its last character loses only that character."""
    inp = tmp_path / "input"
    inp.mkdir()
    data = (SAMPLES / FINAL).read_bytes()
    cut = next(n for n in range(len(data) - 1, len(data) - 2000, -1) if _cuts_a_character(data, n))
    (inp / "cut.txt").write_bytes(data[:cut])
    result = pipeline.refresh(inp, tmp_path / "w.duckdb", build=False)
    assert result.rejections == [] and result.documents_parsed == 1
    assert q(tmp_path / "w.duckdb", "select encoding, doc_kind from raw.documents") == [("utf-8 (damaged)", "决算")]


def test_every_copy_of_a_rejected_file_is_reported(tmp_path):
    inp = copy_samples(tmp_path / "input", [FINAL])
    (inp / "recipe.txt").write_text(RECIPE, encoding="utf-8")
    (inp / "recipe copy.txt").write_text(RECIPE, encoding="utf-8")
    result = pipeline.refresh(inp, tmp_path / "w.duckdb", build=False)
    assert sorted(r["source_path"] for r in result.rejections) == ["recipe copy.txt", "recipe.txt"]
    assert {r["stage"] for r in result.rejections} == {"detect"}
    assert q(tmp_path / "w.duckdb", "select count(*) from raw.ingest_rejections")[0][0] == 2


def test_missing_input_folder_fails_cleanly(tmp_path):
    res = runner.invoke(cli.app, ["refresh", "--input", str(tmp_path / "nope"), "--db", str(tmp_path / "w.duckdb")])
    assert res.exit_code == 1 and "input folder not found" in res.output
    assert not (tmp_path / "w.duckdb").exists()


# ------------------------------------------------------------------ 8. one broken table


def test_one_failing_table_keeps_the_rest_of_the_document(monkeypatch, tmp_path):
    path = SAMPLES / FINAL
    clean = parse_path(path, FINAL)
    kinds = {t.table_no: t.table_kind for t in clean.tables}
    broken_nos = {n for n, k in kinds.items() if k == "basic_econ"}
    assert len(broken_nos) == 1 and clean.table_errors == []
    expected = [a for a in clean.amounts if a.table_no not in broken_nos]
    assert 0 < len(expected) < len(clean.amounts)

    real = parse_document.read_financial_table

    def flaky(table, doc_kind, *year):
        if table.table_kind == "basic_econ":
            raise ValueError("cannot read this table")
        return real(table, doc_kind, *year)

    monkeypatch.setattr(parse_document, "read_financial_table", flaky)
    parsed = parse_path(path, FINAL)

    assert [n for n, _ in parsed.table_errors] == sorted(broken_nos)
    assert "ValueError: cannot read this table" in parsed.table_errors[0][1]
    assert len(parsed.tables) == len(clean.tables)  # the table itself is still on record
    assert {a.table_no for a in parsed.amounts} == {a.table_no for a in expected}
    assert len(parsed.amounts) == len(expected)

    # and through the refresh (one file: parsed in this process, so the patch applies)
    inp = copy_samples(tmp_path / "input", [FINAL])
    db = tmp_path / "w.duckdb"
    result = pipeline.refresh(inp, db, build=False, jobs=1)
    assert result.table_errors == 1 and result.rejections == []
    the_id = doc_id(inp / FINAL)
    assert q(db, "select table_no, reason from raw.table_errors where document_id = ?", [the_id]) == [
        (next(iter(broken_nos)), "ValueError: cannot read this table")
    ]
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [the_id])[0][0] == len(expected)


# ------------------------------------------------------------------ 9. CLI output


def test_cli_json_summary(tmp_path):
    inp = copy_samples(tmp_path / "input", [BUDGET, FINAL])
    (inp / "empty.txt").write_bytes(b"")
    db = tmp_path / "w.duckdb"
    res = runner.invoke(cli.app, ["refresh", "--input", str(inp), "--db", str(db), "--no-build", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["documents_seen"] == 3
    assert summary["documents_parsed"] == 2
    assert summary["documents_reused"] == 0
    assert summary["published"] is True
    assert summary["db_path"] == str(db.resolve())
    assert [(r["source_path"], r["stage"]) for r in summary["rejections"]] == [("empty.txt", "read")]

    again = json.loads(runner.invoke(cli.app, ["refresh", "--input", str(inp), "--db", str(db), "--no-build", "--json"]).stdout)
    assert (again["documents_parsed"], again["documents_reused"]) == (0, 2)


def test_cli_status(built, tmp_path):
    _, db, _ = built
    res = runner.invoke(cli.app, ["status", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "documents: 5" in res.output
    assert "rejections: []" in res.output
    assert "last_refresh:" in res.output

    info = json.loads(runner.invoke(cli.app, ["status", "--db", str(db), "--json"]).stdout)
    assert info["documents"] == 5 and info["superseded_documents"] == 0
    assert info["documents_by_kind"] == {"决算": 2, "绩效自评": 1, "预算": 2}
    assert isinstance(info["reconciliation_failures"], int)

    missing = runner.invoke(cli.app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "warehouse not found" in missing.output


def test_changed_project_code_rebuilds_even_without_new_documents(built, tmp_path, monkeypatch):
    """The no-op fast path is keyed on inputs *and* code: a new model version rebuilds."""
    inp, db = copy_warehouse(built[1], built[0], tmp_path)
    monkeypatch.setattr(pipeline.job, "project_version", lambda: "a-newer-version")
    calls = []
    monkeypatch.setattr(pipeline.job, "run_dbt", lambda tmp, commands, **kw: (calls.append(commands) or (True, "")))
    # the stub builds no models: the refresh runs dbt, then refuses to publish a warehouse without marts
    with pytest.raises(pipeline.RefreshFailed, match="lacks dim_document"):
        pipeline.refresh(inp, db, build=True)
    assert calls == [[["build"]]]


def test_file_edited_into_garbage_keeps_its_last_good_version(tmp_path):
    """A changed file whose new content is rejected does not take its facts out of the
    warehouse: the previous version stays current until a readable version replaces it."""
    inp = copy_samples(tmp_path / "in", [BUDGET, FINAL])
    db = tmp_path / "w.duckdb"
    pipeline.refresh(inp, db, build=False)
    good_id = doc_id(inp / BUDGET)
    cells = q(db, "select count(*) from raw.amount_cells where document_id = ?", [good_id])[0][0]
    assert cells > 0

    (inp / BUDGET).write_bytes(b"")  # the publisher's file is now empty
    result = pipeline.refresh(inp, db, build=False)
    assert [r["source_path"] for r in result.rejections] == [BUDGET]
    assert "previous version of this file is kept" in result.rejections[0]["reason"]
    assert result.superseded == []
    assert q(db, "select status from raw.documents where document_id = ?", [good_id]) == [("current",)]
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [good_id])[0][0] == cells

    shutil.copy(SAMPLES / BUDGET, inp / BUDGET)
    edit_file(inp / BUDGET)  # a readable new version replaces it
    result = pipeline.refresh(inp, db, build=False)
    new_id = doc_id(inp / BUDGET)
    assert result.rejections == [] and result.documents_parsed == 1
    assert q(db, "select status, superseded_by from raw.documents where document_id = ?", [good_id]) == [("superseded", new_id)]
    assert q(db, "select count(*) from raw.amount_cells where document_id = ?", [good_id])[0][0] == 0
