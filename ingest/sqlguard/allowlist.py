"""The allow-list: which functions a read-only query may call, and the checks that apply it
to DuckDB's parse tree and to sqlglot's.

Names are compared as DuckDB resolves them — unquoted and lower-cased — so quoting or case
cannot turn a refused function into an allowed one.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from typing import Any

import duckdb
from sqlglot import exp

from .errors import QueryFailed, QueryRefused

# Settings for every connection this module opens (names checked against DuckDB 1.4.4).
LOCKED_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
}

# Table functions a query may read from: row generators, JSON walkers over values, and the
# catalog. Everything else DuckDB offers in FROM reads files, runs SQL text (query,
# query_table), checkpoints, or reports on the host.
ALLOWED_TABLE_FUNCTIONS = frozenset(
    {
        "range",
        "generate_series",
        "unnest",
        "json_each",
        "json_tree",
        "duckdb_columns",
        "duckdb_constraints",
        "duckdb_functions",
        "duckdb_indexes",
        "duckdb_keywords",
        "duckdb_schemas",
        "duckdb_tables",
        "duckdb_types",
        "duckdb_views",
        "pragma_table_info",
    }
)

# Window functions are not listed by duckdb_functions(); DuckDB's tree names them so.
WINDOW_FUNCTIONS = frozenset(
    {
        "row_number",
        "rank",
        "dense_rank",
        "rank_dense",
        "percent_rank",
        "cume_dist",
        "ntile",
        "lag",
        "lead",
        "first_value",
        "last_value",
        "nth_value",
        "fill",
    }
)

# Names the parser itself writes into the tree for syntax (SELECT [x FOR x IN l], UNNEST in
# the select list, COLUMNS(*) …) that duckdb_functions() does not list as scalars.
SYNTAX_FUNCTIONS = frozenset({"unnest", "unlist", "columns", "row", "struct_pack"})

# Built-in scalars that act on the session rather than compute a value.
DENIED_SCALARS = frozenset({"write_log", "json_execute_serialized_sql", "current_setting"})

# Second wall (sqlglot): names that read files, reach other systems or run SQL text.
_DENIED_NAMES = {
    "glob",
    "sniff_csv",
    "query",
    "query_table",
    "json_execute_serialized_sql",
    "getenv",
    "checkpoint",
    "force_checkpoint",
    "to_file",
    "write_log",
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

# Statement kinds that only read. DuckDB turns DESCRIBE/SHOW/SUMMARIZE/PIVOT into SELECTs.
ALLOWED_STATEMENTS = (exp.Query, exp.Values, exp.Describe, exp.Show, exp.Summarize, exp.Pivot)

# Nodes that must not appear anywhere in the sqlglot tree, even nested (e.g. inside a CTE).
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

# A quoted table name containing these is a file path or glob, which DuckDB would read
# through a replacement scan (FROM 'x.csv', FROM "/etc/passwd"); no warehouse table has them.
PATH_CHARS = set("/\\.:~*?")


def locked_memory_connection() -> duckdb.DuckDBPyConnection:
    """A file-less DuckDB with the locked settings, for parsing: DuckDB expands IMPORT
    DATABASE while parsing, reading <dir>/schema.sql, so even parsing must not touch the disk."""
    con = duckdb.connect(":memory:", config=dict(LOCKED_CONFIG))
    con.execute("SET lock_configuration = true")
    return con


@functools.lru_cache(maxsize=1)
def allowed_functions() -> tuple[frozenset[str], frozenset[str]]:
    """(allowed scalar/aggregate/window names, every function name DuckDB knows), read once
    from a pristine DuckDB: its built-in computation functions, nothing an extension adds."""
    con = locked_memory_connection()
    try:
        rows = con.execute("select distinct lower(function_name), function_type from duckdb_functions()").fetchall()
    finally:
        con.close()
    known = frozenset(name for name, _ in rows) | WINDOW_FUNCTIONS | SYNTAX_FUNCTIONS
    compute = {name for name, kind in rows if kind in ("scalar", "aggregate", "macro")}
    return frozenset((compute | WINDOW_FUNCTIONS | SYNTAX_FUNCTIONS) - DENIED_SCALARS), known


def _walk_json(tree: Any) -> Iterator[tuple[dict, bool]]:
    """Every dict of DuckDB's parse tree, with whether it is a table function's call."""
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        node, in_from = stack.pop()
        if isinstance(node, dict):
            yield node, in_from
            for key, value in node.items():
                stack.append((value, key == "function" and node.get("type") == "TABLE_FUNCTION"))
        elif isinstance(node, list):
            stack.extend((v, False) for v in node)


def _check_function(name: str, table_position: bool) -> None:
    """The allow-list: a table function must be on ALLOWED_TABLE_FUNCTIONS, any other
    function a built-in computation; a name DuckDB does not know fails with its hint."""
    allowed, known = allowed_functions()
    name = name.lower()
    if table_position:
        if name not in ALLOWED_TABLE_FUNCTIONS:
            raise QueryRefused(
                f"table function {name}() is not allowed: only warehouse tables, range/generate_series, "
                f"unnest, json_each/json_tree and the duckdb_* catalog functions can be read"
            )
    elif name not in allowed:
        if name in known:
            raise QueryRefused(f"function {name}() is not allowed in a read-only query")
        close = difflib.get_close_matches(name, sorted(allowed), n=1)
        hint = f' Did you mean "{close[0]}"?' if close else ""
        raise QueryFailed(f"Catalog Error: Function with name {name} does not exist!{hint}")


def check_duckdb_tree(trees: list[dict]) -> None:
    """The allow-list over DuckDB's own parse tree: functions, table functions, table names."""
    for tree in trees:
        for node, is_table_function in _walk_json(tree):
            if node.get("type") == "BASE_TABLE":
                table = str(node.get("table_name", ""))
                if set(table) & PATH_CHARS:
                    raise QueryRefused(f"table name {table!r} looks like a file path; only warehouse tables can be queried")
                continue
            function = node.get("function_name")
            if isinstance(function, str) and node.get("class") in ("FUNCTION", "WINDOW"):
                _check_function(function, is_table_function)


