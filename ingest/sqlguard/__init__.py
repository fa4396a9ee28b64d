"""Is this SQL one read-only query over the warehouse? Two parsers and an allow-list decide.

Three walls stand between an analyst's text and the warehouse file:

1. DuckDB's own parser — the one that will run the text — says how many statements there
   are and of what type, and gives its parse tree (``json_serialize_sql``). Every function
   and table function named in that tree must be on the allow-list (``allowlist.py``):
   DuckDB's built-in scalar, aggregate and window functions less a few that act on the
   session, and a short list of table functions that generate rows or describe the catalog.
   Names come out of DuckDB's tree unquoted and case-folded, so ``"query"(…)`` or
   ``"READ_TEXT"(…)`` is the same name as ``query(…)``: refused.
2. sqlglot's tree must agree that it is one query, contain no DDL/DML node and no function
   that reads files or runs SQL text, and pass the same allow-list for table functions and
   for functions it does not know. Where sqlglot cannot read valid DuckDB (PIVOT … ORDER BY),
   DuckDB's checked tree decides alone; where DuckDB gives no tree (PIVOT without an IN
   list, which DuckDB expands into CREATE TYPE + SELECT), sqlglot's must pass.
3. ``open_read_only`` opens the file read-only with external access, extension loading and
   configuration changes disabled, so even a query that slipped past (1) and (2) cannot read
   or write files, attach databases, load extensions or loosen the settings.

Both parsers recurse, so the text is bounded first (``bounds.py``: length, nesting) and the
checks run on a thread with a deep stack: a pathological query gets a one-line refusal,
never a traceback or minutes of CPU.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, SqlglotError, TokenError

from .allowlist import (
    ALLOWED_TABLE_FUNCTIONS,
    LOCKED_CONFIG,
    check_duckdb_tree,
    check_sqlglot_tree,
    locked_memory_connection,
)
from .bounds import MAX_NESTING, MAX_SQL_CHARS, check_bounds, nesting_depth, on_deep_stack
from .errors import QueryFailed, QueryRefused, duckdb_message, one_line

__all__ = [
    "ALLOWED_TABLE_FUNCTIONS",
    "LOCKED_CONFIG",
    "MAX_NESTING",
    "MAX_SQL_CHARS",
    "QueryFailed",
    "QueryRefused",
    "duckdb_message",
    "nesting_depth",
    "open_read_only",
    "validate_read_only",
]

_LEADING = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/|\()*([A-Za-z_]+)", re.S)
_EXPLAIN = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*explain(?:\s+analyze)?\b", re.S | re.I)


# ---------------------------------------------------------------- wall 1: DuckDB


def _duckdb_parse(sql: str) -> tuple[list[str], list[dict] | None] | duckdb.Error:
    """Statement types as DuckDB sees them (it runs the text, so it has the last word on how
    many statements there are) and, for a single SELECT, its parse tree; or the parse error."""
    con = locked_memory_connection()
    try:
        kinds = [s.type.name for s in con.extract_statements(sql)]
        trees = None
        if kinds == ["SELECT"]:
            row = con.execute("select json_serialize_sql(?)", [sql]).fetchone()
            out = json.loads(row[0] if row else '{"error": true}')
            if out.get("error"):  # e.g. PRAGMA x: DuckDB runs it as a call, not as a query
                raise QueryRefused(f"only read-only queries are allowed, not {_leading_word(sql) or 'this statement'}")
            trees = [s["node"] for s in out["statements"]]
        return kinds, trees
    except duckdb.PermissionException as err:
        raise QueryRefused(f"statement reaches outside the warehouse: {duckdb_message(err)}") from err
    except duckdb.Error as err:
        return err
    finally:
        con.close()


# ---------------------------------------------------------------- wall 2: sqlglot


def _sqlglot_parse(sql: str) -> list[exp.Expr]:
    """sqlglot parse that turns syntax errors into a one-line QueryFailed with the position."""
    log = logging.getLogger("sqlglot")
    level = log.level
    log.setLevel(logging.ERROR)  # silence "falling back to Command" chatter; we refuse those
    try:
        return [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except ParseError as err:
        first = err.errors[0] if err.errors else {}
        where = f"line {first.get('line')}, column {first.get('col')}" if first else "unknown position"
        near = first.get("highlight")
        detail = re.sub(
            r"Required keyword: '\w+' missing for <class '[\w.]*?(\w+)'>",
            lambda m: f"incomplete {m.group(1).upper()}",
            first.get("description") or str(err),
        )
        raise QueryFailed(one_line(f"syntax error at {where}: {detail}" + (f" (near {near!r})" if near else ""))) from err
    except TokenError as err:
        end = min(getattr(err, "end", 0) or 0, len(sql))
        line = sql.count("\n", 0, end) + 1
        col = end - (sql.rfind("\n", 0, end) + 1) + 1
        raise QueryFailed(
            f"syntax error at line {line}, column {col}: cannot tokenize (unterminated string, quote or comment?)"
        ) from err
    except SqlglotError as err:
        raise QueryFailed(one_line(f"syntax error: {str(err).splitlines()[0]}")) from err
    finally:
        log.setLevel(level)


# ---------------------------------------------------------------- the verdict


def _leading_word(sql: str) -> str:
    """First keyword after comments and parentheses, for messages ('INSTALL', 'USE')."""
    m = _LEADING.match(sql)
    return m.group(1).upper() if m else ""


def _refuse_kinds(sql: str, kinds: list[str]) -> None:
    if not kinds:
        raise QueryRefused("empty query: nothing to run")
    # PIVOT without an IN list: DuckDB itself adds CREATE TEMPORARY TYPE statements for the
    # pivot values (in memory, read-only safe) before the SELECT.
    if _leading_word(sql) == "PIVOT" and kinds[-1] == "SELECT" and set(kinds[:-1]) <= {"CREATE"}:
        return
    if len(kinds) > 1:
        raise QueryRefused(f"exactly one statement is allowed, found {len(kinds)} ({', '.join(kinds)})")
    if kinds[0] != "SELECT":
        raise QueryRefused(f"only read-only queries are allowed, not {_leading_word(sql) or kinds[0]}")


def validate_read_only(sql: str) -> str:
    """Return ``sql`` (stripped) if it is exactly one read-only query, else raise.

    Raises QueryRefused for anything that is not a plain query or that touches files or
    other systems; QueryFailed for text that does not parse or names an unknown function.
    EXPLAIN [ANALYZE] of a query is a query.
    """
    sql = (sql or "").lstrip("\ufeff")
    if not sql.strip():
        raise QueryRefused("empty query: nothing to run")
    check_bounds(sql)
    try:
        return on_deep_stack(lambda: _validate(sql))
    except RecursionError as err:
        raise QueryRefused("query is too deeply nested to check") from err


def _validate(sql: str) -> str:
    explain = _EXPLAIN.match(sql)
    if explain and _leading_word(sql) == "EXPLAIN":
        _validate(sql[explain.end() :])
        return sql.strip()
    parsed = _duckdb_parse(sql)
    try:
        statements = _sqlglot_parse(sql)
    except QueryFailed as err:
        if not isinstance(parsed, tuple):
            raise
        kinds, trees = parsed
        _refuse_kinds(sql, kinds)  # e.g. EXPORT DATABASE: DuckDB knows it, sqlglot does not
        if trees is None:
            raise QueryFailed(
                f"{err}; DuckDB reads it, but it cannot be checked: name the pivot values (PIVOT … ON col IN (…))"
            ) from err
        # Valid DuckDB that sqlglot cannot read (PIVOT … ORDER BY, newer syntax): DuckDB's own
        # tree — the one that runs — passed no further than the allow-list.
        check_duckdb_tree(trees)
        return sql.strip()
    if not isinstance(parsed, tuple):
        raise QueryFailed(duckdb_message(parsed))
    kinds, trees = parsed
    _refuse_kinds(sql, kinds)
    if trees is not None:
        check_duckdb_tree(trees)
    # DuckDB sees one SELECT; sqlglot must agree, and its tree is inspected too.
    if len(statements) != 1:
        raise QueryRefused(f"exactly one statement is allowed, found {len(statements)}")
    check_sqlglot_tree(statements[0])
    return sql.strip()


def open_read_only(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse so that nothing run on the connection can change or escape it.

    read_only stops writes to the file; enable_external_access=false stops file readers,
    COPY, ATTACH, INSTALL/LOAD and replacement scans; the extension switches stop
    auto-install/auto-load; lock_configuration stops SET from undoing any of it.
    """
    path = Path(db_path)
    if not path.is_file():
        raise QueryFailed(f"warehouse not found: {path} (run `make run` first)")
    try:
        con = duckdb.connect(str(path), read_only=True, config=dict(LOCKED_CONFIG))
        con.execute("SET lock_configuration = true")
    except duckdb.Error as err:
        raise QueryFailed(f"cannot open warehouse {path}: {duckdb_message(err)}") from err
    return con
