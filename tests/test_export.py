"""`python -m ingest export`: what an analyst downloads is what the warehouse holds.

Expected figures are the documents' printed totals (quoted); the exported files are read
back with ordinary tools (csv, openpyxl, pyarrow) the way a user would open them.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ingest.export import export_package, export_query, export_relation
from ingest.query import QueryFailed, QueryRefused

ROOT = Path(__file__).resolve().parent.parent
# 000 line 121 (部门预算支出总表): "1		合计	11915. 40	350. 34	11565. 06"
PRINTED_000 = Decimal("11915.40")
ROUNDING = Decimal("0.02")


def export_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ingest", "export", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_csv_is_utf8_with_bom_and_sums_to_the_printed_total(built_warehouse, tmp_path):
    out = tmp_path / "spending.csv"
    result = export_relation(built_warehouse, "rpt_expenditure", out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdocument_id,")  # the BOM Excel on Chinese Windows needs
    assert b"\r\n" in data
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == result.rows > 0
    own = [r for r in rows if r["source_file"].startswith("000_")]
    assert abs(sum(Decimal(r["amount_wan"]) for r in own) - PRINTED_000) <= ROUNDING
    assert {r["unit_name"] for r in own} == {"青龙满族自治县医疗保障局"}
    assert all(r["county"] == "" for r in rows if r["unit_name"] == "福州市医疗保障局")  # NULL is an empty cell


def test_xlsx_keeps_numbers_as_numbers_and_describes_the_columns(built_warehouse, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "spending.xlsx"
    export_relation(built_warehouse, "rpt_expenditure", out)
    book = openpyxl.load_workbook(out, read_only=True)
    sheet = book["rpt_expenditure"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:3] == ["document_id", "source_file", "doc_kind"]
    amount, source, code = header.index("amount_wan"), header.index("source_file"), header.index("func_code")
    own = [r for r in rows[1:] if r[source].startswith("000_")]
    assert all(isinstance(r[amount], (int, float)) for r in own)  # numbers: Excel can sum them
    assert all(isinstance(r[code], str) for r in own)  # codes stay text
    assert abs(Decimal(str(sum(r[amount] for r in own))) - PRINTED_000) <= ROUNDING
    legend = {r[0]: r[2] for r in book["字段说明"].iter_rows(values_only=True) if len(r) >= 3 and r[0]}
    assert legend["amount_wan"].startswith("金额（万元）")


def test_parquet_keeps_exact_decimals_and_descriptions(built_warehouse, tmp_path):
    out = tmp_path / "spending.parquet"
    export_relation(built_warehouse, "rpt_expenditure", out)
    table = pq.read_table(out)
    assert str(table.schema.field("amount_wan").type) == "decimal128(18, 6)"
    assert table.schema.field("amount_wan").metadata[b"description"].decode().startswith("金额（万元）")
    own = [a for a, s in zip(table["amount_wan"].to_pylist(), table["source_file"].to_pylist()) if s.startswith("000_")]
    assert abs(sum(own) - PRINTED_000) <= ROUNDING


def test_query_export_goes_through_the_guard(built_warehouse, tmp_path):
    out = tmp_path / "by_stage.csv"
    export_query(built_warehouse, "select stage, sum(amount_wan) as wan from rpt_expenditure group by stage", out)
    assert {r["stage"] for r in csv.DictReader(out.open(encoding="utf-8-sig"))} == {"预算", "决算"}
    leak = tmp_path / "leak.csv"
    with pytest.raises(QueryRefused):
        export_query(built_warehouse, "select * from \"READ_TEXT\"('/etc/passwd')", leak)
    assert not leak.exists()
    with pytest.raises(QueryFailed, match='Did you mean "rpt_expenditure"'):
        export_relation(built_warehouse, "rpt_expenditur", tmp_path / "x.csv")


def test_an_interrupted_export_leaves_no_half_file(built_warehouse, tmp_path):
    out = tmp_path / "endless.csv"
    with pytest.raises(QueryFailed, match="stopped after 2 s"):
        export_query(built_warehouse, "select i from range(100000000000) t(i)", out, timeout=2)
    assert not out.exists()


def test_data_package_has_every_mart_described(built_warehouse, tmp_path):
    folder = tmp_path / "package"
    results = export_package(built_warehouse, folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        marts = {r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()}
        marts |= {
            r[0]
            for r in con.execute("select view_name from duckdb_views() where schema_name = 'main' and not internal").fetchall()
        }
        counts = {m: con.execute(f'select count(*) from main."{m}"').fetchone()[0] for m in marts}
    finally:
        con.close()
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == marts and len(results) == len(marts)
    assert descriptor["profile"] == "tabular-data-package"
    for name, resource in resources.items():
        path = folder / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            n = sum(1 for _ in reader)
        fields = resource["schema"]["fields"]
        assert header == [f["name"] for f in fields], name
        assert n == resource["rows"] == counts[name], name
        assert resource["description"], name
        assert all(f.get("description") for f in fields), (name, [f["name"] for f in fields if not f.get("description")])
    amount = next(f for f in resources["rpt_expenditure"]["schema"]["fields"] if f["name"] == "amount_wan")
    assert (amount["type"], amount["columnType"], amount["title"]) == ("number", "value", "金额（万元）")
    year = next(f for f in resources["fct_expenditure"]["schema"]["fields"] if f["name"] == "year")
    assert (year["type"], year["columnType"]) == ("integer", "date:fiscal-year")


def test_export_command(built_warehouse, tmp_path):
    out = export_cli("--db", str(built_warehouse), "rpt_three_public", "--out", str(tmp_path / "three.xlsx"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("rows (xlsx)")
    out = export_cli(
        "--db", str(built_warehouse), "--sql", "select * from read_text('/etc/passwd')", "--out", str(tmp_path / "x.csv")
    )
    assert out.returncode == 3 and out.stderr.startswith("refused:") and out.stderr.count("\n") == 1
    out = export_cli("--db", str(built_warehouse), "--package", str(tmp_path / "pkg"), "--format", "parquet")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "pkg" / "data" / "rpt_expenditure.parquet").is_file()
    out = export_cli("--db", str(built_warehouse), "rpt_expenditure", "--out", str(tmp_path / "x.txt"))
    assert out.returncode == 1 and "name it .csv, .xlsx or .parquet" in out.stderr
