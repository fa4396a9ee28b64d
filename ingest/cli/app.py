"""The `python -m ingest` command group every command module adds itself to."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="预决算公开 data warehouse: ingest, build, query.")
