"""Ad-hoc queries: real answers from a small warehouse, and nothing that can harm it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import signal
import subprocess
import sys
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

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
TOTAL = Decimal("1334.00")
ROOT = Path(__file__).resolve().parent.parent  # 1234.50 + 99.25 + 0.25, by hand


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


# ------------------------------------------------------------------ allow-list (issue 20)

# Quoting and case do not change which function DuckDB calls: every spelling is refused.
QUOTED_BYPASSES = [
    "select * from \"query\"('select 1')",
    "select \"query\"('select 1')",
    "select * from \"QUERY\"('select 1')",
    "select * from Query('select 1')",
    "select * from \"query_table\"('budget')",
    "select * from \"QUERY_TABLE\"('budget')",
    "select * from system.main.query_table('budget')",
    "select * from \"READ_TEXT\"('/etc/passwd')",
    "select * from \"read_text\"('/etc/passwd')",
    "select * from \"Read_Blob\"('/etc/passwd')",
    "select * from \"read_csv\"('/etc/passwd')",
    "select b.\"read_text\"('x') from budget b",
    'select * from "checkpoint"()',
    'select * from main."checkpoint"()',
    "select * from CHECKPOINT()",
    'select * from "force_checkpoint"()',
    "select * from \"glob\"('/*')",
    "select * from duckdb_settings()",
    "select * from duckdb_secrets()",
    "select * from duckdb_databases()",
    "select current_setting('threads')",
    "select write_log('x')",
    "select * from repeat_row(1, num_rows := 1000)",
    "select * from test_all_types()",
    'select * from "pragma_version"()',
    "with q as (select * from \"query\"('select 1')) select * from q",
    "select * from budget where exists (select * from \"READ_TEXT\"('/etc/passwd'))",
    "PIVOT (select * from \"query\"('select 1 as a')) ON a USING count(*)",
    "EXPLAIN select * from \"query\"('select 1')",
    "EXPLAIN ANALYZE select * from read_text('/etc/passwd')",
    # sqlglot cannot read PIVOT … ORDER BY; DuckDB's own tree is still checked
    "PIVOT (select * from \"query\"('select 1 as a')) ON a IN (1) USING count(*) GROUP BY a ORDER BY a",
]


@pytest.mark.parametrize("sql", QUOTED_BYPASSES)
def test_functions_are_refused_however_quoted(sql, warehouse):
    with pytest.raises(QueryRefused) as info:
        run_query(sql, warehouse)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "sql",
    [
        "PIVOT budget ON yr USING sum(amount) GROUP BY dept",  # DuckDB adds CREATE TYPE itself
        "PIVOT budget ON yr IN (2023, 2024) USING sum(amount) GROUP BY dept",
        "PIVOT budget ON yr IN (2023, 2024) USING sum(amount) GROUP BY dept ORDER BY dept",
        "UNPIVOT (select 1 as a, 2 as b) ON a, b INTO NAME k VALUE v",
        "SUMMARIZE budget",
        "DESCRIBE budget",
        "SHOW ALL TABLES",
        "EXPLAIN select * from budget",
        "EXPLAIN ANALYZE select count(*) from budget",
        "select dept, row_number() over (order by amount) as rn, lag(amount) over (order by amount) from budget qualify rn < 3",
        "select [x * 2 for x in [1, 2]], list_transform([1], x -> x + 1), {'a': 1}.a, unnest([1, 2])",
        "select * from range(3) r(i), generate_series(1, 2) g(j)",
        "select table_name, comment from duckdb_tables()",
        "select column_name, comment from duckdb_columns() where table_name = 'budget'",
        "select string_agg(dept, ',' order by dept), median(amount), arg_max(dept, amount) from budget",
    ],
)
def test_every_read_only_statement_runs(sql, warehouse):
    assert run_query(sql, warehouse)


def test_pivot_without_in_list_gives_the_pivoted_rows(warehouse):
    out = json.loads(run_query("PIVOT budget ON yr USING sum(amount) GROUP BY dept", warehouse, fmt="json"))
    out.sort(key=lambda r: r["dept"])
    # ROWS: ABC 0.25 in 2023; 北京市财政局 1234.50 and 教育局 99.25 in 2024
    assert out == [
        {"dept": "ABC", "2023": 0.25, "2024": None},
        {"dept": "北京市财政局", "2023": None, "2024": 1234.5},
        {"dept": "教育局", "2023": None, "2024": 99.25},
    ]


# ------------------------------------------------------------------ DuckDB's hints


def test_did_you_mean_is_kept(warehouse):
    with pytest.raises(QueryFailed) as info:
        run_query("select * from budgt", warehouse)
    assert 'Did you mean "budget"' in str(info.value) and "\n" not in str(info.value)


def test_candidate_bindings_are_kept(warehouse):
    with pytest.raises(QueryFailed) as info:
        run_query("select amout from budget", warehouse)
    assert 'Candidate bindings: "amount"' in str(info.value)


def test_unknown_function_suggests_the_known_one(warehouse):
    with pytest.raises(QueryFailed, match='summ does not exist! Did you mean "sum"'):
        run_query("select summ(amount) from budget", warehouse)


# ------------------------------------------------------------------ limits


def test_default_row_limit(warehouse):
    out = run_query("select * from range(5000)", warehouse, fmt="json")
    assert len(json.loads(out)) == 1000
    assert run_query("select * from range(5000)", warehouse).endswith("(1000 rows, more not shown)\n")
    assert len(json.loads(run_query("select * from range(5000)", warehouse, fmt="json", max_rows=0))) == 5000


SLOW = "select sum(a.i * b.j) from range(100000000) a(i), range(100000) b(j)"  # 10^13 rows


def test_time_limit_stops_a_long_query(warehouse):
    with pytest.raises(QueryFailed, match="stopped after 1 s"):
        run_query(SLOW, warehouse, timeout=1)
    assert "1334.00" in run_query("select sum(amount) from budget", warehouse, fmt="csv")  # the file is fine


@pytest.mark.parametrize(
    "sql",
    [
        "select " + "upper(" * 800 + "'x'" + ")" * 800,  # 6 KB of nested calls
        "select " + "(" * 3000 + "1" + ")" * 3000,
        "select * from " + "(select * from " * 400 + "budget" + ")" * 400,
        "select " + "case when true then " * 300 + "1" + " end" * 300,
        "select " + "not " * 1500 + "true",
        "select 1 " + "+ 1 " * 60000,  # longer than any query
    ],
)
def test_parser_blow_ups_are_one_line(sql):
    with pytest.raises((QueryRefused, QueryFailed)) as info:
        validate_read_only(sql)
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


def test_nesting_within_the_bound_is_checked_and_runs(warehouse):
    sql = "select " + "upper(" * 90 + "dept" + ")" * 90 + " as d from budget order by d"
    assert json.loads(run_query(sql, warehouse, fmt="json"))[0] == {"d": "ABC"}


# ------------------------------------------------------------------ the command line


def cli(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ingest", "query", *args], capture_output=True, text=True, cwd=ROOT, timeout=120, **kwargs
    )


def test_query_file_with_bom_gbk_or_missing(warehouse, tmp_path):
    bom = tmp_path / "bom.sql"
    bom.write_bytes("\ufeffselect sum(amount) as total from budget".encode())  # Notepad's UTF-8
    out = cli("--db", str(warehouse), "--file", str(bom), "--format", "csv")
    assert (out.returncode, out.stdout) == (0, "total\n1334.00\n\n")
    gbk = tmp_path / "gbk.sql"
    gbk.write_bytes("select dept from budget where dept = '教育局'".encode("gbk"))  # Chinese Windows
    out = cli("--db", str(warehouse), "--file", str(gbk), "--format", "csv")
    assert (out.returncode, out.stdout) == (0, "dept\n教育局\n\n")
    out = cli("--db", str(warehouse), "--file", str(tmp_path / "absent.sql"))
    assert out.returncode == 1
    assert out.stderr == f"error: query file not found: {tmp_path / 'absent.sql'}\n"


def test_cli_errors_are_one_line_with_exit_codes(warehouse):
    out = cli("--db", str(warehouse), "select * from budgt")
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and 'Did you mean "budget"' in out.stderr
    out = cli("--db", str(warehouse), "select * from \"READ_TEXT\"('/etc/passwd')")
    assert out.returncode == 3 and out.stderr.startswith("refused: ") and out.stderr.count("\n") == 1
    out = cli("--db", str(warehouse), "select " + "upper(" * 800 + "'x'" + ")" * 800)
    assert out.returncode == 3 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    out = cli("--db", str(warehouse), "--timeout", "1", SLOW)
    assert out.returncode == 1 and "time limit" in out.stderr


def holds_file(pid: int, path: Path) -> bool:
    try:
        return any(Path(fd).resolve() == path.resolve() for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:  # the process or one of its descriptors went away meanwhile
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see when the query runs")
def test_ctrl_c_stops_a_running_query(warehouse):
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest", "query", "--db", str(warehouse), "--timeout", "0", SLOW],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # as from a terminal: a suite started in the background by a shell (`pytest &`) inherits
        # SIGINT ignored, and Python keeps an ignored SIGINT ignored in its children
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # wait until it has opened the warehouse (it runs the query next), however slow the start
    deadline = time.monotonic() + 90
    while not holds_file(proc.pid, warehouse) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    time.sleep(1)  # running now (the query would take hours)
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("Ctrl-C did not stop the query") from None
    assert proc.returncode == 130, err
    assert err == "stopped: query interrupted (Ctrl-C)\n"
