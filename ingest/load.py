"""Write parsed documents into the raw schema of a DuckDB file, in bulk.

The raw layer keeps what was printed (cells as text, with file and line) next to what the
parser made of it, so nothing printed is lost and every fact can be traced to its line.
Rows travel from the parser workers as columns and go in as one Arrow table per raw table
per batch, never row by row.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, fields
from datetime import UTC, datetime

import duckdb
import pandas as pd
import pyarrow as pa

from .model import ParsedDocument, PerformanceProject, PerformanceSummary

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    document_id varchar primary key, source_file varchar, source_path varchar, content_sha256 varchar,
    encoding varchar, doc_kind varchar, year integer, unit_name varchar, unit_code varchar,
    unit_level varchar, unit_aliases varchar, parent_unit_code varchar, parent_unit_name varchar,
    listed_units varchar, amount_unit varchar, title varchar, n_lines integer, n_tables integer,
    status varchar, superseded_by varchar, loaded_at timestamp, parser_version varchar,
    scope varchar, unit_source varchar, year_source varchar, kind_source varchar, text_sha256 varchar,
    region_hint varchar, source_url varchar, identity_findings varchar, manifest_entry varchar
);
create table if not exists raw.document_files (
    source_path varchar, source_file varchar, content_sha256 varchar, document_id varchar, seen_at timestamp
);
create table if not exists raw.tables (
    document_id varchar, table_no integer, table_kind varchar, title varchar, title_line integer,
    line_start integer, line_end integer, amount_unit varchar, n_header_rows integer, n_rows integer,
    empty_note varchar
);
create table if not exists raw.table_lines (
    document_id varchar, table_no integer, line_no integer, line_role varchar, cells_json varchar,
    page_no integer
);
create table if not exists raw.amount_cells (
    document_id varchar, table_no integer, line_no integer, row_kind varchar, subject_scheme varchar,
    subject_code varchar, subject_name varchar, subject_code_printed varchar, measure varchar,
    amount_text varchar, amount double, amount_unit varchar, paired_code varchar, paired_name varchar,
    column_no integer
);
create table if not exists raw.repairs (
    document_id varchar, table_no integer, line_no integer, field varchar, printed varchar,
    repaired varchar, rule varchar, detail varchar
);
create table if not exists raw.perf_projects (
    document_id varchar, project_no integer, stage varchar, layout varchar, table_title varchar,
    line_start integer, line_end integer, project_name varchar, project_code varchar, unit_name varchar,
    department_name varchar, budget_wan double, fiscal_wan double, other_wan double,
    annual_budget_wan double, executed_wan double, execution_rate double, execution_weight double,
    execution_score double, deduction double, score_total double, weight_total double, indicator_rows integer, grade_printed varchar, purpose varchar,
    annual_goal varchar, actual_summary varchar, plan_q1 double, plan_q2 double, plan_q3 double,
    plan_q4 double, notes varchar
);
create table if not exists raw.perf_indicators (
    document_id varchar, project_no integer, line_no integer, level1 varchar, level2 varchar,
    indicator_name varchar, target_raw varchar, target_op varchar, target_value double,
    target_unit varchar, adjusted_target_raw varchar, actual_raw varchar, actual_value double,
    actual_unit varchar, weight double, score double, description varchar, basis varchar,
    deviation_reason varchar, achieved boolean, achieved_rule varchar, item_no integer
);
create table if not exists raw.perf_summaries (
    document_id varchar, line_no integer, label varchar, project_count integer, budget_wan double,
    executed_wan double, average_score double
);
create table if not exists raw.units (
    document_id varchar, role varchar, unit_name varchar, unit_code varchar, unit_level varchar,
    parent_unit_name varchar, parent_unit_code varchar, province varchar, city varchar, county varchar,
    adcode varchar, alias_of varchar
);
create table if not exists raw.table_errors (document_id varchar, table_no integer, reason varchar);
create table if not exists raw.ingest_rejections (
    source_file varchar, source_path varchar, content_sha256 varchar, stage varchar, reason varchar,
    rejected_at timestamp
);
create table if not exists raw.build_changes (document_id varchar, reason varchar);
create table if not exists raw.build_previous_documents (
    document_id varchar, is_current boolean, in_totals boolean, unit_id varchar, year integer, doc_kind varchar
);
create table if not exists raw.refresh_log (
    refreshed_at timestamp, input_dir varchar, documents_seen integer, documents_parsed integer,
    documents_reused integer, documents_removed integer, rejections integer, status varchar,
    input_fingerprint varchar, project_version varchar
);
"""

