"""`python -m ingest …`: refresh, status, query, export, docs, report, lake.

One module per job, each adding its commands to `app` (app.py): `refresh` (refresh, status),
`lake` (lake publish|snapshots, export-raw), `read` (query, export, docs), `reports` (report …).
The command-line is not the parser: editing it does not change `load.parser_version()`.
"""

from __future__ import annotations

from .app import app

# the order commands are listed in `--help`: the refresh first
from . import refresh  # isort: skip
from . import lake, read, reports  # isort: skip

__all__ = ["app", "lake", "main", "read", "refresh", "reports"]


def main() -> None:
    app()
