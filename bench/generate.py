"""Generate a synthetic corpus of budget disclosures (预算 / 决算 / 绩效自评) with known truth.

Each document is built from amounts that add up (项 leaves -> 款 -> 类 -> 合计; 基本支出 +
项目支出 = 合计; 人员经费 + 公用经费 = 基本支出; revenue total = expenditure total; "三公"
items -> 合计) and printed in one of the table layouts that real documents use:

  Y1  预算, 部门预算…表 titles, a 序号 column, '代码 单位' + 预算年度 page headers repeated
      with the column headers at every page break (万元, some in 元)
  Y2  预算, '一、收支预算总表' + '<year> 年度收支预算总表' titles, 科目编码 first, page numbers
      only at page breaks, 基本支出 by economic class with a 预算数 column
  Y3  预算 in 元, 单位综合预算…表 (表1…表12), markdown headings, '**' rows, thousands
      separators in the summary, 部门/政府 economic code pairs
  D1  决算, 公开01…09表 titles, two variants: plain text with the 4-group side-by-side
      基本支出决算表 and the 12-column "三公" table (some 支出决算表 without codes), or markdown
      headings with thousands separators, the 3-group table (some with codes cut to 4 digits)
      and the 预算数/决算数 "三公" rows
  D2  决算, '表 N' + title + '部门： X  单位：万元' repeated on every page, zeros printed as
      0.00, the 2-group 基本支出决算表
  P1  绩效自评: several 项目支出绩效自评表 blocks

Everything is deterministic from (seed, document index): document i is the same whatever
the corpus size. Each document `doc_NNNNN.txt` has its truth in `doc_NNNNN.truth.json` (the
refresh skips .json files). Amounts in the truth are in the document's printed unit.

    python -m bench.generate OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# ---------------------------------------------------------------- places and units

# Used only when the cpca package (the national division table) is not installed.
FALLBACK_PLACES = [
    ("湖南省", "长沙市", "浏阳市"),
    ("四川省", "成都市", "金堂县"),
    ("浙江省", "温州市", "苍南县"),
    ("江苏省", "徐州市", "沛县"),
    ("山东省", "潍坊市", "寿光市"),
    ("河南省", "周口市", "商水县"),
    ("安徽省", "黄山市", "休宁县"),
    ("福建省", "福州市", "闽清县"),
    ("甘肃省", "陇南市", "礼县"),
    ("陕西省", "榆林市", "定边县"),
    ("山西省", "忻州市", "河曲县"),
    ("新疆维吾尔自治区", "阿勒泰地区", "哈巴河县"),
]
_NOT_A_CITY = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@lru_cache(maxsize=1)
def places() -> list[tuple[str, str | None, str]]:
    """(province, city, county) of every county-level 县 / 市, from cpca's adcodes table."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return FALLBACK_PLACES
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    if not path.exists():
        return FALLBACK_PLACES
    names: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["adcode"]] = row["name"]
    out = []
    for code in sorted(names):
        name = names[code]
        if len(code) != 12 or code[6:] != "000000" or code[4:6] == "00":
            continue
        if not name.endswith(("县", "市")) or len(name) < 2 or "元" in name:
            continue
        prov = names.get(code[:2] + "0" * 10)
        city = names.get(code[:4] + "0" * 8)
        if not prov:
            continue
        out.append((prov, None if city in _NOT_A_CITY else city, name))
    return out or FALLBACK_PLACES


# ---------------------------------------------------------------- classification codes

FUNC_NAMES = {
    # 类
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
    # 款
    "20103": "政府办公厅（室）及相关机构事务",
    "20105": "统计信息事务",
    "20106": "财政事务",
    "20108": "审计事务",
    "20801": "人力资源和社会保障管理事务",
    "20802": "民政管理事务",
    "20805": "行政事业单位养老支出",
    "20808": "抚恤",
    "20810": "社会福利",
    "20828": "退役军人管理事务",
    "21001": "卫生健康管理事务",
    "21004": "公共卫生",
    "21011": "行政事业单位医疗",
    "21012": "财政对基本医疗保险基金的补助",
    "21013": "医疗救助",
    "21015": "医疗保障管理事务",
    "21201": "城乡社区管理事务",
    "21203": "城乡社区公共设施",
    "21208": "国有土地使用权出让收入安排的支出",
    "21401": "公路水路运输",
    "22102": "住房改革支出",
    # 项
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010303": "机关服务",
    "2010350": "事业运行",
    "2010501": "行政运行",
    "2010502": "一般行政管理事务",
    "2010505": "专项统计业务",
    "2010507": "专项普查活动",
    "2010601": "行政运行",
    "2010602": "一般行政管理事务",
    "2010604": "预算改革业务",
    "2010605": "财政国库业务",
    "2010650": "事业运行",
    "2010699": "其他财政事务支出",
    "2010801": "行政运行",
    "2010802": "一般行政管理事务",
    "2010804": "审计业务",
    "2010850": "事业运行",
    "2010899": "其他审计事务支出",
    "2080101": "行政运行",
    "2080102": "一般行政管理事务",
    "2080106": "就业管理事务",
    "2080107": "社会保险业务管理事务",
    "2080109": "社会保险经办机构",
    "2080150": "事业运行",
    "2080199": "其他人力资源和社会保障管理事务支出",
    "2080201": "行政运行",
    "2080202": "一般行政管理事务",
    "2080208": "基层政权建设和社区治理",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2080801": "死亡抚恤",
    "2080805": "义务兵优待",
    "2081002": "老年福利",
    "2081004": "殡葬",
    "2081006": "养老服务",
    "2082801": "行政运行",
    "2082804": "拥军优属",
    "2082850": "事业运行",
    "2100101": "行政运行",
    "2100102": "一般行政管理事务",
    "2100199": "其他卫生健康管理事务支出",
    "2100408": "基本公共卫生服务",
    "2100409": "重大公共卫生服务",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "2101202": "财政对城乡居民基本医疗保险基金的补助",
    "2101301": "城乡医疗救助",
    "2101399": "其他医疗救助支出",
    "2101501": "行政运行",
    "2101502": "一般行政管理事务",
    "2101505": "医疗保障政策管理",
    "2101506": "医疗保障经办事务",
    "2101550": "事业运行",
    "2101599": "其他医疗保障管理事务支出",
    "2120101": "行政运行",
    "2120102": "一般行政管理事务",
    "2120104": "城管执法",
    "2120106": "工程建设管理",
    "2120399": "其他城乡社区公共设施支出",
    "2120899": "其他国有土地使用权出让收入安排的支出",
    "2140101": "行政运行",
    "2140102": "一般行政管理事务",
    "2140199": "其他公路水路运输支出",
    "2210201": "住房公积金",
}

# The 收支总表 expenditure side: every 类, in printed order (budget and final-accounts lists differ).
CLASS_LINES_BUDGET = [
    "201",
    "202",
    "203",
    "204",
    "205",
    "206",
    "207",
    "208",
    "209",
    "210",
    "211",
    "212",
    "213",
    "214",
    "215",
    "216",
    "217",
    "219",
    "220",
    "221",
    "222",
    "223",
    "224",
    "227",
    "229",
    "230",
    "231",
    "232",
    "233",
    "234",
]
CLASS_LINES_FINAL = [
    "201",
    "202",
    "203",
    "204",
    "205",
    "206",
    "207",
    "208",
    "210",
    "211",
    "212",
    "213",
    "214",
    "215",
    "216",
    "217",
    "219",
    "220",
    "221",
    "222",
    "223",
    "224",
    "229",
    "231",
    "232",
    "234",
]


def func_name(code: str, year: int) -> str:
    if code == "20805" and year <= 2020:
        return "行政事业单位离退休"  # the 款 was renamed in the 2021 catalogue
    return FUNC_NAMES[code]


@dataclass(frozen=True)
class Dept:
    name: str
    kind: str  # 行政 | 事业
    run: tuple[str, ...]  # 行政运行 / 事业运行 leaves (basic spending)
    projects: tuple[tuple[str, str], ...]  # (项 code, economic class of the project money)
    duty: str  # what the unit does, for the narrative


DEPTS = [
    Dept(
        "医疗保障局",
        "行政",
        ("2101501", "2101550"),
        (("2101502", "302"), ("2101505", "302"), ("2101506", "302"), ("2101301", "303"), ("2101202", "313"), ("2101599", "302")),
        "医疗保障",
    ),
    Dept(
        "医疗保障事务服务中心", "事业", ("2101550",), (("2101506", "302"), ("2101599", "302"), ("2101399", "303")), "医疗保障经办"
    ),
    Dept(
        "财政局",
        "行政",
        ("2010601", "2010650"),
        (("2010602", "302"), ("2010604", "302"), ("2010605", "302"), ("2010699", "302")),
        "财政管理",
    ),
    Dept("审计局", "行政", ("2010801", "2010850"), (("2010802", "302"), ("2010804", "302"), ("2010899", "302")), "审计监督"),
    Dept("统计局", "行政", ("2010501",), (("2010502", "302"), ("2010505", "302"), ("2010507", "302")), "统计调查"),
    Dept(
        "人力资源和社会保障局",
        "行政",
        ("2080101", "2080150"),
        (("2080102", "302"), ("2080106", "302"), ("2080199", "302")),
        "就业和社会保障",
    ),
    Dept("社会保险事业服务中心", "事业", ("2080109",), (("2080107", "302"), ("2080199", "302")), "社会保险经办"),
    Dept(
        "民政局",
        "行政",
        ("2080201",),
        (("2080202", "302"), ("2080208", "302"), ("2081002", "303"), ("2081006", "303"), ("2081004", "302")),
        "民政事务",
    ),
    Dept(
        "卫生健康局",
        "行政",
        ("2100101",),
        (("2100102", "302"), ("2100408", "302"), ("2100409", "302"), ("2100199", "302")),
        "卫生健康",
    ),
    Dept(
        "退役军人事务局",
        "行政",
        ("2082801", "2082850"),
        (("2082804", "302"), ("2080801", "303"), ("2080805", "303")),
        "退役军人服务保障",
    ),
    Dept(
        "住房和城乡建设局",
        "行政",
        ("2120101",),
        (("2120102", "302"), ("2120104", "302"), ("2120106", "302"), ("2120399", "310")),
        "城乡建设管理",
    ),
    Dept("交通运输局", "行政", ("2140101",), (("2140102", "302"), ("2140199", "302")), "交通运输"),
    Dept("机关事务服务中心", "事业", ("2010350",), (("2010303", "302"), ("2010302", "302")), "机关事务保障"),
]
BIG_PROJECTS = {"2101301", "2101202", "2081002", "2081006", "2080805", "2120399", "2120899", "2100408"}