RAW_TABLES = [
    "documents",
    "units",
    "document_files",
    "tables",
    "table_lines",
    "amount_cells",
    "repairs",
    "perf_projects",
    "perf_indicators",
    "perf_summaries",
    "table_errors",
]


def parser_version() -> str:
    """A fingerprint of the parser's code and the catalogues it reads: raw rows of an unchanged
    document are reused by the next refresh only if they were made by the same parser."""
    global _PARSER_VERSION
    if _PARSER_VERSION is None:
        import hashlib
        from pathlib import Path

        root = Path(__file__).resolve().parent
        h = hashlib.sha256()
        seeds = root.parent / "seeds"
        # the parser's code (not the command line, query or refresh job) and the seeds it reads
        for path in sorted(root.rglob("*.py")) + sorted(seeds.glob("*_subjects.csv")) + sorted(seeds.glob("registry/*.csv")):
            if (path.name == "query.py" and path.parent == root) or path.parent.name in ("pipeline", "cli"):
                continue
            h.update(path.relative_to(root.parent).as_posix().encode())
            h.update(path.read_bytes())
        _PARSER_VERSION = h.hexdigest()[:12]
    return _PARSER_VERSION


_PARSER_VERSION: str | None = None


def document_id_for(sha256: str) -> str:
    """Documents are identified by content: the same bytes under two names are one document."""
    return sha256[:16]


def create_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The raw schema; columns a newer parser added are added to tables of an older file
    (a warehouse built by an earlier version is carried forward, not rebuilt from nothing)."""
    con.execute(RAW_DDL)
    for table, columns in _raw_columns().items():
        have = {
            r[0]
            for r in con.execute(
                "select column_name from duckdb_columns() where database_name = current_database() "
                "and schema_name = 'raw' and table_name = ?",
                [table],
            ).fetchall()
        }
        for name, kind in columns:
            if name not in have:
                con.execute(f"alter table raw.{table} add column {name} {kind}")


def _raw_columns() -> dict[str, list[tuple[str, str]]]:
    """(column, type) of every raw table, in table order, read from RAW_DDL (one source)."""
    out = {}
    for m in re.finditer(r"create table if not exists raw\.(\w+) \((.*?)\);", RAW_DDL, re.S):
        cols = []
        for part in m.group(2).split(","):
            name, kind = part.split()[:2]
            cols.append((name, kind))
        out[m.group(1)] = cols
    return out


RAW_COLUMNS = _raw_columns()
_ARROW_TYPES = {
    "varchar": pa.string(),
    "integer": pa.int32(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "timestamp": pa.timestamp("us"),
}

# Rows travel from the parser workers to the loader as columns: one list per column in the
# raw table's order. Pickled, that is a fraction of a list of dicts (no key repeated per row),
# and it becomes an Arrow table without a per-row step.
Columns = list[list]


def to_columns(table: str, rows: list[dict]) -> Columns:
    return [[r.get(name) for r in rows] for name, _ in RAW_COLUMNS[table]]


def n_rows(columns: Columns) -> int:
    return len(columns[0]) if columns else 0


def append_columns(con, table: str, columns: Columns) -> None:
    """One bulk insert into raw.<table> from column lists (Arrow; pandas if a value does not
    fit its declared Arrow type, e.g. a float printed where an integer is declared)."""
    if not n_rows(columns):
        return
    spec = RAW_COLUMNS[table]
    try:
        batch = pa.table({name: pa.array(values, type=_ARROW_TYPES[kind]) for (name, kind), values in zip(spec, columns)})
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        batch = pd.DataFrame({name: values for (name, _), values in zip(spec, columns)})
    con.register("_batch", batch)
    try:
        con.execute(f"insert into raw.{table} select * from _batch")
    finally:
        con.unregister("_batch")


def append_table(con, table: str, rows: list[dict]) -> None:
    """One bulk insert of row dicts into raw.<table>, columns in the table's own order."""
    append_columns(con, table, to_columns(table, rows))


