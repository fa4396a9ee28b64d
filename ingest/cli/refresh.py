"""`ingest refresh` (parse, load, build, publish the warehouse) and `ingest status`."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import duckdb
import typer

from .. import pipeline
from .app import app


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so every `finally` of the refresh runs."""


def _terminated(signum, frame):
    raise _Terminated()


@app.command()
def refresh(
    input: Path = typer.Option(pipeline.DEFAULT_INPUT, "--input", help="Folder of documents (read recursively)."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse file (default: $WAREHOUSE_DB or warehouse.duckdb)."),
    jobs: int | None = typer.Option(None, "--jobs", help="Parser processes (default: all cores)."),
    docs: bool = typer.Option(False, "--docs", help="Also generate the dbt docs site."),
    no_build: bool = typer.Option(False, "--no-build", help="Load the raw layer only, skip dbt."),
    wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for another running refresh."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON (for orchestrators)."),
    prune: bool = typer.Option(
        False, "--prune", help="Mirror mode: remove documents whose files are not in this input (default: keep them)."
    ),
    executor: str = typer.Option(
        "process", "--executor", help="Where the parse runs: 'process' (this machine, default) or 'dask'."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster of --jobs workers."
    ),
    raw_store: Path | None = typer.Option(
        None, "--raw-store", help="Folder the Dask tasks write Parquet into (shared with remote workers)."
    ),
    full_refresh: bool = typer.Option(
        False, "--full-refresh", help="Rebuild every model (default: incremental when the code is unchanged)."
    ),
    lake: str | None = typer.Option(
        None, "--lake", help="Then publish the marts to this DuckLake catalog (sqlite:/path, postgres:dbname=…)."
    ),
    lake_data: str | None = typer.Option(None, "--lake-data", help="The DuckLake's data path (Parquet files)."),
    lake_mode: str = typer.Option("replace", "--lake-mode", help="replace (one warehouse) | merge (many into one lake)."),
):
    """Ingest the documents, build and test the models, publish the warehouse atomically.

    A refresh adds and updates; documents already in the warehouse whose files are not in this
    input stay unless --prune. An empty or missing input folder is an error (exit 1) and
    changes nothing. Exit codes: 0 published, 1 nothing could be published (the live warehouse
    is as it was), 75 another refresh holds the lock, 130/143 interrupted (Ctrl-C / SIGTERM)."""
    # SIGTERM (systemd stop, a timeout) unwinds like Ctrl-C: the half-built file is deleted,
    # parser workers are stopped and the lock released before the process exits
    signal.signal(signal.SIGTERM, _terminated)
    try:
        result = pipeline.refresh(
            input,
            db,
            jobs=jobs,
            build=not no_build,
            docs=docs,
            wait_seconds=wait,
            progress=sys.stderr.isatty() and not as_json,
            prune=prune,
            executor=executor,
            scheduler=scheduler,
            raw_store=raw_store,
            full_refresh=full_refresh,
        )
    except pipeline.RefreshBusy as exc:
        typer.echo(f"refresh: {exc}", err=True)
        raise typer.Exit(75) from None
    except pipeline.RefreshFailed as exc:
        typer.echo(f"refresh failed: {exc}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("refresh interrupted: nothing was published; the live warehouse is as it was", err=True)
        raise typer.Exit(130) from None
    except _Terminated:
        typer.echo("refresh stopped (SIGTERM): nothing was published; the live warehouse is as it was", err=True)
        raise typer.Exit(143) from None
    except (OSError, duckdb.Error) as exc:  # a fault the refresh did not foresee: one line, not a traceback
        typer.echo(f"refresh failed: {type(exc).__name__}: {exc}; the live warehouse was left as it was", err=True)
        raise typer.Exit(1) from None
    if lake and result.published:
        from ..pipeline import lake as ducklake

        try:
            published = ducklake.publish(Path(result.db_path), lake, lake_data, mode=lake_mode)
        except (ducklake.LakeUnavailable, ValueError, OSError) as exc:
            typer.echo(f"refresh: the warehouse was published, the lake was not: {exc}", err=True)
            raise typer.Exit(1) from None
        result.lake_snapshot = published["snapshot_id"]
    if as_json:
        typer.echo(pipeline.summary_json(result))
        return
    state = (
        "unchanged: nothing new since the last build"
        if result.unchanged
        else ("published" if result.published else "not published")
    )
    typer.echo(f"warehouse: {result.db_path} ({state})")
    typer.echo(
        f"documents: {result.documents_seen} seen, {result.documents_parsed} parsed, "
        f"{result.documents_reused} unchanged (reused), {len(result.rejections)} rejected"
    )
    for warning in result.warnings:
        typer.echo(f"  warning: {warning}")
    if result.kept:
        typer.echo(f"  {len(result.kept)} document file(s) on record but not in this input were kept (--prune removes them)")
    for label, items in (("duplicate", result.duplicates), ("changed", result.superseded), ("removed", result.removed)):
        for item in items:
            typer.echo(f"  {label}: {item}")
    for r in result.rejections:
        typer.echo(f"  rejected: {r['source_path']} [{r['stage']}] {r['reason']}")
    if result.table_errors:
        typer.echo(f"  tables that failed to parse: {result.table_errors} (see raw.table_errors)")
    typer.echo(f"ingest {result.seconds_ingest:.1f}s, dbt {result.seconds_dbt:.1f}s")
    if result.dbt_summary:
        typer.echo(result.dbt_summary)


@app.command()
def status(db: Path | None = typer.Option(None, "--db"), as_json: bool = typer.Option(False, "--json")):
    """What the live warehouse holds."""
    try:
        info = pipeline.status(db)
    except pipeline.RefreshFailed as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return
    for k, v in info.items():
        typer.echo(f"{k}: {v}")
