"""Two corpus PDFs the manifest calls scanned, hand-checked against their page images.

020_f520463000.pdf and sh-pt_7709dd0f29.pdf look like scans in the manifest but carry a text
layer (the readers take them through pdfplumber); the corpus's true scans (no text layer) print
no tables, only letters and evaluation reports. One table page was also read through OCR (its
page image is what a scan of it would be). Three misreadings, each fixed by a rule about what
pages print:
- the OCR engine reads the text of two neighbouring cells as one box (a wrapped header,
  '公务用车购' beside '公务用车运行'): the box is cut at the ruling line it crosses
  (ingest/readers/ocr_layout.split_straddling);
- a statement's title wrapped over two lines whose second line alone reads as another title
  ('…“三公”经费及' / '会议费、培训费支出预算表'): the two lines make the title (segment.py);
- the code columns' header 类 | 款 | 项 printed on the 合计 row ('类 | 款 | 项 | 合计 | 2,946.25'):
  the words go to the header, the amounts stay a row, so the codes join (segment.py).

The values below were read off the page images by eye (quoted beside each assertion). The
OCR test renders one corpus page and reads it through OCR; it skips without ../shared/corpus or
an OCR engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parse_document import parse_path
from ingest.readers import ocr
from ingest.readers.ocr_layout import place_boxes, split_straddling

CORPUS_PDF = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"


def _doc(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ one OCR box across two cells


def test_a_box_across_a_ruling_line_is_cut_into_its_cells():
    cells = [(0, 0, 100, 30), (100, 0, 200, 30), (200, 0, 300, 30)]
    # '公务用车购' ends at the line x=100, '公务用车运行' starts after it: 11 characters, 10 px each
    box = (50, 5, 160, 25, "公务用车购公务用车运行")
    assert [p[4] for p in split_straddling(box, cells)] == ["公务用车购", "公务用车运行"]
    assert place_boxes([box], [[cells]]) == ["公务用车购\t公务用车运行\t"]


def test_a_box_inside_one_cell_or_across_a_merged_cell_is_kept():
    cells = [(0, 0, 100, 30), (100, 0, 300, 30)]  # the second cell covers two grid columns
    assert split_straddling((110, 5, 290, 25, "一般公共预算拨款安排的三公经费"), cells) == [
        (110, 5, 290, 25, "一般公共预算拨款安排的三公经费")
    ]
    assert split_straddling((10, 5, 90, 25, "合计"), cells) == [(10, 5, 90, 25, "合计")]


# ------------------------------------------------------------------ a statement title over two lines


def test_a_title_wrapped_over_two_lines_names_the_table(tmp_path):
    """020_f520463000.pdf page 77: '2021年部门综合预算一般公共预算拨款“三公”经费及' /
    '会议费、培训费支出预算表（不含上年结转）'; its 合计 row: 合计 1,633,304.00 | 小计 310,840.00 |
    因公出国（境）费用 0.00 | 公务接待费 127,840.00 | 公务用车 小计 183,000.00 | 购置费 0.00 |
    运行费 183,000.00 | 会议费 299,250.00 | 培训费 1,023,214.00."""
    lines = [
        "西安市民政局2021年部门预算",
        "表13",
        "2021年部门综合预算一般公共预算拨款“三公”经费及",
        "会议费、培训费支出预算表 (不含上年结转)",
        "预算单位：西安市民政局 单位：元",
        "序号\t单位编码\t单位名称\t2021年\t\t\t\t\t\t\t\t",
        '\t\t\t合计\t一般公共预算拨款安排的“三公"经费预算\t\t\t\t\t\t会议费\t培训费',
        "\t\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行费\t\t\t\t",
        "\t\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\t",
        "1\t\t合计\t1,633,304.00\t310,840.00\t0.00\t127,840.00\t183,000.00\t0.00\t183,000.00\t299,250.00\t1,023,214.00",
    ]
    parsed = parse_path(_doc(tmp_path, lines), "doc.txt")
    assert [t.table_kind for t in parsed.tables] == ["three_public"]
    read = {a.subject_name: a.amount for a in parsed.amounts}
    assert read == {
        "合计": 310840.0,
        "因公出国(境)费": 0.0,
        "公务接待费": 127840.0,
        "公务用车购置及运行维护费": 183000.0,
        "公务用车购置费": 0.0,
        "公务用车运行维护费": 183000.0,
    }


def test_a_fragment_before_a_title_is_not_part_of_it(tmp_path):
    lines = [
        "某局2026年部门预算",
        "国有资本经营预算",  # a line of running text, not the start of a title (no year)
        "2026年预算单位一般公共预算支出功能分类预算表",
        "单位：元",
        "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "\t合计\t100\t60\t40",
    ]
    parsed = parse_path(_doc(tmp_path, lines), "doc.txt")
    assert [t.table_kind for t in parsed.tables] == ["gpb_func"]


# ------------------------------------------------------------------ 类 | 款 | 项 on the 合计 row


def test_code_part_words_printed_on_the_total_row(tmp_path):
    """sh-pt_7709dd0f29.pdf pages 8-9, 收入决算表 as printed (本年收入合计 | 财政拨款收入 |
    其他收入; the blank 上级补助/事业/经营/附属 columns left out): '类 | 款 | 项 | 合计 | 2,946.25 |
    2,940.05 | 6.20', then the 类/款/项 rows below."""
    lines = [
        "上海市普陀区财政局2024年度部门决算",
        "收入决算表",
        "单位：万元",
        "项目\t\t\t\t本年收入合计\t财政拨款收入\t其他收入",
        "功能分类\t\t\t科目名称\t\t\t",
        "科目编码\t\t\t\t\t\t",
        "类\t款\t项\t合计\t2,946.25\t2,940.05\t6.20",
        "201\t\t\t一般公共服务支出\t2,112.86\t2,106.66\t6.20",
        "201\t06\t\t财政事务\t2,112.86\t2,106.66\t6.20",
        "201\t06\t01\t行政运行\t1,511.90\t1,511.89\t0.01",
        "201\t06\t02\t一般行政管理事务\t16.19\t10.00\t6.19",
        "201\t06\t07\t信息化建设\t135.25\t135.25\t",
        "201\t06\t08\t财政委托业务支出\t449.52\t449.52\t",
        "208\t\t\t社会保障和就业支出\t326.72\t326.72\t",
        "208\t05\t\t行政事业单位养老支出\t326.72\t326.72\t",
        "208\t05\t01\t行政单位离退休\t84.65\t84.65\t",
        "208\t05\t05\t机关事业单位基本养老保险缴费支出\t160.75\t160.75\t",
        "208\t05\t06\t机关事业单位职业年金缴费支出\t80.38\t80.38\t",
        "208\t05\t99\t其他行政事业单位养老支出\t0.94\t0.94\t",
        "210\t\t\t卫生健康支出\t60.99\t60.99\t",
        "210\t11\t\t行政事业单位医疗\t60.99\t60.99\t",
        "210\t11\t01\t行政单位医疗\t60.99\t60.99\t",
        "221\t\t\t住房保障支出\t445.69\t445.69\t",
        "221\t02\t\t住房改革支出\t445.69\t445.69\t",
        "221\t02\t01\t住房公积金\t187.19\t187.19\t",
        "221\t02\t03\t购房补贴\t258.50\t258.50\t",
    ]
    parsed = parse_path(_doc(tmp_path, lines), "doc.txt")
    got = {(a.subject_code, a.measure): a.amount for a in parsed.amounts}
    assert got[(None, "合计")] == 2946.25  # the 合计 row is still read as the total
    assert got[("201", "合计")] == 2112.86 and got[("20106", "合计")] == 2112.86
    assert got[("2010601", "合计")] == 1511.90 and got[("2010601", "其他收入")] == 0.01
    classes = sum(a.amount for a in parsed.amounts if a.measure == "合计" and a.subject_code and len(a.subject_code) == 3)
    assert classes == pytest.approx(2946.25, abs=0.015)  # the publisher rounds each row: 2,946.26


