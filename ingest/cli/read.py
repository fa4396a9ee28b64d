"""Reading the warehouse: `ingest query`, `ingest export`, `ingest docs`."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import pipeline
from ..query import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from .app import app


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
    from ..query import QueryFailed, QueryInterrupted, QueryRefused, fetch, read_sql_file
    from ..render import RENDERERS

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
    from .. import export as exporter
    from ..query import QueryFailed, QueryInterrupted, QueryRefused, open_read_only, read_sql_file

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
    from ..docs_site import DocsFailed, generate

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
