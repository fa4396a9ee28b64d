"""Building the raw layer of the new warehouse file: parse the new documents in worker
processes, prune what the live copy no longer needs, settle changed and returning files."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from .. import load
from ..detect import ManifestEntry
from ..model import ParsedDocument
from ..parse_document import parse_path
from ..text import UnreadableDocument
from .children import die_with_parent
from .inputs import InputFile


def parse_one(args: tuple[str, str, dict | None, str | None]) -> tuple[str, dict | None, dict | None]:
    """Worker: parse one file; returns (path, raw rows, rejection). `expected_sha` is the hash
    the refresh recorded for the file: a file that changed in between (appended to while the
    refresh ran) is rejected for now, so no file record points at a document that was not loaded."""
    path_str, source_path, manifest, expected_sha = args
    path = Path(path_str)
    try:
        parsed = parse_path(path, source_path, ManifestEntry(**manifest) if manifest else None)
    except UnreadableDocument as exc:
        return path_str, None, {"stage": "read", "reason": str(exc)}
    except OSError as exc:
        return path_str, None, {"stage": "read", "reason": f"cannot read file: {exc.strerror or exc}"}
    except Exception as exc:  # a parser bug on one file must not stop the others
        return path_str, None, {"stage": "parse", "reason": f"{type(exc).__name__}: {exc}"}
    if expected_sha and parsed.source.content_sha256 != expected_sha:
        return (
            path_str,
            None,
            {"stage": "read", "reason": "the file changed while the refresh read it; the next refresh reads it"},
        )
    reason = rejection_reason(parsed)
    if reason:
        return path_str, None, {"stage": "detect", "reason": reason}
    return path_str, load.columns_for(parsed), None


def rejection_reason(parsed: ParsedDocument) -> str | None:
    """Why a parsed file cannot join the warehouse, or None. Every fact is keyed by year and
    unit: a document without one would fail the build's key tests and hold back the others."""
    info = parsed.info
    has_tables = bool(parsed.tables or parsed.performance.projects)
    if info.doc_kind is None or not (has_tables or info.title_names_document):
        return (
            "not a budget / final-accounts / performance document: no standard table found and the title "
            f"names no 预算/决算/绩效 document (kind={info.doc_kind}, title={info.title!r})"
        )
    if info.year is None:
        return (
            "no fiscal year found (title block, 预算年度 label, 'YYYY年' in the text, file name or manifest); "
            f"kind={info.doc_kind}, unit={info.unit_name}"
        )
    if not info.unit_name:
        why = next((f for f in info.identity_findings if f.startswith("no unit")), "no unit")
        return f"no publishing unit found — {why}; kind={info.doc_kind}, year={info.year}"
    return None


