"""The amounts of one document, drawn so that every printed total adds up."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .units import BIG_PROJECTS, Dept

# ---------------------------------------------------------------- the numbers


@dataclass
class Leaf:
    code: str
    basic: int = 0
    project: int = 0
    fund: str = "gpb"  # 'gpb' (一般公共预算) | 'gov' (政府性基金)
    carry: int = 0  # part of `project` paid from last year's balance (预算 only)
    econ: str = "302"  # economic class of the project money

    @property
    def total(self) -> int:
        return self.basic + self.project


@dataclass
class Numbers:
    leaves: list[Leaf]
    econ: dict[str, int]  # basic spending by 5-digit economic item
    three: dict[str, dict[str, int]]  # stage -> item -> amount
    projects: list[dict] = field(default_factory=list)  # performance projects (绩效自评)

    def total(self, fund: str | None = None) -> int:
        return sum(l.total for l in self.leaves if fund is None or l.fund == fund)

    def basic(self) -> int:
        return sum(l.basic for l in self.leaves)

    def project(self, fund: str | None = None) -> int:
        return sum(l.project for l in self.leaves if fund is None or l.fund == fund)

    def carry(self) -> int:
        return sum(l.carry for l in self.leaves)

    def personnel(self) -> int:
        return sum(v for c, v in self.econ.items() if c[:3] in ("301", "303"))

    def public(self) -> int:
        return sum(v for c, v in self.econ.items() if c[:3] not in ("301", "303"))


def _split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Split an integer total into parts proportional to weights (exact sum)."""
    s = sum(weights) or 1.0
    parts = [int(total * w / s) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def make_numbers(rng: random.Random, dept: Dept, unit: str, stage: str, year: int, budget_doc: bool) -> Numbers:
    """Leaf amounts in the printed unit's hundredths (万元: 0.01万元; 元: 0.01元), consistent totals."""

    def conv(yuan: float) -> int:
        y = max(0, int(round(yuan)))
        return y * 100 if unit == "元" else int(round(y / 100))

    staff = rng.randint(6, 140)
    salary = staff * rng.uniform(9.0e4, 1.6e5)
    econ: dict[str, int] = {}
    for code, w in (("30101", 0.3), ("30102", 0.16), ("30103", 0.07), ("30107", 0.25), ("30199", 0.04)):
        if code == "30199" and rng.random() < 0.4:
            continue
        econ[code] = conv(salary * w * rng.uniform(0.8, 1.2))
    wages = sum(econ.values())
    econ["30108"] = int(wages * 0.16)
    econ["30109"] = int(wages * 0.08) if year >= 2016 else 0
    econ["30110"] = int(wages * rng.uniform(0.06, 0.09))
    if dept.kind == "行政" and rng.random() < 0.5:
        econ["30111"] = int(wages * 0.02)
    econ["30112"] = int(wages * rng.uniform(0.003, 0.012))
    econ["30113"] = int(wages * 0.12)
    retirees = rng.random() < 0.45
    if retirees:
        econ["30302"] = conv(rng.randint(1, 12) * rng.uniform(3e4, 6e4))
    if rng.random() < 0.3:
        econ["30307"] = conv(staff * rng.uniform(200, 1200))
    # "三公" first: the 公用经费 items for them must agree
    budget3 = {
        "因公出国(境)费": conv(rng.uniform(2e4, 1.5e5)) if rng.random() < 0.08 else 0,
        "公务用车购置费": conv(rng.uniform(1.5e5, 2.6e5)) if rng.random() < 0.12 else 0,
        "公务用车运行维护费": conv(rng.uniform(5e3, 9e4)) if rng.random() < 0.75 else 0,
        "公务接待费": conv(rng.uniform(1e3, 4e4)) if rng.random() < 0.8 else 0,
    }
    final3 = {k: int(v * rng.uniform(0.45, 1.0)) for k, v in budget3.items()}
    spent3 = final3 if stage == "决算" else budget3
    public_items = [
        "30201",
        "30202",
        "30205",
        "30206",
        "30207",
        "30209",
        "30211",
        "30213",
        "30215",
        "30216",
        "30226",
        "30228",
        "30229",
        "30239",
        "30299",
    ]
    if rng.random() < 0.4:
        public_items.append("30208")
    public_total = conv(staff * rng.uniform(4e3, 2.2e4))
    chosen = [c for c in public_items if rng.random() < 0.7] or ["30201"]
    for code, part in zip(chosen, _split(rng, public_total, [rng.uniform(0.2, 3.0) for _ in chosen])):
        econ[code] = part
    econ["30217"] = spent3["公务接待费"]
    econ["30231"] = spent3["公务用车运行维护费"]
    econ["30212"] = spent3["因公出国(境)费"]
    econ["31013"] = spent3["公务用车购置费"]
    if rng.random() < 0.25:
        econ["31002"] = conv(rng.uniform(5e3, 8e4))
    econ = {c: v for c, v in sorted(econ.items()) if v > 0}

    # function side of basic spending, from the economic items
    leaves: dict[str, Leaf] = {}

    def add_basic(code: str, amount: int):
        if amount > 0:
            leaves.setdefault(code, Leaf(code)).basic += amount

    add_basic("2080505", econ.get("30108", 0))
    add_basic("2080506", econ.get("30109", 0))
    if retirees:
        add_basic("2080501" if dept.kind == "行政" else "2080502", econ.get("30302", 0))
    add_basic("2101101" if dept.kind == "行政" else "2101102", econ.get("30110", 0) + econ.get("30111", 0))
    add_basic("2210201", econ.get("30113", 0))
    rest = sum(econ.values()) - sum(l.basic for l in leaves.values())
    runs = list(dept.run[:1]) + ([dept.run[1]] if len(dept.run) > 1 and rng.random() < 0.5 else [])
    shares = _split(rng, rest, [0.7, 0.3][: len(runs)] if len(runs) > 1 else [1.0])
    for code, part in zip(runs, shares):
        add_basic(code, part)

    # projects
    chosen_projects = [p for p in dept.projects if rng.random() < 0.6] or [dept.projects[0]]
    for code, econ_cls in chosen_projects:
        big = code in BIG_PROJECTS
        yuan = rng.lognormvariate(15.2 if big else 12.3, 0.9)
        leaf = leaves.setdefault(code, Leaf(code))
        leaf.project += max(conv(yuan), 1)
        leaf.econ = econ_cls
    if rng.random() < 0.3:  # one project item also carries part of the running costs
        main = leaves[runs[0]]
        target = leaves[chosen_projects[0][0]]
        moved = int(main.basic * rng.uniform(0.1, 0.3))
        if target is not main and moved > 0:
            main.basic -= moved
            target.basic += moved
    if rng.random() < 0.15:  # land-transfer money from the 政府性基金 budget
        leaves["2120899"] = Leaf("2120899", project=max(conv(rng.lognormvariate(14.5, 0.8)), 1), fund="gov")
    if budget_doc and rng.random() < 0.3:  # part of the biggest project paid from last year's balance
        biggest = max((l for l in leaves.values() if l.project and l.fund == "gpb"), key=lambda l: l.project, default=None)
        if biggest is not None:
            biggest.carry = int(biggest.project * rng.uniform(0.2, 0.8))
    three = {"预算": budget3, "决算": final3}
    return Numbers(sorted(leaves.values(), key=lambda l: l.code), econ, three)
