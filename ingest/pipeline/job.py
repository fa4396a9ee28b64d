"""The refresh job: incremental ingest into a new warehouse file, dbt build, atomic publish.

Why this shape: readers (BI tools, analysts) hold read-only connections to the live file.
A refresh never writes to it. It builds `<db>.building` beside it (reusing the raw rows
of documents whose content hash is unchanged), runs `dbt build` there, and only if models and
tests pass renames it over the live file. A failed build leaves the live warehouse as it was.
A lock file makes a second concurrent refresh wait or exit.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .. import load
from ..detect import read_manifest
from ..parse_document import manifest_json
from .dbt import dbt_tail, project_version, publish_docs, run_dbt
from .executors import make_executor
from .incremental import can_keep_models, record_changes
from .inputs import InputFile, discover, display_name, input_fingerprint, rejection_row
from .live import (
    clone_live,
    copy_refresh_log,
    copy_reused,
    last_build,
    live_rejections,
    open_live,
    previous_state,
    record_superseded,
)
from .lock import RefreshLock
from .publish import check_free_space, check_target, clear_foreign_wal, swap, verify_build
from .raw_build import drop_returning_history, prune_clone, rename_reused, settle_fallbacks
from .settings import DEFAULT_INPUT, PROJECT_DIR, RefreshFailed, default_db


@dataclass
class RefreshResult:
    db_path: str
    documents_seen: int = 0
    documents_parsed: int = 0
    documents_reused: int = 0
    duplicates: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # on record, not in this input, kept (no --prune)
    rejections: list[dict] = field(default_factory=list)
    table_errors: int = 0
    seconds_ingest: float = 0.0
    seconds_dbt: float = 0.0
    published: bool = False
    unchanged: bool = False  # nothing new since the last build: nothing was rebuilt
    dbt_summary: str = ""
    manifest: str | None = None  # the manifest file read, if any
    warnings: list[str] = field(default_factory=list)  # things done to keep the warehouse safe
    documents_changed: int = 0  # parsed or dropped: what an incremental build recomputes (and their context)
    lake_snapshot: int | None = None  # the DuckLake snapshot the marts were published as (`--lake`)

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def refresh(
    input_dir: Path | None = None,
    db_path: Path | None = None,
    *,
    jobs: int | None = None,
    build: bool = True,
    docs: bool = False,
    wait_seconds: float = 0.0,
    progress: bool = False,
    prune: bool = False,
    executor: str = "process",
    scheduler: str | None = None,
    raw_store: Path | None = None,
    full_refresh: bool = False,
) -> RefreshResult:
    """Ingest the documents under `input_dir` into the warehouse at `db_path` and publish it.

    A refresh adds and updates: documents of the live warehouse whose files are not in this
    input stay, unless `prune` (mirror mode) removes them. An empty or missing input folder is
    an error that leaves the warehouse untouched (a missing mount must not empty it).

    `executor` 'process' parses in this machine's processes; 'dask' fans the parse out on
    Dask (a LocalCluster, or the scheduler at `scheduler`), the rows travelling as Parquet
    through `raw_store` (ingest/pipeline/executors.py). The warehouse is the same either way.

    The build is incremental when the live warehouse was built by the same code: its models
    are kept and the per-document ones recompute the changed documents only
    (ingest/pipeline/incremental.py). `full_refresh` rebuilds every model."""
    try:
        parser = make_executor(executor, jobs, scheduler, raw_store)
    except ValueError as exc:
        raise RefreshFailed(f"{exc} — nothing was changed") from None
    input_dir = Path(input_dir or DEFAULT_INPUT)
    db_path = Path(db_path or default_db()).resolve()
    if not input_dir.is_dir():
        raise RefreshFailed(f"input folder not found: {input_dir} — nothing was changed")
    try:
        manifest = read_manifest(input_dir)
    except (OSError, ValueError) as exc:
        raise RefreshFailed(f"manifest not readable: {exc} — nothing was changed") from None
    result = RefreshResult(db_path=str(db_path), manifest=str(manifest.path) if manifest.path else None)
    with RefreshLock(db_path, wait_seconds):
        t0 = time.monotonic()
        check_target(db_path)
        files, broken_folders = discover(input_dir, manifest)
        if not files and not broken_folders:
            raise RefreshFailed(f"input folder is empty: {input_dir} (a missing mount?) — nothing was changed")
        result.documents_seen = len(files)
        live = previous_state(db_path)
        now = datetime.now(UTC).replace(tzinfo=None)
        result.rejections += [rejection_row(f, "read", f.read_error, now) for f in broken_folders]

        by_hash: dict[str, InputFile] = {}
        file_rows = []
        for f in files:
            if f.sha256 is None or f.read_error:
                result.rejections.append(rejection_row(f, "read", f.read_error, now))
                continue
            if f.sha256 in by_hash:
                result.duplicates.append(f"{f.source_path} = {by_hash[f.sha256].source_path}")
            else:
                by_hash[f.sha256] = f
            file_rows.append(
                dict(
                    source_path=f.source_path,
                    source_file=display_name(f.path.name),
                    content_sha256=f.sha256,
                    document_id=load.document_id_for(f.sha256),
                    seen_at=now,
                )
            )

        # files on record that are not in this input: removed only in mirror mode (and never
        # under a folder that could not be read); otherwise their documents stay as they are
        current_paths = {f.source_path for f in files}
        unreadable = [f.source_path for f in broken_folders]
        unseen = {path: sha for path, sha in live.paths.items() if path not in current_paths}
        hidden = {path: sha for path, sha in unseen.items() if any(path.startswith(u) or u == "./" for u in unreadable)}
        absent = {path: sha for path, sha in unseen.items() if path not in hidden}
        if prune:
            result.removed = sorted(absent)
            absent = {}
        else:  # a file whose content is in this input under another name was renamed, not left out
            absent = {path: sha for path, sha in absent.items() if sha not in by_hash}
        absent.update(hidden)  # what an unreadable folder hides is kept, in either mode
        carried_ids = {load.document_id_for(sha) for sha in absent.values()} & set(live.all_current)
        result.kept = sorted(absent)
        if absent:  # earlier rejections of files not in this input stay on record with them
            result.rejections += [r for r in live_rejections(db_path) if r["source_path"] in absent]

        fingerprint = input_fingerprint(files) + ("+prune" if prune else "")
        version = project_version()
        live_build = last_build(db_path)
        if build and not full_refresh and (fingerprint, version) == live_build:
            # nothing new and the same code: the live warehouse is already this refresh's result
            result.unchanged = True
            result.published = True
            result.documents_reused = len(by_hash)
            result.rejections = live_rejections(db_path)
            result.seconds_ingest = time.monotonic() - t0
            return result

        def reusable(sha: str) -> bool:
            doc_id = load.document_id_for(sha)
            entry = by_hash[sha].manifest
            return doc_id in live.reusable and live.manifests.get(doc_id) == manifest_json(entry)

        prev_docs = live.reusable
        reuse_ids = [load.document_id_for(h) for h in by_hash if reusable(h)]
        to_parse = [f for h, f in by_hash.items() if not reusable(h)]
        superseded_rows = []
        for f in files:
            old = live.paths.get(f.source_path)
            if old and f.sha256 and old != f.sha256:
                result.superseded.append(f.source_path)
                superseded_rows.append((load.document_id_for(old), load.document_id_for(f.sha256)))

        # A changed file whose new content turns out unusable keeps its last good version: the
        # old document is carried along until the new one has parsed.
        # (not when the old content is still another input file's: that document stays current)
        current_ids = {load.document_id_for(h) for h in by_hash}
        fallback_ids = {old_id for old_id, _ in superseded_rows if old_id in prev_docs and old_id not in current_ids}
        unreadable_paths = {}
        for f in files:
            old = live.paths.get(f.source_path)
            if f.sha256 is None and old and load.document_id_for(old) in prev_docs:
                fallback_ids.add(load.document_id_for(old))
                unreadable_paths[f.source_path] = old
        kept_absent = {path: sha for path, sha in absent.items() if load.document_id_for(sha) in carried_ids}
        unreadable_paths.update(kept_absent)
        keep_ids = reuse_ids + sorted((fallback_ids | carried_ids) - set(reuse_ids) - current_ids)

        check_free_space(db_path)
        # We hold the lock, so no other refresh is building: files left by a killed run are garbage.
        for stale in db_path.parent.glob(f"{db_path.name}.building*"):
            stale.unlink(missing_ok=True)
        # One fixed name per warehouse (the lock serialises builders): dbt's profile carries the
        # file path, and a path that changed each run would void dbt's partial parse (≈ 3 s).
        tmp = db_path.with_name(f"{db_path.name}.building")
        con = None
        try:
            cloned = bool(keep_ids) and clone_live(db_path, tmp)
            con = duckdb.connect(str(tmp))
            load.create_raw_schema(con)
            if cloned:
                # the new file starts as a copy of the live one (a file copy is far cheaper than
                # re-inserting millions of reused rows); what is not reused is pruned from it
                keep_models = build and can_keep_models(live_build[1], version, full_refresh)
                prune_clone(con, keep_ids, keep_models=keep_models)
            else:
                copy_reused(con, db_path, keep_ids)
            drop_returning_history(con, [load.document_id_for(f.sha256 or "") for f in to_parse])
            rename_reused(con, [by_hash[h] for h in by_hash if load.document_id_for(h) in prev_docs])
            result.documents_reused = len(reuse_ids)
            # parsed documents are appended in chunks as they arrive: memory stays flat with N
            parsed_count, table_error_count, rejections = parser.parse(to_parse, con, progress, workdir=tmp.parent)
            for rej in rejections:
                result.rejections.append(rejection_row(rej[0], rej[1]["stage"], rej[1]["reason"], now))
                # every file with that content is rejected with it, not only the first name
                for f in files:
                    if f.sha256 == rej[0].sha256 and f is not rej[0]:
                        result.rejections.append(
                            rejection_row(f, rej[1]["stage"], f"{rej[1]['reason']} (same content as {rej[0].source_path})", now)
                        )
            rejected_hashes = {r["content_sha256"] for r in result.rejections}
            superseded_rows, kept_paths = settle_fallbacks(
                con, files, superseded_rows, fallback_ids, rejected_hashes, unreadable_paths, result
            )
            load.append_table(
                con,
                "document_files",
                [r for r in file_rows if r["content_sha256"] not in rejected_hashes]
                + [
                    dict(
                        source_path=path,
                        source_file=Path(path).name,
                        content_sha256=old,
                        document_id=load.document_id_for(old),
                        seen_at=now,
                    )
                    for path, old in kept_paths.items()
                ],
            )
            record_superseded(con, db_path, superseded_rows)
            if not cloned:
                copy_refresh_log(con, db_path)
            load.append_rejections(con, result.rejections)
            result.documents_changed = record_changes(
                con, set(live.all_current), [load.document_id_for(f.sha256 or "") for f in to_parse]
            )
            result.documents_parsed = parsed_count
            result.table_errors = table_error_count
            con.execute(
                "insert into raw.refresh_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    now,
                    str(input_dir),
                    result.documents_seen,
                    result.documents_parsed,
                    result.documents_reused,
                    len(result.removed),
                    len(result.rejections),
                    "built" if build else "raw only",
                    fingerprint,
                    version,
                ],
            )
            con.close()
            con = None
            result.seconds_ingest = time.monotonic() - t0
            if build:
                t1 = time.monotonic()
                commands = [["build"]]
                if docs:
                    commands.append(["docs", "generate"])
                # one compiled-artifacts folder per warehouse path: refreshes of one warehouse are
                # serialised by the lock, and dbt's partial parse survives between them
                build_target = PROJECT_DIR / "target" / ("refresh-" + hashlib.sha256(str(db_path).encode()).hexdigest()[:10])
                ok, summary = run_dbt(tmp, commands, target_path=build_target)
                if ok and docs:
                    publish_docs(build_target)
                result.seconds_dbt = time.monotonic() - t1
                result.dbt_summary = dbt_tail(summary)
                if not ok:
                    # a crash (profile error, traceback) has none of the tail's keywords: show its last lines
                    detail = result.dbt_summary or "\n".join(summary.strip().splitlines()[-20:])
                    raise RefreshFailed("dbt build failed; the live warehouse was left as it was.\n" + detail)
            verify_build(tmp, marts=build)
            warning = clear_foreign_wal(db_path)
            if warning:
                result.warnings.append(warning)
            swap(tmp, db_path)
            result.published = True
        finally:
            if con is not None:  # an error while loading: close before deleting (DuckDB caches open files)
                con.close()
            if tmp.exists():
                tmp.unlink()
            wal = tmp.with_name(tmp.name + ".wal")
            if wal.exists():
                wal.unlink()
    return result


def status(db_path: Path | None = None) -> dict:
    db_path = Path(db_path or default_db()).resolve()
    if not db_path.exists():
        raise RefreshFailed(f"warehouse not found: {db_path} (run `make run` first)")
    con = open_live(db_path)
    try:
        q = lambda sql: con.execute(sql).fetchall()
        out = {
            "warehouse": str(db_path),
            "documents": q("select count(*) from raw.documents where status = 'current'")[0][0],
            "superseded_documents": q("select count(*) from raw.documents where status = 'superseded'")[0][0],
            "documents_by_kind": dict(
                q("select coalesce(doc_kind, '?'), count(*) from raw.documents where status = 'current' group by 1 order by 1")
            ),
            "years": [
                r[0]
                for r in q("select distinct year from raw.documents where status = 'current' and year is not null order by 1")
            ],
            "units": q("select count(distinct unit_name) from raw.documents where status = 'current'")[0][0],
            "last_refresh": str(q("select max(refreshed_at) from raw.refresh_log")[0][0]),
            "rejections": [
                dict(zip(("source_path", "stage", "reason"), r))
                for r in q("select source_path, stage, reason from raw.ingest_rejections order by 1")
            ],
        }
        try:
            out["reconciliation_failures"] = q(
                "select count(*) from main.fct_reconciliation where not passed and severity = 'error'"
            )[0][0]
            out["reconciliation_warnings"] = q(
                "select count(*) from main.fct_reconciliation where not passed and severity = 'warn'"
            )[0][0]
        except duckdb.Error:
            out["reconciliation_failures"] = None
        return out
    finally:
        con.close()


def summary_json(result: RefreshResult) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str)
