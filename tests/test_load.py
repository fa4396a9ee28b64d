"""The raw loader: columns from the workers, bulk inserts, and the parser fingerprint.

Values here are read from the sample documents or built by hand; none is copied from the
loader's own output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import yaml

from ingest import load
from ingest.parse_document import parse_path

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def test_raw_columns_follow_the_ddl():
    """RAW_COLUMNS is read from RAW_DDL: same tables, same columns, same order as DuckDB's own."""
    con = duckdb.connect()
    load.create_raw_schema(con)
    for table, columns in load.RAW_COLUMNS.items():
        described = [row[0] for row in con.execute(f"describe raw.{table}").fetchall()]
        assert [name for name, _ in columns] == described, table
    # one-line statements are read too (they end in ');' on the same line)
    assert [name for name, _ in load.RAW_COLUMNS["table_errors"]] == ["document_id", "table_no", "reason"]


def test_dbt_sources_declare_every_raw_column():
    """models/staging/_sources.yml lists the raw schema ingest/load.py creates: every table,
    every column in DDL order with its type, each described (written once, checked here, so
    the docs site's source pages cannot drift from what the loader writes)."""
    sources = yaml.safe_load((SAMPLES.parent.parent / "models" / "staging" / "_sources.yml").read_text(encoding="utf-8"))
    (raw,) = [s for s in sources["sources"] if s["name"] == "raw"]
    declared = {t["name"]: [(c["name"], c["data_type"]) for c in t.get("columns", [])] for t in raw["tables"]}
    assert declared == load.RAW_COLUMNS
    undescribed = [
        f"{t['name']}.{c['name']}" for t in raw["tables"] for c in t["columns"] if not c.get("description", "").strip()
    ]
    assert undescribed == []


def test_value_that_does_not_fit_its_arrow_type_still_loads():
    """A float where an integer is declared does not fit Arrow's int32: the pandas path loads it."""
    con = duckdb.connect()
    load.create_raw_schema(con)
    load.append_table(
        con,
        "table_errors",
        [
            {"document_id": "d1", "table_no": 3, "reason": "ok"},
            {"document_id": "d2", "table_no": 4.0, "reason": "float table number"},
        ],
    )
    assert con.execute("select document_id, table_no from raw.table_errors order by 1").fetchall() == [("d1", 3), ("d2", 4)]


def test_document_rows_as_columns():
    """002 as columns: one amount cell per parsed amount, each table line with its printed cells."""
    path = next(SAMPLES.glob("002_*.txt"))
    parsed = parse_path(path, path.name)
    columns = load.columns_for(parsed)
    names = [n for n, _ in load.RAW_COLUMNS["amount_cells"]]
    cells = [dict(zip(names, row)) for row in zip(*columns["amount_cells"])]
    assert len(cells) == len(parsed.amounts)
    assert {c["document_id"] for c in cells} == {load.document_id_for(parsed.source.content_sha256)}
    # every table line keeps its printed cells as JSON, readable back to the same list
    line_names = [n for n, _ in load.RAW_COLUMNS["table_lines"]]
    lines = [dict(zip(line_names, row)) for row in zip(*columns["table_lines"])]
    first = lines[0]
    printed = parsed.source.line(first["line_no"])
    assert json.loads(first["cells_json"])[0].strip() == printed.split("\t")[0].strip()


def test_parser_fingerprint_covers_the_performance_package(tmp_path, monkeypatch):
    """Editing a module under ingest/performance/ must change the parser version, or the next
    refresh would reuse rows the old parser made."""
    copy = tmp_path / "ingest"
    shutil.copytree(Path(load.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "seeds").mkdir()
    monkeypatch.setattr(load, "__file__", str(copy / "load.py"))
    monkeypatch.setattr(load, "_PARSER_VERSION", None)
    before = load.parser_version()
    target = copy / "performance" / "indicators.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(load, "_PARSER_VERSION", None)
    assert load.parser_version() != before
    # the command-line and query modules are not the parser: editing them changes nothing
    monkeypatch.setattr(load, "_PARSER_VERSION", None)
    after_parser_edit = load.parser_version()
    for module in (copy / "cli" / "refresh.py", copy / "query.py"):
        module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(load, "_PARSER_VERSION", None)
    assert load.parser_version() == after_parser_edit
