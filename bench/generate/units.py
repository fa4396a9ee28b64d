"""Places, departments and project names the generated documents are about."""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
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
