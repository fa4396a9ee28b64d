"""Where the parse runs: in this machine's processes (the default), or fanned out on Dask.

Parsing is ≈ 12 ms per document per core and independent per document; the SQL build is not
the part that needs many machines. So the executors differ only in how `raw_build.parse_one`
(the project's own per-document worker) is run and how its rows reach the file being built:

- `InProcess`: a process pool on this machine; rows come back pickled and are appended in
  chunks (`raw_build.parse_all`).
- `DaskExecutor`: chunks of documents as tasks on Dask distributed, a `LocalCluster` (one
  single-threaded worker process per core) or the scheduler at `--scheduler ADDRESS`. Each
  task parses its chunk and writes Parquet per raw table into a store
  (`ingest/pipeline/parquet_raw.py`); only small summaries travel back. The refresh then loads
  the parts into the file it builds, in input order, so the warehouse is the same as the
  in-process one. With a remote scheduler the workers must run this project's code (same
  version) and see the input files and the store at the same paths (a shared file system).

Both return (documents parsed, tables that failed, [(input file, rejection)]) in input order.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import load
from .inputs import InputFile
from .parquet_raw import load_parts, write_part
from .raw_build import parse_all, parse_one

EXECUTORS = ("process", "dask")


def parse_chunk(args: list[tuple[str, str, dict | None, str | None]], store: str, part: str) -> dict:
    """Dask task: parse some files with `parse_one`, write their raw rows as Parquet part
    `part` of `store`; return what the refresh needs to know (no rows)."""
    batches, rejections = [], []
    table_errors = 0
    for arg in args:
        path, rows, rejection = parse_one(arg)
        if rejection or rows is None:
            rejections.append((path, rejection))
            continue
        batches.append(rows)
        table_errors += load.n_rows(rows.get("table_errors", []))
    counts = write_part(batches, Path(store), part)
    return {"part": part, "parsed": len(batches), "table_errors": table_errors, "rejections": rejections, "rows": counts}


@dataclass
class InProcess:
    """The default: worker processes of this machine (`--jobs`)."""

    jobs: int | None = None

    def parse(self, files: list[InputFile], con, progress: bool = False, workdir: Path | None = None):
        return parse_all(files, self.jobs, progress, on_rows=lambda chunk: load.append_rows(con, chunk))


@dataclass
class DaskExecutor:
    """The parse as Dask tasks; the raw rows as Parquet parts in `store`.

    `scheduler`: a Dask scheduler address (tcp://host:8786); None starts a LocalCluster of
    `jobs` single-threaded worker processes for this refresh and closes it after.
    `store`: the folder the tasks write to (must be shared with remote workers); the refresh
    writes into a fresh sub-folder per run and removes it once loaded.
    `chunk_size`: documents per task (default: about eight tasks per worker, 25..500)."""

    scheduler: str | None = None
    jobs: int | None = None
    store: Path | None = None
    chunk_size: int | None = None
    stats: dict = field(default_factory=dict)

    def parse(self, files: list[InputFile], con, progress: bool = False, workdir: Path | None = None):
        """Parse `files` as tasks and load their rows into `con`; parts go under `store` (else
        `workdir`, the folder of the file being built) and are removed once loaded."""
        if not files:
            return 0, 0, []
        from dask.distributed import Client, LocalCluster, as_completed

        store_root = Path(self.store or workdir or Path.cwd())
        run_store = store_root / f"raw-parts-{uuid.uuid4().hex[:12]}"
        run_store.mkdir(parents=True)
        args = [(str(f.path), f.source_path, f.manifest, f.sha256) for f in files]
        by_path = {str(f.path): f for f in files}
        try:
            if self.scheduler:
                client = Client(self.scheduler, timeout="30s")
                cluster = None
            else:
                workers = self.jobs or os.cpu_count() or 1
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",  # this machine only
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                client = Client(cluster)
            try:
                n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (self.jobs or 1))
                size = self.chunk_size or max(25, min(500, len(args) // (n_workers * 8) or 1))
                chunks = [args[i : i + size] for i in range(0, len(args), size)]
                parts = [f"part-{i:06d}" for i in range(len(chunks))]
                futures = [
                    client.submit(parse_chunk, chunk, str(run_store), part, key=f"parse-{run_store.name}-{part}", pure=False)
                    for chunk, part in zip(chunks, parts)
                ]
                done: Iterable = as_completed(futures)
                if progress:
                    from rich.progress import track

                    done = track(done, total=len(futures), description="parsing documents (dask)")
                summaries = {}
                for future in done:
                    summary = future.result()
                    summaries[summary["part"]] = summary
                    future.release()
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
            # loaded in input order (not completion order): the same file as the in-process path
            load_parts(con, run_store, parts)
            self.stats = {"tasks": len(parts), "chunk_size": size, "workers": n_workers}
        finally:
            shutil.rmtree(run_store, ignore_errors=True)
        parsed = sum(s["parsed"] for s in summaries.values())
        table_errors = sum(s["table_errors"] for s in summaries.values())
        rejections = [(by_path[path], rej) for part in parts for path, rej in summaries[part]["rejections"]]
        return parsed, table_errors, rejections


def make_executor(
    name: str = "process", jobs: int | None = None, scheduler: str | None = None, store: Path | None = None
) -> InProcess | DaskExecutor:
    if name == "process":
        if scheduler:
            raise ValueError("--scheduler needs --executor dask")
        return InProcess(jobs)
    if name == "dask":
        return DaskExecutor(scheduler=scheduler, jobs=jobs, store=store)
    raise ValueError(f"unknown executor {name!r} (one of {', '.join(EXECUTORS)})")