def function_names(node: exp.Func) -> set[str]:
    """Every name a function node might be called by, unquoted and lower-cased."""
    if isinstance(node, exp.Anonymous):
        return {node.name.lower()}
    return {n.lower() for n in node.sql_names()}


def _denied(name: str) -> bool:
    return name in _DENIED_NAMES or name.startswith(_DENIED_PREFIXES) or name.endswith(_DENIED_SUFFIXES)


def check_sqlglot_tree(tree: exp.Expr) -> None:
    """The second wall: statement kind, no write node, no file or SQL-running function, and
    the allow-list for table functions and for functions sqlglot does not know (Anonymous,
    whose written name is the one DuckDB will look up)."""
    if not isinstance(tree, ALLOWED_STATEMENTS):
        raise QueryRefused(f"only read-only queries are allowed, not {tree.key.upper()}")
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN_NODES):
            raise QueryRefused(f"only read-only queries are allowed: {node.key.upper()} found inside")
        if isinstance(node, exp.Func):
            names = function_names(node)
            bad = sorted(n for n in names if _denied(n))
            if bad:
                raise QueryRefused(f"function {bad[0]}() reads files or external systems; query warehouse tables instead")
            if isinstance(node.parent, exp.Table) and node.arg_key == "this":
                if not names & ALLOWED_TABLE_FUNCTIONS:
                    _check_function(sorted(names)[0], table_position=True)
            elif isinstance(node, exp.Anonymous):  # called as written: the name DuckDB sees
                _check_function(node.name, table_position=False)
        if isinstance(node, exp.Table):
            for part in node.parts:
                if isinstance(part, exp.Identifier) and set(part.name) & PATH_CHARS:
                    raise QueryRefused(f"table name {part.name!r} looks like a file path; only warehouse tables can be queried")
