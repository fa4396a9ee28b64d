"""`ingest report` (the static report site) and its sub-commands (`ingest report quality`)."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import pipeline
from .app import app

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
    from ..query import QueryFailed
    from ..report import build_site

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
    from ..quality import QualityFailed, quality_report
    from ..render import RENDERERS
    from ..sqlguard import QueryFailed

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
