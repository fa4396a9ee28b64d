"""The money tables of 预算/决算 documents, read into AmountCells.

One module per table family, chosen by the `parser` column of the table-kind registry
(seeds/registry/table_kinds.csv) through PARSERS below:

  columns.py       what each column means, from the table's own header stack
  subjects.py      rows of classification codes (功能分类 / 经济分类) with amounts
  findings.py      what a parser records about a table (read by position, not understood …)
  econ_groups.py   the 决算 基本支出 layout: code / name / amount groups side by side
  revenue.py       the income side of the 收支总表
  three_public.py  "三公" items, per stage, tall / wide (read by header labels) / by unit / by year
  repairs.py       codes printed cut short or missing, restored at document level

Amounts stay in the printed unit; dbt converts to 万元. To add a layout: give its title a
row in table_kinds.csv (or a synonym in template_vocabulary.csv) and, if no parser reads it
yet, a module here registered in PARSERS.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import registry
from ..model import AmountCell, Table
from .econ_groups import has_group_columns, parse_econ_groups
from .findings import TableReading
from .repairs import repair_codes
from .revenue import parse_summary_revenue
from .subjects import read_subject_table
from .three_public import parse_three_public

__all__ = ["PARSERS", "TableReading", "parse_financial_table", "read_financial_table", "repair_codes"]


def _subjects(table: Table, doc_stage: str | None, doc_year: int | None) -> TableReading:
    # a table by budget unit is recognised from its header and rows (see subjects.py)
    return read_subject_table(table, registry.table_kind(table.table_kind).subject_scheme or "func")


def _econ(table: Table, doc_stage: str | None, doc_year: int | None) -> list[AmountCell] | TableReading:
    if has_group_columns(table):
        return parse_econ_groups(table)
    return read_subject_table(table, "econ_dept")


def _revenue(table: Table, doc_stage: str | None, doc_year: int | None) -> list[AmountCell]:
    return parse_summary_revenue(table)


def _three_public(table: Table, doc_stage: str | None, doc_year: int | None) -> list[AmountCell]:
    return parse_three_public(table, doc_stage, doc_year)  # by-unit and by-year layouts too


# parser name (table_kinds.csv `parser`) -> reader(table, document stage '预算'|'决算'|None,
# document year: the "三公" table picks the block / row of the document's own year): the
# amount cells, or a TableReading when the parser also has findings about the table
PARSERS: dict[str, Callable[[Table, str | None, int | None], list[AmountCell] | TableReading]] = {
    "subjects": _subjects,
    "econ": _econ,
    "revenue": _revenue,
    "three_public": _three_public,
}


def read_financial_table(table: Table, doc_stage: str | None, doc_year: int | None = None) -> TableReading:
    """The amount cells of one financial table and the parser's findings about it (a table
    read by position, not understood, not read, or of another kind than its title says: then
    `table.table_kind` is the kind its header shows)."""
    parser = PARSERS.get(registry.table_kind(table.table_kind).parser)
    if parser is None:
        return TableReading()
    got = parser(table, doc_stage, doc_year)
    return got if isinstance(got, TableReading) else TableReading(got, [])


def parse_financial_table(table: Table, doc_stage: str | None, doc_year: int | None = None) -> list[AmountCell]:
    """The amount cells of one financial table ([] for kinds no parser reads)."""
    return read_financial_table(table, doc_stage, doc_year).cells
