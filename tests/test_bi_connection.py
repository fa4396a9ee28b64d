"""BI tools reach the warehouse through SQLAlchemy + duckdb-engine, read-only.

What Superset (and any SQLAlchemy-based tool) does: open
`duckdb:////abs/path/warehouse.duckdb?access_mode=read_only`, list the views, query the
reporting views, and keep its connections while the nightly refresh publishes a new file.

Each test works on its own copy of the session warehouse (the `built_warehouse` fixture):
DuckDB refuses a second in-process connection to the same file with a different
configuration, and duckdb-engine's connections carry their own settings, so sharing the file
with the other tests' `duckdb.connect(..., read_only=True)` handles could collide. The copy
keeps the base name `warehouse.duckdb` (the catalog name the staging views were built with).
One full refresh runs here (the publish-under-a-reader test).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

sa = pytest.importorskip("sqlalchemy")
pytest.importorskip("duckdb_engine")

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

REPORTING_VIEWS = {
    "rpt_expenditure",
    "rpt_basic_expenditure",
    "rpt_three_public",
    "rpt_revenue",
    "rpt_budget_execution",
    "rpt_indicator_achievement",
}

# Sample 000 (青龙满族自治县医疗保障局, 2024 部门预算), 部门预算支出总表, printed line:
#   21	2101506	医疗保障经办事务	213. 38	204. 38	9.00
# i.e. 合计 213.38 = 基本支出 204.38 + 项目支出 9.00 (万元), all funds.
SAMPLE_000_ROW = """
    select func_name, kuan_code, kuan_name, class_name, unit_name, county, adcode, doc_kind, stage, amount_wan
    from rpt_expenditure
    where source_file like '000\\_%' escape '\\'
      and func_code = '2101506' and fund_type = '全部资金' and expense_type = '基本支出'
