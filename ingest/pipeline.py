"""The refresh job: incremental ingest into a new warehouse file, dbt build, atomic publish.

Why this shape: readers (BI tools, analysts) hold read-only connections to the live file.
A refresh never writes to it. It builds `<db>.building` beside it (reusing the raw rows
of documents whose content hash is unchanged), runs `dbt build` there, and only if models and
tests pass renames it over the live file. A failed build leaves the live warehouse as it was.
A lock file makes a second concurrent refresh wait or exit.
"""
from __future__ import annotations

import fcntl
import shutil
import hashlib
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from . import load
from .parse_document import parse_path
from .text import UnreadableDocument

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = PROJECT_DIR / "data" / "samples"
DEFAULT_DB = PROJECT_DIR / "warehouse.duckdb"
INPUT_SUFFIXES = {".txt", ".md", ".text", ".tsv", ""}


def default_db() -> Path:
    return Path(os.environ.get("WAREHOUSE_DB") or DEFAULT_DB)


class RefreshBusy(Exception):
    """Another refresh holds the lock."""


class RefreshFailed(Exception):
    """No usable warehouse could be published (the live one is untouched)."""


@dataclass
class RefreshResult:
    db_path: str
    documents_seen: int = 0
    documents_parsed: int = 0
    documents_reused: int = 0
    duplicates: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rejections: list[dict] = field(default_factory=list)
    table_errors: int = 0
    seconds_ingest: float = 0.0
    seconds_dbt: float = 0.0
    published: bool = False
    unchanged: bool = False  # nothing new since the last build: nothing was rebuilt
    dbt_summary: str = ""

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class InputFile:
    path: Path
    source_path: str
    sha256: str | None
    read_error: str | None = None


def discover(input_dir: Path) -> list[InputFile]:
    """Every regular, non-hidden file under input_dir (recursively), hashed."""
    files = []
    for path in sorted(p for p in input_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(input_dir)
        if any(part.startswith(".") for part in rel.parts) or path.suffix.lower() not in INPUT_SUFFIXES:
            continue
        try:
            data = path.read_bytes()
            files.append(InputFile(path, str(rel), hashlib.sha256(data).hexdigest()))
        except OSError as exc:
            files.append(InputFile(path, str(rel), None, f"cannot read file: {exc}"))
    return files


class RefreshLock:
    """An flock on `<db>.lock`: held for the whole refresh, released even on a crash."""

    def __init__(self, db_path: Path, wait_seconds: float):
        self.path = db_path.with_name(db_path.name + ".lock")
        self.wait_seconds = wait_seconds
        self.fh = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "a+")
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.fh.close()
                    raise RefreshBusy(f"another refresh is running on {self.path.with_suffix('')} (lock {self.path})")
                time.sleep(0.2)

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _parse_one(args: tuple[str, str]) -> tuple[str, dict | None, dict | None]:
    """Worker: parse one file; returns (path, raw rows, rejection)."""
    path_str, source_path = args
    path = Path(path_str)
    try:
        parsed = parse_path(path, source_path)
    except UnreadableDocument as exc:
        return path_str, None, {"stage": "read", "reason": str(exc)}
    except Exception as exc:  # a parser bug on one file must not stop the others
        return path_str, None, {"stage": "parse", "reason": f"{type(exc).__name__}: {exc}"}
    info = parsed.info
    has_financial = any(t.table_kind != "performance" for t in parsed.tables)
    if info.doc_kind is None or not (has_financial or parsed.performance.projects or parsed.tables):
        return path_str, None, {
            "stage": "detect",
            "reason": "not a recognisable budget / final-accounts / performance document "
                      f"(kind={info.doc_kind}, tables found={len(parsed.tables)})",
        }
    # every fact is keyed by year and unit: a document without one cannot join the warehouse
    # (loading it would fail the build's key tests and hold back every other document)
    if info.year is None:
        return path_str, None, {
            "stage": "detect",
            "reason": f"no fiscal year found (title block, 预算年度 label or 'YYYY年' in the text); kind={info.doc_kind}",
        }
    if not info.unit_name:
        return path_str, None, {
            "stage": "detect",
            "reason": f"no publishing unit found (title block, 单位名称/实施单位 labels or table page headers); "
                      f"kind={info.doc_kind}, year={info.year}",
        }
    return path_str, load.columns_for(parsed), None


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _open_live(db_path: Path):
    """A read-only view of the file now at db_path.

    Not `duckdb.connect(path, read_only=True)`: DuckDB caches database instances per path
    within a process, so while anything in this process still holds a connection to an
    earlier (replaced) warehouse file, that call returns the *old* file's contents. A fresh
    in-memory connection that ATTACHes the path always opens the file now at that path
    (the same file `_copy_reused` copies from).
    """
    con = duckdb.connect()
    try:
        con.execute(f"attach '{_sql_path(db_path)}' as live (read_only)")
        con.execute("use live")
    except duckdb.Error:
        con.close()
        raise
    return con


