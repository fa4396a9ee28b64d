"""Ad-hoc, read-only SQL for analysts: one query in, rendered rows out, warehouse untouched.

What may run is decided by ``sqlguard`` (one read-only statement, an allow-list of
functions, a locked read-only connection). This module runs it within limits a shared
machine needs: a time limit (the query is interrupted, not abandoned), a row limit (rows are
fetched up to it, never all materialised first), and Ctrl-C, which stops DuckDB at once
because the query runs on a worker thread while this one waits and can be interrupted.
Both limits have defaults and can be changed per call (``--timeout``, ``--max-rows``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from .render import RENDERERS
from .sqlguard import (
    QueryFailed,
    QueryRefused,
    duckdb_message,
    open_read_only,
    validate_read_only,
)
from .text import UnreadableDocument, decode_bytes

__all__ = [
    "DEFAULT_MAX_ROWS",
    "DEFAULT_TIMEOUT",
    "QueryFailed",
    "QueryInterrupted",
    "QueryRefused",
    "QueryResult",
    "fetch",
    "interruptible",
    "open_read_only",
    "read_sql_file",
    "run_query",
    "validate_read_only",
]

DEFAULT_MAX_ROWS = 1000  # rows shown unless --max-rows says otherwise (0 = all)
DEFAULT_TIMEOUT = 60.0  # seconds a query may run unless --timeout says otherwise (0 = no limit)

T = TypeVar("T")


class QueryInterrupted(Exception):
    """The user pressed Ctrl-C; the query was stopped."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool  # more rows than max_rows existed


def interruptible(con: duckdb.DuckDBPyConnection, work: Callable[[], T], timeout: float | None) -> T:
    """Run ``work`` (which uses ``con``) on a worker thread; interrupt DuckDB when the time
    limit passes (QueryFailed) or on Ctrl-C (QueryInterrupted). The caller closes ``con``.

    The wait is on an Event the worker sets, not on Thread.join: a join cut short by Ctrl-C
    can mark a running thread as stopped (CPython), and the connection would then be closed
    under a query still running."""
    box: dict[str, Any] = {}
    done = threading.Event()
    begun = threading.Event()

    def run() -> None:
        begun.set()
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc
        finally:
            done.set()

    def stop() -> None:
        con.interrupt()
        asked = time.monotonic()
        while not done.is_set():  # DuckDB stops at its next check; keep asking
            if not begun.is_set() and time.monotonic() - asked > 5:
                return  # Ctrl-C came before the worker thread was created: nothing runs
            try:
                done.wait(0.1)
            except KeyboardInterrupt:  # a second Ctrl-C while stopping: still stopping
                pass
            con.interrupt()

    deadline = time.monotonic() + timeout if timeout else None
    worker = threading.Thread(target=run, name="query", daemon=True)
    try:
        # started inside the try: a Ctrl-C while the thread starts (Thread.start waits for it)
        # must still stop the query, or closing the connection would wait for it to end
        worker.start()
        while not done.wait(0.05):
            if deadline is not None and time.monotonic() > deadline:
                stop()
                raise QueryFailed(
                    f"query stopped after {timeout:g} s (the time limit; --timeout SECONDS to change it, 0 for none)"
                )
    except KeyboardInterrupt:
        stop()
        raise QueryInterrupted("query interrupted (Ctrl-C)") from None
    error = box.get("error")
    if isinstance(error, duckdb.Error):
        raise QueryFailed(duckdb_message(error)) from error
    if error is not None:
        raise error
    return box["value"]


def fetch(sql: str, db_path, max_rows: int | None = DEFAULT_MAX_ROWS, timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
    """Validate, then run on a read-only connection within the limits (None or 0 = none)."""
    if max_rows is not None and max_rows < 0:
        raise QueryFailed("max_rows must be zero or more")
    if timeout is not None and timeout < 0:
        raise QueryFailed("timeout must be zero or more")
    limit = max_rows or None
    sql = validate_read_only(sql)
    try:
        con = open_read_only(db_path)
    except KeyboardInterrupt:  # Ctrl-C while the file opens: the query has not started
        raise QueryInterrupted("query interrupted (Ctrl-C)") from None

    def work() -> QueryResult:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description or []]
        if limit is None:
            return QueryResult(columns, cur.fetchall(), False)
        rows = cur.fetchmany(limit + 1)
        return QueryResult(columns, rows[:limit], len(rows) > limit)

    try:
        return interruptible(con, work, timeout or None)
    finally:
        con.close()


def run_query(
    sql: str,
    db_path,
    fmt: str = "table",
    max_rows: int | None = DEFAULT_MAX_ROWS,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> str:
    """Validate, run on a read-only connection, and render as 'table', 'csv' or 'json'."""
    if fmt not in RENDERERS:
        raise QueryFailed(f"unknown format {fmt!r}: use table, csv or json")
    result = fetch(sql, db_path, max_rows=max_rows, timeout=timeout)
    return RENDERERS[fmt](result.columns, result.rows, result.truncated)


def read_sql_file(path: Path) -> str:
    """A query file's text, whatever Windows tool wrote it: UTF-8 with or without a BOM,
    GBK/GB18030, UTF-16. Missing or undecodable files are a one-line QueryFailed."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise QueryFailed(f"query file not found: {path}") from None
    except IsADirectoryError:
        raise QueryFailed(f"query file is a folder: {path}") from None
    except OSError as exc:
        raise QueryFailed(f"cannot read query file {path}: {exc.strerror or exc}") from None
    try:
        text, encoding = decode_bytes(data)
    except UnreadableDocument as exc:
        raise QueryFailed(f"cannot read query file {path}: {exc}") from None
    if "damaged" in encoding:
        raise QueryFailed(f"cannot read query file {path}: not valid UTF-8, GB18030 or UTF-16 text")
    return text.lstrip("\ufeff")