"""


def read_only_url(db: Path) -> str:
    """The URL to paste into Superset & co.: four slashes = `duckdb:///` + an absolute path, then
    the settings that make it a sandbox (ingest/bi.py)."""
    from ingest.bi import sqlalchemy_url

    url = sqlalchemy_url(db)
    assert url.startswith(f"duckdb:///{db.resolve()}?access_mode=read_only&enable_external_access=false")
    return url


def copy_warehouse(src: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "warehouse.duckdb"
    shutil.copy2(src, db)
    return db


def test_read_only_url_serves_reporting_views_and_refuses_writes(built_warehouse, tmp_path):
    db = copy_warehouse(built_warehouse, tmp_path / "bi")
    url = read_only_url(db)
    assert url.startswith("duckdb:////")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as con:
            assert con.execute(sa.text("select current_setting('access_mode')")).scalar() == "read_only"

            # what a BI tool's table picker sees: the reporting views and their columns, in main
            insp = sa.inspect(con)
            assert REPORTING_VIEWS <= set(insp.get_view_names(schema="main"))
            columns = {c["name"] for c in insp.get_columns("rpt_expenditure", schema="main")}
            assert {
                "func_code",
                "func_name",
                "kuan_name",
                "class_name",
                "county",
                "adcode",
                "fund_type",
                "expense_type",
                "amount_wan",
            } <= columns

            # a real value, read from the sample document, with every label already joined
            rows = con.execute(sa.text(SAMPLE_000_ROW)).mappings().all()
            assert len(rows) == 1
            row = rows[0]
            assert row["amount_wan"] == Decimal("204.38")
            assert row["func_name"] == "医疗保障经办事务"
            assert (row["kuan_code"], row["kuan_name"]) == ("21015", "医疗保障管理事务")
            assert row["class_name"] == "卫生健康支出"
            assert row["unit_name"] == "青龙满族自治县医疗保障局"
            assert (row["county"], row["adcode"]) == ("青龙满族自治县", "130321")
            assert (row["doc_kind"], row["stage"]) == ("预算", "预算")
            # and the printed 合计 of that line is reproduced by summing the leaves
            total = con.execute(
                sa.text(
                    "select sum(amount_wan) from rpt_expenditure where source_file like '000\\_%' escape '\\' "
                    "and func_code = '2101506' and fund_type = '全部资金'"
                )
            ).scalar()
            assert total == Decimal("213.38")
            n_rows = con.execute(sa.text("select count(*) from rpt_expenditure")).scalar()

        # writes fail through that connection, whatever the statement
        for statement in (
            "create table main.bi_scratch (x integer)",
            "insert into main.dim_year (year) values (1999)",
            "update main.dim_unit set unit_name = 'x'",
            "delete from main.fct_expenditure",
            "drop view main.rpt_expenditure",
            "create or replace view main.rpt_expenditure as select 1 as x",
        ):
            with engine.connect() as con:
                with pytest.raises(sa.exc.DBAPIError, match="read-only"):
                    con.execute(sa.text(statement))
                    con.commit()
        with engine.connect() as con:
            assert con.execute(sa.text("select count(*) from rpt_expenditure")).scalar() == n_rows
    finally:
        engine.dispose()

    # the other spelling that works: read_only passed to duckdb.connect through connect_args
    engine = sa.create_engine(f"duckdb:///{db.resolve()}", connect_args={"read_only": True})
    try:
        with engine.connect() as con:
            assert con.execute(sa.text("select current_setting('access_mode')")).scalar() == "read_only"
            assert con.execute(sa.text(SAMPLE_000_ROW)).mappings().one()["amount_wan"] == Decimal("204.38")
    finally:
        engine.dispose()

    # ...and one that does not: `read_only` is not a DuckDB setting, so not a URL parameter
    engine = sa.create_engine(f"duckdb:///{db.resolve()}?read_only=true")
    try:
        with pytest.raises(sa.exc.DBAPIError, match="read_only"):
            with engine.connect():
                pass
    finally:
        engine.dispose()


# ------------------------------------------------------------- a refresh under a BI reader

SNAPSHOT = {
    "documents": "select count(*) from dim_document",
    "final_docs_000_unit": (
        "select count(*) from dim_document d join dim_unit u using (unit_id) "
        "where u.unit_name = '青龙满族自治县医疗保障局' and d.doc_kind = '决算'"
    ),
    "matched_lines": "select count(*) from rpt_budget_execution where both_printed",
    "expenditure_rows": "select count(*) from rpt_expenditure",
}

MATCHED_2101506 = """
    select budget_wan, final_wan, variance_wan, execution_rate, both_printed, both_documents
    from rpt_budget_execution
    where unit_name = '青龙满族自治县医疗保障局' and year = 2024
      and fund_type = '全部资金' and func_code = '2101506' and expense_type = '基本支出'