def _previous_state(db_path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(document_id -> sha256 of current documents, source_path -> sha256) of the live warehouse."""
    if not db_path.exists():
        return {}, {}
    try:
        con = _open_live(db_path)
    except duckdb.Error:
        return {}, {}
    try:
        docs = dict(con.execute(
            "select document_id, content_sha256 from raw.documents where status = 'current' and parser_version = ?",
            [load.parser_version()],
        ).fetchall())
        paths = dict(con.execute("select source_path, content_sha256 from raw.document_files").fetchall())
        return docs, paths
    except duckdb.Error:
        return {}, {}
    finally:
        con.close()


def _copy_reused(con, db_path: Path, doc_ids: list[str]) -> None:
    """Copy the raw rows of unchanged documents from the live warehouse (no re-parse)."""
    if not doc_ids:
        return
    con.execute(f"attach '{_sql_path(db_path)}' as live (read_only)")
    try:
        con.register("_reuse", __import__("pandas").DataFrame({"document_id": doc_ids}))
        for table in load.RAW_TABLES:
            if table == "document_files":
                continue
            con.execute(f"insert into raw.{table} select * from live.raw.{table} where document_id in (select document_id from _reuse)"
                        + (" and status = 'current'" if table == "documents" else ""))
        con.unregister("_reuse")
    finally:
        con.execute("detach live")


def project_version() -> str:
    """Fingerprint of everything a build depends on besides the documents: the dbt project
    (models, macros, seeds, tests) and the parser. Same inputs + same version = same warehouse."""
    h = hashlib.sha256(load.parser_version().encode())
    for folder in ("models", "macros", "seeds", "tests/generic"):
        for path in sorted((PROJECT_DIR / folder).rglob("*")):
            if path.is_file() and path.suffix in (".sql", ".yml", ".csv", ".yaml"):
                h.update(str(path.relative_to(PROJECT_DIR)).encode())
                h.update(path.read_bytes())
    for name in ("dbt_project.yml", "profiles.yml"):
        h.update((PROJECT_DIR / name).read_bytes())
    return h.hexdigest()[:12]


def input_fingerprint(files: list["InputFile"]) -> str:
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.source_path):
        h.update(f"{f.source_path}\0{f.sha256}\n".encode())
    return h.hexdigest()[:16]


def _last_build(db_path: Path) -> tuple[str | None, str | None]:
    """(input fingerprint, project version) of the live warehouse's last successful build."""
    if not db_path.exists():
        return None, None
    try:
        con = _open_live(db_path)
    except duckdb.Error:
        return None, None
    try:
        row = con.execute(
            "select input_fingerprint, project_version from raw.refresh_log where status = 'built' "
            "order by refreshed_at desc limit 1"
        ).fetchone()
        con.execute("select count(*) from main.dim_document").fetchone()  # the marts exist
        return (row[0], row[1]) if row else (None, None)
    except duckdb.Error:
        return None, None
    finally:
        con.close()


def run_dbt(db_path: Path, commands: list[list[str]], target_path: Path | None = None) -> tuple[bool, str]:
    """Run dbt commands against db_path. A refresh passes its own target_path so two builds
    (of different warehouses) never write into the same compiled-artifacts folder."""
    env = dict(os.environ, WAREHOUSE_DB=str(db_path.resolve()))
    dbt = Path(sys.executable).with_name("dbt")
    out_lines = []
    extra = ["--target-path", str(target_path)] if target_path else []
    for args in commands:
        proc = subprocess.run(
            [str(dbt), *args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR), *extra],
            cwd=PROJECT_DIR, env=env, capture_output=True, text=True,
        )
        out_lines.append(proc.stdout[-6000:])
        if proc.returncode != 0:
            return False, "\n".join(out_lines) + proc.stderr[-2000:]
    return True, "\n".join(out_lines)


