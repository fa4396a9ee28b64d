"""Publishing the marts to a DuckLake: one lake many hosts write and everyone reads, with
snapshots ("what did the warehouse say on date X").

Why: a warehouse file has one writer and lives on one disk. A DuckLake keeps its tables as
Parquet files under a data path and its catalog in a database: a SQLite file on one machine,
PostgreSQL for many hosts. Every publish is one transaction, so one snapshot: readers see
the lake before or after it, never half, and `at (timestamp => …)` reads any earlier one.

Two ways to publish a built warehouse (`python -m ingest lake publish`, or
`refresh --lake CATALOG --lake-data DIR`):
- `replace` (one warehouse owns the lake): every mart table is replaced by this build's.
- `merge` (many warehouses, e.g. one per province or host, into one lake): the rows of this
  build's documents (and of its dimension keys) replace the lake's rows of the same keys; the
  other warehouses' rows stay. Concurrent publishers retry on a write conflict, so two that
  publish at once both land, whole.

DuckDB's extensions are not downloaded: they come from PyPI's duckdb-extension-ducklake (and
-sqlite-scanner, -postgres-scanner), pinned to the DuckDB version in requirements.txt.
"""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from .live import sql_path

# how each mart is keyed when merging: facts and checks by document, dimensions by their key
MERGE_KEYS = {
    "dim_unit": "unit_id",
    "dim_year": "year",
    "dim_func_subject": "func_code",
    "dim_econ_subject": "econ_code",
    "dim_project": "project_id",
    "subject_name_drift": None,  # a summary over all documents: replaced, not merged
}


class LakeUnavailable(Exception):
    """The DuckLake extension (or the catalog's scanner) cannot be loaded here."""


def _extension_file(package: str) -> Path | None:
    try:
        module = importlib.import_module(package)
    except ImportError:
        return None
    version = "v" + duckdb.__version__
    files = sorted(Path(module.__path__[0]).rglob("*.duckdb_extension"))
    return next((f for f in files if version in f.parts), files[0] if files else None)


def load_extensions(con, catalog: str) -> None:
    """Load ducklake and the scanner its catalog needs from the pinned PyPI packages (or from
    DuckDB's extension folder when they were installed there)."""
    needed = ["ducklake"]
    if catalog.startswith("sqlite:"):
        needed.insert(0, "sqlite_scanner")
    elif catalog.startswith(("postgres:", "postgresql:")):
        needed.insert(0, "postgres_scanner")
    for name in needed:
        path = _extension_file(f"duckdb_extension_{name}")
        try:
            con.execute(f"load '{sql_path(path)}'" if path else f"load {name}")
        except duckdb.Error as exc:
            raise LakeUnavailable(
                f"DuckDB extension {name} could not be loaded ({exc}); install duckdb-extension-{name.replace('_', '-')}"
                f"=={duckdb.__version__} from PyPI"
            ) from None


