"""`python -m ingest docs`: the dbt docs site, generated from a copy of the warehouse.

`dbt docs generate` opens the warehouse read-write (to read its catalog), and DuckDB allows no
read-write opener while any other process — a BI tool, a notebook — holds the file, even
read-only. So the site is generated from a copy: readers keep their connections, and the
catalog is that of the live warehouse at the moment of the copy. The copy keeps the file's
name, because dbt-duckdb names the database after it and the docs show that name.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from . import pipeline
from .pipeline.dbt import dbt_tail


class DocsFailed(Exception):
    """dbt could not generate the site (its output says why)."""


def generate(db_path: Path, target: Path) -> Path:
    """Generate the site into `target` (index.html, static_index.html, manifest.json,
    catalog.json) from a copy of `db_path`; return the index page."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise DocsFailed(f"warehouse not found: {db_path} (run `make run` first)")
    with tempfile.TemporaryDirectory(prefix="docs-") as tmp:
        copy = Path(tmp) / db_path.name
        shutil.copy2(db_path, copy)
        wal = db_path.with_name(db_path.name + ".wal")
        if wal.exists():  # a write not yet checkpointed belongs to the warehouse's state
            shutil.copy2(wal, copy.with_name(copy.name + ".wal"))
        ok, out = pipeline.run_dbt(copy, [["docs", "generate", "--static"]], target_path=Path(target).resolve())
    if not ok:
        raise DocsFailed(dbt_tail(out) or out[-3000:])
    return Path(target) / "index.html"
