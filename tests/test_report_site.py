"""`python -m ingest report`: the static report site, as a reader sees it in a browser.

The site is built from the samples plus a 决算 of sample 000's unit and year (so one unit has
预算 and 决算 to compare) by the command itself, then opened from disk (file://, no server)
in headless Chromium: the rendered DOM must carry the expected titles and figures, and the
screenshots — written to target/report-screenshots/ for people to look at — must show the
charts (not a blank page). Expected figures are the documents' printed ones, quoted.
"""

from __future__ import annotations

import html
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from ingest import pipeline

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--allow-file-access-from-files",
]
SCREENSHOTS = pipeline.PROJECT_DIR / "target" / "report-screenshots"
BLUE, ORANGE = (0x2F, 0x6D, 0xB5), (0xE0, 0x7B, 0x39)  # the first two chart colours (charts.PALETTE)


def find_chromium() -> str | None:
    import shutil

    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(extended_warehouse, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "ingest", "report", "--db", str(extended_warehouse), "--html", str(folder)],
        capture_output=True,
        text=True,
        cwd=pipeline.PROJECT_DIR,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"report: {folder / 'index.html'}")
    return folder


def page_of(site: Path, label: str) -> Path:
    """The page the index links with this text."""
    index = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'href="([^"]+)">' + re.escape(label) + "<", index)
    assert m, f"no link to {label} on the index"
    return site / m.group(1)


def text_of(dom: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [find_chromium() or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
    )


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, RGB rows) of an 8-bit RGB or RGBA PNG, as Chromium writes them."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    channels = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        previous = line
        rows.append(bytes(line) if channels == 3 else bytes(b for j, b in enumerate(line) if j % 4 != 3))
    return width, height, rows


