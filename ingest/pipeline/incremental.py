"""What an incremental build needs from the refresh: which documents changed.

Why: a refresh after one changed document used to rebuild every model from the whole raw
layer, so its cost grew with the warehouse, not with the change. Now the new file starts as
a copy of the live one *with its models* (when the live warehouse was built by the same code),
and the large per-document models (macros/incremental.sql) recompute only the documents
listed here, plus those whose context the build finds changed (int_build_changes).

Anything that could make the kept models wrong makes the build a full one instead: another
project version (code, seeds, the parser), no previous build, `--full-refresh`, or a live file
that could not be copied (then there are no models to keep).
"""

from __future__ import annotations

import pandas as pd


def can_keep_models(live_version: str | None, version: str, full_refresh: bool) -> bool:
    """The live warehouse's models can be the base of this build: same code, not forced."""
    return not full_refresh and live_version is not None and live_version == version


def record_changes(con, previous_ids: set[str], parsed_ids: list[str]) -> int:
    """Write raw.build_changes (documents parsed now, or current before and not any more)
    and raw.build_previous_documents (what the kept dim_document said about every document).
    Returns the number of changed documents."""
    now_current = {r[0] for r in con.execute("select document_id from raw.documents where status = 'current'").fetchall()}
    gone = sorted(previous_ids - now_current)
    rows = [(d, "parsed") for d in dict.fromkeys(parsed_ids)] + [(d, "left") for d in gone]
    con.execute("delete from raw.build_changes")
    if rows:
        con.register("_changes", pd.DataFrame(rows, columns=["document_id", "reason"]))
        try:
            con.execute("insert into raw.build_changes select document_id, reason from _changes")
        finally:
            con.unregister("_changes")
    con.execute("delete from raw.build_previous_documents")
    has_dim = con.execute(
        "select count(*) from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' and table_name = 'dim_document'"
    ).fetchone()[0]
    if has_dim:
        con.execute(
            "insert into raw.build_previous_documents "
            "select document_id, is_current, in_totals, unit_id, year, doc_kind from main.dim_document"
        )
    return len(rows)
