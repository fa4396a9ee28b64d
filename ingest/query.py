"""Ad-hoc, read-only SQL for analysts: one query in, rendered rows out, warehouse untouched.

Two independent walls stand between an analyst's text and the warehouse file:

1. ``validate_read_only`` refuses anything that is not a single query, using sqlglot's tree
   (what the statement *is*, which functions it calls, which names it reads) and DuckDB's own
   parser (how many statements DuckDB itself would see, and of what type) so a trick that
   fools one parser is still caught by the other.
2. ``open_read_only`` opens the file read-only with external access, extension loading and
   configuration changes disabled, so even a query that slipped past (1) cannot read or
   write files, attach databases, load extensions or loosen the settings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import math
import re
import uuid
from decimal import Decimal
from pathlib import Path

import duckdb
import sqlglot
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlglot import exp
from sqlglot.errors import ParseError, SqlglotError, TokenError


class QueryRefused(Exception):
    """The SQL is well formed but not allowed: it could change or escape the warehouse."""


class QueryFailed(Exception):
    """The SQL could not be parsed or run (syntax error, unknown table, missing warehouse)."""


# Statement kinds that only read. DuckDB turns DESCRIBE/SHOW/SUMMARIZE into SELECTs itself.
_ALLOWED_STATEMENTS = (exp.Query, exp.Values, exp.Describe, exp.Show, exp.Summarize)

# Nodes that must not appear anywhere in the tree, even nested (e.g. inside a CTE).
_FORBIDDEN_NODES = (
    exp.DDL,
    exp.DML,
    exp.Command,
    exp.Into,
    exp.Set,
    exp.Pragma,
    exp.Attach,
    exp.Detach,
    exp.Install,
    exp.Use,
    exp.Drop,
    exp.Alter,
    exp.Transaction,
    exp.Commit,
    exp.Rollback,
    exp.TruncateTable,
    exp.Grant,
    exp.Revoke,
    exp.Analyze,
    exp.Comment,
)

# Functions that read files, reach other systems, or run SQL text the validator never saw.
_DENIED_FUNCTIONS = {
    "glob",
    "sniff_csv",
    "query",
    "query_table",
    "json_execute_serialized_sql",
    "getenv",
    "checkpoint",
    "force_checkpoint",
    "to_file",
}
_DENIED_PREFIXES = (
    "read_",
    "parquet_",
    "iceberg_",
    "delta_",
    "postgres_",
    "mysql_",
    "sqlite_",
    "ducklake_",
    "odbc_",
    "http_",
    "st_read",
)
_DENIED_SUFFIXES = ("_scan", "_attach", "_query")

# Settings for every connection this module opens (names checked against DuckDB 1.4.4).
_LOCKED_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
}

# A quoted table name containing these is a file path or glob, which DuckDB would read
# through a replacement scan (FROM 'x.csv', FROM "/etc/passwd"); no warehouse table has them.
_PATH_CHARS = set("/\\.:~*?")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _function_names(node: exp.Func) -> set[str]:
    """Every name a function node might be called by: sqlglot's and the DuckDB spelling."""
    if isinstance(node, exp.Anonymous):
        return {str(node.this).lower()}
    names = {n.lower() for n in node.sql_names()}
    try:
        names.add(node.sql(dialect="duckdb").split("(", 1)[0].strip().lower())
    except SqlglotError:
        pass
    return names


def _denied(name: str) -> bool:
    return name in _DENIED_FUNCTIONS or name.startswith(_DENIED_PREFIXES) or name.endswith(_DENIED_SUFFIXES)


def _parse(sql: str) -> list[exp.Expr]:
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
        raise QueryFailed(_one_line(f"syntax error at {where}: {detail}" + (f" (near {near!r})" if near else ""))) from err
    except TokenError as err:
        end = min(getattr(err, "end", 0) or 0, len(sql))
        line = sql.count("\n", 0, end) + 1
        col = end - (sql.rfind("\n", 0, end) + 1) + 1
        raise QueryFailed(
            f"syntax error at line {line}, column {col}: cannot tokenize (unterminated string, quote or comment?)"
        ) from err
    except SqlglotError as err:
        raise QueryFailed(_one_line(f"syntax error: {str(err).splitlines()[0]}")) from err
    finally:
        log.setLevel(level)