def attach(con, catalog: str, data_path: str | Path | None = None, alias: str = "lake", read_only: bool = False) -> None:
    """Attach the lake: `catalog` is `sqlite:/path/catalog.sqlite`, `postgres:dbname=… host=…`
    or a DuckDB file `/path/catalog.ducklake`; `data_path` the folder (or object store URL) of
    its Parquet files (needed when the lake is created)."""
    load_extensions(con, catalog)
    options = []
    if data_path:
        options.append(f"data_path '{sql_path(Path(data_path)) if '://' not in str(data_path) else data_path}'")
    if read_only:
        options.append("read_only")
    if catalog.startswith("sqlite:"):
        Path(catalog.split(":", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    if data_path and "://" not in str(data_path):
        Path(data_path).mkdir(parents=True, exist_ok=True)
    spec = catalog.replace("'", "''")
    con.execute(f"attach 'ducklake:{spec}' as {alias}" + (f" ({', '.join(options)})" if options else ""))


def mart_tables(con, database: str) -> list[str]:
    """The analyst tables of a warehouse (schema main; the reporting views stay with it)."""
    return [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = 'main' order by 1", [database]
        ).fetchall()
    ]


def _merge_key(con, table: str) -> str | None:
    if table in MERGE_KEYS:
        return MERGE_KEYS[table]
    cols = {r[0] for r in con.execute(f"select column_name from (describe wh.main.{table})").fetchall()}
    return "document_id" if "document_id" in cols else None


def publish(
    db_path: Path,
    catalog: str,
    data_path: str | Path | None = None,
    *,
    mode: str = "replace",
    message: str | None = None,
    retries: int = 20,
) -> dict:
    """Copy the marts of the warehouse at `db_path` into the lake in one transaction.
    Returns {snapshot_id, tables, rows, attempts}. A conflict with a concurrent publisher is
    retried (the whole transaction, after a short random wait)."""
    if mode not in ("replace", "merge"):
        raise ValueError(f"mode must be 'replace' or 'merge', not {mode!r}")
    con = duckdb.connect()
    try:
        attach(con, catalog, data_path)
        con.execute(f"attach '{sql_path(Path(db_path))}' as wh (read_only)")
        tables = mart_tables(con, "wh")
        rows = {t: _scalar(con, f"select count(*) from wh.main.{t}") for t in tables}
        message = message or f"publish ({mode}) of {Path(db_path).name}"

        def copy_marts() -> None:
            existing = set(mart_tables(con, "lake"))
            for table in tables:
                key = _merge_key(con, table) if mode == "merge" else None
                if table not in existing:
                    con.execute(f"create table lake.main.{table} as select * from wh.main.{table}")
                    continue
                if key is None:
                    con.execute(f"delete from lake.main.{table}")
                else:
                    con.execute(f"delete from lake.main.{table} where {key} in (select {key} from wh.main.{table})")
                con.execute(f"insert into lake.main.{table} by name select * from wh.main.{table}")
            con.execute("call lake.set_commit_message('ingest', ?)", [message])

        attempts = run_transaction(con, copy_marts, retries)
        snapshot = _scalar(con, "select * from lake.last_committed_snapshot()")  # this connection's commit
        return {"snapshot_id": snapshot, "tables": tables, "rows": rows, "attempts": attempts}
    finally:
        con.close()


def run_transaction(con, work: Callable[[], None], retries: int = 20) -> int:
    """Run `work` in one transaction of `con`, again from the start when a concurrent writer
    got in the way: a DuckLake conflict, or the catalog busy (SQLite's "database is locked",
    which DuckLake's own retries do not cover). Returns the attempts it took."""
    for attempt in range(1, retries + 1):
        try:
            con.execute("begin")
            work()
            con.execute("commit")
            return attempt
        except duckdb.Error as exc:
            try:
                con.execute("rollback")
            except duckdb.Error:
                pass  # a failed commit leaves no transaction to roll back
            if attempt == retries or not _is_conflict(exc):
                raise
            time.sleep(random.uniform(0.05, 0.3) * attempt)
    raise AssertionError("unreachable")


def _scalar(con, sql: str):
    row = con.execute(sql).fetchone()
    return row[0] if row else None


def _is_conflict(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("conflict", "locked", "busy", "transactioncontext", "retry"))


def snapshots(catalog: str, data_path: str | Path | None = None) -> list[dict]:
    """Every snapshot of the lake: id, time, what changed, the publisher's message."""
    con = duckdb.connect()
    try:
        attach(con, catalog, data_path, read_only=True)
        cols = ["snapshot_id", "snapshot_time", "schema_version", "changes", "author", "commit_message"]
        rows = con.execute(f"select {', '.join(cols)} from lake.snapshots() order by snapshot_id").fetchall()
        return [dict(zip(cols, r)) for r in rows]
    finally:
        con.close()


def connect(catalog: str, data_path: str | Path | None = None, at: str | int | None = None):
    """A read-only connection whose default database is the lake, as of now or, with `at`, as
    of a snapshot id (int) or a timestamp ('2026-06-30 12:00'): "what did the warehouse say"."""
    con = duckdb.connect()
    if at is None:
        attach(con, catalog, data_path, read_only=True)
    else:
        load_extensions(con, catalog)
        clause = f"snapshot_version {int(at)}" if isinstance(at, int) else f"snapshot_time '{at}'"
        spec = catalog.replace("'", "''")
        con.execute(f"attach 'ducklake:{spec}' as lake (read_only, {clause})")
    con.execute("use lake")
    return con