def refresh(
    input_dir: Path | None = None,
    db_path: Path | None = None,
    *,
    jobs: int | None = None,
    build: bool = True,
    docs: bool = False,
    wait_seconds: float = 0.0,
    progress: bool = False,
) -> RefreshResult:
    input_dir = Path(input_dir or DEFAULT_INPUT)
    db_path = Path(db_path or default_db()).resolve()
    if not input_dir.is_dir():
        raise RefreshFailed(f"input folder not found: {input_dir}")
    result = RefreshResult(db_path=str(db_path))
    with RefreshLock(db_path, wait_seconds):
        t0 = time.monotonic()
        files = discover(input_dir)
        result.documents_seen = len(files)
        prev_docs, prev_paths = _previous_state(db_path)
        now = datetime.now(timezone.utc).replace(tzinfo=None)

        by_hash: dict[str, InputFile] = {}
        file_rows = []
        for f in files:
            if f.sha256 is None:
                result.rejections.append(_rejection(f, "read", f.read_error, now))
                continue
            if f.sha256 in by_hash:
                result.duplicates.append(f"{f.source_path} = {by_hash[f.sha256].source_path}")
            else:
                by_hash[f.sha256] = f
            file_rows.append(dict(source_path=f.source_path, source_file=f.path.name, content_sha256=f.sha256,
                                  document_id=load.document_id_for(f.sha256), seen_at=now))

        fingerprint = input_fingerprint(files)
        version = project_version()
        if build and (fingerprint, version) == _last_build(db_path):
            # nothing new and the same code: the live warehouse is already this refresh's result
            result.unchanged = True
            result.published = True
            result.documents_reused = len(by_hash)
            result.rejections = _live_rejections(db_path)
            result.seconds_ingest = time.monotonic() - t0
            return result

        reuse_ids = [load.document_id_for(h) for h in by_hash if load.document_id_for(h) in prev_docs]
        to_parse = [f for h, f in by_hash.items() if load.document_id_for(h) not in prev_docs]
        current_paths = {f.source_path for f in files}
        for path, old_hash in prev_paths.items():
            if path not in current_paths:
                result.removed.append(path)
        superseded_rows = []
        for f in files:
            old = prev_paths.get(f.source_path)
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
            old = prev_paths.get(f.source_path)
            if f.sha256 is None and old and load.document_id_for(old) in prev_docs:
                fallback_ids.add(load.document_id_for(old))
                unreadable_paths[f.source_path] = old
        keep_ids = reuse_ids + sorted(fallback_ids - set(reuse_ids))

        # We hold the lock, so no other refresh is building: files left by a killed run are garbage.
        for stale in db_path.parent.glob(f"{db_path.name}.building*"):
            stale.unlink(missing_ok=True)
        # One fixed name per warehouse (the lock serialises builders): dbt's profile carries the
        # file path, and a path that changed each run would void dbt's partial parse (≈ 3 s).
        tmp = db_path.with_name(f"{db_path.name}.building")
        con = None
        try:
            cloned = bool(keep_ids) and _clone_live(db_path, tmp)
            con = duckdb.connect(str(tmp))
            load.create_raw_schema(con)
            if cloned:
                # the new file starts as a copy of the live one (a file copy is far cheaper than
                # re-inserting millions of reused rows); what is not reused is pruned from it
                _prune_clone(con, keep_ids)
            else:
                _copy_reused(con, db_path, keep_ids)
            _drop_returning_history(con, [load.document_id_for(f.sha256) for f in to_parse])
            _rename_reused(con, [by_hash[h] for h in by_hash if load.document_id_for(h) in prev_docs])
            result.documents_reused = len(reuse_ids)
            # parsed documents are appended in chunks as they arrive: memory stays flat with N
            parsed_count, table_error_count, rejections = _parse_all(
                to_parse, jobs, progress, on_rows=lambda chunk: load.append_rows(con, chunk))
            for rej in rejections:
                result.rejections.append(_rejection(rej[0], rej[1]["stage"], rej[1]["reason"], now))
                # every file with that content is rejected with it, not only the first name
                for f in files:
                    if f.sha256 == rej[0].sha256 and f is not rej[0]:
                        result.rejections.append(_rejection(
                            f, rej[1]["stage"], f"{rej[1]['reason']} (same content as {rej[0].source_path})", now))
            rejected_hashes = {r["content_sha256"] for r in result.rejections}
            superseded_rows, kept_paths = _settle_fallbacks(con, files, superseded_rows, fallback_ids,
                                                            rejected_hashes, unreadable_paths, result)
            load.append_table(con, "document_files", [r for r in file_rows if r["content_sha256"] not in rejected_hashes]
                         + [dict(source_path=path, source_file=Path(path).name, content_sha256=old,
                                 document_id=load.document_id_for(old), seen_at=now) for path, old in kept_paths.items()])
            _record_superseded(con, db_path, superseded_rows)
            if not cloned:
                _copy_refresh_log(con, db_path)
            load.append_rejections(con, result.rejections)
            result.documents_parsed = parsed_count
            result.table_errors = table_error_count
            con.execute(
                "insert into raw.refresh_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [now, str(input_dir), result.documents_seen, result.documents_parsed, result.documents_reused,
                 len(result.removed), len(result.rejections), "built" if build else "raw only",
                 fingerprint, version],
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
                    _publish_docs(build_target)
                result.seconds_dbt = time.monotonic() - t1
                result.dbt_summary = _dbt_tail(summary)
                if not ok:
                    # a crash (profile error, traceback) has none of the tail's keywords: show its last lines
                    detail = result.dbt_summary or "\n".join(summary.strip().splitlines()[-20:])
                    raise RefreshFailed("dbt build failed; the live warehouse was left as it was.\n" + detail)
            os.replace(tmp, db_path)
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