def parse_all(files: list[InputFile], jobs: int | None, progress: bool, on_rows, flush_every: int = 200):
    """Parse files in worker processes (both cores); hand raw rows to `on_rows` in chunks.

    Returns (documents parsed, tables that failed, rejections)."""
    args = [(str(f.path), f.source_path, f.manifest, f.sha256) for f in files]
    by_path = {str(f.path): f for f in files}
    pending, rejections = [], []
    parsed = table_errors = 0
    jobs = jobs or min(os.cpu_count() or 1, 8)
    results_iter: Iterable[tuple[str, dict | None, dict | None]]
    if len(args) >= 24 and jobs > 1:  # below that, starting the workers costs more than it saves
        # spawned, not forked: a forked worker inherits the refresh's open lock file and, if
        # the refresh is killed, outlives it holding the lock (every later refresh then waits)
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
        results_iter = pool.map(parse_one, args, chunksize=max(1, len(args) // (jobs * 8)))
    else:
        pool = None
        results_iter = map(parse_one, args)
    if progress:
        from rich.progress import track

        results_iter = track(results_iter, total=len(args), description="parsing documents")
    try:
        for path, rows, rejection in results_iter:
            if rejection or rows is None:
                rejections.append((by_path[path], rejection))
                continue
            pending.append(rows)
            parsed += 1
            table_errors += load.n_rows(rows.get("table_errors", []))
            if len(pending) >= flush_every:
                on_rows(pending)
                pending = []
        if pending:
            on_rows(pending)
    except BaseException:
        if pool:  # interrupted (SIGTERM, Ctrl-C): do not wait for the queued documents
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        raise
    finally:
        if pool:
            pool.shutdown()
    return parsed, table_errors, rejections


def prune_clone(con, keep_ids: list[str], keep_models: bool = False) -> None:
    """Make a copy of the live warehouse the base of the new one: keep the raw rows of reused
    documents (and the superseded history and refresh log), drop everything else, and drop
    every model built from them: dbt builds them again from the raw layer. With
    `keep_models` (an incremental build, ingest/pipeline/incremental.py) the models stay:
    dbt replaces them, and the incremental ones recompute the changed documents only."""
    con.register("_keep", pd.DataFrame({"document_id": keep_ids}))
    try:
        for table in load.RAW_TABLES:
            if table in ("documents", "document_files"):
                continue
            con.execute(f"delete from raw.{table} where document_id not in (select document_id from _keep)")
        con.execute("delete from raw.documents where status = 'current' and document_id not in (select document_id from _keep)")
        con.execute("delete from raw.document_files")
        con.execute("delete from raw.ingest_rejections")
    finally:
        con.unregister("_keep")
    if keep_models:
        return
    for schema, name in con.execute(
        "select schema_name, view_name from duckdb_views() where not internal and schema_name <> 'raw' "
        "and database_name = current_database()"
    ).fetchall():
        con.execute(f'drop view if exists "{schema}"."{name}" cascade')
    for schema, name in con.execute(
        "select schema_name, table_name from duckdb_tables() where schema_name <> 'raw' and database_name = current_database()"
    ).fetchall():
        con.execute(f'drop table if exists "{schema}"."{name}" cascade')


def drop_returning_history(con, parsing_ids: list[str]) -> None:
    """A file edited back to an earlier content brings back a document that is on record as
    superseded: that history row gives way to the document, current again (it is re-parsed
    and inserted under the same id; the version it replaces becomes the superseded one)."""
    if not parsing_ids:
        return
    con.register("_parsing", pd.DataFrame({"document_id": parsing_ids}))
    try:
        con.execute("delete from raw.documents where status = 'superseded' and document_id in (select document_id from _parsing)")
    finally:
        con.unregister("_parsing")


def rename_reused(con, files: list[InputFile]) -> None:
    """A reused document is named after the file that holds it now: it may have been renamed,
    or the file it was first read from removed while a copy of it remains. One statement."""
    if not files:
        return
    con.register(
        "_names",
        pd.DataFrame(
            {
                "document_id": [load.document_id_for(f.sha256 or "") for f in files],
                "source_path": [f.source_path for f in files],
                "source_file": [f.path.name for f in files],
            }
        ),
    )
    try:
        con.execute("""
            update raw.documents set source_path = _names.source_path, source_file = _names.source_file
            from _names
            where raw.documents.document_id = _names.document_id and raw.documents.status = 'current'
              and raw.documents.source_path is distinct from _names.source_path""")
    finally:
        con.unregister("_names")


def settle_fallbacks(con, files, superseded_rows, fallback_ids, rejected_hashes, unreadable_paths, result):
    """After parsing: a changed file whose new version was rejected keeps its previous version
    current (and says so in its rejection); a replaced version leaves the new warehouse and is
    recorded as superseded. Returns (pairs really superseded, {path: kept hash})."""
    rejected_ids = {load.document_id_for(h) for h in rejected_hashes if h}
    path_of_new = {load.document_id_for(f.sha256): f.source_path for f in files if f.sha256}
    really, kept = [], dict(unreadable_paths)
    for old_id, new_id in superseded_rows:
        if new_id in rejected_ids and old_id in fallback_ids:
            path = path_of_new.get(new_id)
            kept[path] = hash_of(con, old_id)
            if path in result.superseded:
                result.superseded.remove(path)
            for r in result.rejections:
                if r["source_path"] == path:
                    r["reason"] = f"{r['reason']} — the previous version of this file is kept"
            continue
        really.append((old_id, new_id))
    replaced = [old for old, _ in really if old in fallback_ids]
    for table in load.RAW_TABLES:
        if table == "document_files":
            continue
        for old_id in replaced:
            con.execute(f"delete from raw.{table} where document_id = ?", [old_id])
    for path in unreadable_paths:
        for r in result.rejections:
            if r["source_path"] == path:
                r["reason"] = f"{r['reason']} — the previous version of this file is kept"
    return really, kept


def hash_of(con, document_id: str) -> str | None:
    row = con.execute("select content_sha256 from raw.documents where document_id = ?", [document_id]).fetchone()
    return row[0] if row else None
