"""`python -m ingest …`: refresh, status, query, docs."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import duckdb
import typer

from . import pipeline
from .query import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

app = typer.Typer(add_completion=False, no_args_is_help=True, help="预决算公开 data warehouse: ingest, build, query.")


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
    file: Path | None = typer.Option(None, "--file", help="Read the query from a file (UTF-8, GBK or UTF-16)."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    db: Path | None = typer.Option(None, "--db"),
    max_rows: int = typer.Option(DEFAULT_MAX_ROWS, "--max-rows", help="Rows to show at most (0 = all)."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help="Seconds before the query is stopped (0 = no limit)."),
):
    """Run one read-only query against the warehouse (anything else is refused).

    Exit codes: 0 ok, 1 failed (syntax, unknown name, time limit), 2 usage, 3 refused, 130 Ctrl-C."""
    from .query import QueryFailed, QueryInterrupted, QueryRefused, fetch, read_sql_file
    from .render import RENDERERS

    try:
        if file is not None:
            sql = read_sql_file(file)
        if not sql:
            typer.echo("query: give a SQL string or --file", err=True)
            raise typer.Exit(2)
        if fmt not in RENDERERS:
            raise QueryFailed(f"unknown format {fmt!r}: use table, csv or json")
        result = fetch(sql, db or pipeline.default_db(), max_rows=max_rows, timeout=timeout)
        typer.echo(RENDERERS[fmt](result.columns, result.rows, result.truncated))
        if result.truncated and fmt != "table":
            typer.echo(f"note: only the first {max_rows} rows were written (--max-rows 0 for all)", err=True)
    except QueryRefused as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(3) from None
    except QueryFailed as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except QueryInterrupted as exc:
        typer.echo(f"stopped: {exc}", err=True)
        raise typer.Exit(130) from None
    except KeyboardInterrupt:
        typer.echo("stopped: interrupted (Ctrl-C)", err=True)
        raise typer.Exit(130) from None


@app.command()
def export(
    relation: str | None = typer.Argument(None, help="A table or view of the warehouse, e.g. rpt_expenditure."),
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write: .csv, .xlsx or .parquet."),
    sql: str | None = typer.Option(None, "--sql", help="Export the rows of this read-only query instead."),
    file: Path | None = typer.Option(None, "--file", help="Read the query from a file (UTF-8, GBK or UTF-16)."),
    package: Path | None = typer.Option(None, "--package", help="Export every mart into this folder + datapackage.json."),
    fmt: str | None = typer.Option(
        None, "--format", help="csv | xlsx | parquet (default: from --out's suffix; csv for --package)."
    ),
    no_bom: bool = typer.Option(False, "--no-bom", help="CSV without the UTF-8 BOM Excel needs."),
    list_marts: bool = typer.Option(False, "--list", help="List the tables and views that can be exported."),
    db: Path | None = typer.Option(None, "--db"),
    timeout: float = typer.Option(600.0, "--timeout", help="Seconds before the export is stopped (0 = no limit)."),
):
    """Export a mart or a query to CSV (UTF-8 with BOM, for Excel), .xlsx or Parquet, or the
    whole warehouse as a data package (one file per mart + datapackage.json).

    Exit codes: 0 written, 1 failed, 2 usage, 3 refused (the query is not read-only), 130 Ctrl-C."""
    from . import export as exporter
    from .query import QueryFailed, QueryInterrupted, QueryRefused, open_read_only, read_sql_file

    warehouse = db or pipeline.default_db()
    try:
        if list_marts:
            con = open_read_only(warehouse)
            try:
                for name, about in exporter.marts(con).items():
                    typer.echo(f"{name:28} {about.split(' (')[0].strip()}")
            finally:
                con.close()
            return
        if package is not None:
            results = exporter.export_package(warehouse, package, fmt=fmt or "csv", timeout=timeout)
            rows = sum(r.rows for r in results)
            typer.echo(f"data package: {package / 'datapackage.json'} ({len(results)} files, {rows:,} rows)")
            for r in results:
                typer.echo(f"  {r.path.relative_to(package)}  {r.rows:,} rows")
            return
        if out is None or sum(x is not None for x in (relation, sql, file)) != 1:
            typer.echo("export: give one of RELATION, --sql or --file, and --out FILE (or --package DIR, or --list)", err=True)
            raise typer.Exit(2)
        if relation is not None:
            result = exporter.export_relation(warehouse, relation, out, fmt=fmt, timeout=timeout, bom=not no_bom)
        else:
            text = read_sql_file(file) if file is not None else (sql or "")
            result = exporter.export_query(warehouse, text, out, fmt=fmt, timeout=timeout, bom=not no_bom)
        typer.echo(f"{result.path}: {result.rows:,} rows ({result.format})")
    except QueryRefused as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(3) from None
    except (QueryFailed, exporter.ExportTooLarge) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except BrokenPipeError:  # the reader of --list went away (| head)
        raise typer.Exit(0) from None
    except OSError as exc:
        typer.echo(f"error: cannot write {exc.filename or out or package}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    except (QueryInterrupted, KeyboardInterrupt):
        typer.echo("stopped: export interrupted (Ctrl-C)", err=True)
        raise typer.Exit(130) from None


@app.command()
def docs(
    serve: int | None = typer.Option(None, "--serve", help="Serve the docs site on this port."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse file (default: $WAREHOUSE_DB or warehouse.duckdb)."),
    target_path: Path = typer.Option(pipeline.PROJECT_DIR / "target", "--target-path", help="Folder to write the site into."),
):
    """Generate the dbt docs site (target/), and serve it with --serve PORT.

    Generated from a copy of the warehouse, so it works while BI tools hold the file open."""
    from .docs_site import DocsFailed, generate

    try:
        index = generate(db or pipeline.default_db(), target_path)
    except DocsFailed as exc:
        typer.echo(f"docs failed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"docs site: {index} (one-file version: {index.with_name('static_index.html')})")
    if serve:
        import functools
        import http.server

        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(target_path))
        with http.server.ThreadingHTTPServer(("127.0.0.1", serve), handler) as httpd:
            typer.echo(f"serving on http://127.0.0.1:{serve}/ (Ctrl-C to stop)")
            httpd.serve_forever()


report_app = typer.Typer(
    add_completion=False,
    invoke_without_command=True,
    help=(
        "Static reports over the warehouse (no server needed). `ingest report [--html DIR]` writes the "
        "report site: per unit and year, spending by 功能分类, 基本 vs 项目, 人员 vs 公用, 三公 by year, "
        "预算 vs 决算, project scores and indicators not met; per document, the failed checks beside the "
        "printed lines."
    ),
)
app.add_typer(report_app, name="report")


@report_app.callback()
def report(
    ctx: typer.Context,
    html: Path = typer.Option(pipeline.PROJECT_DIR / "target" / "report", "--html", help="Folder to write the site into."),
    db: Path | None = typer.Option(None, "--db", help="Warehouse file (default: $WAREHOUSE_DB or warehouse.duckdb)."),
):
    """Write the report site: per unit and year, spending by 功能分类 类, 基本 vs 项目, 人员 vs
    公用, "三公" by year, 预算 vs 决算 where both exist, project scores and indicators not met;
    per document, the checks that failed beside the printed lines. Static HTML with inline
    SVG charts: open index.html from disk, no server, nothing downloaded.

    Further reports are sub-commands of this group (`ingest report <name>`)."""
    if ctx.invoked_subcommand is not None:
        return
    from .query import QueryFailed
    from .report import build_site

    try:
        site = build_site(db or pipeline.default_db(), html)
    except QueryFailed as exc:
        typer.echo(f"report failed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"report: {site.index}")
    typer.echo(
        f"  {len(site.unit_pages)} unit pages ({html / 'unit'}), {len(site.document_pages)} document pages ({html / 'document'})"
    )


@report_app.command("quality")
def report_quality(
    db: Path | None = typer.Option(None, "--db", help="Warehouse file (default: $WAREHOUSE_DB or warehouse.duckdb)."),
    document: str | None = typer.Option(None, "--document", help="One document (its source file name)."),
    failed: bool = typer.Option(False, "--failed", help="Also list every failed check beside the line it is about."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
):
    """Per document: tables found by kind, facts, checks run and failed (by rule, with the
    likely cause: publisher, reading or undetermined); with --failed, each failed check beside
    the cells the document prints on that line. How to see whether a folder of real documents
    was read right."""
    from .quality import QualityFailed, quality_report
    from .render import RENDERERS
    from .sqlguard import QueryFailed

    if fmt not in RENDERERS:
        typer.echo(f"unknown --format {fmt!r}: table, csv or json", err=True)
        raise typer.Exit(2)
    try:
        report = quality_report(db or pipeline.default_db(), document)
    except (QualityFailed, QueryFailed) as exc:
        typer.echo(f"report quality failed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(RENDERERS[fmt](report.columns, report.documents, False), nl=False)
    if failed:
        typer.echo(RENDERERS[fmt](report.failed_columns, report.failed, False), nl=False)
    if fmt == "table":
        typer.echo(" · ".join(f"{k}: {v}" for k, v in report.totals.items()))


def main() -> None:
    app()
