"""The raw layer as Parquet: one folder per raw table, one file per part.

Why: a parse fanned out over many processes or hosts (ingest/pipeline/executors.py) cannot
write into one DuckDB file, which has one writer. Each task writes its documents' raw rows
as Parquet beside the others' (`<store>/<table>/<part>.parquet`), on a disk every host sees;
the refresh then loads the parts into the file it builds, and dbt can also read the layer
straight from the store (`--vars '{raw_parquet: STORE}'`, the `external_location` of the
sources in models/staging/_sources.yml).

The rows go through the same loader as the in-process path (an in-memory DuckDB with the raw
schema, `load.append_rows`), so every column has exactly the type the warehouse declares.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from .. import load
from .live import sql_path

# the per-document tables a parse produces (the rest are written by the refresh job itself)
PARSED_TABLES = [t for t in load.RAW_TABLES if t != "document_files"]


def write_part(batches: list[dict[str, load.Columns]], store: Path, part: str) -> dict[str, int]:
    """Write the raw rows of some documents (each a `load.columns_for` result) as one Parquet
    file per raw table that has rows: `<store>/<table>/<part>.parquet`. Returns rows per table."""
    counts: dict[str, int] = {}
    if not batches:
        return counts
    con = duckdb.connect()
    try:
        load.create_raw_schema(con)
        load.append_rows(con, batches)
        for table in PARSED_TABLES:
            row = con.execute(f"select count(*) from raw.{table}").fetchone()
            n = row[0] if row else 0
            if not n:
                continue
            folder = store / table
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{part}.parquet.tmp"
            # written under a hidden name and renamed: a reader never sees half a file
            con.execute(f"copy raw.{table} to '{sql_path(tmp)}' (format parquet)")
            tmp.replace(folder / f"{part}.parquet")
            counts[table] = n
    finally:
        con.close()
    return counts


def part_files(store: Path, table: str, parts: list[str]) -> list[Path]:
    return [p for p in (store / table / f"{part}.parquet" for part in parts) if p.exists()]


def load_parts(con, store: Path, parts: list[str]) -> None:
    """Append the given parts of the store to the raw tables of `con` (one insert per table)."""
    for table in PARSED_TABLES:
        files = part_files(store, table, parts)
        if not files:
            continue
        listing = ", ".join(f"'{sql_path(f)}'" for f in files)
        con.execute(f"insert into raw.{table} by name select * from read_parquet([{listing}])")


def export_raw(con, store: Path) -> None:
    """Write the whole raw layer of a warehouse connection to `<store>/<table>/data.parquet`
    (every raw table, empty ones too: a reader of the layout finds each table's columns; a
    table an older warehouse lacks is written empty, with the columns the schema declares)."""
    have = {
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'raw'"
        ).fetchall()
    }
    empty = duckdb.connect()
    load.create_raw_schema(empty)
    try:
        for table in load.RAW_COLUMNS:
            folder = store / table
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            source = con if table in have else empty
            source.execute(f"copy raw.{table} to '{sql_path(folder / 'data.parquet')}' (format parquet)")
    finally:
        empty.close()