ECON_NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30106": "伙食补助费",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30114": "医疗费",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30203": "咨询费",
    "30204": "手续费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30208": "取暖费",
    "30209": "物业管理费",
    "30211": "差旅费",
    "30212": "因公出国（境）费用",
    "30213": "维修（护）费",
    "30214": "租赁费",
    "30215": "会议费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30218": "专用材料费",
    "30224": "被装购置费",
    "30225": "专用燃料费",
    "30226": "劳务费",
    "30227": "委托业务费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30240": "税金及附加费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30301": "离休费",
    "30302": "退休费",
    "30303": "退职（役）费",
    "30304": "抚恤金",
    "30305": "生活补助",
    "30306": "救济费",
    "30307": "医疗费补助",
    "30308": "助学金",
    "30309": "奖励金",
    "30310": "个人农业生产补贴",
    "30311": "代缴社会保险费",
    "30399": "其他对个人和家庭的补助",
    "307": "债务利息及费用支出",
    "30701": "国内债务付息",
    "30702": "国外债务付息",
    "30703": "国内债务发行费用",
    "30704": "国外债务发行费用",
    "309": "资本性支出（基本建设）",
    "30901": "房屋建筑物购建",
    "30902": "办公设备购置",
    "30903": "专用设备购置",
    "30905": "基础设施建设",
    "30906": "大型修缮",
    "30907": "信息网络及软件购置更新",
    "30908": "物资储备",
    "30913": "公务用车购置",
    "30919": "其他交通工具购置",
    "30921": "文物和陈列品购置",
    "30922": "无形资产购置",
    "30999": "其他基本建设支出",
    "310": "资本性支出",
    "31001": "房屋建筑物购建",
    "31002": "办公设备购置",
    "31003": "专用设备购置",
    "31005": "基础设施建设",
    "31006": "大型修缮",
    "31007": "信息网络及软件购置更新",
    "31008": "物资储备",
    "31009": "土地补偿",
    "31010": "安置补助",
    "31011": "地上附着物和青苗补偿",
    "31012": "拆迁补偿",
    "31013": "公务用车购置",
    "31019": "其他交通工具购置",
    "31021": "文物和陈列品购置",
    "31022": "无形资产购置",
    "31099": "其他资本性支出",
    "311": "对企业补助（基本建设）",
    "31101": "资本金注入（基本建设）",
    "31199": "其他对企业补助",
    "312": "对企业补助",
    "31201": "资本金注入",
    "31203": "政府投资基金股权投资",
    "31204": "费用补贴",
    "31205": "利息补贴",
    "31206": "其他资本性补助",
    "31299": "其他对企业补助",
    "313": "对社会保障基金补助",
    "31302": "对社会保险基金补助",
    "31303": "补充全国社会保障基金",
    "31304": "对机关事业单位职业年金的补助",
    "399": "其他支出",
    "39907": "国家赔偿费用支出",
    "39908": "对民间非营利组织和群众性自治组织补贴",
    "39909": "经常性赠与",
    "39910": "资本性赠与",
    "39999": "其他支出",
}
ECON_CLASSES = ["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]
# Where each project's money goes by economic item (one item per economic class).
PROJECT_ECON_ITEM = {"302": "30299", "303": "30305", "310": "31002", "313": "31302"}


def econ_items(cls: str) -> list[str]:
    return [c for c in ECON_NAMES if len(c) == 5 and c.startswith(cls)]


def gov_econ(code: str, kind: str) -> tuple[str, str]:
    """部门经济分类 item -> 政府经济分类 item (the pair printed side by side in some tables)."""
    if code.startswith("301"):
        if kind == "事业":
            return "50501", "工资福利支出"
        if code in ("30101", "30102", "30103", "30107"):
            return "50101", "工资奖金津补贴"
        if code in ("30108", "30109", "30110", "30111", "30112"):
            return "50102", "社会保障缴费"
        return ("50103", "住房公积金") if code == "30113" else ("50199", "其他工资福利支出")
    if code.startswith("302"):
        if kind == "事业":
            return "50502", "商品和服务支出"
        special = {
            "30215": ("50202", "会议费"),
            "30216": ("50203", "培训费"),
            "30217": ("50206", "公务接待费"),
            "30227": ("50205", "委托业务费"),
            "30231": ("50208", "公务用车运行维护费"),
            "30213": ("50209", "维修（护）费"),
            "30299": ("50299", "其他商品和服务支出"),
        }
        return special.get(code, ("50201", "办公经费"))
    if code.startswith("303"):
        return ("50905", "离退休费") if code in ("30301", "30302") else ("50901", "社会福利和救助")
    if code.startswith("313"):
        return "51002", "对社会保险基金补助"
    if code == "31013":
        return "50303", "公务用车购置"
    return "50306", "设备购置"


GOV_CLASS_NAMES = {
    "501": "机关工资福利支出",
    "502": "机关商品和服务支出",
    "503": "机关资本性支出（一）",
    "505": "对事业单位经常性补助",
    "509": "对个人和家庭的补助",
    "510": "对社会保障基金补助",
}

PROJECT_NAMES = [
    "医疗保障经办服务经费",
    "基金监管专项经费",
    "离休干部医药费",
    "困难群众医疗救助资金",
    "档案管理经费",
    "信息网络平台建设维护费",
    "两定机构监管专项经费",
    "医保服务站工作经费",
    "城乡居民征缴专项经费",
    "退役军人辅助性岗位经费",
    "网络设备软件运行保障经费",
    "政府购买服务经费",
    "综合工作经费",
    "业务工作经费",
    "乡镇卫生院能力提升补助",
    "社区服务中心运行补助",
    "专项审计工作经费",
    "统计调查专项经费",
    "城乡居民医疗保险工作经费",
    "离休干部管理工作专项经费",
    "慢性病鉴定和档案归档专项经费",
    "新增定点评估及年度考核专项经费",
    "医疗救助代办服务费",
    "困难群众基本生活补助资金",
    "政务服务窗口运行经费",
    "数据质量核查专项经费",
    "办公设备购置经费",
    "干部教育培训经费",
    "公共卫生服务补助资金",
    "城乡社区治理专项经费",
]


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


# ---------------------------------------------------------------- printing helpers

CN = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


class Fmt:
    """Money as printed: two decimals, optional thousands separators, OCR inner spaces."""

    def __init__(self, rng: random.Random, thousands: bool, inner_space: float, zero: str = ""):
        self.rng, self.thousands, self.inner_space, self.zero = rng, thousands, inner_space, zero

    def __call__(self, cents: int, zero: str | None = None, thousands: bool | None = None, decimals: bool = True) -> str:
        if cents == 0:
            return self.zero if zero is None else zero
        whole, frac = divmod(cents, 100)
        sep = self.thousands if thousands is None else thousands
        text = f"{whole:,}" if sep else str(whole)
        if not decimals and frac == 0:
            return text
        text += f".{frac:02d}"
        if self.inner_space and self.rng.random() < self.inner_space:
            text = text.replace(".", ". ", 1)  # '8476. 31'
        return text


def wan_text(cents: int, unit: str) -> str:
    """An amount in 万元 for the narrative, whatever the tables' unit."""
    value = cents / 100 / (10000 if unit == "元" else 1)
    return f"{value:.2f}"


@dataclass
class FuncRow:
    level: str  # 类 | 款 | 项
    code: str
    name: str
    vals: tuple[int, ...]


def func_tree(leaves: list[Leaf], values: Callable[[Leaf], tuple[int, ...]], year: int) -> tuple[list[FuncRow], tuple[int, ...]]:
    """类 / 款 / 项 rows in code order (rows whose values are all zero are left out) and the 合计."""
    picked = [(l, values(l)) for l in leaves]
    picked = [(l, v) for l, v in picked if any(v)]
    width = len(values(leaves[0])) if leaves else 0
    total = tuple(sum(v[k] for _, v in picked) for k in range(width))
    rows: list[FuncRow] = []
    for cls in sorted({l.code[:3] for l, _ in picked}):
        under = [(l, v) for l, v in picked if l.code.startswith(cls)]
        rows.append(FuncRow("类", cls, func_name(cls, year), tuple(sum(v[k] for _, v in under) for k in range(width))))
        for kuan in sorted({l.code[:5] for l, _ in under}):
            under_k = [(l, v) for l, v in under if l.code.startswith(kuan)]
            rows.append(FuncRow("款", kuan, func_name(kuan, year), tuple(sum(v[k] for _, v in under_k) for k in range(width))))
            for l, v in under_k:
                rows.append(FuncRow("项", l.code, func_name(l.code, year), v))
    return rows, total


def econ_tree(econ: dict[str, int], classes: list[str] | None = None) -> list[tuple[str, str, int]]:
    """(code, name, amount) rows: each economic class followed by its items."""
    out = []
    for cls in classes or sorted({c[:3] for c in econ}):
        items = [(c, v) for c, v in econ.items() if c.startswith(cls)]
        if not items and classes is None:
            continue
        out.append((cls, ECON_NAMES[cls], sum(v for _, v in items)))
        out.extend((c, ECON_NAMES[c], v) for c, v in items)
    return out


def row(*cells) -> str:
    return "\t".join("" if c is None else str(c) for c in cells)


# ---------------------------------------------------------------- one document

DUTY_TEMPLATES = [
    "贯彻执行国家和省、市关于{d}工作的方针政策和法律法规，拟订本地区{d}相关政策措施并组织实施。",
    "负责本地区{d}事业发展规划的编制和实施，统筹推进{d}领域重点改革任务。",
    "负责{d}相关资金的预算编制、执行和监督管理，提高资金使用效益。",
    "组织开展{d}业务的监督检查，依法查处违法违规行为。",
    "负责{d}信息化建设和数据统计分析工作，推进政务公开和便民服务。",
    "负责本单位干部队伍建设、财务管理和内部审计工作。",
    "承担{d}领域安全生产和风险防控相关工作。",
    "完成县委、县政府交办的其他任务。",
]


GLOSSARY = [
    ("财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
    ("上级补助收入", "指单位从主管部门和上级单位取得的非财政性补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("附属单位上缴收入", "指单位附属的独立核算单位按照规定上缴的收入。"),
    ("其他收入", "指除上述“财政拨款收入”、“上级补助收入”、“事业收入”、“经营收入”等以外的收入。"),
    ("使用非财政拨款结余", "指事业单位按照预算管理要求使用非财政拨款结余弥补收支差额的金额。"),
    ("上年结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("基本支出", "指保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("上缴上级支出", "指事业单位按照财政部门和主管部门的规定上缴上级单位的支出。"),
    ("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("对附属单位补助支出", "指事业单位用财政补助收入之外的收入对附属单位补助发生的支出。"),
    (
        "“三公”经费",
        "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费"
        "反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映"
        "单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位"
        "按规定开支的各类公务接待（含外宾接待）支出。",
    ),
    (
        "机关运行经费",
        "指为保障行政单位和参照公务员法管理的事业单位运行，使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出，"
        "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、"
        "办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
    ),
]


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
        getattr(self, "layout_" + self.layout)()
        text = "\n".join(self.lines) + "\n"
        return text, self.truth()

    # ============================================================== Y1: 部门预算…表 with 序号
    def layout_Y1(self) -> None:
        rng, n, y, u, f = self.rng, self.num, self.year, self.unit, self.f
        unit_line = f"单位: {self.unit_label}"
        head = [f"{self.unit_code} {u}", "", f"预算年度: {y}", ""]
        titles = [
            "部门预算收支总表",
            "部门预算收入总表",
            "部门预算支出总表",
            "部门预算财政拨款收支总表",
            "部门预算一般公共预算财政拨款支出表",
            "部门预算一般公共预算财政拨款基本支出表",
            "部门预算政府性基金预算财政拨款支出表",
            "部门预算国有资本经营预算财政拨款支出表",
            '部门预算财政拨款"三公"经费支出表',
        ]
        self.out(f"{y}年部门预算信息公开目录", "", row("部门预算公开表", ""))
        for k, t in enumerate(titles):
            self.out(row(t, str(1 + 2 * k) if rng.random() < 0.7 else ""))
        self.out(
            "部门预算信息公开情况说明",
            row("一、部门职责及机构设置情况", "17"),
            "",
            row("二、部门预算安排的总体情况", "18"),
            "",
            "三、机关运行经费安排情况.......19",
            "",
            '四、财政拨款"三公"经费预算情况及增减变化原因......19',
            "",
        )

        def breaker(header: list[str]) -> Callable[[], list[str]]:
            return lambda: ["", *head, *header]

        # 收支总表
        inc_labels = [
            "一、一般公共预算拨款收入",
            "二、政府性基金预算拨款收入",
            "三、国有资本经营预算拨款收入",
            "四、财政专户管理资金收入",
            "五、单位资金收入",
        ]
        inc_vals = [n.total("gpb") - n.carry(), n.total("gov"), 0, 0, 0]
        classes = self.class_amounts()
        exp_lines = CLASS_LINES_BUDGET
        header = [
            row("", "收入", "", "支出", ""),
            row("序号", "项 目", "预算数", "项 目", "预算数"),
            row("栏次", "1", "2", "3", "4"),
        ]
        rows = []
        for k, cls in enumerate(exp_lines):
            label = inc_labels[k] if k < len(inc_labels) else ""
            val = f(inc_vals[k]) if k < len(inc_vals) else ""
            rows.append(row(k + 1, label, val, f"{cn_num(k + 1)}、{FUNC_NAMES[cls]}", f(classes.get(cls, 0))))
        k = len(exp_lines)
        rows.append(row(k + 1, "本年收入合计", f(n.total() - n.carry()), "本年支出合计", f(n.total())))
        rows.append(row(k + 2, "上年结转结余", f(n.carry()), "年终结转结余", ""))
        rows.append(row(k + 3, "收入总计", f(n.total()), "支出总计", f(n.total())))
        self.out(titles[0], "", *head, unit_line, *header)
        self.paged(rows, breaker(header))
        self.blank()

        # 收入总表: the spanning '本年收入' lands over 小计 on some pages and mid-span ('本年' '收入') on others
        def income_header() -> list[str]:
            if rng.random() < 0.5:
                group = row("", "功能分类科目", "", "", "本年收入", "", "", "", "", "", "", "", "")
            else:
                group = row("", "功能", "分类科目", "", "", "", "", "本年", "收入", "", "", "", "")
            return [
                group,
                row(
                    "序号",
                    "科目编码",
                    "科目名称",
                    "合计",
                    "小计",
                    "财政拨款 收入",
                    "财政专户 收入",
                    "事业收入",
                    "经营收入",
                    "上级补助 收入",
                    "附属单位 上缴收入",
                    "其他收入",
                    "上年结转",
                ),
                row("栏次", *[str(i) for i in range(1, 13)]),
            ]

        header = income_header()
        tree, total = func_tree(n.leaves, self.leaf_values("income"), y)
        rows = [row(1, "", "合计", f(total[0]), f(total[1]), f(total[1]), "", "", "", "", "", "", f(total[2]))]
        for k, r in enumerate(tree, start=2):
            name = r.name
            wrap = None
            if self.noise["wrapped_names"] and len(name) > 9:
                name, wrap = name[:7], name[7:]
            rows.append(row(k, r.code, name, f(r.vals[0]), f(r.vals[1]), f(r.vals[1]), "", "", "", "", "", "", f(r.vals[2])))
            if wrap:
                rows.append(row("", "", wrap, "", "", "", "", "", "", "", "", "", ""))
        self.out(titles[1], "", *head, *header)
        self.paged(rows, lambda: ["", *head, *income_header()])
        self.blank()

        # 支出总表 (all funds)
        header = [
            row("", "功能分类科目", "", "", "", "", "", "上解上级", "对附属单位"),
            row("序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出", "经营支出", "支出", "补助支出"),
            row("栏次", *[str(i) for i in range(1, 9)]),
        ]
        tree, total = func_tree(n.leaves, self.leaf_values("all"), y)
        rows = [row(1, "", "合计", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
        for r in tree:
            rows.append(row(len(rows) + 1, r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", ""))
        self.out(titles[2], "", *head, *header)
        self.paged(rows, breaker(header))
        self.blank()

        # 财政拨款收支总表
        header = [
            row("", "收入", "", "支出", "", "", "", ""),
            row(
                "序号",
                "项目",
                "金额",
                "项 目",
                "合计",
                "一般公共预 算财政拨款",
                "政府性基金 预算财政 拨款",
                "国有资本经 营预算财政 拨款",
            ),
            row("栏次", *[str(i) for i in range(1, 8)]),
        ]
        gpb_cls, gov_cls = self.class_amounts("gpb"), self.class_amounts("gov")
        fin_inc = ["一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款"]
        fin_vals = [n.total("gpb") - n.carry(), n.total("gov"), 0]
        rows = []
        for k, cls in enumerate(exp_lines):
            lab = fin_inc[k] if k < 3 else ""
            rows.append(
                row(
                    k + 1,
                    lab,
                    f(fin_vals[k]) if k < 3 else "",
                    f"{cn_num(k + 1)}、{FUNC_NAMES[cls]}",
                    f(classes.get(cls, 0)),
                    f(gpb_cls.get(cls, 0)),
                    f(gov_cls.get(cls, 0)),
                    "",
                )
            )
        k = len(exp_lines)
        rows += [
            row(
                k + 1,
                "本年收入合计",
                f(n.total() - n.carry()),
                "本年支出合计",
                f(n.total()),
                f(n.total("gpb")),
                f(n.total("gov")),
                "",
            ),
            row(k + 2, "年初财政拨款结转和结余", f(n.carry()), "年末财政拨款结转和结余", "", "", "", ""),
            row(k + 3, "一、一般公共预算拨款", f(n.carry()), "", "", "", "", ""),
            row(k + 4, "二、政府性基金预算拨款", "", "", "", "", "", ""),
            row(k + 5, "三、国有资本经营预算拨款", "", "", "", "", "", ""),
            row(k + 6, "收入总计", f(n.total()), "支出总计", f(n.total()), f(n.total("gpb")), f(n.total("gov")), ""),
        ]
        self.out(titles[3], "", unit_line, "", *head, *header)
        self.paged(rows, breaker(header))
        self.blank()

        # 一般公共预算财政拨款支出表
        first = row(
            "序号",
            "功能分类科目",
            "",
            "A11." if self.noise["ocr_header"] else "合计",
            "# * +" if self.noise["ocr_header"] else "基本支出",
            "海日士山" if self.noise["ocr_header"] else "项目支出",
        )
        header = [
            first,
            row(
                "净亏" if self.noise["ocr_header"] else "",
                "科目编码",
                "科目名称",
                "一 合计" if self.noise["ocr_header"] else "",
                "基本支出",
                "项目支出",
            ),
            row("栏次", "1", "2", "3", "4", "5"),
        ]
        tree, total = func_tree(n.leaves, self.leaf_values("gpb"), y)
        rows = [row(1, "", "合计", f(total[0]), f(total[1]), f(total[2]))]
        rows += [row(k + 2, r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for k, r in enumerate(tree)]
        self.out(titles[4], "", *head, *header)
        self.paged(rows, breaker(header))
        self.blank()

        # 一般公共预算财政拨款基本支出表 (合计 / 人员经费 / 公用经费): the spanning '一般公共预算基本支出'
        # lands over 人员经费 (its centre) on some pages and over 合计 on others
        def basic_header() -> list[str]:
            if rng.random() < 0.5:
                return [
                    row("序号", "", "支出部门经济分类科目", "", "一般公共预算基本支出", ""),
                    row("序号", "科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                    row("栏次", "1", "2", "3", "4", "5"),
                ]
            return [
                row("序号", "支出部门经济分类科目", "", "一般公共预算基本支出", "", ""),
                row("", "科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                row("栏次", "1", "2", "3", "4", "5"),
            ]

        header = basic_header()
        rows = [row(1, "", "合计", f(n.basic()), f(n.personnel()), f(n.public()))]
        for code, name, v in econ_tree(n.econ):
            pers = code[:3] in ("301", "303")
            rows.append(row(len(rows) + 1, code, name, f(v), f(v) if pers else "", "" if pers else f(v)))
        self.out(titles[5], "", *head, *header)
        self.paged(rows, lambda: ["", *head, *basic_header()])
        self.blank()

        # 政府性基金 / 国有资本经营
        header = [
            row("序号", "功能分类科目", "", "合计", "基本支出", "项目支出"),
            row("", "科目编码", "科目名称", "", "", ""),
            row("栏次", "1", "2", "3", "4", "5"),
        ]
        self.out(titles[6], "", *head, *header)
        if n.total("gov"):
            tree, total = func_tree(n.leaves, self.leaf_values("gov"), y)
            self.out(row(1, "", "合计", f(total[0]), f(total[1]), f(total[2])))
            self.out(*[row(k + 2, r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for k, r in enumerate(tree)])
        else:
            self.out("", "注：无政府性基金预算财政拨款预算，空表列示。")
        self.blank()
        self.out(titles[7], "", *head, unit_line, "", *header, "", "注：无国有资本经营预算财政拨款预算，空表列示。", "")

        # "三公"
        self.three_layout = "rows_by_fund"
        b = n.three["预算"]
        tot3 = sum(b.values())
        car = b["公务用车购置费"] + b["公务用车运行维护费"]
        header = [
            row("", "", "", "资 金 性 质", "", ""),
            row("序号", "项 目", "合计", "一般公共预算 财政拨款", "政府性基金 预算拨款", "国有资本经营 预算财政拨款"),
            row("栏次", "1", "2", "3", "4", "5"),
        ]
        rows = [
            row(1, '"三公"经费小计', f(tot3), f(tot3), "", ""),
            row(2, "一、因公出国(境)费", f(b["因公出国(境)费"]), f(b["因公出国(境)费"]), "", ""),
            row(3, "其中：教学科研人员因公出国 (境)费", "", "", "", ""),
            row(4, "其他因公出国(境)费", f(b["因公出国(境)费"]), f(b["因公出国(境)费"]), "", ""),
            row(5, "二、公务用车购置及运维费", f(car), f(car), "", ""),
            row(6, "其中：公务用车购置费", f(b["公务用车购置费"]), f(b["公务用车购置费"]), "", ""),
            row(7, "公务用车运行维护费", f(b["公务用车运行维护费"]), f(b["公务用车运行维护费"]), "", ""),
            row(8, "三、公务接待费", f(b["公务接待费"]), f(b["公务接待费"]), "", ""),
        ]
        self.out(titles[8], "", *head, *header, *rows, "")

        # narrative
        self.out(
            f"{u} {y} 年部门预算信息公开情况说明",
            "",
            f"按照《中华人民共和国预算法》、《地方预决算公开操作规程》规定，现将{u}{y}年部门预算公开如下：",
            "",
            "一、部门职责及机构设置情况",
            "",
            "部门职责:",
            "",
        )
        for d in self.duties():
            self.out(d, "")
        self.out(
            "机构设置:",
            "",
            row("单位名称", "单位性质", "单位规格", "经费保障形式"),
            row(f"{self.dept.name}本级", self.dept.kind, "正科级", "财政拨款"),
            "",
            "二、部门预算安排的总体情况",
            "",
        )
        for p in self.overview_paragraphs():
            self.out(p, "")
        self.out("支出按功能科目分类的明细情况", "", *self.explanations())
        self.out(
            "三、机关运行经费安排情况",
            "",
            f"{y}年，我单位机关运行经费共计安排{self.w(n.public())}万元，主要用于日常维修、办公用房水电、办公用房取暖等日常运行支出。",
            "",
            "十、名词解释",
            "",
            *self.glossary(),
        )
        projects = self.perf_projects(rng.randint(2, 14))
        if projects:
            self.out("七、部门项目预算安排情况及绩效目标", "")
            for k, p in enumerate(projects, start=1):
                self.out(*self.target_block(p, k))

    # ============================================================== Y2: 一、收支预算总表 + <year> 年度…表
    def layout_Y2(self) -> None:
        rng, n, y, u, f = self.rng, self.num, self.year, self.unit, self.f
        self.out(
            f"{y} 年度",
            u,
            "部门预算",
            "目录",
            "第一部分 部门概况 " + "." * 60 + "1",
            "一、主要职能 " + "." * 60 + "1",
            f"第二部分 {y} 年度部门预算表 " + "." * 50 + "7",
            f"第三部分 {y} 年度部门预算情况说明 " + "." * 40 + "20",
            "第四部分 名词解释 " + "." * 50 + "26",
            "第一部分",
            "部门概况",
            "一、主要职能",
        )
        for d in self.duties():
            self.out(d)
        self.out(self.page_no(), "第二部分", f"{y} 年度部门预算表", self.page_no())
        plain = lambda: [self.page_no()]  # noqa: E731  page number only at page breaks

        def title(k: int, name: str) -> None:
            self.out(f"{cn_num(k)}、{name}", f"{y} 年度{name}", "单位：万元")

        classes = self.class_amounts()
        final_lines = CLASS_LINES_FINAL
        inc_labels = [
            "一、一般公共预算拨款收入",
            "二、政府性基金预算拨款收入",
            "三、国有资本经营预算拨款收入",
            "四、财政专户管理资金收入",
            "五、事业收入",
            "六、事业单位经营收入",
            "七、上级补助收入",
            "八、附属单位上缴收入",
            "九、其他收入",
        ]
        inc_vals = [n.total("gpb"), n.total("gov")] + [0] * 7
        # 收支预算总表
        title(1, "收支预算总表")
        self.out(row("收入", "", "支出", ""), row("项目", "预算数", "项目", "预算数"))
        rows = [
            row(
                inc_labels[k] if k < 9 else "",
                f(inc_vals[k]) if k < 9 else "",
                f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
                f(classes.get(c, 0)),
            )
            for k, c in enumerate(final_lines)
        ]
        rows += [
            row("本年收入合计", f(n.total()), "本年支出合计", f(n.total())),
            row("上年结转结余", "0.00", "结转下年支出", "0.00"),
            row("收入合计", f(n.total()), "支出合计", f(n.total())),
        ]
        self.paged(rows, plain)
        self.out(self.page_no())
        # 收入预算总表
        title(2, "收入预算总表")
        self.out(
            row(
                "单位名称",
                "合计",
                "一般公共预算拨款收入",
                "政府性基金预算拨款收入",
                "国有资本经营预算拨款收入",
                "财政专户管理资金收入",
                "事业收入",
                "事业单位经营收入",
                "上级补助收入",
                "附属单位上缴收入",
                "其他收入",
                "上年结转结余",
            ),
            row("合计", f(n.total()), f(n.total("gpb")), f(n.total("gov"), zero="0.00"), *["0.00"] * 8),
            row(u, f(n.total()), f(n.total("gpb")), f(n.total("gov")), *[""] * 8),
            self.page_no(),
        )
        # 支出预算总表
        title(3, "支出预算总表")
        header = row(
            "科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"
        )
        tree, total = func_tree(n.leaves, self.leaf_values("all"), y)
        rows = [row("合计", "", f(total[0]), f(total[1]), f(total[2]), "0.00", "0.00", "0.00")]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
        self.out(header)
        self.paged(rows, plain)
        self.out(self.page_no())
        # 财政拨款收支预算总表
        title(4, "财政拨款收支预算总表")
        self.out(row("收入", "", "支出", ""), row("项目", "预算数", "项目", "预算数"))
        fin = ["一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入"]
        rows = [
            row(
                fin[k] if k < 3 else "",
                f([n.total("gpb"), n.total("gov"), 0][k]) if k < 3 else "",
                f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
                f(classes.get(c, 0)),
            )
            for k, c in enumerate(final_lines)
        ]
        rows.append(row("收入合计", f(n.total()), "支出合计", f(n.total())))
        self.paged(rows, plain)
        self.out(self.page_no())
        # 一般公共预算拨款支出预算表
        title(5, "一般公共预算拨款支出预算表")
        self.out(row("科目编码", "科目名称", "小计", "其中：", ""), row("", "", "", "基本支出", "项目支出"))
        tree, total = func_tree(n.leaves, self.leaf_values("gpb"), y)
        rows = [row("合计", "", f(total[0]), f(total[1]), f(total[2]))]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for r in tree]
        self.paged(rows, plain)
        self.out(self.page_no())
        # 政府性基金 / 国有资本经营
        title(6, "政府性基金预算拨款支出预算表")
        self.out(row("科目编码", "科目名称", "小计", "其中：", ""), row("", "", "", "基本支出", "项目支出"))
        if n.total("gov"):
            tree, total = func_tree(n.leaves, self.leaf_values("gov"), y)
            self.out(
                row("合计", "", f(total[0]), "0.00", f(total[2])),
                *[row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for r in tree],
            )
        else:
            self.out(row("合计", "", "0.00", "0.00", "0.00"), f"备注：本部门 {y} 年没有使用政府性基金预算拨款安排的支出。")
        self.out(self.page_no())
        title(7, "国有资本经营预算拨款支出预算表")
        self.out(
            row("科目编码", "科目名称", "小计", "其中：", ""),
            row("", "", "", "基本支出", "项目支出"),
            row("合计", "", "0.00", "0.00", "0.00"),
            f"备注：本部门 {y} 年没有使用国有资本经营预算拨款安排的支出。",
            self.page_no(),
        )
        # 一般公共预算支出经济分类情况表 (类 only, basic + project)
        title(8, "一般公共预算支出经济分类情况表")
        all_econ = dict(n.econ)
        for code, v in self.project_econ().items():
            all_econ[code] = all_econ.get(code, 0) + v
        self.out(row("科目编码", "科目名称", "预算数"), row("合计", "", f(n.total("gpb"))))
        for cls in ECON_CLASSES:
            self.out(row(cls, ECON_NAMES[cls], f(sum(v for c, v in all_econ.items() if c.startswith(cls)))))
        self.out(self.page_no())
        # 一般公共预算基本支出经济分类情况表 (预算数 only, every item printed)
        title(9, "一般公共预算基本支出经济分类情况表")
        self.out(row("科目编码", "科目名称", "预算数"))
        rows = [row("合计", "", f(n.basic()))]
        for cls in ECON_CLASSES:
            rows.append(row(cls, ECON_NAMES[cls], f(sum(v for c, v in n.econ.items() if c.startswith(cls)))))
            rows += [row(c, ECON_NAMES[c], f(n.econ.get(c, 0))) for c in econ_items(cls)]
        self.per_page = max(self.per_page, 40)
        self.paged(rows, plain)
        self.out(self.page_no())
        # "三公"
        self.three_layout = "rows_budget"
        b = n.three["预算"]
        title(10, "一般公共预算“三公”经费支出预算表")
        self.out(
            row("项目", "预算数"),
            row("合计", f(sum(b.values()), zero="0.00")),
            row("1、因公出国（境）费用", f(b["因公出国(境)费"], zero="0.00")),
            row("2、公务接待费", f(b["公务接待费"], zero="0.00")),
            row("3、公务用车购置及运行费", f(b["公务用车购置费"] + b["公务用车运行维护费"], zero="0.00")),
            row("其中：（1）公务用车购置费", f(b["公务用车购置费"], zero="0.00")),
            row("（2）公务用车运行费", f(b["公务用车运行维护费"], zero="0.00")),
            self.page_no(),
        )
        self.out("第三部分", f"{y} 年度部门预算情况说明", "一、预算收支总体情况")
        for p in self.overview_paragraphs() + [e for e in self.explanations() if e] + [g for g in self.glossary() if g]:
            # printed PDF text wraps at ~28 characters
            self.out(*[p[k : k + 28] for k in range(0, len(p), 28)])
        projects = self.perf_projects(rng.randint(2, 13))
        if projects:
            self.out(self.page_no(), "1.项目支出绩效目标表")
            for k, p in enumerate(projects, start=1):
                self.out(*self.target_block(p, k))

    # ============================================================== Y3: 单位综合预算…表 in 元 (markdown)
    def layout_Y3(self) -> None:
        rng, n, y, u, f = self.rng, self.num, self.year, self.unit, self.f
        level = "单位" if self.dept.kind == "事业" else "部门"
        ucode = f"{rng.randint(100, 999)}{rng.randint(1, 99):03d}"
        t = f"{level}综合预算"
        self.out(
            "",
            "",
            f"# {u} {y} 年{level}预算公开说明",
            "",
            "## 目录",
            "",
            "### 第一部分 单位概况",
            "",
            "- 一、主要职责及机构设置",
            "- 二、工作任务",
            "",
            "### 第二部分 收支情况",
            "",
            "- 四、收支说明",
            "",
            "## 第一部分单位概况",
            "",
            "### 一、 主要职责及机构设置",
            "",
        )
        for d in self.duties(style="num"):
            self.out(d, "")
        self.out("## 第二部分收支情况", "")
        for p in self.overview_paragraphs():
            self.out(p, "")
        self.out("## 2、支出按功能科目分类的明细情况", "", *self.explanations(), "## 十、专业名词解释", "", *self.glossary())
        self.out(
            f"# {y}年{t}公开报表",
            "",
            f"单位名称：{u}",
            "",
            "保密审查情况：已审查",
            "",
            "## 目录",
            "",
            row("报表", "报表名称", "是否空表", "公开空表理由"),
        )
        names = [
            f"{t}收支总表",
            f"{t}收入总表",
            f"{t}支出总表",
            f"{t}财政拨款收支总表",
            f"{t}一般公共预算支出明细表（按支出功能分类科目）",
            f"{t}一般公共预算支出明细表（按支出经济分类科目）",
            f"{t}一般公共预算基本支出明细表（按支出功能分类科目）",
            f"{t}一般公共预算基本支出明细表（按支出经济分类科目）",
            f"{t}政府性基金收支表",
            f"{t}专项业务经费支出表",
            f"{t}政府采购（资产配置、购买服务）预算表",
            f"{t}一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
        ]
        for k, name in enumerate(names, start=1):
            self.out(row(f"表{k}", name, "是" if k in (9, 11) else "否", "本单位不涉及" if k in (9, 11) else ""))
        self.out("")
        big = lambda v: f(v, thousands=True)  # noqa: E731  the summary prints 3,131,700.00
        stars = lambda k: row(*["**"] * k)  # noqa: E731
        # 表1 收支总表: 收入 | 功能(类) | 部门经济(类) | 政府经济(类)
        classes = self.class_amounts()
        gpb = n.total("gpb")
        pe = self.project_econ()
        pers301 = sum(v for c, v in n.econ.items() if c.startswith("301"))
        goods = sum(v for c, v in n.econ.items() if c.startswith("302"))
        house = sum(v for c, v in n.econ.items() if c.startswith("303"))
        cap = sum(v for c, v in n.econ.items() if c.startswith("310"))
        inc = [
            ("一、部门预算", n.total()),
            ("1、财政拨款", 0),
            ("(1)一般公共预算拨款", gpb),
            ("其中：专项资金列入部门预算的项目", 0),
            ("(2)政府性基金拨款", n.total("gov")),
            ("(3)国有资本经营预算收入", 0),
            ("2、上级补助收入", 0),
            ("3、事业收入", 0),
            ("4、事业单位经营收入", 0),
            ("5、附属单位上缴收入", 0),
            ("6、其他收入", 0),
        ]
        fun = [("一、部门预算", n.total())] + [
            (f"{k + 1}、{FUNC_NAMES[c]}", classes.get(c, 0)) for k, c in enumerate(CLASS_LINES_FINAL[:24])
        ]
        dep = [
            ("一、部门预算", n.total()),
            ("1、人员经费和公用经费支出", n.basic()),
            ("(1)工资福利支出", pers301),
            ("(2)商品和服务支出", goods),
            ("(3)对个人和家庭的补助", house),
            ("(4)资本性支出", cap),
            ("2、专项业务经费支出", n.project()),
            ("(1)工资福利支出", 0),
            ("(2)商品和服务支出", pe.get("30299", 0)),
            ("(3)对个人和家庭补助", pe.get("30305", 0)),
            ("(4)债务利息及费用支出", 0),
            ("(5)资本性支出(基本建设)", 0),
            ("(6)资本性支出", pe.get("31002", 0)),
            ("(7)对企业补助(基本建设)", 0),
            ("(8)对企业补助", 0),
            ("(9)对社会保障基金补助", pe.get("31302", 0)),
            ("(10)其他支出", 0),
            ("3、上缴上级支出", 0),
            ("4、事业单位经营支出", 0),
            ("5、对附属单位补助支出", 0),
        ]
        gov: dict[str, int] = {}
        for code, v in list(n.econ.items()) + list(pe.items()):
            gcode = gov_econ(code, self.dept.kind)[0][:3]
            gov[gcode] = gov.get(gcode, 0) + v
        govl = [("一、部门预算", n.total())] + [
            (f"{k + 1}、{GOV_CLASS_NAMES[c]}", gov.get(c, 0)) for k, c in enumerate(GOV_CLASS_NAMES)
        ]
        length = max(len(inc), len(fun), len(dep), len(govl))
        self.out(
            f"## {names[0]}",
            "",
            "单位：元",
            "",
            row("收 入", "", "支 出", "", "", "", "", ""),
            row(
                "项 目",
                "预算数",
                "支出功能分类科目（按大类）",
                "预算数",
                "部门预算支出经济分类科目（按大类）",
                "预算数",
                "政府预算支出经济分类科目（按大类）",
                "预算数",
            ),
        )

        def cell(lst, k):
            return (lst[k][0], big(lst[k][1])) if k < len(lst) else ("", "")

        for k in range(length):
            self.out(row(*cell(inc, k), *cell(fun, k), *cell(dep, k), *cell(govl, k)))
        self.out(
            row(
                "<b>本年收入合计</b>",
                big(n.total()),
                "<b>本年支出合计</b>",
                big(n.total()),
                "<b>本年支出合计</b>",
                big(n.total()),
                "<b>本年支出合计</b>",
                big(n.total()),
            ),
            row("上年结转", "", "结转下年", "", "结转下年", "", "结转下年", ""),
            row(
                "<b>收入总计</b>",
                big(n.total()),
                "<b>支出总计</b>",
                big(n.total()),
                "<b>支出总计</b>",
                big(n.total()),
                "<b>支出总计</b>",
                big(n.total()),
            ),
            "",
            "表2",
            "",
        )
        # 表2 / 表3 by unit
        self.out(
            f"## {names[1]}",
            "",
            "单位：元",
            "",
            row("单位编码", "单位名称", "部门预算", *[""] * 9),
            row(
                "",
                "",
                "合计",
                "一般公共预算拨款",
                "",
                "政府性基金 拨款",
                "上级补助收 入",
                "事业收入",
                "事业单位经营收 入",
                "对附属单位上缴 收入",
                "上年结转",
                "其他收入",
            ),
            row("", "", "", "小计", "其中：专项资金 列入部门预算项 目", *[""] * 7),
            stars(12),
            row(ucode, u, f(n.total(), decimals=False), f(gpb, decimals=False), "", f(n.total("gov"), decimals=False), *[""] * 6),
            "",
            "表3",
            "",
        )
        self.out(
            f"## {names[2]}",
            "",
            "单位：元",
            "",
            row("单位编码", "单位名称", "部门预算", *[""] * 7),
            row("", "", "合计", "基本支出", "项目支出", "上缴上级支出", "事业单位经营支出", "对附属单位补助支出", "", ""),
            stars(10),
            row(ucode, u, f(n.total(), decimals=False), f(n.basic(), decimals=False), f(n.project(), decimals=False), *[""] * 5),
            "",
            "表4",
            "",
        )
        # 表4 财政拨款收支总表 (same shape as 表1, fiscal money only)
        self.out(
            names[3],
            "",
            "单位：元",
            "",
            row("收 入", "", "支 出", "", "", "", "", ""),
            row(
                "项 目",
                "预算数",
                "支出功能分类科目（按大类）",
                "预算数",
                "部门预算支出经济分类科目（按大类）",
                "预算数",
                "政府预算支出经济分类科目（按大类）",
                "预算数",
            ),
        )
        fin = [
            ("一、财政拨款", n.total()),
            ("1、一般公共预算拨款", gpb),
            ("其中：专项资金列入部门预算的项目", 0),
            ("2、政府性基金拨款", n.total("gov")),
            ("3、国有资本经营预算收入", 0),
        ]
        fun[0] = dep[0] = govl[0] = ("一、财政拨款", n.total())
        for k in range(length):
            self.out(row(*cell(fin, k), *cell(fun, k), *cell(dep, k), *cell(govl, k)))
        self.out(
            row(
                "<b>本年收入合计</b>",
                big(n.total()),
                "<b>本年支出合计</b>",
                big(n.total()),
                "<b>本年支出合计</b>",
                big(n.total()),
                "<b>本年支出合计</b>",
                big(n.total()),
            ),
            "",
            "表5",
            "",
        )
        # 表5 一般公共预算支出明细表（按支出功能分类科目）: 合计 / 人员经费 / 公用经费 / 专项业务经费
        gpb_leaves = [l for l in n.leaves if l.fund == "gpb"]
        # personnel / public per leaf: the run leaves carry the 公用经费, the others are all personnel
        pub_left = n.public()
        per_leaf: dict[str, tuple[int, int]] = {}
        for l in sorted(gpb_leaves, key=lambda l: (l.code not in self.dept.run, l.code)):
            pub = min(pub_left, l.basic) if l.code in self.dept.run else 0
            pub_left -= pub
            per_leaf[l.code] = (l.basic - pub, pub)
        if pub_left:  # the public money did not fit in the run leaves: put it where basic money is
            for l in gpb_leaves:
                pers, pub = per_leaf[l.code]
                move = min(pers, pub_left)
                per_leaf[l.code] = (pers - move, pub + move)
                pub_left -= move
        vals = (
            lambda l: (l.total, per_leaf.get(l.code, (0, 0))[0], per_leaf.get(l.code, (0, 0))[1], l.project)
            if l.fund == "gpb"
            else (0, 0, 0, 0)
        )  # noqa: E731
        tree, total = func_tree(n.leaves, vals, y)
        self.total_label = rng.choice(["", "合计"])
        self.out(
            f"### {names[4]}",
            "",
            "单位：元",
            "",
            row("功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出", "备注"),
            stars(7),
            row("", self.total_label, *[f(v) for v in total], ""),
        )
        self.out(*[row(r.code, r.name, *[f(v) for v in r.vals], "") for r in tree], "", "表6", "")
        # 表6 一般公共预算支出明细表（按支出经济分类科目）
        self.out(
            names[5],
            "",
            "单位：元",
            "",
            row(
                "部门经济科目编码",
                "部门经济科目名称",
                "政府经济科目编码",
                "政府经济科目名称",
                "合计",
                "人员经费支出",
                "公用经费支出",
                "专项业务经费支出",
                "备注",
            ),
            stars(9),
        )
        allc = sorted(set(n.econ) | set(pe))
        for cls in sorted({c[:3] for c in allc}):
            items = [c for c in allc if c.startswith(cls)]

            def agg(cs):
                pers = sum(n.econ.get(c, 0) for c in cs if c[:3] in ("301", "303"))
                pub = sum(n.econ.get(c, 0) for c in cs if c[:3] not in ("301", "303"))
                proj = sum(pe.get(c, 0) for c in cs)
                return pers + pub + proj, pers, pub, proj

            g = gov_econ(items[0], self.dept.kind)[0][:3]
            tot, pers, pub, proj = agg(items)
            self.out(
                row(
                    cls,
                    ECON_NAMES[cls],
                    g,
                    GOV_CLASS_NAMES.get(g, ""),
                    f(tot, decimals=False),
                    f(pers, decimals=False),
                    f(pub, decimals=False),
                    f(proj, decimals=False),
                    "",
                )
            )
            for c in items:
                gc, gn = gov_econ(c, self.dept.kind)
                tot, pers, pub, proj = agg([c])
                self.out(
                    row(
                        c,
                        ECON_NAMES[c],
                        gc,
                        gn,
                        f(tot, decimals=False),
                        f(pers, decimals=False),
                        f(pub, decimals=False),
                        f(proj, decimals=False),
                        "",
                    )
                )
        self.out("", "表7", "")
        # 表7 基本支出明细表（按支出功能分类科目）
        vals7 = lambda l: (l.basic, *per_leaf.get(l.code, (0, 0))) if l.fund == "gpb" else (0, 0, 0)  # noqa: E731
        tree, total = func_tree(n.leaves, vals7, y)
        self.out(
            f"## {names[6]}",
            "",
            "单位：元",
            "",
            row("功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "备注"),
            stars(6),
            row("", self.total_label, *[f(v) for v in total], ""),
            *[row(r.code, r.name, *[f(v) for v in r.vals], "") for r in tree],
            "",
            "表8",
            "",
        )
        # 表8 基本支出明细表（支出经济分类科目）
        self.out(
            names[7].replace("（按支出经济", "（支出经济"),
            "",
            "单位：元",
            "",
            row(
                "部门经济科目编码",
                "部门经济科目名称",
                "政府经济科目编码",
                "政府经济科目名称",
                "合计",
                "人员经费支出",
                "公用经费支出",
                "备注",
            ),
            stars(8),
        )
        for code, name, v in econ_tree(n.econ):
            pers = code[:3] in ("301", "303")
            gc, gn = gov_econ(code if len(code) == 5 else (econ_items(code)[0] if econ_items(code) else code), self.dept.kind)
            if len(code) == 3:
                gc, gn = gc[:3], GOV_CLASS_NAMES.get(gc[:3], "")
            self.out(
                row(
                    code,
                    name,
                    gc,
                    gn,
                    f(v, decimals=False),
                    f(v, decimals=False) if pers else "",
                    "" if pers else f(v, decimals=False),
                    "",
                )
            )
        self.out("", "", "表12", "")
        # 表12 "三公": one line per unit, last year | this year | change, each 合计 + 三公 parts + 会议费 + 培训费
        self.three_layout = "by_unit_three_years"
        b = n.three["预算"]
        meet, train = n.econ.get("30215", 0), n.econ.get("30216", 0)
        last = {k: int(v * rng.uniform(0.7, 1.3)) for k, v in b.items()}
        last_meet, last_train = int(meet * rng.uniform(0.7, 1.3)), int(train * rng.uniform(0.7, 1.3))

        def block(x, m, tr, sign=False):
            car = x["公务用车购置费"] + x["公务用车运行维护费"]
            three = sum(x.values())
            vals = [
                three + m + tr,
                three,
                x["因公出国(境)费"],
                x["公务接待费"],
                car,
                x["公务用车购置费"],
                x["公务用车运行维护费"],
                m,
                tr,
            ]
            return [("-" if v < 0 else "") + f(abs(v), zero="0", decimals=False) for v in vals]

        diff = {k: b[k] - last[k] for k in b}
        head3 = ["合计", "一般公共预算拨款安排的“三公”经费预算", "", "", "", "", "", "会议费", "培训费"]
        self.out(
            f"{y}年{t}一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）",
            "单位：元",
            row("单位编码", "单位名称", f"{y - 1}年", *[""] * 8, f"{y}年", *[""] * 8, "增减变化情况", *[""] * 8),
            row("", "", *head3 * 3),
            row("", "", *["", "小计", "因公出国（境）费用", "公务接待费", "公务用车购置及运行维护费", "", "", "", ""] * 3),
            row("", "", *["", "", "", "", "小计", "公务用车购置费", "公务用车运行费", "", ""] * 3),
            row(
                "",
                "合计",
                *block(last, last_meet, last_train),
                *block(b, meet, train),
                *block(diff, meet - last_meet, train - last_train),
            ),
            row(
                ucode,
                u,
                *block(last, last_meet, last_train),
                *block(b, meet, train),
                *block(diff, meet - last_meet, train - last_train),
            ),
            "",
        )
        projects = self.perf_projects(rng.randint(0, 2))
        for p in projects:
            self.out(
                "单位预算专项业务经费绩效目标表",
                "",
                row("项目名称", "", p["name"], "", "", ""),
                row("主管部门", "", u, "", "", ""),
                row("资金金额 (万元)", "", "实施期资金总额:", "", f"{p['budget_wan']:g}", ""),
                row("年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"),
                row("", "产出指标", "数量指标", f"保障{self.dept.duty}工作", "100%", ""),
                "",
            )

    # ============================================================== D1: 公开01…09表
    def layout_D1(self) -> None:
        rng, n, y, u, f = self.rng, self.num, self.year, self.unit, self.f
        sx = self.variant == "sx"
        ul = self.unit_label
        level = "单位" if self.dept.kind == "事业" else "部门"
        H = (lambda s: s) if sx else (lambda s: "# " + s)  # noqa: E731
        if sx:
            self.out(f"{u} {y}年度{level}决算公开", "", "目 录", "", row("第一", "-部分", "概况", "", "", "1"))
            for k, t in enumerate(["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表"], start=1):
                self.out(row("", f"{cn_num(k)}、", t, "", "", str(k + 2)))
        else:
            self.out(
                "",
                "",
                f"**{u}  ",
                f"{y} 年度部门决算**",
                "",
                "# 目 录",
                "",
                f"## 第一部分 {u}概况",
                "",
                "- 一、主要职责",
                f"- 二、{u}决算单位构成",
                "",
                f"## 第四部分 {y} 年度{u}部门决算表",
                "",
            )
            for k, t in enumerate(
                [
                    "收入支出决算总表",
                    "收入决算表",
                    "支出决算表",
                    "财政拨款收入支出决算总表",
                    "一般公共预算财政拨款支出决算表",
                    "一般公共预算财政拨款基本支出决算表",
                    "财政拨款“三公”经费支出决算表",
                ],
                start=1,
            ):
                self.out(f"- {cn_num(k)}、{t}")
        self.out(
            "", "第一部分 概况" if sx else f"# 第一部分 {u}概况", "", "一、本部门(单位)职责" if sx else "## 一、主要职责", ""
        )
        for d in self.duties():
            self.out(("- " if sx else "") + d, "")
        self.out("第二部分 决算情况说明" if sx else "## 第二部分 部门决算情况说明", "")
        for p in self.overview_paragraphs():
            self.out(p, "")
        self.out(
            "二、一般公共预算财政拨款支出决算情况说明" if sx else "### **(二) 一般公共预算财政拨款支出情况。**",
            "",
            *self.explanations(),
            "第三部分 名词解释" if sx else "## 第三部分 名词解释",
            "",
            *self.glossary(),
        )
        self.out(f"第二部分 {y}年部门决算表" if sx else f"## 第四部分 {y} 年度部门决算表", "")
        dept_line = f"部门名称: {u}" if sx else f"部门：{u}"
        year_line = f"{y}年度" if sx else f"{y} 年度"
        unit_line = f"金额单位：{ul}" if not sx else f"单位:{ul}"

        def start(no: int, title: str) -> list[str]:
            tag = f"公开{no:02d}表" if sx else f"公开 {no:02d} 表"
            lines = [H(title), "", tag, "", dept_line, "", year_line, "", unit_line, ""]
            self.out(*lines)
            return lines

        def breaker(header: list[str]) -> Callable[[], list[str]]:
            return lambda: ["", self.page_no(), "", dept_line, "", year_line, "", unit_line, "", *header]

        classes, gpb_cls, gov_cls = self.class_amounts(), self.class_amounts("gpb"), self.class_amounts("gov")
        tot = n.total()
        # 01 收入支出决算总表
        start(1, "收入支出决算总表")
        header = [
            row("收入", "", "", "支出", "", ""),
            row("项目", "行次", "金额", "项目", "行次", "金额"),
            row("栏次", "", "1", "栏次", "", "2"),
        ]
        inc = [
            "一、一般公共预算财政拨款收入",
            "二、政府性基金预算财政拨款收入",
            "三、国有资本经营预算财政拨款收入",
            "四、上级补助收入",
            "五、事业收入",
            "六、经营收入",
            "七、附属单位上缴收入",
            "八、其他收入",
        ]
        inc_v = [n.total("gpb"), n.total("gov")] + [0] * 6
        lines_ = CLASS_LINES_FINAL
        m = len(lines_)
        rows = [
            row(
                inc[k] if k < 8 else "",
                k + 1,
                f(inc_v[k]) if k < 8 else "",
                f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
                m + 6 + k,
                f(classes.get(c, 0)),
            )
            for k, c in enumerate(lines_)
        ]
        rows += [
            row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 6, f(tot)),
            row("使用非财政拨款结余", m + 2, "", "结余分配", 2 * m + 7, ""),
            row("年初结转和结余", m + 3, "", "年末结转和结余", 2 * m + 8, ""),
            row("", m + 4, "", "", 2 * m + 9, ""),
            row("总计", m + 5, f(tot), "总计", 2 * m + 10, f(tot)),
        ]
        self.out(*header)
        self.paged(rows, breaker(header))
        self.out("", "注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。", "")
        # 02 收入决算表
        start(2, "收入决算表")
        tree, total = func_tree(n.leaves, self.leaf_values("all"), y)
        if sx:
            header = [
                row("", "项目", "本年收入合", "财政拨款收", "上级补助", "事业收入", "经营收入", "附属单 位", "其他收"),
                row("科目代码", "科目名称", "计", "入", "收入", "", "", "上缴收入", "入"),
                row("", "栏次", *[str(i) for i in range(1, 8)]),
            ]
            rows = [row("", "合计", f(total[0]), f(total[0]), "", "", "", "", "")]
        else:
            header = [
                row(
                    "项目",
                    "",
                    "本年收入合计",
                    "财政拨款收入",
                    "上级补助收入",
                    "事业收入",
                    "经营收入",
                    "附属单位上缴收入",
                    "其他收入",
                ),
                row("功能分类科目编码", "科目名称", *[""] * 7),
                row("栏次", "", *[str(i) for i in range(1, 8)]),
            ]
            rows = [row("合计", "", f(total[0]), f(total[0]), "", "", "", "", "")]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[0]), "", "", "", "", "") for r in tree]
        self.out(*header)
        self.paged(rows, breaker(header))
        self.out("", "注：本表反映部门本年度取得的各项收入情况。", "")
        # 03 支出决算表 (all funds)
        start(3, "支出决算表")
        if sx and self.noise["codes_missing_in_expenditure"]:
            header = [
                row("项目 科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级 支出", "经营支出", "对附属单 位补助 支出"),
                row("栏次", "1", "2", "3", "4", "5", "6"),
            ]
            rows = [row("合计", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
            rows += [row(r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
        elif sx:
            header = [
                row("", "项目", "本年支出合计", "基本支出", "项目支出", "上缴上级 支出", "经营支出", "对附属单 位补助 支出"),
                row("科目代码", "科目名称", *[""] * 6),
                row("", "栏次", "1", "2", "3", "4", "5", "6"),
            ]
            rows = [row("", "合计", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
            rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
        else:
            header = [
                row("项目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
                row("功能分类科目编码", "科目名称", *[""] * 6),
                row("栏次", "", "1", "2", "3", "4", "5", "6"),
            ]
            rows = [row("合计", "", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
            rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
        self.out(*header)
        self.paged(rows, breaker(header))
        self.out("", "注：本表反映部门本年度各项支出情况。", "")
        # 04 财政拨款收入支出决算总表
        start(4, "财政拨款收入支出决算总表")
        header = [
            row("收入", "", "", "支出", "", "", "", "", ""),
            row(
                "项目",
                "行次",
                "金额",
                "项目",
                "行次",
                "合计",
                "一般公共预算 财政拨款",
                "政府性基金预 算财政拨款",
                "国有资本经营 预算财政拨款",
            ),
            row("栏次", "", "1", "栏次", "", "2", "3", "4", "5"),
        ]
        fin = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]
        rows = [
            row(
                fin[k] if k < 3 else "",
                k + 1,
                f([n.total("gpb"), n.total("gov"), 0][k]) if k < 3 else "",
                f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
                m + 7 + k,
                f(classes.get(c, 0)),
                f(gpb_cls.get(c, 0)),
                f(gov_cls.get(c, 0)),
                "",
            )
            for k, c in enumerate(lines_)
        ]
        rows += [
            row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 7, f(tot), f(n.total("gpb")), f(n.total("gov")), ""),
            row("年初财政拨款结转和结余", m + 2, "", "年末财政拨款结转和结余", 2 * m + 8, "", "", "", ""),
            row("一般公共预算财政拨款", m + 3, "", "", 2 * m + 9, "", "", "", ""),
            row("政府性基金预算财政拨款", m + 4, "", "", 2 * m + 10, "", "", "", ""),
            row("国有资本经营预算财政拨款", m + 5, "", "", 2 * m + 11, "", "", "", ""),
            row("总计", m + 6, f(tot), "总计", 2 * m + 12, f(tot), f(n.total("gpb")), f(n.total("gov")), ""),
        ]
        self.out(*header)
        self.paged(rows, breaker(header))
        self.out(
            "",
            "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
            "",
        )
        # 05 一般公共预算财政拨款支出决算表
        start(5, "一般公共预算财政拨款支出决算表")
        tree, total = func_tree(n.leaves, self.leaf_values("gpb"), y)
        zero05 = "" if sx else "0.00"
        header = [
            row("", "项目", "", "本年支出", "") if sx else row("项目", "", "本年支出", "", ""),
            row("科目代码", "科目名称", "小计", "基本支出", "项目支出")
            if sx
            else row("功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"),
            row("", "栏次", "1", "2", "3") if sx else row("栏次", "", "1", "2", "3"),
        ]
        rows = [
            row("", "合计", f(total[0]), f(total[1]), f(total[2]))
            if sx
            else row("合计", "", f(total[0]), f(total[1]), f(total[2]))
        ]
        rows += [
            row(r.code, r.name, f(r.vals[0], zero=zero05), f(r.vals[1], zero=zero05), f(r.vals[2], zero=zero05)) for r in tree
        ]
        self.out(*header)
        self.paged(rows, breaker(header))
        self.out("", "注：本表反映部门本年度一般公共预算财政拨款支出情况。", "")
        # 06 基本支出决算表: groups side by side
        start(6, "一般公共预算财政拨款基本支出决算明细表" if sx else "一般公共预算财政拨款基本支出决算表")
        econ = n.econ
        cut = self.noise["truncated_econ_codes"]

        def item(code: str) -> tuple[str, str, str]:
            v = econ.get(code, 0) if len(code) == 5 else sum(x for c, x in econ.items() if c.startswith(code))
            shown = code[:4] if (cut and len(code) == 5) else code
            return shown, ECON_NAMES[code], f(v)

        if sx:
            self.basic_groups = 4
            g1 = ["301", *econ_items("301"), "303", *econ_items("303")]
            g2 = ["302", *econ_items("302")]
            g3 = ["307", *econ_items("307"), "309", *econ_items("309"), "310", *econ_items("310")[:9]]
            g4 = [
                *econ_items("310")[9:],
                "311",
                *econ_items("311"),
                "312",
                *econ_items("312"),
                "313",
                *econ_items("313"),
                "399",
                *econ_items("399"),
            ]
            groups = [g1, g2, g3, g4]
            header = [
                row("", "人员经费", "", "", "", "", "", "公用经费", "", "", "", ""),
                row(*["科目代码", "科目名称", "决算数"] * 4),
            ]
            total_row = row("", "人员经费合计", f(n.personnel()), "", "", "", "", "公用经费合计", "", "", "", f(n.public()))
        else:
            self.basic_groups = 3
            g1 = ["301", *econ_items("301"), "303", *econ_items("303")]
            g2 = ["302", *econ_items("302")]
            g3 = ["307", *econ_items("307")[:2], "310", *econ_items("310"), "312", *econ_items("312"), "399", *econ_items("399")]
            groups = [g1, g2, g3]
            header = [row("人员经费", "", "", "公用经费", "", "", "", "", ""), row(*["科目 编码", "科目名称", "决算数"] * 3)]
            total_row = row("人员经费合计", "", f(n.personnel()), "公用经费合计", "", "", "", "", f(n.public()))
        depth = max(len(g) for g in groups)
        rows = []
        for k in range(depth):
            cells = []
            for g in groups:
                cells.extend(item(g[k]) if k < len(g) else ("", "", ""))
            rows.append(row(*cells))
        rows.append(total_row)
        self.out(*header)
        self.per_page = max(self.per_page, 30)
        self.paged(rows, breaker(header))
        self.out("", "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", "")
        # 07 / 08 / 09
        three_no, gov_no, cap_no = (9, 7, 8) if sx else (7, 8, 9)
        order = sorted([(three_no, "three"), (gov_no, "gov"), (cap_no, "cap")])
        for no, what in order:
            if what == "gov":
                start(no, "政府性基金预算财政拨款收入支出决算表")
                self.out(
                    row("项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"),
                    row("功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""),
                    row("栏次", "", "1", "2", "3", "4", "5", "6"),
                )
                if n.total("gov"):
                    tree, total = func_tree(n.leaves, self.leaf_values("gov"), y)
                    self.out(
                        row("合计", "", "", f(total[0]), f(total[0]), "", f(total[2]), ""),
                        *[row(r.code, r.name, "", f(r.vals[0]), f(r.vals[0]), "", f(r.vals[2]), "") for r in tree],
                    )
                else:
                    self.out(row("合计", "", "", "", "", "", "", ""), "", "说明：本表无数据")
                self.out("", "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。", "")
            elif what == "cap":
                start(no, "国有资本经营预算财政拨款支出决算表")
                self.out(
                    row("项目", "", "本年支出", "", ""),
                    row("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                    row("栏次", "", "1", "2", "3"),
                    row("合计", "", "", "", ""),
                    "",
                    "说明：本表无数据",
                    "",
                )
            else:
                start(no, '财政拨款"三公"经费支出决算表' if sx else "财政拨款“三公”经费支出决算表")
                b, d = n.three["预算"], n.three["决算"]
                if sx and rng.random() < 0.7:
                    self.three_layout = "wide12"

                    def six(x):
                        car = x["公务用车购置费"] + x["公务用车运行维护费"]
                        return [
                            f(sum(x.values())),
                            f(x["因公出国(境)费"]),
                            f(car),
                            f(x["公务用车购置费"]),
                            f(x["公务用车运行维护费"]),
                            f(x["公务接待费"]),
                        ]

                    self.out(
                        row("预算数", "", "", "", "", "", "决算数", "", "", "", "", ""),
                        row(*["合计", "因公出国 (境) 费", "公务用车购置及运行维护费", "", "", "公务接待费"] * 2),
                        row(*["合计", "", "小计", "公务用车 购置费", "公务用车 运行维护 费", ""] * 2),
                        row(*[str(i) for i in range(1, 13)]),
                        row(*six(b), *six(d)),
                    )
                else:
                    self.three_layout = "rows_budget_final"
                    cb = b["公务用车购置费"] + b["公务用车运行维护费"]
                    cd = d["公务用车购置费"] + d["公务用车运行维护费"]
                    self.out(
                        row("项 目", "预算数", "决算数"),
                        row("合 计", f(sum(b.values())), f(sum(d.values()))),
                        row("1、因公出国（境）费", f(b["因公出国(境)费"]), f(d["因公出国(境)费"])),
                        row("2、公务接待费", f(b["公务接待费"]), f(d["公务接待费"])),
                        row("3、公务用车购置及运行费", f(cb), f(cd)),
                        row("其中：(1) 公务用车运行维护费", f(b["公务用车运行维护费"]), f(d["公务用车运行维护费"])),
                        row("(2) 公务用车购置费", f(b["公务用车购置费"]), f(d["公务用车购置费"])),
                    )
                self.out(
                    "",
                    "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为年初预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
                    "",
                )
        if sx:
            start(10, "部门决算公开相关信息统计表")
            buy = int(n.public() * rng.uniform(0.0, 0.4))
            goods = int(buy * rng.uniform(0.3, 1.0))
            self.out(
                row("一、政府采购情况", "", ""),
                row("项目", "行次", "统计数"),
                row("合计", "1", f(buy)),
                row("货物", "2", f(goods)),
                row("工程", "3", ""),
                row("服务", "4", f(buy - goods)),
                row("二、机关运行经费", "", ""),
                row("项目", "", "统计数"),
                row("（一）行政单位", "5", f(n.public()) if self.dept.kind == "行政" else ""),
                row("（二）参照公务员法管理事业单位", "6", ""),
                row("三、国有资产占用情况", "", ""),
                row("（一）车辆数合计（辆）", "7", str(rng.randint(0, 4))),
                row("1. 主要负责人用车", "8", ""),
                row("2. 机要通信用车", "9", ""),
                row("3. 其他用车", "10", ""),
                row("（二）单价100万元（含）以上设备（不含车辆）", "11", ""),
                "",
                "注: 本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。",
                "",
            )
        # self-evaluations at the end
        projects = self.perf_projects(rng.randint(0, 9))
        if projects:
            self.out("第三部分 附件" if sx else "## 第五部分 附件", "")
            for p in projects:
                self.out(*self.selfeval_block(p, f"{p['name']}项目支出绩效自评表"))
        self.num.projects = projects

    # ============================================================== D2: 表 N + title on every page
    def layout_D2(self) -> None:
        rng, n, y, u, f = self.rng, self.num, self.year, self.unit, self.f
        ul = self.unit_label
        self.out(
            f"{y} 年{u} 部门决算",
            "1",
            "目  录",
            f"第一部分 {u} 概况",
            "一、部门主要职责",
            "二、部门决算单位构成",
            f"第二部分 {u} {y} 年部门决算表",
        )
        tables = [
            "收入支出决算总表",
            "收入决算表",
            "支出决算表",
            "财政拨款收入支出决算总表",
            "一般公共预算财政拨款支出决算表",
            "一般公共预算财政拨款基本支出决算表",
            "一般公共预算财政拨款“三公”经费支出决算表",
            "政府性基金预算财政拨款收入支出决算表",
        ]
        for k, t in enumerate(tables, start=1):
            self.out(f"{cn_num(k)}、{t}")
        self.out(
            f"第三部分 {u} {y} 年部门决算情况说明",
            "第四部分 名词解释",
            self.page_no(),
            f"第一部分 {u} 概况",
            "（一） 部门主要职责",
        )
        for d in self.duties():
            self.out(*[d[k : k + 30] for k in range(0, len(d), 30)])
        self.out(
            "（二） 部门决算单位构成",
            "我部门没有下属单位，按照部门决算编报要求，单独编制本",
            "部门决算。",
            self.page_no(),
            f"第二部分 {u} {y} 年部门决算表",
        )
        dept_line = f"部门： {u}  单位：{ul}"

        def start(no: int, title: str, header: list[str], rows: list[str], note: str) -> None:
            top = [f"表 {no}", title, dept_line, *header]
            self.out(*top)
            self.paged(rows, lambda: [self.page_no(), *top])
            self.out(note, self.page_no())

        classes, gpb_cls, gov_cls = self.class_amounts(), self.class_amounts("gpb"), self.class_amounts("gov")
        tot = n.total()
        lines_ = CLASS_LINES_FINAL[:22] if y <= 2020 else CLASS_LINES_FINAL
        m = len(lines_)
        inc = [
            "一、一般公共预算财政拨款收入",
            "二、政府性基金预算财政拨款收入",
            "三、上级补助收入",
            "四、事业收入",
            "五、经营收入",
            "六、附属单位上缴收入",
            "七、其他收入",
        ]
        inc_v = [n.total("gpb"), n.total("gov")] + [0] * 5
        rows = [
            row(
                inc[k] if k < 7 else "",
                k + 1,
                f(inc_v[k]) if k < 7 else "",
                f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
                m + 4 + k,
                f(classes.get(c, 0)),
            )
            for k, c in enumerate(lines_)
        ]
        rows += [
            row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 4, f(tot)),
            row("用事业基金弥补收支差额", m + 2, f(0), "结余分配", 2 * m + 5, f(0)),
            row("年初结转和结余", m + 3, f(0), "年末结转和结余", 2 * m + 6, f(0)),
            row("总计", m + 4, f(tot), "总计", 2 * m + 7, f(tot)),
        ]
        start(
            1,
            tables[0],
            [
                row("收入", "", "", "支出", "", ""),
                row("项 目", "行次", "决算数", "项 目", "行次", "决算数"),
                row("栏 次", "", "1", "栏 次", "", "2"),
            ],
            rows,
            "注：本表反映部门本年度的总收支和年末结转情况。本表金额转换为万元时，因四舍五入可能存在尾差。",
        )
        tree, total = func_tree(n.leaves, self.leaf_values("all"), y)
        rows = [row("", "合计", f(total[0]), f(total[0]), *[f(0)] * 5)]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[0]), *[f(0)] * 5) for r in tree]
        start(
            2,
            tables[1],
            [
                row(
                    "项 目",
                    "",
                    "本年收入合计",
                    "财政拨款收入",
                    "上级补助收入",
                    "事业收入",
                    "经营收入",
                    "附属单位上缴收入",
                    "其他收入",
                ),
                row("功能分类科目编码", "科目名称", *[""] * 7),
                row("栏次", "", *[str(i) for i in range(1, 8)]),
            ],
            rows,
            "注：本表反映部门本年度取得的各项收入情况。",
        )
        rows = [row("", "合计", f(total[0]), f(total[1]), f(total[2]), f(0), f(0), f(0))]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), f(0), f(0), f(0)) for r in tree]
        start(
            3,
            tables[2],
            [
                row("项 目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
                row("功能分类科目编码", "科目名称", *[""] * 6),
                row("栏次", "", *[str(i) for i in range(1, 7)]),
            ],
            rows,
            "注：本表反映部门本年度各项支出情况。",
        )
        fin = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款"]
        rows = [
            row(
                fin[k] if k < 2 else "",
                k + 1,
                f([n.total("gpb"), n.total("gov")][k]) if k < 2 else "",
                f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
                m + 6 + k,
                f(classes.get(c, 0)),
                f(gpb_cls.get(c, 0)),
                f(gov_cls.get(c, 0)),
            )
            for k, c in enumerate(lines_)
        ]
        rows += [
            row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 6, f(tot), f(n.total("gpb")), f(n.total("gov"))),
            row("年初财政拨款结转和结余", m + 2, f(0), "年末财政拨款结转和结余", 2 * m + 7, f(0), f(0), f(0)),
            row("一般公共预算财政拨款", m + 3, f(0), "", 2 * m + 8, "", "", ""),
            row("政府性基金预算财政拨款", m + 4, f(0), "", 2 * m + 9, "", "", ""),
            row("总计", m + 5, f(tot), "总计", 2 * m + 10, f(tot), f(n.total("gpb")), f(n.total("gov"))),
        ]
        start(
            4,
            tables[3],
            [
                row("收入", "", "", "支出", "", "", "", ""),
                row("项 目", "行次", "金额", "项 目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"),
                row("栏 次", "", "1", "栏 次", "", "2", "3", "4"),
            ],
            rows,
            "注：本表反映部门本年度财政拨款的总收支和年末结转结余情况。",
        )
        tree, total = func_tree(n.leaves, self.leaf_values("gpb"), y)
        rows = [row("", "合计", f(total[0]), f(total[1]), f(total[2]))]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for r in tree]
        start(
            5,
            tables[4],
            [
                row("项 目", "", "本年支出合计", "基本支出", "项目支出"),
                row("功能分类科目编码", "科目名称", "", "", ""),
                row("栏次", "", "1", "2", "3"),
            ],
            rows,
            "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。",
        )
        # 2-group basic table: 人员经费 left, 公用经费 right (longer)
        self.basic_groups = 2
        econ = n.econ

        def item(code: str) -> tuple[str, str, str]:
            v = econ.get(code, 0) if len(code) == 5 else sum(x for c, x in econ.items() if c.startswith(code))
            return code, ECON_NAMES[code], f(v)

        left = ["301", *econ_items("301"), "303", *[c for c in econ_items("303") if c != "30311"]]
        right = ["302", *econ_items("302"), "307", *econ_items("307")[:2], "310", *econ_items("310"), "399", *econ_items("399")]
        rows = []
        for k in range(max(len(left), len(right))):
            lc = item(left[k]) if k < len(left) else ("", "", "")
            rc = item(right[k]) if k < len(right) else ("", "", "")
            rows.append(row(*lc, *rc))
        rows.append(row("", "人员经费合计", f(n.personnel()), "", "公用经费合计", f(n.public())))
        start(
            6,
            tables[5],
            [
                row("人员经费", "", "", "公用经费", "", ""),
                row("经济分类科目编码", "科目名称", "金额", "经济分类科目编码", "科目名称", "金额"),
            ],
            rows,
            "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
        )
        # "三公" 12 columns with two header lines
        self.three_layout = "wide12_two_headers"
        b, d = n.three["预算"], n.three["决算"]

        def six(x):
            car = x["公务用车购置费"] + x["公务用车运行维护费"]
            return [
                f(sum(x.values())),
                f(x["因公出国(境)费"]),
                f(car),
                f(x["公务用车购置费"]),
                f(x["公务用车运行维护费"]),
                f(x["公务接待费"]),
            ]

        start(
            7,
            tables[6],
            [
                row("预算数", "", "", "", "", "", "决算数", "", "", "", "", ""),
                row(*["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"] * 2),
                row(*["", "", "小计", "公务用车购置费", "公务用车运行费", ""] * 2),
                row(*[str(i) for i in range(1, 13)]),
            ],
            [row(*six(b), *six(d))],
            "注：本表反映部门本年度财政拨款“三公”经费支出情况。",
        )
        gov_rows = [row("", "合计", f(0), f(n.total("gov")), f(n.total("gov")), f(0), f(n.total("gov")), f(0))]
        if n.total("gov"):
            tree, _ = func_tree(n.leaves, self.leaf_values("gov"), y)
            gov_rows += [row(r.code, r.name, f(0), f(r.vals[0]), f(r.vals[0]), f(0), f(r.vals[2]), f(0)) for r in tree]
        start(
            8,
            tables[7],
            [
                row("项 目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"),
                row("功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""),
                row("栏次", "", "1", "2", "3", "4", "5", "6"),
            ],
            gov_rows,
            "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
        )
        self.out(f"第三部分 {u} {y} 年部门决算情况说明")
        for p in self.overview_paragraphs() + [e for e in self.explanations() if e]:
            self.out(*[p[k : k + 30] for k in range(0, len(p), 30)])
        self.out(self.page_no(), "第四部分 名词解释")
        for p in [g for g in self.glossary(numbered="cn") if g]:
            self.out(*[p[k : k + 30] for k in range(0, len(p), 30)])
        projects = self.perf_projects(rng.randint(0, 4))
        for p in projects:
            self.out(self.page_no(), *self.selfeval_block(p, "项目支出绩效自评表"))
        self.num.projects = projects

    # ============================================================== P1: 项目支出绩效自评表 blocks
    def layout_P1(self) -> None:
        projects = self.perf_projects(self.rng.randint(3, 18))
        for p in projects:
            self.out("", "", *self.selfeval_block(p, "项目支出绩效自评表"))
        budget = sum(p["budget_wan"] for p in projects)
        executed = sum(p["executed_wan"] for p in projects)
        self.out(
            "",
            "# 县直部门绩效自评情况汇总表",
            "",
            row("单位名称", "项目个数", "预算金额（万元）", "执行金额（万元）", "平均得分"),
            row(
                self.unit,
                len(projects),
                f"{budget:.2f}",
                f"{executed:.2f}",
                f"{sum(p['score'] for p in projects) / len(projects):.2f}",
            ),
            "",
        )
        self.num.projects = projects


LAYOUT_CYCLE = ["Y1", "D1", "Y2", "D2", "Y3", "D1", "Y1", "D2", "P1"]


def generate_document(index: int, seed: int = 0, layout: str | None = None) -> tuple[str, dict]:
    """(text, truth) of document `index` of the corpus drawn with `seed`."""
    text, truth = DocumentBuilder(index, seed, layout).build()
    return text, truth


def doc_name(index: int) -> str:
    return f"doc_{index:05d}"


def generate_corpus(out_dir: Path | str, n: int, seed: int = 0) -> list[Path]:
    """Write n documents (and their .truth.json sidecars) into out_dir; returns the document paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text, truth = generate_document(i, seed)
        name = doc_name(i)
        truth["file"] = name + ".txt"
        truth["seed"] = seed
        path = out / (name + ".txt")
        path.write_text(text, encoding="utf-8")
        (out / (name + ".truth.json")).write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = generate_corpus(args.out_dir, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to {args.out_dir}")


if __name__ == "__main__":
    main()
