"""The table-kind registry and the template vocabulary, read from the dbt seeds.

`seeds/registry/table_kinds.csv` names every standard table kind once: its id, family, the
parser that reads it, the classification its rows use and the fund type it implies.
`seeds/registry/template_vocabulary.csv` holds the words the templates print, one synonym a
row: the table titles that name each kind (`table_title`), column meanings, revenue lines,
header words, total rows. dbt loads both as seeds (the staging models join them), and the parser reads the
same files here, so a new title form or header synonym is one line of data for both sides.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

REGISTRY = Path(__file__).resolve().parent.parent / "seeds" / "registry"


@dataclass(frozen=True)
class TableKind:
    """One standard table kind (a row of table_kinds.csv)."""

    table_kind: str
    family: str  # performance | three_public | summary | revenue | expenditure | basic | other
    parser: str  # key of ingest.financial.PARSERS, 'performance', or 'none'
    subject_scheme: str | None  # func | econ_dept | revenue | three_public
    fund_type: str | None  # the fund type a function table's amounts belong to
    name_zh: str
    name_en: str

    @property
    def is_financial(self) -> bool:
        """A money table of the 预算/决算 statements (parsed into amount cells)."""
        return self.family not in ("performance", "other")


@dataclass(frozen=True)
class Term:
    """One synonym of a vocabulary (a row of template_vocabulary.csv)."""

    vocabulary: str
    rank: int
    canonical: str
    pattern: re.Pattern


def _read(name: str) -> list[dict[str, str]]:
    with (REGISTRY / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def table_kinds() -> tuple[TableKind, ...]:
    """Every table kind."""
    return tuple(
        TableKind(
            table_kind=r["table_kind"],
            family=r["family"],
            parser=r["parser"],
            subject_scheme=r["subject_scheme"] or None,
            fund_type=r["fund_type"] or None,
            name_zh=r["name_zh"],
            name_en=r["name_en"],
        )
        for r in _read("table_kinds.csv")
    )


@cache
def table_kind(kind: str) -> TableKind:
    return next(k for k in table_kinds() if k.table_kind == kind)


@lru_cache(maxsize=1)
def financial_kinds() -> frozenset[str]:
    return frozenset(k.table_kind for k in table_kinds() if k.is_financial)


@lru_cache(maxsize=1)
def performance_kinds() -> frozenset[str]:
    """The 绩效 kinds (目标表, 自评表, 整体, 专项资金, 汇总表): read by ingest/parse_performance.py."""
    return frozenset(k.table_kind for k in table_kinds() if k.family == "performance")


def kind_of_title(title: str) -> str | None:
    """The table kind a (compacted, unnumbered) title names, or None: the `table_title`
    vocabulary, whose ranks put specific kinds (财政拨款收支总表) before general ones (收支总表)."""
    return canonical("table_title", title)


@lru_cache(maxsize=1)
def _vocabularies() -> dict[str, tuple[Term, ...]]:
    out: dict[str, list[Term]] = {}
    for r in _read("template_vocabulary.csv"):
        out.setdefault(r["vocabulary"], []).append(
            Term(r["vocabulary"], int(r["rank"]), r["canonical"], re.compile(r["pattern"]))
        )
    return {name: tuple(sorted(terms, key=lambda t: t.rank)) for name, terms in out.items()}


def vocabulary(name: str) -> tuple[Term, ...]:
    """The terms of one vocabulary, in rank order (a KeyError names an unknown vocabulary)."""
    return _vocabularies()[name]


def canonical(name: str, text: str) -> str | None:
    """The canonical word of the first term (by rank) whose pattern is found in `text`."""
    for term in vocabulary(name):
        if term.pattern.search(text):
            return term.canonical
    return None


@cache
def any_of(name: str) -> re.Pattern:
    """One pattern matching any term of the vocabulary (for 'does the line hold one of them')."""
    return re.compile("|".join(f"(?:{t.pattern.pattern})" for t in vocabulary(name)))


def canonicals(name: str) -> list[str]:
    """The canonical words of a vocabulary, in rank order, each once."""
    return list(dict.fromkeys(t.canonical for t in vocabulary(name)))
