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


def extended_input(folder: Path) -> Path:
    """The samples plus two documents made from them, for what the samples alone lack.

    - `000_as_final_accounts.txt`: sample 000 (青龙满族自治县医疗保障局, 2024 部门预算) with its
      title saying 部门决算 — the same unit and year now has a 预算 and a 决算 (every line
      executed at 100%).
    - `fz_as_own_office.txt`: sample fz (福州市医疗保障局, 2026 部门预算, a 部门汇总) with the
      unit on its cover marked （本级）— the department's own office, whose money is already
      inside the department's 部门汇总 of the same year: in_totals = false.
    """
    import shutil

    inp = folder / "input"
    shutil.copytree(SAMPLES, inp)
    budget = sample_path("000_")
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "部门预算" in lines[0]
    lines[0] = lines[0].replace("部门预算", "部门决算")
    (inp / "000_as_final_accounts.txt").write_text("".join(lines), encoding="utf-8")
    fz = sample_path("fz_")
    lines = fz.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1].strip() == "福州市医疗保障局"
    lines[1] = lines[1].replace("福州市医疗保障局", "福州市医疗保障局（本级）")
    (inp / "fz_as_own_office.txt").write_text("".join(lines), encoding="utf-8")
    return inp


@pytest.fixture(scope="session")
def extended_warehouse(built_warehouse, tmp_path_factory) -> Path:
    """The session warehouse refreshed with `extended_input` (two more documents)."""
    import shutil

    from ingest import pipeline

    folder = tmp_path_factory.mktemp("extended")
    db = folder / "warehouse.duckdb"
    shutil.copy2(built_warehouse, db)
    result = pipeline.refresh(extended_input(folder), db)
    assert result.published, result.dbt_summary
    return db


CORPUS_TXT = ROOT.parent / "shared" / "corpus" / "txt"


@pytest.fixture(scope="session")
def corpus_warehouse(tmp_path_factory) -> Path:
    """The 195 real texts of ../shared/corpus, raw layer and models (no dbt tests: a test
    failing on one document must not hide the figures of the others), built once per session.
    Skipped where the corpus is absent (a user's clone)."""
    if not CORPUS_TXT.is_dir():
        pytest.skip(f"real corpus absent ({CORPUS_TXT}): the whole-corpus tests need ../shared/corpus beside the project")
    from bench.corpus import build

    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    build(CORPUS_TXT, db)
    return db