# ------------------------------------------------------------------ a real page image, through OCR


@pytest.mark.skipif(not (CORPUS_PDF / "020_f520463000.pdf").exists(), reason=f"the corpus PDF is not at {CORPUS_PDF}")
def test_a_table_page_through_ocr_reads_its_printed_values(tmp_path):
    """020_f520463000.pdf page 77 rendered and read by OCR (values read off the page image, see
    the test above): the wrapped header cell '公务用车购|置费' and its neighbour '公务用车运行|费' come out in their own
    columns, and the table is read as the 三公 table with the printed amounts."""
    engine, why = ocr.available_engine()
    if engine is None:
        pytest.skip(why)
    data = (CORPUS_PDF / "020_f520463000.pdf").read_bytes()
    (page,) = ocr.ocr_pdf_pages(engine, data, [77])
    assert any(line.split("\t")[7:10] == ["小计", "公务用车购置费", "公务用车运行费"] for line in page), page[:10]
    parsed = parse_path(_doc(tmp_path, ["西安市民政局2021年部门预算", *page]), "doc.txt")
    tp = {a.subject_name: a.amount for a in parsed.amounts if a.row_kind in ("total", "item", "parent")}
    assert tp.get("合计") == 310840.0 and tp.get("公务接待费") == 127840.0
    assert tp.get("公务用车运行维护费") == 183000.0 and tp.get("公务用车购置费") == 0.0