def _live_rejections(db_path: Path) -> list[dict]:
    con = _open_live(db_path)
    try:
        cols = ["source_file", "source_path", "content_sha256", "stage", "reason", "rejected_at"]
        rows = con.execute(f"select {', '.join(cols)} from raw.ingest_rejections order by source_path").fetchall()
        return [dict(zip(cols, r)) for r in rows]
    finally:
        con.close()


def _publish_docs(build_target: Path) -> None:
    """Copy the docs site of a successful build to target/, where `ingest docs --serve` looks."""
    target = PROJECT_DIR / "target"
    for name in ("index.html", "manifest.json", "catalog.json", "run_results.json"):
        src = build_target / name
        if src.exists():
            shutil.copy2(src, target / name)


def _dbt_tail(text: str) -> str:
    lines = [l for l in text.splitlines() if l.strip()]
    keep = [l for l in lines if any(k in l for k in ("ERROR", "FAIL", "WARN", "Done.", "Completed"))]
    return "\n".join(keep[-40:])


def _parse_all(files: list[InputFile], jobs: int | None, progress: bool, on_rows, flush_every: int = 200):
    """Parse files in worker processes (both cores); hand raw rows to `on_rows` in chunks.

    Returns (documents parsed, tables that failed, rejections)."""
    args = [(str(f.path), f.source_path) for f in files]
    by_path = {str(f.path): f for f in files}
    pending, rejections = [], []
    parsed = table_errors = 0
    jobs = jobs or min(os.cpu_count() or 1, 8)
    results_iter = None
    if len(args) >= 8 and jobs > 1:
        pool = ProcessPoolExecutor(max_workers=jobs)
        results_iter = pool.map(_parse_one, args, chunksize=max(1, len(args) // (jobs * 8)))
    else:
        pool = None
        results_iter = map(_parse_one, args)
    if progress:
        from rich.progress import track
        results_iter = track(results_iter, total=len(args), description="parsing documents")
    try:
        for path, rows, rejection in results_iter:
            if rejection:
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
    finally:
        if pool:
            pool.shutdown()
    return parsed, table_errors, rejections


def _rejection(f: InputFile, stage: str, reason: str | None, now) -> dict:
    return dict(source_file=f.path.name, source_path=f.source_path, content_sha256=f.sha256,
                stage=stage, reason=reason, rejected_at=now)


def _settle_fallbacks(con, files, superseded_rows, fallback_ids, rejected_hashes, unreadable_paths, result):
    """After parsing: a changed file whose new version was rejected keeps its previous version
    current (and says so in its rejection); a replaced version leaves the new warehouse and is
    recorded as superseded. Returns (pairs really superseded, {path: kept hash})."""
    rejected_ids = {load.document_id_for(h) for h in rejected_hashes if h}
    path_of_new = {load.document_id_for(f.sha256): f.source_path for f in files if f.sha256}
    really, kept = [], dict(unreadable_paths)
    for old_id, new_id in superseded_rows:
        if new_id in rejected_ids and old_id in fallback_ids:
            path = path_of_new.get(new_id)
            kept[path] = _hash_of(con, old_id)
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


def _hash_of(con, document_id: str) -> str | None:
    row = con.execute("select content_sha256 from raw.documents where document_id = ?", [document_id]).fetchone()
    return row[0] if row else None


def _clone_live(db_path: Path, tmp: Path) -> bool:
    """Copy the live warehouse file to tmp (the live file itself is only read). False when it
    cannot serve as a base (missing, or a write-ahead log beside it would not be copied)."""
    if not db_path.exists() or db_path.with_name(db_path.name + ".wal").exists():
        return False
    try:
        shutil.copyfile(db_path, tmp)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False


def _prune_clone(con, keep_ids: list[str]) -> None:
    """Make a copy of the live warehouse the base of the new one: keep the raw rows of reused
    documents (and the superseded history and refresh log), drop everything else, and drop
    every model built from them: dbt builds them again from the raw layer."""
    con.register("_keep", __import__("pandas").DataFrame({"document_id": keep_ids}))
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
    for schema, name in con.execute(
        "select schema_name, view_name from duckdb_views() where not internal and schema_name <> 'raw' "
        "and database_name = current_database()"
    ).fetchall():
        con.execute(f'drop view if exists "{schema}"."{name}" cascade')
    for schema, name in con.execute(
        "select schema_name, table_name from duckdb_tables() where schema_name <> 'raw' and database_name = current_database()"
    ).fetchall():
        con.execute(f'drop table if exists "{schema}"."{name}" cascade')


def _drop_returning_history(con, parsing_ids: list[str]) -> None:
    """A file edited back to an earlier content brings back a document that is on record as
    superseded: that history row gives way to the document, current again (it is re-parsed
    and inserted under the same id; the version it replaces becomes the superseded one)."""
    if not parsing_ids:
        return
    con.register("_parsing", __import__("pandas").DataFrame({"document_id": parsing_ids}))
    try:
        con.execute("delete from raw.documents where status = 'superseded' "
                    "and document_id in (select document_id from _parsing)")
    finally:
        con.unregister("_parsing")


def _rename_reused(con, files: list[InputFile]) -> None:
    """A reused document is named after the file that holds it now: it may have been renamed,
    or the file it was first read from removed while a copy of it remains. One statement."""
    if not files:
        return
    con.register("_names", __import__("pandas").DataFrame({
        "document_id": [load.document_id_for(f.sha256) for f in files],
        "source_path": [f.source_path for f in files],
        "source_file": [f.path.name for f in files],
    }))
    try:
        con.execute("""
            update raw.documents set source_path = _names.source_path, source_file = _names.source_file
            from _names
            where raw.documents.document_id = _names.document_id and raw.documents.status = 'current'
              and raw.documents.source_path is distinct from _names.source_path""")
    finally:
        con.unregister("_names")


def _copy_refresh_log(con, db_path: Path) -> None:
    """raw.refresh_log is a history: carry the earlier runs' rows into the new file."""
    if not db_path.exists():
        return
    try:
        con.execute(f"attach '{_sql_path(db_path)}' as live (read_only)")
    except duckdb.Error:
        return  # no readable live warehouse: nothing to carry over
    try:
        con.execute("insert into raw.refresh_log by name select * from live.raw.refresh_log")
    except duckdb.Error:
        pass
    finally:
        con.execute("detach live")


def _record_superseded(con, db_path: Path, pairs: list[tuple[str, str]]) -> None:
    """Keep earlier versions of changed files on record (documents row only, no facts).

    Runs on every refresh, not only when a file changed: the history rows already in the
    live warehouse must be carried into the new file too.
    """
    if not db_path.exists():
        return
    try:
        con.execute(f"attach '{_sql_path(db_path)}' as live (read_only)")
    except duckdb.Error:
        if pairs:  # pairs come from the live file, so it was readable a moment ago
            raise
        return  # not a warehouse (yet): there is no history to keep
    try:
        for old_id, new_id in pairs:
            con.execute(
                "insert into raw.documents select * replace ('superseded' as status, ? as superseded_by) "
                "from live.raw.documents where document_id = ? and document_id not in (select document_id from raw.documents)",
                [new_id, old_id],
            )
        if con.execute("select count(*) from duckdb_tables() where database_name = 'live' "
                       "and schema_name = 'raw' and table_name = 'documents'").fetchone()[0]:
            con.execute("insert into raw.documents select * from live.raw.documents where status = 'superseded' "
                        "and document_id not in (select document_id from raw.documents)")
    finally:
        con.execute("detach live")


def status(db_path: Path | None = None) -> dict:
    db_path = Path(db_path or default_db()).resolve()
    if not db_path.exists():
        raise RefreshFailed(f"warehouse not found: {db_path} (run `make run` first)")
    con = _open_live(db_path)
    try:
        q = lambda sql: con.execute(sql).fetchall()
        out = {
            "warehouse": str(db_path),
            "documents": q("select count(*) from raw.documents where status = 'current'")[0][0],
            "superseded_documents": q("select count(*) from raw.documents where status = 'superseded'")[0][0],
            "documents_by_kind": dict(q("select coalesce(doc_kind, '?'), count(*) from raw.documents where status = 'current' group by 1 order by 1")),
            "years": [r[0] for r in q("select distinct year from raw.documents where status = 'current' and year is not null order by 1")],
            "units": q("select count(distinct unit_name) from raw.documents where status = 'current'")[0][0],
            "last_refresh": str(q("select max(refreshed_at) from raw.refresh_log")[0][0]),
            "rejections": [dict(zip(("source_path", "stage", "reason"), r)) for r in q("select source_path, stage, reason from raw.ingest_rejections order by 1")],
        }
        try:
            out["reconciliation_failures"] = q("select count(*) from main.fct_reconciliation where not passed and severity = 'error'")[0][0]
            out["reconciliation_warnings"] = q("select count(*) from main.fct_reconciliation where not passed and severity = 'warn'")[0][0]
        except duckdb.Error:
            out["reconciliation_failures"] = None
        return out
    finally:
        con.close()


def summary_json(result: RefreshResult) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str)