def columns_for(parsed: ParsedDocument) -> dict[str, Columns]:
    """All raw rows of one document, as columns by raw table name (built in the worker).

    The per-document tables (documents, units, tables, projects) are few rows: they are
    written as dicts for readability. The per-line tables (table lines, amount cells,
    indicators) are the bulk of every document: they go straight from the parsed objects
    to columns, with no dict per row."""
    src, info = parsed.source, parsed.info
    doc_id = document_id_for(src.content_sha256)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: dict[str, list[dict]] = {}
    rows["documents"] = [
        dict(
            document_id=doc_id,
            source_file=src.source_file,
            source_path=src.source_path,
            content_sha256=src.content_sha256,
            encoding=src.encoding,
            doc_kind=info.doc_kind,
            year=info.year,
            unit_name=info.unit_name,
            unit_code=info.unit_code,
            unit_level=info.unit_level,
            unit_aliases=json.dumps(info.unit_name_aliases, ensure_ascii=False),
            parent_unit_code=info.parent_unit_code,
            parent_unit_name=info.parent_unit_name,
            listed_units=json.dumps(info.listed_units, ensure_ascii=False),
            amount_unit=info.amount_unit,
            title=info.title,
            n_lines=len(src.lines),
            n_tables=len(parsed.tables),
            status="current",
            superseded_by=None,
            loaded_at=now,
            parser_version=parser_version(),
            scope=info.scope,
            unit_source=info.unit_source,
            year_source=info.year_source,
            kind_source=info.kind_source,
            text_sha256=src.text_sha256,
            region_hint=info.region_hint,
            source_url=info.source_url,
            identity_findings=json.dumps(info.identity_findings, ensure_ascii=False),
            manifest_entry=parsed.manifest_json,
        )
    ]
    rows["units"] = unit_rows(doc_id, info)
    rows["tables"] = [
        dict(
            document_id=doc_id,
            table_no=t.table_no,
            table_kind=t.table_kind,
            title=t.title,
            title_line=t.title_line,
            line_start=t.line_start,
            line_end=t.line_end,
            amount_unit=t.amount_unit,
            n_header_rows=len(t.header_rows),
            n_rows=len(t.rows),
            empty_note=t.empty_note,
        )
        for t in parsed.tables
    ]
    rows["repairs"] = [dict(document_id=doc_id, **vars(r)) for r in parsed.repairs]
    perf = parsed.performance
    rows["perf_projects"] = []
    for p in perf.projects:
        d = asdict(p)
        d["notes"] = json.dumps(d.get("notes") or [], ensure_ascii=False)
        rows["perf_projects"].append(dict(document_id=doc_id, **_only(d, PerformanceProject)))
    rows["perf_summaries"] = [dict(document_id=doc_id, **_only(asdict(s), PerformanceSummary)) for s in perf.summaries]
    rows["table_errors"] = [dict(document_id=doc_id, table_no=n, reason=r) for n, r in parsed.table_errors]
    rows["table_errors"] += [dict(document_id=doc_id, table_no=0, reason=f"performance: {p}") for p in perf.problems]
    out = {table: to_columns(table, table_rows) for table, table_rows in rows.items() if table_rows}

    lines = [
        (t.table_no, r.line_no, role, r.cells)
        for t in parsed.tables
        for role, part in (("header", t.header_rows), ("row", t.rows))
        for r in part
    ]
    if lines:
        table_no, line_no, role, cells = zip(*lines)
        out["table_lines"] = [
            [doc_id] * len(lines),
            list(table_no),
            list(line_no),
            list(role),
            [json.dumps(c, ensure_ascii=False) for c in cells],
            [src.page(n) for n in line_no],  # PDF/spreadsheet page (sheet) of the line; None for texts
        ]
    if parsed.amounts:
        out["amount_cells"] = _object_columns("amount_cells", doc_id, parsed.amounts)
    if perf.indicators:
        out["perf_indicators"] = _object_columns("perf_indicators", doc_id, perf.indicators)
    return out


