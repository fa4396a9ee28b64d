"""The same document extracted as markdown pipe tables instead of tab-separated rows must
mean the same: identical document info, amounts, projects and indicators.

Every sample (tab-separated as shipped) is rewritten the way PDF-to-markdown extractors
print tables: each tab row becomes `| a | b |`, and each run of rows gets a `|---|` separator
after its first row. Only line numbers may differ (the separators add lines).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES

from ingest.parse_document import parse_path

SAMPLE_FILES = sorted(SAMPLES.rglob("*.txt"))


def as_markdown(text: str) -> str:
    out, in_table = [], False
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            in_table = False
            continue
        cells = [c.strip() for c in line.split("\t")]
        out.append("| " + " | ".join(cells) + " |")
        if not in_table:
            out.append("|" + "|".join("---" for _ in cells) + "|")
        in_table = True
    return "\n".join(out)


def meaning(parsed):
    """What a document says, without where (line numbers) it says it."""
    amounts = Counter(
        (a.table_no, a.row_kind, a.subject_scheme, a.subject_code, a.subject_name, a.measure, a.amount, a.amount_unit)
        for a in parsed.amounts
    )
    indicators = Counter(
        (i.project_no, i.level1, i.level2, i.indicator_name, i.target_raw, i.actual_raw, i.weight, i.score)
        for i in parsed.performance.indicators
    )
    projects = [
        (p.project_no, p.stage, p.project_name, p.project_code, p.budget_wan, p.executed_wan, p.score_total)
        for p in parsed.performance.projects
    ]
    tables = [(t.table_no, t.table_kind, t.title, t.amount_unit, len(t.rows), t.empty_note) for t in parsed.tables]
    return parsed.info, tables, amounts, projects, indicators


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name[:12] for p in SAMPLE_FILES])
def test_markdown_extraction_means_the_same(path: Path, tmp_path: Path):
    md = tmp_path / path.name
    md.write_text(as_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")
    tab_info, tab_tables, tab_amounts, tab_projects, tab_indicators = meaning(parse_path(path, path.name))
    md_info, md_tables, md_amounts, md_projects, md_indicators = meaning(parse_path(md, path.name))
    assert md_info == tab_info
    assert md_tables == tab_tables
    assert md_amounts == tab_amounts
    assert md_projects == tab_projects
    assert md_indicators == tab_indicators
    assert sum(tab_amounts.values()) + sum(tab_indicators.values()) > 0 or path.name.startswith("004")
