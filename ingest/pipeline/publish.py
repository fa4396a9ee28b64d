"""Publishing a built warehouse: only a verified build, never onto a file someone writes.

Readers hold read-only connections to the live file; a refresh builds `<db>.building` beside it
and renames it over the live file. Before the rename:
- the build is checkpointed and must leave no write-ahead log (a disk that filled during dbt's
  last checkpoint leaves the models in the WAL: publishing that file would publish no marts);
- a fresh connection must open it and read every relation of the analyst schema;
- a WAL beside the live file belongs to a session that wrote to the old file: if that session
  is still open (it holds the file read-write) the publish is refused, since its later writes
  would be replayed onto the new file; if it crashed, its WAL is moved aside with a warning.
Before building: the target must be absent, an empty DuckDB file or a warehouse of this
project (never a file of something else), and the disk must have room for the build.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from pathlib import Path

import duckdb

from .settings import RefreshFailed

_DUCKDB_MAGIC = b"DUCK"
# the marts the contract names: a build without any of them is not a warehouse
CONTRACT_MARTS = (
    "dim_document", "dim_unit", "dim_year", "dim_func_subject", "dim_econ_subject", "dim_project",
    "fct_expenditure", "fct_basic_expenditure", "fct_revenue", "fct_three_public",
    "fct_project_performance", "fct_performance_indicator", "ingest_rejections",
)  # fmt: skip


def lock_holder(exc: Exception) -> str | None:
    """'process X (PID n)' when a DuckDB error says another process holds the file's lock."""
    text = str(exc)
    if "Could not set lock" not in text and "Conflicting lock" not in text:
        return None
    m = re.search(r"held in (.+?) \(PID (\d+)\)", text)
    return f"{m.group(1)} (PID {m.group(2)})" if m else "another process"


def held_read_write(db_path: Path) -> bool:
    """Whether a process holds the file read-write (DuckDB takes an exclusive lock then, a
    shared one for read-only readers): a shared probe lock cannot be taken."""
    if not db_path.exists():
        return False
    fd = os.open(db_path, os.O_RDONLY)
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)  # closing the descriptor releases the probe lock


def check_target(db_path: Path) -> None:
    """Refuse a --db that is not (yet) a warehouse of this project: never overwrite a stranger."""
    if not db_path.exists():
        return
    if db_path.is_dir():
        raise RefreshFailed(f"--db {db_path} is a folder, not a warehouse file")
    with db_path.open("rb") as fh:
        head = fh.read(16)
    if db_path.stat().st_size == 0:
        return
    if head[8:12] != _DUCKDB_MAGIC:
        raise RefreshFailed(f"--db {db_path} is not a DuckDB file: refusing to overwrite it (choose another path)")
    try:
        con = duckdb.connect()
        try:
            con.execute(f"attach '{str(db_path).replace(chr(39), chr(39) * 2)}' as target (read_only)")
            tables = con.execute("select schema_name, table_name from duckdb_tables() where database_name = 'target'").fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        holder = lock_holder(exc)
        if holder:
            raise RefreshFailed(
                f"the live warehouse {db_path} is held read-write by {holder}: close that session "
                "(BI tools should open it read-only) and run the refresh again"
            ) from None
        raise RefreshFailed(f"--db {db_path} cannot be opened as a DuckDB database: {exc}") from None
    if tables and ("raw", "documents") not in tables:
        raise RefreshFailed(
            f"--db {db_path} is a DuckDB database of something else ({len(tables)} tables, no raw.documents): "
            "refusing to overwrite it (choose another path)"
        )


def check_free_space(db_path: Path, margin_bytes: int = 16 << 20) -> None:
    """A build needs room for a copy of the live file and the new models; refuse early rather
    than fill the disk halfway through."""
    live = db_path.stat().st_size if db_path.exists() else 0
    free = shutil.disk_usage(db_path.parent).free
    needed = 2 * live + margin_bytes
    if free < needed:
        raise RefreshFailed(
            f"not enough free space beside {db_path}: {free >> 20} MB free, about {needed >> 20} MB needed "
            "(the live warehouse was left as it was)"
        )


def verify_build(tmp: Path, marts: bool = True) -> None:
    """Checkpoint the built file; it must then stand alone (no WAL left) and a fresh connection
    must read every relation of schema main and, after a dbt build (`marts`), every contract mart."""
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("checkpoint")
        finally:
            con.close()
    except duckdb.Error as exc:
        raise RefreshFailed(f"the new warehouse could not be written to disk ({exc}); the live one was left as it was") from None
    wal = tmp.with_name(tmp.name + ".wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RefreshFailed(
            "the new warehouse's last checkpoint did not complete (its data is still in the write-ahead "
            f"log {wal.name}: a full disk?); the live warehouse was left as it was"
        )
    try:
        con = duckdb.connect()
        try:
            con.execute(f"attach '{str(tmp).replace(chr(39), chr(39) * 2)}' as built (read_only)")
            relations = {
                name
                for (name,) in con.execute(
                    "select table_name from duckdb_tables() where database_name = 'built' and schema_name = 'main' "
                    "union all select view_name from duckdb_views() where database_name = 'built' "
                    "and schema_name = 'main' and not internal"
                ).fetchall()
            }
            missing = [m for m in CONTRACT_MARTS if m not in relations] if marts else []
            if missing:
                raise RefreshFailed(f"the new warehouse lacks {', '.join(missing)}; the live one was left as it was")
            for name in sorted(relations):
                con.execute(f'select count(*) from built.main."{name}"').fetchone()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise RefreshFailed(f"the new warehouse cannot be read back ({exc}); the live one was left as it was") from None


def clear_foreign_wal(db_path: Path) -> str | None:
    """Handle a write-ahead log beside the live file before a new file takes its name.
    Returns a warning when a crashed session's WAL was moved aside; refuses while the session
    that writes it is still open."""
    wal = db_path.with_name(db_path.name + ".wal")
    if not wal.exists():
        return None
    if held_read_write(db_path):
        raise RefreshFailed(
            f"the live warehouse {db_path} is open read-write in another process and has a write-ahead "
            "log: publishing now would replay that session's writes onto the new warehouse. Close the "
            "read-write session (BI tools should open it read-only) and run the refresh again"
        )
    aside = wal.with_name(f"{wal.name}.stale-{time.strftime('%Y%m%dT%H%M%S')}")
    os.replace(wal, aside)
    return f"a write-ahead log left beside the live warehouse by a crashed session was moved aside to {aside.name}"


def swap(tmp: Path, db_path: Path) -> None:
    """The atomic rename, made durable (the folder entry flushed)."""
    os.replace(tmp, db_path)
    try:
        fd = os.open(db_path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
