"""Reading the live warehouse (never writing it): what it holds, and carrying its rows and
history into the file being built."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from .. import load
from .publish import lock_holder
from .settings import RefreshFailed


def sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def refuse_if_locked(exc: Exception, db_path: Path) -> None:
    """A lock error is an error: a live file held read-write by another process is reported,
    never taken for an absent warehouse (the history it holds would be silently dropped)."""
    holder = lock_holder(exc)
    if holder:
        raise RefreshFailed(
            f"the live warehouse {db_path} is held read-write by {holder}: close that session (BI tools "
            "should open it read-only) and run the refresh again; nothing was changed"
        ) from None


def open_live(db_path: Path):
    """A read-only view of the file now at db_path.

    Not `duckdb.connect(path, read_only=True)`: DuckDB caches database instances per path
    within a process, so while anything in this process still holds a connection to an
    earlier (replaced) warehouse file, that call returns the *old* file's contents. A fresh
    in-memory connection that ATTACHes the path always opens the file now at that path
    (the same file `copy_reused` copies from).
    """
    con = duckdb.connect()
    try:
        con.execute(f"attach '{sql_path(db_path)}' as live (read_only)")
        con.execute("use live")
    except duckdb.Error:
        con.close()
        raise
    return con


@dataclass
class LiveState:
    """What the live warehouse holds, for deciding what to reuse, carry and remove."""

    reusable: dict[str, str] = field(default_factory=dict)  # document_id -> sha256, parsed by this parser
    all_current: dict[str, str] = field(default_factory=dict)  # document_id -> sha256, any parser version
    paths: dict[str, str] = field(default_factory=dict)  # source_path -> sha256 of every file on record
    manifests: dict[str, str | None] = field(default_factory=dict)  # document_id -> manifest entry (JSON)


def previous_state(db_path: Path) -> LiveState:
    """The live warehouse's documents and files (empty when there is none)."""
    state = LiveState()
    if not db_path.exists():
        return state
    try:
        con = open_live(db_path)
    except duckdb.Error as exc:
        refuse_if_locked(exc, db_path)
        return state
    try:
        has_manifest = con.execute(
            "select count(*) from duckdb_columns() where database_name = 'live' and schema_name = 'raw' "
            "and table_name = 'documents' and column_name = 'manifest_entry'"
        ).fetchone()[0]
        rows = con.execute(
            "select document_id, content_sha256, parser_version, "
            + ("manifest_entry" if has_manifest else "null")
            + " from raw.documents where status = 'current'"
        ).fetchall()
        version = load.parser_version()
        for doc_id, sha, parser, manifest in rows:
            state.all_current[doc_id] = sha
            state.manifests[doc_id] = manifest
            if parser == version:
                state.reusable[doc_id] = sha
        state.paths = dict(con.execute("select source_path, content_sha256 from raw.document_files").fetchall())
        return state
    except duckdb.Error:
        return LiveState()
    finally:
        con.close()


def last_build(db_path: Path) -> tuple[str | None, str | None]:
    """(input fingerprint, project version) of the live warehouse's last successful build."""
    if not db_path.exists():
        return None, None
    try:
        con = open_live(db_path)
    except duckdb.Error as exc:
        refuse_if_locked(exc, db_path)
        return None, None
    try:
        row = con.execute(
            "select input_fingerprint, project_version from raw.refresh_log where status = 'built' "
            "order by refreshed_at desc limit 1"
        ).fetchone()
        con.execute("select count(*) from main.dim_document").fetchone()  # the marts exist
        return (row[0], row[1]) if row else (None, None)
    except duckdb.Error:
        return None, None
    finally:
        con.close()


def live_rejections(db_path: Path) -> list[dict]:
    try:
        con = open_live(db_path)
    except duckdb.Error as exc:
        refuse_if_locked(exc, db_path)
        raise
    try:
        cols = ["source_file", "source_path", "content_sha256", "stage", "reason", "rejected_at"]
        rows = con.execute(f"select {', '.join(cols)} from raw.ingest_rejections order by source_path").fetchall()
        return [dict(zip(cols, r)) for r in rows]
    finally:
        con.close()


def clone_live(db_path: Path, tmp: Path) -> bool:
    """Copy the live warehouse file to tmp (the live file itself is only read). False when it
    cannot serve as a base (missing, or a write-ahead log beside it would not be copied)."""
    if not db_path.exists() or db_path.with_name(db_path.name + ".wal").exists():
        return False
    try:
        shutil.copyfile(db_path, tmp)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False


def copy_reused(con, db_path: Path, doc_ids: list[str]) -> None:
    """Copy the raw rows of unchanged documents from the live warehouse (no re-parse)."""
    if not doc_ids:
        return
    con.execute(f"attach '{sql_path(db_path)}' as live (read_only)")
    try:
        con.register("_reuse", pd.DataFrame({"document_id": doc_ids}))
        for table in load.RAW_TABLES:
            if table == "document_files":
                continue
            con.execute(
                f"insert into raw.{table} by name select * from live.raw.{table} where document_id in (select document_id from _reuse)"
                + (" and status = 'current'" if table == "documents" else "")
            )
        con.unregister("_reuse")
    finally:
        con.execute("detach live")


def copy_refresh_log(con, db_path: Path) -> None:
    """raw.refresh_log is a history: carry the earlier runs' rows into the new file."""
    if not db_path.exists():
        return
    try:
        con.execute(f"attach '{sql_path(db_path)}' as live (read_only)")
    except duckdb.Error as exc:
        refuse_if_locked(exc, db_path)
        return  # no readable live warehouse: nothing to carry over
    try:
        con.execute("insert into raw.refresh_log by name select * from live.raw.refresh_log")
    except duckdb.Error:
        pass
    finally:
        con.execute("detach live")


def record_superseded(con, db_path: Path, pairs: list[tuple[str, str]]) -> None:
    """Keep earlier versions of changed files on record (documents row only, no facts).

    Runs on every refresh, not only when a file changed: the history rows already in the
    live warehouse must be carried into the new file too.
    """
    if not db_path.exists():
        return
    try:
        con.execute(f"attach '{sql_path(db_path)}' as live (read_only)")
    except duckdb.Error as exc:
        refuse_if_locked(exc, db_path)
        if pairs:  # pairs come from the live file, so it was readable a moment ago
            raise
        return  # not a warehouse (yet): there is no history to keep
    try:
        for old_id, new_id in pairs:
            con.execute(
                "insert into raw.documents by name select * replace ('superseded' as status, ? as superseded_by) "
                "from live.raw.documents where document_id = ? and document_id not in (select document_id from raw.documents)",
                [new_id, old_id],
            )
        if con.execute(
            "select count(*) from duckdb_tables() where database_name = 'live' "
            "and schema_name = 'raw' and table_name = 'documents'"
        ).fetchone()[0]:
            con.execute(
                "insert into raw.documents by name select * from live.raw.documents where status = 'superseded' "
                "and document_id not in (select document_id from raw.documents)"
            )
    finally:
        con.execute("detach live")
