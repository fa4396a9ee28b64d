"""绩效 table titles are recognised in one place, the segmenter, through the `table_title`
vocabulary: each title form names a 绩效 kind (stage and scope). The titles below are
printed in real documents (../shared/corpus/txt, samples)."""

from __future__ import annotations

import pytest

from ingest.segment import title_kind


@pytest.mark.parametrize(
    "line, kind",
    [
        ("项目支出绩效目标表", "perf_target"),
        ("政策和项目预算绩效目标表", "perf_target"),
        ("表11：2026年市级部门项目支出绩效表", "perf_target"),  # 杭州: one project a row
        ("广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）", "perf_target"),
        ("年市级重点专项资金绩效目标表（一级项目）", "perf_fund_target"),  # 重庆: the year on the next line
        ("年市级一般性项目绩效目标表（一级项目）", "perf_target"),
        ("2020年专项资金整体绩效目标表", "perf_fund_target"),  # a fund's table, though it says 整体
        ("2026年部门整体绩效目标表", "perf_unit_target"),
        ("部门整体支出绩效目标表（2026年度）", "perf_unit_target"),
        ("2020年专项资金总体绩效目标表", "perf_fund_target"),
        ("项目支出绩效自评表", "perf_self"),
        ("部门整体支出绩效自评表", "perf_unit_self"),
        ("县直部门绩效自评情况汇总表", "perf_summary"),
        # a long project name in a self-evaluation title (sample 002, line 826)
        (
            '医保中心稳定脱贫人口居民医保个人缴费资助和困难人群医保慢性病、"两病"门诊兜底救助项 '
            "目(高财社[2023]59号原2023年项目)项目支出绩效自评表",
            "perf_self",
        ),
    ],
)
def test_performance_title_kinds(line, kind):
    found = title_kind(line)
    assert found is not None and found[0] == kind


def test_long_titles_are_performance_titles_only():
    # a statement title never runs past 60 characters: a longer line is a sentence
    assert title_kind("一般公共预算支出表" + "说明文字" * 15) is None


def _doc(text: str):
    import hashlib

    from ingest.model import SourceDocument

    return SourceDocument("f.txt", "f.txt", hashlib.sha256(text.encode()).hexdigest(), "utf-8", text.split("\n"))


def test_title_wrapped_over_two_lines():
    # 021_6bcadf3604 lines 453-456 and 723-725: the title wraps, a unit code and unit lead it,
    # or the year stands alone on the line above
    from ingest.segment import segment_tables

    text = (
        "2 2\n"
        "301007_泉州市公安局晋江国际机场分局_机场公安综\n"
        "合修缮改造项目绩效目标表\n"
        "专项资金情况（万元）\t资金总额：\t57.00\t\t\n"
        "4 1\n"
        "2026\n"
        "年食堂食材及配送服务采购项目绩效目标表\n"
        "专项资金情况（万元）\t资金总额：\t90.00\t\t\n"
        "(2026年度)\n"
        "政策和项目预算绩效目标表\n"
        "项目名称\t\t\t城市更新城市体检\t\t\n"
        "\t一级指标\t二级指标\t三级指标\t指标值\t\n"
        "绩效指标\t成本指标\t经济成本\t项目总成本\t≤87.45万元\t\n"
    )
    tables = segment_tables(_doc(text), "万元")
    assert [(t.title_line, t.table_kind, t.title) for t in tables] == [
        (2, "perf_target", "301007_泉州市公安局晋江国际机场分局_机场公安综合修缮改造项目绩效目标表"),
        (6, "perf_target", "2026年食堂食材及配送服务采购项目绩效目标表"),
        (10, "perf_target", "政策和项目预算绩效目标表"),  # '(2026年度)' is a line of its own
    ]


def test_title_with_a_spaced_qualifier():
    # 004_e510f5602d: '年市级重点专项资金绩效目标表 一级项目' (the brackets lost by the extractor)
    assert title_kind("年市级重点专项资金绩效目标表 一级项目")[0] == "perf_fund_target"
    assert title_kind("一般公共预算支出表 说明文字") is None  # only a 绩效 title takes a qualifier


def test_a_label_line_above_a_title_is_not_part_of_it():
    # tests/fixtures/performance/self_eval_a.txt lines 41-42: '联系方式: 8366688' / '# 项目支出绩效自评表'
    from ingest.segment import _wrapped_performance_title

    assert _wrapped_performance_title("联系方式: 8366688", "# 项目支出绩效自评表") is None
    assert _wrapped_performance_title("填报人联系方式8366688", "# 项目支出绩效自评表") is None  # a heading stands alone
