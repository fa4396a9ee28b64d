"""The `datapackage.json` of a whole-warehouse export: a Frictionless (Tabular) Data Package
whose field descriptors come from the dbt YAML docs — dbt writes every description into the
warehouse as a table or column comment (persist_docs), so they are read from there and are
always those of the exported data. Amount, year and classification fields also carry the
Fiscal Data Package `columnType` (budget taxonomy), so fiscal-data tools can map them.
"""

from __future__ import annotations

import datetime as dt
import re

from .writers import Column

# Fiscal Data Package (1.0, budget taxonomy) column types of the warehouse's shared columns.
FISCAL_COLUMN_TYPES = {
    "amount_wan": "value",
    "budget_wan": "value",
    "final_wan": "value",
    "printed_budget_wan": "value",
    "year": "date:fiscal-year",
    "func_code": "functional-classification:generic:code",
    "func_name": "functional-classification:generic:label",
    "econ_code": "economic-classification:generic:code",
    "econ_name": "economic-classification:generic:label",
    "unit_id": "administrative-classification:generic:code",
    "unit_name": "administrative-classification:generic:label",
}

_LABEL = re.compile(r"^\s*([^(（\n]+(?:（[^）]*）)?)\s*\(")  # '金额（万元）(amount, …' -> '金额（万元）'


def field_type(duckdb_type: str) -> str:
    """Table Schema type of a DuckDB type."""
    t = duckdb_type.upper()
    if t.endswith("[]") or t.startswith(("LIST", "ARRAY")):
        return "array"
    if t.startswith(("STRUCT", "MAP", "JSON")):
        return "object"
    if t in ("VARCHAR", "UUID", "BLOB") or t.startswith(("VARCHAR", "ENUM")):
        return "string"
    if t == "BOOLEAN":
        return "boolean"
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"):
        return "integer"
    if t.startswith(("DECIMAL", "DOUBLE", "FLOAT", "REAL", "NUMERIC")):
        return "number"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "datetime"
    if t.startswith("TIME"):
        return "time"
    return "any"


def title_of(description: str) -> str | None:
    """The Chinese label a description starts with ('文档编号 (document id) — …' -> '文档编号')."""
    m = _LABEL.match(description or "")
    return m.group(1).strip() if m else None


def field_descriptor(column: Column) -> dict:
    field: dict = {"name": column.name, "type": field_type(column.type)}
    title = title_of(column.description)
    if title:
        field["title"] = title
    if column.description:
        field["description"] = " ".join(column.description.split())
    if column.name in FISCAL_COLUMN_TYPES:
        field["columnType"] = FISCAL_COLUMN_TYPES[column.name]
    if field["type"] == "number":
        field["decimalChar"] = "."
    return field


def resource_descriptor(name: str, path: str, fmt: str, about: str, columns: list[Column], rows: int) -> dict:
    resource: dict = {"name": name, "path": path}
    title = title_of(about)
    if title:
        resource["title"] = title
    if about:
        resource["description"] = " ".join(about.split())
    if fmt == "csv":
        resource.update(
            profile="tabular-data-resource",
            format="csv",
            mediatype="text/csv",
            encoding="utf-8",
            dialect={"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        )
    else:
        resource.update(profile="data-resource", format="parquet", mediatype="application/vnd.apache.parquet")
    resource["schema"] = {"fields": [field_descriptor(c) for c in columns], "missingValues": [""]}
    resource["rows"] = rows
    return resource


def package_descriptor(resources: list[dict], warehouse_name: str) -> dict:
    descriptor: dict = {
        "profile": "tabular-data-package",
        "name": "budget-disclosures-warehouse",
        "title": "预决算公开 warehouse — Chinese government budget disclosures",
        "description": (
            "部门/单位 预算 (budgets), 决算 (final accounts) and 绩效 (performance targets and "
            "self-evaluations) read from published disclosure documents, as a star schema: "
            "dimensions (dim_*), facts (fct_*), quality tables and reporting views (rpt_*). "
            "Amounts are in 万元 (10,000 CNY). The rpt_* views are safe to sum (each amount "
            "once); on the facts, sum with in_totals = true and one fund_type. Every field's "
            "description starts with its Chinese label."
        ),
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "countryCode": "CN",
        "keywords": ["预算", "决算", "绩效", "budget", "final accounts", "fiscal data"],
        "sources": [{"title": f"warehouse {warehouse_name}"}],
        "resources": resources,
    }
    return descriptor
