"""The parse fanned out on Dask builds the same warehouse as the in-process parse.

`refresh --executor dask` runs the project's own per-document worker (raw_build.parse_one)
as Dask tasks that write Parquet per raw table; the refresh loads the parts into the file it
builds. Whatever the executor, every mart must hold the same rows and the same amounts.
"""

from __future__ import annotations

import duckdb
import pytest

from ingest import load, pipeline
from ingest.pipeline.executors import DaskExecutor, make_executor
from tests.conftest import SAMPLES

pytest.importorskip("dask.distributed")


def mart_figures(db) -> dict:
    """Per table and view of schema main: row count and the sum of every numeric column."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        relations = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' "
            "union select view_name from duckdb_views() where schema_name = 'main' and not internal order by 1"
        ).fetchall()
        for (name,) in relations:
            numeric = [
                c
                for c, t in con.execute(
                    "select column_name, data_type from duckdb_columns() where schema_name = 'main' and table_name = ?", [name]
                ).fetchall()
                if t.startswith(("DECIMAL", "DOUBLE", "INTEGER", "BIGINT", "FLOAT", "HUGEINT"))
            ]
            sums = ", ".join(f"round(sum({c})::double, 4)" for c in numeric)
            row = con.execute(f"select count(*){', ' + sums if sums else ''} from main.{name}").fetchone()
            out[name] = dict(zip(["rows", *numeric], row))
        return out
    finally:
        con.close()


def raw_rows(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in load.RAW_TABLES:
            cols = [c for c, _ in load.RAW_COLUMNS[table] if c not in ("loaded_at", "seen_at")]
            out[table] = con.execute(f"select {', '.join(cols)} from raw.{table} order by all").fetchall()
        return out
    finally:
        con.close()


def test_dask_local_cluster_builds_the_same_marts(tmp_path):
    """1,000 generated documents: a 2-worker LocalCluster and the in-process pool give the
    same raw layer row for row, and every mart the same row count and Σ of every amount."""
    from bench.generate import generate_corpus

    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 1000, seed=7)
    for sidecar in corpus.glob("*.truth.json"):  # the generator's answers, not documents
        sidecar.unlink()

    in_process = pipeline.refresh(corpus, tmp_path / "process.duckdb", jobs=2)
    on_dask = pipeline.refresh(corpus, tmp_path / "dask.duckdb", jobs=2, executor="dask")
    assert in_process.published and on_dask.published, on_dask.dbt_summary
    assert on_dask.documents_parsed == in_process.documents_parsed == 1000
    assert on_dask.rejections == in_process.rejections == []

    assert raw_rows(tmp_path / "dask.duckdb") == raw_rows(tmp_path / "process.duckdb")
    dask_marts, process_marts = mart_figures(tmp_path / "dask.duckdb"), mart_figures(tmp_path / "process.duckdb")
    assert dask_marts == process_marts
    # the comparison is not vacuous: the facts are there, with money in them
    assert process_marts["fct_expenditure"]["rows"] > 10_000
    assert process_marts["fct_expenditure"]["amount_wan"] > 0
    assert process_marts["fct_project_performance"]["rows"] > 100


def test_dask_remote_scheduler_and_rejections(tmp_path):
    """A scheduler given by address (here a LocalCluster started apart, as a real one would
    be) runs the tasks; a rejected file is reported by file as in-process; no part is left."""
    from dask.distributed import LocalCluster

    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(SAMPLES.glob("*.txt"))[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "notice.txt").write_text("关于召开会议的通知\n各单位：请于周一到会。\n", encoding="utf-8")
    store = tmp_path / "store"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = pipeline.refresh(
            folder, tmp_path / "wh.duckdb", build=False, executor="dask", scheduler=cluster.scheduler_address, raw_store=store
        )
    ref = pipeline.refresh(folder, tmp_path / "ref.duckdb", build=False)
    assert result.documents_parsed == ref.documents_parsed == 3
    assert [(r["source_path"], r["stage"]) for r in result.rejections] == [("notice.txt", "detect")]
    assert raw_rows(tmp_path / "wh.duckdb") == raw_rows(tmp_path / "ref.duckdb")
    assert not any(store.iterdir())  # the run's parts are removed once loaded


def test_executor_choice_is_checked(tmp_path):
    with pytest.raises(pipeline.RefreshFailed, match="needs --executor dask"):
        pipeline.refresh(SAMPLES, tmp_path / "wh.duckdb", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(pipeline.RefreshFailed, match="unknown executor"):
        pipeline.refresh(SAMPLES, tmp_path / "wh.duckdb", executor="spark")
    assert not (tmp_path / "wh.duckdb").exists()
    assert isinstance(make_executor("dask", jobs=2), DaskExecutor)
