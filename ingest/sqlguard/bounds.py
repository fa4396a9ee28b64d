"""Bounds on a query's text, checked before any parser sees it, and a deep stack for the
parsers: both recurse, so a pathological query gets a one-line refusal, never a traceback."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import QueryRefused

MAX_SQL_CHARS = 100_000
MAX_NESTING = 100  # brackets and CASE … END inside one another; real queries stay under 20

T = TypeVar("T")


def nesting_depth(sql: str) -> int:
    """Deepest nesting of brackets and CASE … END outside strings, quoted names and comments."""
    depth = deepest = 0
    i, n = 0, len(sql)
    lower = sql.lower()
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            end = sql.find(ch, i + 1)
            while end != -1 and end + 1 < n and sql[end + 1] == ch:  # '' and "" escape
                end = sql.find(ch, end + 2)
            i = n if end == -1 else end + 1
            continue
        if sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end == -1 else end + 1
            continue
        if sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end == -1 else end + 2
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in "cCeE" and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            if lower.startswith("case", i) and not _word_char(sql, i + 4):
                depth += 1
            elif lower.startswith("end", i) and not _word_char(sql, i + 3):
                depth -= 1
        deepest = max(deepest, depth)
        i += 1
    return deepest


def _word_char(sql: str, i: int) -> bool:
    return i < len(sql) and (sql[i].isalnum() or sql[i] == "_")


def check_bounds(sql: str) -> None:
    if len(sql) > MAX_SQL_CHARS:
        raise QueryRefused(f"query is {len(sql):,} characters long; at most {MAX_SQL_CHARS:,} are accepted")
    depth = nesting_depth(sql)
    if depth > MAX_NESTING:
        raise QueryRefused(f"query is nested {depth} levels deep; at most {MAX_NESTING} are accepted")


def on_deep_stack(fn: Callable[[], T]) -> T:
    """Run the (recursive) parsers on a thread with a 256 MB stack and a raised recursion
    limit, so any query within MAX_NESTING is checked; whatever it raises is re-raised here."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc
        finally:
            done.set()

    old_stack = threading.stack_size(256 * 1024 * 1024)
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 20_000))
    try:
        threading.Thread(target=run, name="sql-parse", daemon=True).start()
    finally:
        threading.stack_size(old_stack)
    try:
        done.wait()
    finally:
        sys.setrecursionlimit(old_limit)
    if "error" in box:
        raise box["error"]
    return box["value"]