def _duckdb_kinds(sql: str) -> list[str] | duckdb.Error:
    """Statement types as DuckDB's own parser sees them (it runs the text, so it has the
    last word on how many statements there are), or the parse error.

    Parsed on a locked, file-less in-memory connection: DuckDB expands IMPORT DATABASE
    while parsing, reading <dir>/schema.sql, so even parsing must not touch the disk.
    """
    con = duckdb.connect(":memory:", config=_LOCKED_CONFIG)
    try:
        con.execute("SET lock_configuration = true")
        return [s.type.name for s in con.extract_statements(sql)]
    except duckdb.PermissionException as err:
        raise QueryRefused(f"statement reaches outside the warehouse: {_duckdb_message(err)}") from err
    except duckdb.Error as err:
        return err
    finally:
        con.close()


def _leading_word(sql: str) -> str:
    """First keyword after comments and parentheses, for messages ('INSTALL', 'USE')."""
    m = re.match(r"(?:\s+|--[^\n]*|/\*.*?\*/|\()*([A-Za-z_]+)", sql, re.S)
    return m.group(1).upper() if m else ""


def _refuse_kinds(sql: str, kinds: list[str]) -> None:
    if not kinds:
        raise QueryRefused("empty query: nothing to run")
    if len(kinds) > 1:
        raise QueryRefused(f"exactly one statement is allowed, found {len(kinds)} ({', '.join(kinds)})")
    if kinds[0] != "SELECT":
        raise QueryRefused(f"only read-only queries are allowed, not {_leading_word(sql) or kinds[0]}")


def validate_read_only(sql: str) -> str:
    """Return ``sql`` (stripped) if it is exactly one read-only query, else raise.

    Raises QueryRefused for anything that is not a plain query or that touches files or
    other systems; QueryFailed for text that does not parse.
    """
    if not sql or not sql.strip():
        raise QueryRefused("empty query: nothing to run")
    kinds = _duckdb_kinds(sql)
    try:
        statements = _parse(sql)
    except QueryFailed:
        if isinstance(kinds, list):  # e.g. EXPORT DATABASE: DuckDB knows it, sqlglot does not
            _refuse_kinds(sql, kinds)
        raise
    if not isinstance(kinds, list):
        raise QueryFailed(_duckdb_message(kinds))
    _refuse_kinds(sql, kinds)
    # DuckDB sees one SELECT; sqlglot must agree, and its tree is what we inspect.
    if len(statements) != 1:
        raise QueryRefused(f"exactly one statement is allowed, found {len(statements)}")
    tree = statements[0]
    if not isinstance(tree, _ALLOWED_STATEMENTS):
        raise QueryRefused(f"only read-only queries are allowed, not {tree.key.upper()}")
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN_NODES):
            raise QueryRefused(f"only read-only queries are allowed: {node.key.upper()} found inside")
        if isinstance(node, exp.Func):
            bad = sorted(n for n in _function_names(node) if _denied(n))
            if bad:
                raise QueryRefused(f"function {bad[0]}() reads files or external systems; query warehouse tables instead")
        if isinstance(node, exp.Table):
            for part in node.parts:
                if isinstance(part, exp.Identifier) and set(part.name) & _PATH_CHARS:
                    raise QueryRefused(f"table name {part.name!r} looks like a file path; only warehouse tables can be queried")
    return sql.strip()


def _duckdb_message(err: BaseException) -> str:
    """DuckDB's first message line, plus its 'LINE n: …' pointer when it gives one."""
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    if not lines:
        return type(err).__name__
    where = next((ln for ln in lines[1:] if ln.startswith("LINE ")), None)
    return _one_line(lines[0] + (f" ({where})" if where else ""))


