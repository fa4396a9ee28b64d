"""The classification catalogues (dbt seeds) as lookups for the parser's code repairs.

The seeds in seeds/ are the single source of truth: dbt loads them as dimensions, the parser
reads the same CSV files to restore codes printed cut short ('3010' for 30101) or missing.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import compact

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def normalise_name(name: str | None) -> str:
    """Names compared without spaces, with ASCII parentheses and no trailing '支出' noise."""
    n = compact(name).replace("(", "（").replace(")", "）")
    n = re.sub(r"^(?:其中[:：])", "", n)
    return n


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    level: str


@dataclass
class Catalogue:
    subjects: dict[str, Subject]

    def has_class(self, code: str) -> bool:
        """Whether the code's 类 (its first three digits) is one of the catalogue's classes:
        the catalogues are complete at 类 level, so a code under no known class is not one."""
        return code[:3] in self.subjects

    def by_prefix_and_name(self, prefix: str, printed_name: str) -> str | None:
        """The code that starts with the printed (cut-short) digits and whose name the printed
        name matches (equal, or a prefix of it when the name was cut too)."""
        name = normalise_name(printed_name)
        if not name:
            return None
        hits = [
            s.code
            for s in self.subjects.values()
            if s.code.startswith(prefix) and len(s.code) > len(prefix) and normalise_name(s.name) == name
        ]
        if not hits and len(name) >= 4:
            hits = [
                s.code
                for s in self.subjects.values()
                if s.code.startswith(prefix)
                and len(s.code) > len(prefix)
                and (normalise_name(s.name).startswith(name) or name.startswith(normalise_name(s.name)))
            ]
        if not hits:
            return None
        # the closest level wins ('3010' + 基本工资 is the 款 30101, not a 项 below it);
        # two candidates at that level are ambiguous: no repair
        shortest = [h for h in set(hits) if len(h) == min(map(len, hits))]
        return shortest[0] if len(shortest) == 1 else None


def _load(path: Path, code_col: str, name_col: str) -> Catalogue:
    subjects: dict[str, Subject] = {}
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = (row.get(code_col) or "").strip()
                if code:
                    subjects[code] = Subject(code, (row.get(name_col) or "").strip(), (row.get("level") or "").strip())
    return Catalogue(subjects)


@lru_cache(maxsize=1)
def func_catalogue() -> Catalogue:
    return _load(SEEDS / "func_subjects.csv", "func_code", "func_name")


@lru_cache(maxsize=1)
def econ_catalogue() -> Catalogue:
    return _load(SEEDS / "econ_subjects.csv", "econ_code", "econ_name")