def _object_columns(table: str, doc_id: str, objects: list) -> Columns:
    """Columns of raw.<table> read straight off parsed objects (document_id first)."""
    names = [name for name, _ in RAW_COLUMNS[table]][1:]
    return [[doc_id] * len(objects)] + [[getattr(o, name) for o in objects] for name in names]


def unit_rows(doc_id: str, info) -> list[dict]:
    """The units a document names: itself, its 主管部门, and units it lists with codes."""
    from .regions import region_of

    rows = []

    def add(role, name, code, level, parent_name, parent_code):
        if not name:
            return
        prov, city, county, adcode = region_of(name)
        if adcode is None and info.region_hint:  # a name without its place: the manifest's region
            prov, city, county, adcode = region_of(info.region_hint + name)
        rows.append(
            dict(
                document_id=doc_id,
                role=role,
                unit_name=name,
                unit_code=code,
                unit_level=level,
                parent_unit_name=parent_name,
                parent_unit_code=parent_code,
                province=prov,
                city=city,
                county=county,
                adcode=adcode,
                alias_of=None,
            )
        )

    own_level = info.unit_level or ("部门" if info.unit_code and len(info.unit_code) == 3 else "单位")
    # a 本级 document is the department's own office: a 单位 of its own under the 部门
    own_name = f"{info.unit_name}（本级）" if info.scope == "本级" and info.unit_name else info.unit_name
    add("document", own_name, info.unit_code, own_level, info.parent_unit_name, info.parent_unit_code)
    if info.parent_unit_name:
        add("parent", info.parent_unit_name, info.parent_unit_code, "部门", None, None)
    for alias in info.unit_name_aliases:
        rows.append(
            dict(
                document_id=doc_id,
                role="alias",
                unit_name=alias,
                unit_code=None,
                unit_level=own_level,
                parent_unit_name=None,
                parent_unit_code=None,
                province=None,
                city=None,
                county=None,
                adcode=None,
                alias_of=info.unit_name,
            )
        )
    for code, name in info.listed_units:
        if name == info.unit_name and code == info.unit_code:
            continue
        if own_level == "部门" and len(code) == 6:
            add("listed", name, code, "单位", info.unit_name, info.unit_code)
        elif len(code) == 3 and name != info.unit_name:
            add("listed", name, code, "部门", None, None)
    return rows


def _only(d: dict, cls) -> dict:
    names = [f.name for f in fields(cls)]
    return {k: d.get(k) for k in names}


def append_rows(con: duckdb.DuckDBPyConnection, batches: list[dict[str, Columns]]) -> None:
    """Append many documents' rows at once (each a columns_for() result): one bulk insert
    per raw table."""
    for table in RAW_TABLES:
        parts = [b[table] for b in batches if table in b]
        if not parts:
            continue
        merged: list[list] = [[] for _ in RAW_COLUMNS[table]]
        for part in parts:
            for column, values in zip(merged, part):
                column.extend(values)
        append_columns(con, table, merged)


def append_rejections(con, rejections: list[dict]) -> None:
    append_table(con, "ingest_rejections", rejections)
