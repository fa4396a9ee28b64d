"""One document being written: its identity, numbers, formatting noise and shared blocks."""

from __future__ import annotations

import random
from collections.abc import Callable

from . import d1_final, d2_final, p1_selfeval, y1_budget, y2_budget, y3_budget
from .numbers import Leaf, make_numbers
from .printing import DUTY_TEMPLATES, GLOSSARY, Fmt, cn_num, row, wan_text
from .subjects import PROJECT_ECON_ITEM, func_name
from .units import DEPTS, PROJECT_NAMES, places


class DocumentBuilder:
    def __init__(self, index: int, seed: int, layout: str | None = None):
        self.index = index
        self.rng = rng = random.Random(f"bench:{seed}:{index}")
        self.layout = layout or LAYOUT_CYCLE[(index + seed) % len(LAYOUT_CYCLE)]
        prov, city, county = rng.choice(places())
        self.dept = rng.choice(DEPTS)
        form = rng.random()
        if self.layout in ("D2", "Y2") and city and form < 0.6:
            place = city  # a city-level department
        elif form < 0.12 and city:
            place = prov + city + county
        else:
            place = county
        self.province, self.city, self.county = prov, city, county
        self.unit = place + self.dept.name
        self.unit_code = str(rng.randint(101, 899))
        self.stage = {"Y1": "预算", "Y2": "预算", "Y3": "预算", "D1": "决算", "D2": "决算", "P1": "绩效自评"}[self.layout]
        self.year = rng.randint(2019, 2026) if self.stage == "预算" else rng.randint(2019, 2025)
        self.variant = rng.choice(["sx", "ln"]) if self.layout == "D1" else ""
        if self.layout == "Y3":
            self.unit_label = "元"
        elif self.layout == "Y1":
            self.unit_label = "元" if rng.random() < 0.15 else "万元"
        elif self.layout == "D1":
            self.unit_label = "元" if rng.random() < 0.1 else "万元"
        else:
            self.unit_label = "万元"
        thousands = (self.variant == "ln" and rng.random() < 0.8) or rng.random() < 0.2
        inner = 0.35 if (self.variant == "sx" or (self.layout == "Y1" and rng.random() < 0.6)) else 0.0
        if self.layout == "Y3":
            thousands, inner = False, 0.0
        zero = "0.00" if self.layout == "D2" else ""
        self.fmt = Fmt(rng, thousands, inner, zero)
        self.noise = {
            "thousands": thousands,
            "inner_space": inner > 0,
            "codes_missing_in_expenditure": self.variant == "sx" and rng.random() < 0.5,
            "truncated_econ_codes": self.variant == "ln" and rng.random() < 0.5,
            "wrapped_names": self.layout == "Y1" and rng.random() < 0.5,
            "ocr_header": self.layout == "Y1" and rng.random() < 0.5,
        }
        self.three_layout = ""
        self.basic_groups = 0
        self.total_label = None
        budget_doc = self.stage == "预算"
        self.num = make_numbers(
            rng,
            self.dept,
            self.unit_label,
            "决算" if self.stage == "决算" else "预算",
            self.year,
            budget_doc and self.layout == "Y1",
        )
        self.lines: list[str] = []
        self.page = rng.randint(1, 6)
        self.per_page = rng.randint(14, 26)

    # -------------------------------------------------------------- small helpers
    def out(self, *lines: str) -> None:
        self.lines.extend(lines)

    def blank(self) -> None:
        self.lines.append("")

    def page_no(self) -> str:
        self.page += 1
        return str(self.page)

    def paged(self, rows: list[str], page_break: Callable[[], list[str]]) -> None:
        for k, r in enumerate(rows):
            if k and k % self.per_page == 0:
                self.lines.extend(page_break())
            self.lines.append(r)

    def f(self, v: int, **kw) -> str:
        return self.fmt(v, **kw)

    def duties(self, style: str = "cn") -> list[str]:
        picks = self.rng.sample(DUTY_TEMPLATES[:-1], self.rng.randint(4, 7)) + [DUTY_TEMPLATES[-1]]
        out = []
        for k, t in enumerate(picks, start=1):
            text = t.format(d=self.dept.duty)
            out.append(f"（{cn_num(k)}）{text}" if style == "cn" else f"{k}. {text}")
        return out

    def w(self, cents: int) -> str:
        return wan_text(cents, self.unit_label)

    def overview_paragraphs(self) -> list[str]:
        n, y, u = self.num, self.year, self.unit
        word = "决算" if self.stage == "决算" else "预算"
        t = n.total()
        lines = [
            f"{y}年度{u}收入总计{self.w(t)}万元，支出总计{self.w(t)}万元。与上年相比，收支总计"
            f"{'增加' if self.rng.random() < 0.5 else '减少'}{self.rng.uniform(1, 500):.2f}万元，主要原因是{self.dept.duty}业务需要。",
            f"{y}年度{word}基本支出{self.w(n.basic())}万元，其中：人员经费{self.w(n.personnel())}万元，主要包括基本工资、"
            f"津贴补贴、奖金、机关事业单位基本养老保险缴费、住房公积金等；公用经费{self.w(n.public())}万元，主要包括办公费、"
            f"印刷费、邮电费、差旅费、公务接待费、公务用车运行维护费等。",
            f"{y}年度{word}项目支出{self.w(n.project())}万元，主要用于{self.dept.duty}相关业务工作。",
        ]
        b3 = n.three["决算" if self.stage == "决算" else "预算"]
        lines.append(
            f"{y}年度财政拨款“三公”经费{word}{self.w(sum(b3.values()))}万元，其中：因公出国（境）费{self.w(b3['因公出国(境)费'])}万元，"
            f"公务用车购置费{self.w(b3['公务用车购置费'])}万元，公务用车运行维护费{self.w(b3['公务用车运行维护费'])}万元，"
            f"公务接待费{self.w(b3['公务接待费'])}万元。"
        )
        return lines

    def glossary(self, numbered: str = "num") -> list[str]:
        out = []
        entries = GLOSSARY[:]
        for code in sorted({l.code for l in self.num.leaves}):
            entries.append(
                (
                    f"{func_name(code[:3], self.year)}（类）{func_name(code[:5], self.year)}（款）"
                    f"{func_name(code, self.year)}（项）",
                    f"反映{self.dept.duty}方面的相关支出。",
                )
            )
        for k, (term, text) in enumerate(entries, start=1):
            out.append(f"{k}. {term}：{text}" if numbered == "num" else f"（{cn_num(k)}）{term}：{text}")
            out.append("")
        return out

    def explanations(self) -> list[str]:
        """情况说明 of the function items: one sentence per 项, as the documents print them."""
        word = "决算数" if self.stage == "决算" else "预算数"
        out = []
        for k, l in enumerate(self.num.leaves, start=1):
            rate = self.rng.randint(40, 100)
            out.append(
                f"({k}) {func_name(l.code[:3], self.year)}（类）{func_name(l.code[:5], self.year)}（款）"
                f"{func_name(l.code, self.year)}（项）{self.w(l.total)}万元，主要用于{self.dept.duty}相关支出"
                + (
                    f"，完成年初预算的{rate}%，{word}与年初预算数存在差异的主要原因是严格控制支出。"
                    if self.stage == "决算"
                    else "。"
                )
            )
            out.append("")
        return out

    # -------------------------------------------------------------- common tables (as rows)
    def leaf_values(self, which: str) -> Callable[[Leaf], tuple[int, ...]]:
        if which == "all":
            return lambda l: (l.total, l.basic, l.project)
        if which == "gpb":
            return lambda l: (l.total, l.basic, l.project) if l.fund == "gpb" else (0, 0, 0)
        if which == "gov":
            return lambda l: (l.total, l.basic, l.project) if l.fund == "gov" else (0, 0, 0)
        if which == "income":
            return lambda l: (l.total, l.total - l.carry, l.carry)
        raise ValueError(which)

    def class_amounts(self, fund: str | None = None) -> dict[str, int]:
        out: dict[str, int] = {}
        for l in self.num.leaves:
            if fund is None or l.fund == fund:
                out[l.code[:3]] = out.get(l.code[:3], 0) + l.total
        return out

    def project_econ(self) -> dict[str, int]:
        """一般公共预算 project money by economic item."""
        out: dict[str, int] = {}
        for l in self.num.leaves:
            if l.fund == "gpb" and l.project:
                item = PROJECT_ECON_ITEM.get(l.econ, "30299")
                out[item] = out.get(item, 0) + l.project
        return out

    # -------------------------------------------------------------- performance blocks
    def perf_projects(self, k: int) -> list[dict]:
        out = []
        names = self.rng.sample(PROJECT_NAMES, min(k, len(PROJECT_NAMES)))
        for name in names:
            budget = round(self.rng.lognormvariate(3.0, 1.2), 2) + 1
            rate = self.rng.choice([1.0, 1.0, self.rng.uniform(0.4, 1.0)])
            executed = round(budget * rate, 2)
            out.append({"name": name, "budget_wan": budget, "executed_wan": executed, "rate": round(rate * 100, 2)})
        return out

    def selfeval_block(self, p: dict, title: str) -> list[str]:
        rng = self.rng
        score_exec = round(10 * p["rate"] / 100, 2)
        indicators = [
            ("产出 指标", "数量指标", "指标 1: 服务人数", f"≥{rng.randint(1, 50)} 人", f"{rng.randint(1, 60)} 人", 10),
            ("", "质量指标", "指标 1: 资金发放准确率", "100%", "100%", 10),
            ("", "时效指标", "指标 1: 资金拨付及时性", "≤30 天", "≤30 天", 10),
            ("", "成本指标", "指标 1: 项目成本控制", f"≤{p['budget_wan']:g} 万元", f"{p['executed_wan']:g}", 20),
            ("效益 指标", "社会效益指标", "指标 1: 政策知晓率", "≥90%", f"≥{rng.randint(90, 99)}%", 15),
            ("", "可持续影响指标", "指标 1: 长效机制建立", "建立", "已建立", 15),
            ("满意 度 指标", "服务对象满意度指标", "指标 1: 服务对象满意度", "≥95%", f"={rng.randint(95, 99)}%", 10),
        ]
        total = score_exec + sum(i[5] for i in indicators)
        p["score"] = round(total, 2)
        lines = [
            f"# {title}",
            "",
            f"( {self.year} 年度 )",
            "",
            row("项目名称", p["name"], "", "", "", "", "", ""),
            row("主管部门", "", "", "", "实施单位", self.unit, "", ""),
            row("项目资金 (万元)", "", "年初 预算数", "全年 预算数", "全年 执行数", "分值", "执行率", "得分", ""),
            row(
                "",
                "年度资金总额",
                f"{p['budget_wan']:g}",
                f"{p['budget_wan']:g}",
                f"{p['executed_wan']:g}",
                "10",
                f"{p['rate']:g}%",
                f"{score_exec:g}",
                "",
            ),
            row(
                "",
                "其中:当年财政拨款",
                f"{p['budget_wan']:g}",
                f"{p['budget_wan']:g}",
                f"{p['executed_wan']:g}",
                "—",
                "",
                "—",
                "",
            ),
            row("", "上年结转资金", "", "", "", "—", "", "—", ""),
            row("", "其他资金", "", "", "", "—", "", "—", ""),
            row("年度 总体 目标", "预期目标", "", "", "实际完成情况", "", "", "", ""),
            row("", f"通过项目的实施，保障{self.dept.duty}工作顺利开展。", "", "", "已完成", "", "", "", ""),
            row(
                "绩效指标",
                "一级 指标",
                "二级指标",
                "三级指标",
                "年度 指标值",
                "实际 完成值",
                "分值",
                "得分",
                "偏差原因分析 及改进措施",
            ),
        ]
        for l1, l2, l3, target, actual, weight in indicators:
            lines.append(row("", l1, l2, l3, target, actual, weight, weight, ""))
        lines += [
            row("总分", "", "", "", "", "100", f"{total:g}", ""),
            "",
            f"填报单位负责人(签名): {rng.choice('王李张刘陈杨赵黄周吴')}{rng.choice('建国志强海燕丽华明军红梅')}",
            "",
            f"填报日期: {self.year + 1}.{rng.randint(1, 4)}.{rng.randint(1, 28)}",
            "",
        ]
        return lines

    def target_block(self, p: dict, no: int) -> list[str]:
        """A 项目绩效目标表 (budget documents): kept short, only for volume and realism."""
        return [
            f"{no}、{p['name']}绩效目标表",
            "",
            "单位: 万元",
            "",
            row("项目名称", p["name"], "", "项目编码", f"{self.rng.randint(10**13, 10**14 - 1)}", ""),
            row("预算规模及", "预算数", f"{p['budget_wan']:.2f}", "其中: 财政 资金", f"{p['budget_wan']:.2f}", "其他资金", ""),
            row("资金用途", f"用于{self.dept.duty}相关工作", "", "", "", "", ""),
            row("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定 依据"),
            row("产出指标", "数量指标", "服务覆盖人数", "反映项目服务覆盖情况", f"≥{self.rng.randint(100, 90000)}人", "工作计划"),
            row("", "时效指标", "资金支付及时率", "资金按时支付", "100%", "工作计划"),
            row("", "质量指标", "资金使用合规率", "资金按规定用途使用", "100%", "工作计划"),
            row("", "成本指标", "预算控制数", "支出控制在预算额度内", f"≤{p['budget_wan']:g}万元", "预算批复"),
            row("效益指标", "社会效益指标", "政策知晓率", "群众对政策的知晓程度", "≥90%", "工作保障措施"),
            row("", "可持续影响指标", "长效机制建立", "建立健全长效工作机制", "长期", "工作保障措施"),
            row("满意度指标", "服务对象满意度指标", "服务对象满意度", "服务对象满意程度", "≥90%", "满意度调查"),
            "",
        ]

    # -------------------------------------------------------------- truth
    def truth(self) -> dict:
        n, u = self.num, self.unit_label
        c = lambda v: round(v / 100, 2)  # noqa: E731
        gpb = n.total("gpb")
        expenditure_kind = {"Y3": "gpb_func", "P1": None}.get(self.layout, "expenditure_all")
        return {
            "layout": self.layout,
            "variant": self.variant,
            "doc_kind": self.stage,
            "year": self.year,
            "unit_name": self.unit,
            "unit_code": self.unit_code if self.layout in ("Y1",) else None,
            "province": self.province,
            "city": self.city,
            "county": self.county,
            "department": self.dept.name,
            "amount_unit": u,
            "noise": self.noise,
            "three_public_layout": self.three_layout,
            "basic_groups": self.basic_groups,
            "total_row_label": self.total_label,
            "expenditure_table_kind": expenditure_kind,
            "totals": None
            if self.layout == "P1"
            else {
                "expenditure": c(n.total()),
                "basic": c(n.basic()),
                "project": c(n.project()),
                "gpb": c(gpb),
                "gov_fund": c(n.total("gov")),
                "carryover": c(n.carry()),
                "revenue_this_year": c(n.total() - n.carry()),
                "revenue_total": c(n.total()),
                "personnel": c(n.personnel()),
                "public": c(n.public()),
            },
            "leaves": None
            if self.layout == "P1"
            else [
                {
                    "code": l.code,
                    "name": func_name(l.code, self.year),
                    "basic": c(l.basic),
                    "project": c(l.project),
                    "total": c(l.total),
                    "fund": l.fund,
                    "carry": c(l.carry),
                }
                for l in n.leaves
            ],
            "econ_basic": None if self.layout == "P1" else {k: c(v) for k, v in n.econ.items()},
            "three_public": None
            if self.layout == "P1"
            else {
                stage: {**{k: c(v) for k, v in items.items()}, "合计": c(sum(items.values()))}
                for stage, items in n.three.items()
                if stage == "预算" or self.stage == "决算"
            },
            "projects": n.projects,
        }

    # -------------------------------------------------------------- build
    def build(self) -> tuple[str, dict]:
        LAYOUTS[self.layout](self)
        text = "\n".join(self.lines) + "\n"
        return text, self.truth()


# the order layouts take in a corpus: document i is drawn in LAYOUT_CYCLE[(i + seed) % 9]
LAYOUT_CYCLE = ["Y1", "D1", "Y2", "D2", "Y3", "D1", "Y1", "D2", "P1"]
# one module per layout: render(doc) prints the whole document into doc.lines
LAYOUTS: dict[str, Callable[[DocumentBuilder], None]] = {
    "Y1": y1_budget.render,
    "Y2": y2_budget.render,
    "Y3": y3_budget.render,
    "D1": d1_final.render,
    "D2": d2_final.render,
    "P1": p1_selfeval.render,
}
