"""What the SQL guard reports: two kinds of no, each on one line."""

from __future__ import annotations


class QueryRefused(Exception):
    """The SQL is well formed but not allowed: it could change or escape the warehouse."""


class QueryFailed(Exception):
    """The SQL could not be parsed or run (syntax error, unknown table, missing warehouse)."""


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def duckdb_message(err: BaseException) -> str:
    """DuckDB's message on one line: the first line, its hints ('Did you mean "x"?',
    'Candidate bindings: …') and the 'LINE n: …' pointer."""
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    if not lines:
        return type(err).__name__
    keep = [lines[0]]
    keep += [ln for ln in lines[1:] if ln.startswith(("Did you mean", "Candidate bindings", "Candidate tables"))]
    where = next((ln for ln in lines[1:] if ln.startswith("LINE ")), None)
    return one_line(" ".join(keep) + (f" ({where})" if where else ""))
