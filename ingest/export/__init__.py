"""`python -m ingest export`: any mart or query to a file, or the whole warehouse as a data package.

- One table or view of schema main (`export_relation`) or one read-only query
  (`export_query`, through the same guard as the query command) to CSV (UTF-8 with a BOM,
  for Excel), .xlsx (with a sheet describing the columns) or Parquet (descriptions in the
  field metadata).
- The whole warehouse (`export_package`): one CSV (or Parquet) per table and view of schema
  main under data/, plus `datapackage.json` (Frictionless Data Package; field descriptors
  from the warehouse's column comments, i.e. the dbt YAML docs).

Everything is read on the locked read-only connection of the query command and runs on a
worker thread, so Ctrl-C and the time limit stop it cleanly; a file left half-written by a
failure is removed.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..query import QueryFailed, interruptible
from ..sqlguard import open_read_only, validate_read_only
from .package import package_descriptor, resource_descriptor
from .writers import FORMATS, Column, ExportTooLarge, columns_of, write_csv, write_parquet, write_xlsx

__all__ = [
    "FORMATS",
    "ExportResult",
    "ExportTooLarge",
    "export_package",
    "export_query",
    "export_relation",
    "format_of",
    "marts",
]

DEFAULT_TIMEOUT = 600.0  # seconds; an export reads whole tables


@dataclass
class ExportResult:
    path: Path
    rows: int
    format: str


def format_of(out: Path, fmt: str | None) -> str:
    """The format asked for, else the one the file name says (.csv, .xlsx, .parquet)."""
    chosen = (fmt or out.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise QueryFailed(f"cannot tell the format of {out.name!r}: name it .csv, .xlsx or .parquet, or give --format")
    return chosen


def marts(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every table and view of schema main (the analyst-facing marts), with its comment."""
    rows = con.execute(
        "select table_name, coalesce(comment, '') from duckdb_tables() where schema_name = 'main' "
        "union all "
        "select view_name, coalesce(comment, '') from duckdb_views() where schema_name = 'main' and not internal "
        "order by 1"
    ).fetchall()
    return dict(rows)


def column_comments(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    rows = con.execute(
        "select column_name, coalesce(comment, '') from duckdb_columns() where schema_name = 'main' and table_name = ?",
        [relation],
    ).fetchall()
    return dict(rows)


def _write(con, sql: str, out: Path, fmt: str, title: str, about: str, descriptions: dict[str, str], bom: bool) -> int:
    cursor = con.execute(sql)
    columns: list[Column] = columns_of(cursor, descriptions)
    if fmt == "csv":
        return write_csv(cursor, columns, out, bom=bom)
    if fmt == "xlsx":
        return write_xlsx(cursor, columns, out, title=title, about=about)
    return write_parquet(cursor, columns, out, about=about)


def _guarded(db_path, out: Path, work: Callable[[duckdb.DuckDBPyConnection], int], timeout: float | None) -> int:
    """Open read-only, run `work` interruptibly, and never leave a half-written file."""
    con = open_read_only(db_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        return interruptible(con, lambda: work(con), timeout or None)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    finally:
        con.close()


def export_relation(
    db_path, relation: str, out: Path, fmt: str | None = None, timeout: float | None = DEFAULT_TIMEOUT, bom: bool = True
) -> ExportResult:
    """One table or view of schema main, whole, with its descriptions."""
    chosen = format_of(out, fmt)

    def work(con) -> int:
        known = marts(con)
        if relation not in known:
            close = difflib.get_close_matches(relation, list(known), n=1)
            hint = f' Did you mean "{close[0]}"?' if close else ""
            raise QueryFailed(f"no table or view {relation!r} in the warehouse.{hint} (python -m ingest export --list)")
        comments = column_comments(con, relation)  # before the select: a new execute ends its result
        sql = f'select * from main."{relation}"'
        return _write(con, sql, out, chosen, relation, known[relation], comments, bom)

    return ExportResult(out, _guarded(db_path, out, work, timeout), chosen)


def export_query(
    db_path, sql: str, out: Path, fmt: str | None = None, timeout: float | None = DEFAULT_TIMEOUT, bom: bool = True
) -> ExportResult:
    """The rows of one read-only query (checked like the query command's)."""
    chosen = format_of(out, fmt)
    sql = validate_read_only(sql)
    return ExportResult(
        out, _guarded(db_path, out, lambda con: _write(con, sql, out, chosen, "query", "", {}, bom), timeout), chosen
    )


def export_package(db_path, folder: Path, fmt: str = "csv", timeout: float | None = DEFAULT_TIMEOUT) -> list[ExportResult]:
    """Every table and view of schema main as data/<name>.<fmt>, and datapackage.json."""
    if fmt not in ("csv", "parquet"):
        raise QueryFailed("a data package holds csv or parquet files")
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()) and not (folder / "datapackage.json").exists():
        raise QueryFailed(f"{folder} is not empty and holds no datapackage.json: choose a new or empty folder")
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    results: list[ExportResult] = []
    resources: list[dict] = []
    con = open_read_only(db_path)
    try:

        def work() -> None:
            for name, about in marts(con).items():
                out = data / f"{name}.{fmt}"
                comments = column_comments(con, name)  # before the select: a new execute ends its result
                cursor = con.execute(f'select * from main."{name}"')
                columns = columns_of(cursor, comments)
                rows = write_csv(cursor, columns, out, bom=False) if fmt == "csv" else write_parquet(cursor, columns, out, about)
                results.append(ExportResult(out, rows, fmt))
                resources.append(resource_descriptor(name, f"data/{out.name}", fmt, about, columns, rows))

        interruptible(con, work, timeout or None)
    finally:
        con.close()
    descriptor = package_descriptor(resources, Path(db_path).name)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return results
