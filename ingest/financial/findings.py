"""What a parser says about a table beside its amounts: findings recorded as `Repair` rows
(raw.repairs -> fct_repairs), so a table read by position, not understood, not read (by unit),
or given another kind than its title's is visible in the warehouse, never silent."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import AmountCell, Repair, Table


@dataclass
class TableReading:
    """The amount cells read from one table, and the findings about how it was read."""

    cells: list[AmountCell] = field(default_factory=list)
    findings: list[Repair] = field(default_factory=list)


def table_finding(
    table: Table, line_no: int | None, field_: str, printed: str | None, repaired: str | None, rule: str, detail: str
) -> Repair:
    """A finding about a whole table (its header, its kind, why it was not read)."""
    return Repair(table.table_no, line_no or table.title_line, field_, printed, repaired, rule, detail)
