"""Build the dbt project on Spark (dbt-spark, session method, pyspark local) from a raw layer
exported as Parquet, and print every mart's row count and Σ of its numeric columns as JSON.

    python tests/spark_build.py RAW_PARQUET_DIR WORK_DIR [--select SELECTOR]

Run by tests/test_spark.py (`make test-spark`): the same project must build on Spark with
the marts DuckDB builds. One process, one JVM: the raw tables are created in the session
that dbt's session connection then picks up (SparkSession.getOrCreate).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    raw_dir, work = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.chdir(work)  # the Hive metastore (Derby) and spark-warehouse live here
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # the driver talks to itself on loopback only
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("budget-warehouse-dbt")
        .config("spark.sql.warehouse.dir", str(work / "spark-warehouse"))
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "false")
        .enableHiveSupport()
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sql("create database if not exists raw")
    for table in sorted(p.name for p in raw_dir.iterdir() if p.is_dir()):
        spark.sql(f"drop table if exists raw.{table}")
        spark.read.parquet(str(raw_dir / table)).write.format("parquet").saveAsTable(f"raw.{table}")

    from dbt.cli.main import dbtRunner

    args = [
        "build",
        "--target",
        "spark",
        "--project-dir",
        str(PROJECT),
        "--profiles-dir",
        str(PROJECT),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    if "--select" in argv:
        args += ["--select", argv[argv.index("--select") + 1]]
    res = dbtRunner().invoke(args)
    failed = [
        f"{r.node.unique_id}: {r.status} {(r.message or '')[:300]}"
        for r in (res.result or [])
        if str(r.status) in ("error", "fail", "runtime error")
    ]
    figures = {}
    for row in spark.sql("show tables in main").collect():
        if row.isTemporary:
            continue
        name = row.tableName
        df = spark.table(f"main.{name}")
        numeric = [f.name for f in df.schema.fields if f.dataType.typeName() in ("decimal", "double", "integer", "long", "float")]
        sums = ", ".join(f"round(cast(sum({c}) as double), 4) as {c}" for c in numeric)
        got = spark.sql(f"select count(*) as `rows`{', ' + sums if sums else ''} from main.{name}").collect()[0].asDict()
        figures[name] = got
    print("SPARK_RESULT " + json.dumps({"ok": bool(res.success), "failed": failed, "marts": figures}, default=str))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
