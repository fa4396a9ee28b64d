"""`ingest lake publish|snapshots` (the DuckLake the marts are published to) and `ingest export-raw`."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import pipeline
from .app import app

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
    from ..pipeline import lake as ducklake

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
    from ..pipeline import lake as ducklake

    for snap in ducklake.snapshots(catalog, data):
        typer.echo(f"{snap['snapshot_id']}\t{snap['snapshot_time']}\t{snap['commit_message'] or ''}\t{snap['changes']}")


@app.command("export-raw")
def export_raw(
    out: Path = typer.Option(..., "--out", help="Folder to write <table>/data.parquet into."),
    db: Path | None = typer.Option(None, "--db"),
):
    """Write the raw layer as Parquet (a shared store; dbt reads it with --vars '{raw_parquet: OUT}')."""
    from ..pipeline.live import open_live
    from ..pipeline.parquet_raw import export_raw as export

    con = open_live(Path(db or pipeline.default_db()).resolve())
    try:
        export(con, out)
    finally:
        con.close()
    typer.echo(f"raw layer written to {out}")