def inspect(png: Path) -> dict:
    """How much of the screenshot is drawn, and how much of it in the chart colours."""
    width, height, rows = read_png(png)
    drawn = blue = orange = 0
    for row in rows[::2]:
        for x in range(0, width * 3, 6):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r < 235 or g < 235 or b < 235:
                drawn += 1
            if abs(r - BLUE[0]) + abs(g - BLUE[1]) + abs(b - BLUE[2]) < 30:
                blue += 1
            elif abs(r - ORANGE[0]) + abs(g - ORANGE[1]) + abs(b - ORANGE[2]) < 30:
                orange += 1
    sampled = (height // 2 + height % 2) * (width // 2)
    return {"size": (width, height), "drawn": drawn / sampled, "blue": blue, "orange": orange}


def test_index_links_every_unit_and_document(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for unit in (
        "青龙满族自治县医疗保障局",
        "辽宁省朝阳市北票市医疗保障局",
        "大厂回族自治县医疗保障局",
        "福州市医疗保障局（本级）",
    ):
        assert page_of(site, unit).is_file(), unit
    for source in ("000_0b5863540bb89ed9.txt", "000_as_final_accounts.txt", "004_7cec67b54d9192d1.txt"):
        assert page_of(site, source).is_file(), source
    assert "<script" not in index and "http://" not in index and "https://" not in index  # nothing fetched


def test_unit_page_compares_budget_with_final_accounts(site):
    """青龙满族自治县医疗保障局 2024: the 预算 (sample 000) and its 决算 copy print the same
    支出总表 — line 121: "1		合计	11915. 40	350. 34	11565. 06" — so every 类 executes at 100%."""
    page = page_of(site, "青龙满族自治县医疗保障局").read_text(encoding="utf-8")
    text = text_of(page)
    assert "预算与决算 · Budget vs final accounts" in text
    row = re.search(r"合计 total ([\d,.]+) ([\d,.]+) ([\d,.]+) ([\d.]+)%", text)
    assert row, "no total row in the budget vs final table"
    budget, final = (float(v.replace(",", "")) for v in row.group(1, 2))
    assert abs(budget - 11915.40) <= 0.02 and budget == final and row.group(4) == "100.0"
    # 000 line 128: "8	210	卫生健康支出	11649. 12	288. 06	11361.06", the largest 类, first;
    # line 152: "24	212	城乡社区支出	200.00		200.00"
    assert re.search(r"210 卫生健康支出 11,649\.12 11,649\.12 0\.00 100\.0%", text)
    assert re.search(r"212 城乡社区支出 200\.00 200\.00 0\.00 100\.0%", text)
    assert text.index("210 卫生健康支出") < text.index("212 城乡社区支出")
    assert page.count("<svg") >= 4  # function, basic/project, personnel/running, "三公"


def test_unit_page_shows_project_scores_and_unmet_indicators(site):
    """北票 2024 决算 (sample 003), line 802: "指标自评得分小计 90 … 绩效自评总得分 59" for 离休医疗保障."""
    page = page_of(site, "辽宁省朝阳市北票市医疗保障局").read_text(encoding="utf-8")
    assert "离休医疗保障: 59 分 差" in html.unescape(page)  # the bar's tooltip: score and grade
    text = text_of(page)
    assert "未完成的绩效指标 · Indicators not met" in text
    assert "预算执行率" in text  # 整体 evaluation: 预算执行率 target =100%, actual 76


def test_document_page_shows_failed_checks_beside_printed_lines(site):
    """004 line 785 (绩效自评情况汇总表): "资金总量 568.64 568.64", while its 23 project
    tables add up to 425.395 — rule R11 fails, and the page shows that printed line."""
    page = page_of(site, "004_7cec67b54d9192d1.txt").read_text(encoding="utf-8")
    text = text_of(page)
    assert "R11 summary_counts_equal_projects" in text
    flagged = re.search(r'<tr class="row flagged"><td class="num">785</td>(.*?)</tr>', page)
    assert flagged, "line 785 is not shown highlighted"
    assert [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", flagged.group(1))][:3] == ["资金总量", "568.64", "568.64"]
    # fz (福州市医疗保障局 2026 预算) passes every check: its page says so
    clean = page_of(site, "fz_ybj_2026_yusuan.txt").read_text(encoding="utf-8")
    assert "全部通过 · all" in text_of(clean)


@pytest.mark.parametrize(
    ("label", "titles"),
    [
        (
            "青龙满族自治县医疗保障局",
            ['"三公"经费', "按功能分类的支出", "预算与决算", "基本支出与项目支出", "人员经费与公用经费"],
        ),
        ("辽宁省朝阳市北票市医疗保障局", ["按功能分类的支出", "项目绩效得分", "未完成的绩效指标"]),
        ("004_7cec67b54d9192d1.txt", ["核对结果 · Checks", "未通过的核对 · Failed checks", "R11"]),
    ],
)
def test_pages_render_in_a_browser_with_their_charts(site, label, titles, tmp_path):
    """Opened from disk in headless Chromium: the expected titles are in the rendered page,
    and the screenshot (kept in target/report-screenshots/) is drawn, in the chart colours."""
    if find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it in CI)")
    page = page_of(site, label)
    dom = chromium(page, tmp_path / "profile-dom", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = text_of(dom.stdout)
    assert label in text
    for title in titles:
        assert title in text, title

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    png = SCREENSHOTS / f"{label.removesuffix('.txt')}.png"
    png.unlink(missing_ok=True)
    shot = chromium(page, tmp_path / "profile-shot", "--window-size=1100,1800", f"--screenshot={png}")
    assert shot.returncode == 0 and png.is_file(), shot.stderr[-2000:]
    seen = inspect(png)
    assert seen["size"] == (1100, 1800)
    assert seen["drawn"] > 0.03, seen  # text, tables and bars, not a blank page
    if not label.endswith(".txt"):
        assert seen["blue"] > 200 and seen["orange"] > 50, seen  # the bars themselves


def test_a_document_with_many_failed_checks_stays_readable(extended_warehouse, monkeypatch):
    """Real documents fail hundreds of checks: the page lists the largest differences first,
    at most MAX_CHECKS_LISTED of them, says how many there are, and prints each table once."""
    from ingest.report import data
    from ingest.report.pages import render_document
    from ingest.sqlguard import open_read_only

    monkeypatch.setattr(data, "MAX_CHECKS_LISTED", 2)
    con = open_read_only(extended_warehouse)
    try:
        ref = next(d for d in data.documents(con) if d.source_file.startswith("004_"))
        report = data.document_report(con, ref)
    finally:
        con.close()
    # 004 fails 5 checks: R11 (资金总量 568.64 vs 425.395), two R10 (执行率 10% printed, 100% by the
    # amounts), and R09 + R13 on 医保基金监管专项检查经费, whose indicator 分值 add up to 110
    assert report.failed_total == 5 and len(report.failed) == 2
    # the largest differences (004: R11 568.64 vs 425.395; R10 10% printed where the amounts give 100%)
    assert [c.rule_id for c in report.failed] == ["R11", "R10"]
    page = render_document(report, "warehouse.duckdb")
    assert "the first 2 of 5" in page
    assert len(report.tables) == len({t.table_no for t in report.tables}) == 2
    assert page.count('<table class="lines">') == 2
