"""The same dbt project on Spark: built from the samples' raw layer (exported as Parquet) with
dbt-spark's session method, every mart equals DuckDB's (row counts, Σ of numeric columns).

Run by `make test-spark` (installs requirements-spark.txt, sets SPARK_TESTS=1): a Spark build
of the whole project takes minutes on two cores, so it is not part of `make test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ingest.pipeline.parquet_raw import export_raw

if not os.environ.get("SPARK_TESTS"):
    pytest.skip("the Spark build runs with `make test-spark` (SPARK_TESTS=1)", allow_module_level=True)
pytest.importorskip("pyspark", reason="requirements-spark.txt is not installed (make test-spark installs it)")
pytest.importorskip("dbt.adapters.spark", reason="dbt-spark is not installed (make test-spark installs it)")

HERE = Path(__file__).resolve().parent


def duckdb_figures(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        relations = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' "
            "union select view_name from duckdb_views() where schema_name = 'main' and not internal order by 1"
        ).fetchall()
        for (name,) in relations:
            cols = [
                c
                for c, t in con.execute(f"select column_name, column_type from (describe main.{name})").fetchall()
                if t.startswith(("DECIMAL", "DOUBLE", "INTEGER", "BIGINT", "FLOAT"))
            ]
            sums = "".join(f", round(sum({c})::double, 4)" for c in cols)
            row = con.execute(f"select count(*){sums} from main.{name}").fetchone()
            out[name] = dict(zip(["rows", *cols], row))
        return out
    finally:
        con.close()


def test_spark_build_equals_duckdb(built_warehouse, tmp_path):
    raw = tmp_path / "raw"
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        export_raw(con, raw)
    proc = subprocess.run(
        [sys.executable, str(HERE / "spark_build.py"), str(raw), str(tmp_path / "spark")],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    line = next((x for x in proc.stdout.splitlines() if x.startswith("SPARK_RESULT ")), None)
    assert line, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(line.removeprefix("SPARK_RESULT "))
    assert result["failed"] == [] and result["ok"], "\n".join(result["failed"])

    expected = duckdb_figures(built_warehouse)
    got = result["marts"]
    assert sorted(got) == sorted(expected)
    for table, figures in expected.items():
        for column, value in figures.items():
            other = got[table].get(column)
            if isinstance(value, float) or isinstance(other, float):
                assert other == pytest.approx(value, abs=1e-3), (table, column)
            else:
                assert other == value, (table, column)
    assert expected["fct_expenditure"]["rows"] > 0