"""


def snapshot(con) -> dict:
    return {k: con.execute(sa.text(q)).scalar() for k, q in SNAPSHOT.items()}


def input_with_final_accounts(tmp_path: Path) -> Path:
    """The samples plus a 决算 of sample 000's unit and year.

    The new document is sample 000 with its title saying 部门决算: it has the same unit,
    year and tables, so rpt_budget_execution must now match every line of the 预算 with
    the same line of the 决算 (execution rate 100%).
    """
    inp = tmp_path / "input"
    shutil.copytree(SAMPLES, inp)
    budget = next(SAMPLES.glob("000_*.txt"))
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "部门预算" in lines[0]
    lines[0] = lines[0].replace("部门预算", "部门决算")
    (inp / "000_as_final_accounts.txt").write_text("".join(lines), encoding="utf-8")
    return inp


def test_reader_keeps_working_while_refresh_publishes(built_warehouse, tmp_path):
    from ingest import pipeline

    db = copy_warehouse(built_warehouse, tmp_path / "live")
    inp = input_with_final_accounts(tmp_path)
    engine = sa.create_engine(read_only_url(db))
    con = engine.connect()  # held open for the whole refresh, like a BI server's pooled connection
    before = snapshot(con)
    assert before["final_docs_000_unit"] == 0 and before["matched_lines"] == 0
    assert con.execute(sa.text(MATCHED_2101506)).mappings().one()["final_wan"] is None

    outcome: dict = {}

    def run_refresh():
        try:
            outcome["result"] = pipeline.refresh(inp, db)
        except BaseException as exc:  # reported by the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=run_refresh)
    worker.start()
    polls = 0
    while worker.is_alive():
        # the reader keeps answering during the refresh, always with the complete old state
        assert snapshot(con) == before
        polls += 1
        time.sleep(0.2)
    worker.join()
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"].published, outcome["result"].dbt_summary
    assert outcome["result"].documents_parsed == 1  # only the new document; the rest is reused
    assert polls > 0

    # after the publish the old connection still answers, from the file it opened
    assert snapshot(con) == before

    # a new connection from another process (another BI worker, DBeaver…) sees the new state
    code = (
        "import json, sys, sqlalchemy as sa\n"
        "e = sa.create_engine(sys.argv[1])\n"
        "with e.connect() as c:\n"
        "    snap = {k: c.execute(sa.text(q)).scalar() for k, q in json.loads(sys.argv[2]).items()}\n"
        "    row = c.execute(sa.text(sys.argv[3])).mappings().one()\n"
        "    print(json.dumps({'snap': snap, 'row': {k: str(v) for k, v in row.items()}}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, read_only_url(db), json.dumps(SNAPSHOT), MATCHED_2101506],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    after = seen["snap"]
    assert after["documents"] == before["documents"] + 1
    assert after["final_docs_000_unit"] == 1
    assert after["matched_lines"] > 0
    assert seen["row"] == {
        "budget_wan": "204.380000",
        "final_wan": "204.380000",
        "variance_wan": "0.000000",
        "execution_rate": "100.0",
        "both_printed": "True",
        "both_documents": "True",
    }

    # in this process, DuckDB hands a new connection the instance that is still open (the old
    # file) — which is why a long-running BI server should not keep connections pooled forever
    other = sa.create_engine(read_only_url(db))
    with other.connect() as c2:
        assert snapshot(c2) == before
    other.dispose()

    # once the old connections are closed, a new connection opens the newly published file
    con.close()
    engine.dispose()
    with engine.connect() as c3:
        assert snapshot(c3) == after
        assert c3.execute(sa.text(MATCHED_2101506)).mappings().one()["execution_rate"] == 100.0
    engine.dispose()


# Issue 20, item 1: through the plain read-only URL each of these read or wrote files, attached
# another database read-write, or overwrote the live warehouse. Through the documented URL
# every one is refused, and nothing appears on disk.
def _attacks(db: Path, tmp: Path) -> list[str]:
    return [
        "select * from read_text('/etc/passwd')",
        "select * from read_csv('/etc/passwd')",
        f"copy (select 1) to '{tmp / 'leak.csv'}'",
        f"export database '{tmp / 'export'}'",
        f"attach '{tmp / 'other.duckdb'}' as other",
        f"attach '{tmp / 'other_rw.duckdb'}' as other_rw (read_only false)",
        f"copy (select 'x') to '{db}'",
        "set enable_external_access = true",
        "set lock_configuration = false",
        "reset enable_external_access",
        "install httpfs",
        "load httpfs",
        "create table main.new_table as select 1 as x",
        "drop table main.fct_expenditure",
    ]


def test_documented_url_refuses_file_access_writes_and_reconfiguration(built_warehouse, tmp_path):
    db = copy_warehouse(built_warehouse, tmp_path / "wh")
    before = db.read_bytes()
    engine = sa.create_engine(read_only_url(db))
    try:
        for statement in _attacks(db, tmp_path):
            with engine.connect() as con:
                with pytest.raises(sa.exc.DBAPIError):
                    con.execute(sa.text(statement)).fetchall()
        with engine.connect() as con:  # and the warehouse still answers
            assert con.execute(sa.text("select count(*) from fct_expenditure")).scalar() > 0
    finally:
        engine.dispose()
    assert not any((tmp_path / name).exists() for name in ("leak.csv", "export", "other.duckdb", "other_rw.duckdb"))
    assert db.read_bytes() == before


def test_python_helper_is_the_same_sandbox(built_warehouse, tmp_path):
    from ingest import bi

    db = copy_warehouse(built_warehouse, tmp_path / "wh")
    con = bi.connect(db)
    try:
        for statement in _attacks(db, tmp_path):
            with pytest.raises(Exception):  # noqa: B017 - DuckDB raises several error types here
                con.execute(statement).fetchall()
        assert con.execute("select count(*) from dim_document").fetchone()[0] > 0
    finally:
        con.close()