def open_read_only(db_path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse so that nothing run on the connection can change or escape it.

    read_only stops writes to the file; enable_external_access=false stops file readers,
    COPY, ATTACH, INSTALL/LOAD and replacement scans; the extension switches stop
    auto-install/auto-load; lock_configuration stops SET from undoing any of it.
    """
    path = Path(db_path)
    if not path.is_file():
        raise QueryFailed(f"warehouse not found: {path} (run `make run` first)")
    try:
        con = duckdb.connect(str(path), read_only=True, config=dict(_LOCKED_CONFIG))
        con.execute("SET lock_configuration = true")
    except duckdb.Error as err:
        raise QueryFailed(f"cannot open warehouse {path}: {_duckdb_message(err)}") from err
    return con


def run_query(sql: str, db_path, fmt: str = "table", max_rows: int | None = None) -> str:
    """Validate, run on a read-only connection, and render as 'table', 'csv' or 'json'."""
    if fmt not in _RENDERERS:
        raise QueryFailed(f"unknown format {fmt!r}: use table, csv or json")
    if max_rows is not None and max_rows < 0:
        raise QueryFailed("max_rows must be zero or more")
    sql = validate_read_only(sql)
    con = open_read_only(db_path)
    try:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description or []]
        if max_rows is None:
            rows, truncated = cur.fetchall(), False
        else:
            rows = cur.fetchmany(max_rows + 1)
            truncated = len(rows) > max_rows
            rows = rows[:max_rows]
    except duckdb.Error as err:
        raise QueryFailed(_duckdb_message(err)) from err
    finally:
        con.close()
    return _RENDERERS[fmt](columns, rows, truncated)


# ---------------------------------------------------------------- rendering


def _text(value) -> str:
    """Human form of one cell: exact decimals, ISO dates, NULL spelled out."""
    if value is None:
        return "NULL"
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Decimal):
        return format(value, "f")  # str() would print a DECIMAL(18,8) zero as '0E-8'
    return str(value)


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _render_table(columns, rows, truncated) -> str:
    """An aligned box table. rich measures cells in terminal columns (CJK = 2), so 中文 lines up."""
    table = Table(box=box.SQUARE, show_lines=False, highlight=False)
    for i, name in enumerate(columns):
        values = [r[i] for r in rows if r[i] is not None]
        numeric = bool(values) and all(_is_number(v) for v in values)
        table.add_column(Text(str(name)), justify="right" if numeric else "left", overflow="fold", no_wrap=False)
    for row in rows:
        # Text(...) so that '[bold]' or ':smile:' in data is printed, not interpreted.
        table.add_row(*(Text(_text(v).replace("\t", " ")) for v in row))
    out = io.StringIO()
    # Wide enough never to wrap; the table itself is only as wide as its content.
    console = Console(
        file=out,
        width=100_000,
        color_system=None,
        force_terminal=False,
        emoji=False,
        markup=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(table)
    body = "\n".join(line.rstrip() for line in out.getvalue().splitlines())
    n = len(rows)
    footer = f"({n} row{'s' if n != 1 else ''}{', more not shown' if truncated else ''})"
    return f"{body}\n{footer}\n"


def _render_csv(columns, rows, truncated) -> str:
    """CSV with a header row; NULL is an empty field, values as DuckDB returned them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _text(v) for v in row])
    return out.getvalue()


def _jsonable(value):
    """Plain JSON values: Decimal as a number when a float holds it exactly, else a string."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        if value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.time, bytes, uuid.UUID, dt.timedelta)):
        return _text(value)
    return str(value)


def _render_json(columns, rows, truncated) -> str:
    """A JSON array of objects, one per row; repeated column names get a _2, _3 suffix."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        keys.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    records = [dict(zip(keys, (_jsonable(v) for v in row))) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


_RENDERERS = {"table": _render_table, "csv": _render_csv, "json": _render_json}
