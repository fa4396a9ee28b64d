"""`python -m ingest …`: refresh, status, query, docs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from . import pipeline

app = typer.Typer(add_completion=False, no_args_is_help=True, help="预决算公开 data warehouse: ingest, build, query.")


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
    changes nothing."""
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
    if lake and result.published:
        from .pipeline import lake as ducklake

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


lake_app = typer.Typer(no_args_is_help=True, help="The DuckLake the marts are published to (snapshots, many writers).")
app.add_typer(lake_app, name="lake")


@lake_app.command("publish")
def lake_publish(
    catalog: str = typer.Option(
        ..., "--catalog", help="sqlite:/path/catalog.sqlite | postgres:dbname=… host=… | /path/x.ducklake"
    ),
    data: str | None = typer.Option(None, "--data", help="Data path of the lake (needed when it is created)."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse to publish (default: $WAREHOUSE_DB or warehouse.duckdb)."),
    mode: str = typer.Option(
        "replace", "--mode", help="replace: this warehouse is the lake; merge: its documents' rows replace theirs."
    ),
    message: str | None = typer.Option(None, "--message", help="Commit message of the snapshot."),
):
    """Publish the warehouse's marts to a DuckLake, in one transaction (one snapshot)."""
    from .pipeline import lake as ducklake

    try:
        out = ducklake.publish(db or pipeline.default_db(), catalog, data, mode=mode, message=message)
    except (ducklake.LakeUnavailable, ValueError) as exc:
        typer.echo(f"lake: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"snapshot {out['snapshot_id']}: {len(out['tables'])} tables, {sum(out['rows'].values())} rows ({out['attempts']} attempt(s))"
    )


@lake_app.command("snapshots")
def lake_snapshots(
    catalog: str = typer.Option(..., "--catalog"),
    data: str | None = typer.Option(None, "--data"),
):
    """Every snapshot of the lake: id, time, what changed, the message."""
    from .pipeline import lake as ducklake

    for snap in ducklake.snapshots(catalog, data):
        typer.echo(f"{snap['snapshot_id']}\t{snap['snapshot_time']}\t{snap['commit_message'] or ''}\t{snap['changes']}")


@app.command("export-raw")
def export_raw(
    out: Path = typer.Option(..., "--out", help="Folder to write <table>/data.parquet into."),
    db: Path | None = typer.Option(None, "--db"),
):
    """Write the raw layer as Parquet (a shared store; dbt reads it with --vars '{raw_parquet: OUT}')."""
    from .pipeline.live import open_live
    from .pipeline.parquet_raw import export_raw as export

    con = open_live(Path(db or pipeline.default_db()).resolve())
    try:
        export(con, out)
    finally:
        con.close()
    typer.echo(f"raw layer written to {out}")


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


@app.command()
def query(
    sql: str | None = typer.Argument(None, help="One read-only SQL query."),
    file: Path | None = typer.Option(None, "--file", help="Read the query from a file."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    db: Path | None = typer.Option(None, "--db"),
    max_rows: int | None = typer.Option(None, "--max-rows"),
):
    """Run one read-only query against the warehouse (anything else is refused)."""
    from .query import QueryFailed, QueryRefused, run_query

    if file is not None:
        sql = file.read_text(encoding="utf-8")
    if not sql:
        typer.echo("query: give a SQL string or --file", err=True)
        raise typer.Exit(2) from None
    try:
        typer.echo(run_query(sql, db or pipeline.default_db(), fmt=fmt, max_rows=max_rows))
    except QueryRefused as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(3) from None
    except QueryFailed as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


@app.command()
def docs(serve: int | None = typer.Option(None, "--serve", help="Serve the docs site on this port.")):
    """Generate the dbt docs site (target/), and serve it with --serve PORT."""
    ok, out = pipeline.run_dbt(pipeline.default_db(), [["docs", "generate"]])
    if not ok:
        typer.echo(out, err=True)
        raise typer.Exit(1) from None
    target = pipeline.PROJECT_DIR / "target"
    typer.echo(f"docs site: {target / 'index.html'}")
    if serve:
        import functools
        import http.server

        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(target))
        with http.server.ThreadingHTTPServer(("127.0.0.1", serve), handler) as httpd:
            typer.echo(f"serving on http://127.0.0.1:{serve}/ (Ctrl-C to stop)")
            httpd.serve_forever()


def main() -> None:
    app()
