"""Shared fixtures: the project root and one warehouse built from the shipped samples."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Path:
    """A full refresh (ingest + dbt build) of the shipped samples into a temporary file."""
    from ingest import pipeline

    db = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    result = pipeline.refresh(SAMPLES, db)
    assert result.published, result.dbt_summary
    return db


@pytest.fixture()
def wh(built_warehouse):
    con = duckdb.connect(str(built_warehouse), read_only=True)
    yield con
    con.close()


def sample_path(prefix: str) -> Path:
    return next(SAMPLES.rglob(prefix + "*.txt"))
