"""Ad-hoc queries: real answers from a small warehouse, and nothing that can harm it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from decimal import Decimal

import duckdb
import pytest

from ingest.query import (
    QueryFailed,
    QueryRefused,
    open_read_only,
    run_query,
    validate_read_only,
)

ROWS = [
    ("北京市财政局", "一般公共预算收入", Decimal("1234.50"), 2024, "[bold]x[/] :smile:"),
    ("教育局", "基本支出", Decimal("99.25"), 2024, None),
    ("ABC", "mixed 混合 text", Decimal("0.25"), 2023, "plain"),
]
TOTAL = Decimal("1334.00")  # 1234.50 + 99.25 + 0.25, by hand


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE budget (dept VARCHAR, item VARCHAR, amount DECIMAL(18,2), yr INTEGER, note VARCHAR)")
    con.executemany("INSERT INTO budget VALUES (?, ?, ?, ?, ?)", ROWS)
    con.close()
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# ------------------------------------------------------------------ real results


def test_sum_matches_hand_computed_total(warehouse):
    before = digest(warehouse)
    out = json.loads(run_query("SELECT sum(amount) AS total FROM budget", warehouse, fmt="json"))
    assert out == [{"total": float(TOTAL)}]
    assert digest(warehouse) == before  # a read-only open leaves the file byte-identical
    assert sorted(p.name for p in warehouse.parent.iterdir()) == [warehouse.name]  # no .wal


def test_group_by_chinese_text(warehouse):
    sql = "SELECT dept, sum(amount) AS s FROM budget WHERE yr = 2024 GROUP BY dept ORDER BY s DESC"
    out = json.loads(run_query(sql, warehouse, fmt="json"))
    assert out == [{"dept": "北京市财政局", "s": 1234.5}, {"dept": "教育局", "s": 99.25}]


def test_csv_has_header_and_rows(warehouse):
    out = run_query("SELECT dept, amount, note FROM budget ORDER BY amount", warehouse, fmt="csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["dept", "amount", "note"]
    assert rows[1:] == [["ABC", "0.25", "plain"], ["教育局", "99.25", ""], ["北京市财政局", "1234.50", "[bold]x[/] :smile:"]]


def test_json_keeps_chinese_and_types(warehouse):
    out = run_query("SELECT * FROM budget ORDER BY amount DESC", warehouse, fmt="json")
    assert "北京市财政局" in out  # ensure_ascii=False: no \\u escapes
    data = json.loads(out)
    assert data[0] == {
        "dept": "北京市财政局",
        "item": "一般公共预算收入",
        "amount": 1234.5,
        "yr": 2024,
        "note": "[bold]x[/] :smile:",
    }
    assert data[1]["note"] is None
    assert json.loads(run_query("SELECT DATE '2024-01-31' AS d", warehouse, fmt="json")) == [{"d": "2024-01-31"}]


def test_decimal_zero_is_not_scientific(warehouse):
    out = run_query("SELECT 0::DECIMAL(18,8) AS z", warehouse, fmt="csv")
    assert out == "z\n0.00000000\n"


def test_table_lines_are_aligned_with_wide_characters(warehouse):
    out = run_query("SELECT * FROM budget", warehouse)
    lines = out.rstrip("\n").split("\n")
    table, footer = lines[:-1], lines[-1]
    assert footer == "(3 rows)"
    assert any("一般公共预算收入" in ln for ln in table)
    widths = {display_width(ln) for ln in table}
    assert len(widths) == 1, widths
    assert "[bold]x[/] :smile:" in out  # data is printed, never read as rich markup


def test_max_rows_truncates(warehouse):
    out = run_query("SELECT * FROM budget ORDER BY amount", warehouse, fmt="json", max_rows=2)
    assert [r["dept"] for r in json.loads(out)] == ["ABC", "教育局"]
    assert run_query("SELECT * FROM budget", warehouse, max_rows=1).endswith("(1 row, more not shown)\n")


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1",
        "WITH a AS (SELECT 1 AS x) SELECT * FROM a",
        "SELECT 1 UNION ALL SELECT 2",
        "VALUES (1), (2)",
        "DESCRIBE budget",
        "SHOW TABLES",
        "SUMMARIZE budget",
        "FROM budget",
        "SELECT 'a;b' AS s; ",
        "SELECT 1 /* ; DROP TABLE budget */",
    ],
)
def test_read_only_queries_pass(sql, warehouse):
    assert validate_read_only(sql) == sql.strip()
    run_query(sql, warehouse)


# ------------------------------------------------------------------ refusals

REFUSED = [
    "select * from read_csv('/etc/passwd')",
    "select * from read_csv_auto('/etc/passwd')",
    "select * from '/etc/passwd'",
    'select * from "/etc/passwd"',
    "COPY (select 1) TO '/tmp/x.csv'",
    "ATTACH '/tmp/other.duckdb' AS o",
    "INSTALL httpfs",
    "LOAD httpfs",
    "CREATE TABLE t AS SELECT 1",
    "INSERT INTO t VALUES (1)",
    "DROP TABLE t",
    "PRAGMA version",
    "SET threads=1",
    "EXPORT DATABASE '/tmp/x'",
    "IMPORT DATABASE '/tmp/x'",
    "select 1; drop table t",
    "select 1 -- x\n; drop table t",
    "select 'a;b'; drop table t",
    "select $$a$$; drop table t",
    "CALL pragma_version()",
    "CHECKPOINT",
    "USE main",
    "DETACH o",
    "with x as (select * from read_parquet('a.parquet')) select * from x",
    "select * from glob('/etc/*')",
    "select * from parquet_scan('a.parquet')",
    "select read_text('/etc/passwd')",
    "select * from budget join 'other.csv' on true",
    "select * from query('select 1')",
    "",
    "-- only a comment",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_refused(sql):
    with pytest.raises(QueryRefused) as info:
        validate_read_only(sql)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "sql", ["DROP TABLE budget", "DELETE FROM budget", "UPDATE budget SET amount = 0", "select 1; drop table budget"]
)
def test_refused_query_leaves_warehouse_untouched(sql, warehouse):
    before = digest(warehouse)
    with pytest.raises(QueryRefused):
        run_query(sql, warehouse)
    assert digest(warehouse) == before
    assert "1334.00" in run_query("SELECT sum(amount) FROM budget", warehouse, fmt="csv")


def test_copy_to_file_is_not_written(warehouse, tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(QueryRefused):
        run_query(f"COPY budget TO '{target}'", warehouse)
    assert not target.exists()


# ------------------------------------------------------------------ defence in depth


def test_duckdb_itself_refuses_files_when_validation_is_bypassed(warehouse, tmp_path):
    target = tmp_path / "leak.csv"
    con = open_read_only(warehouse)
    try:
        with pytest.raises(duckdb.Error):
            con.execute("select * from read_csv('/etc/passwd')").fetchall()
        with pytest.raises(duckdb.Error):
            con.execute(f"COPY (select * from budget) TO '{target}'")
        with pytest.raises(duckdb.Error):
            con.execute(f"ATTACH '{tmp_path / 'other.duckdb'}' AS o")
        with pytest.raises(duckdb.Error):
            con.execute("INSTALL httpfs")
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE t AS SELECT 1")
        with pytest.raises(duckdb.Error):  # the configuration is locked
            con.execute("SET enable_external_access = true")
        assert con.execute("SELECT count(*) FROM budget").fetchone() == (3,)
    finally:
        con.close()
    assert not target.exists()
    assert not (tmp_path / "other.duckdb").exists()


# ------------------------------------------------------------------ failures


def test_syntax_error_is_one_line_with_position():
    with pytest.raises(QueryFailed) as info:
        validate_read_only("SELECT *\nFROM budget WHERE")
    msg = str(info.value)
    assert "\n" not in msg
    assert "line 2, column" in msg


def test_unterminated_string_is_a_failure_with_position():
    with pytest.raises(QueryFailed, match="line 1, column"):
        validate_read_only("SELECT 'abc")


def test_duckdb_error_is_one_line(warehouse):
    with pytest.raises(QueryFailed) as info:
        run_query("SELECT * FROM no_such_table", warehouse)
    msg = str(info.value)
    assert "\n" not in msg and "no_such_table" in msg and "LINE 1" in msg


def test_missing_warehouse(tmp_path):
    with pytest.raises(QueryFailed, match="warehouse not found.*make run"):
        run_query("SELECT 1", tmp_path / "absent.duckdb")
    assert not (tmp_path / "absent.duckdb").exists()


def test_unknown_format(warehouse):
    with pytest.raises(QueryFailed, match="unknown format"):
        run_query("SELECT 1", warehouse, fmt="xml")
