"""The cover / title block: the publishing unit and the document's scope as the title prints them.

Covers wrap wherever the PDF line ended ('2026 年某市交通运输局（本级）部' / '门预算',
'某某经济技术开发区生态' / '环境局' / '单位预算'), so the block's lines are joined before
anything is read. Year, scope markers ((本级), (汇总)) and document words (部门预算, 信息公开,
附件2) are removed; what remains is the unit's name if it looks like one (names.py). A label
line inside the block ('预算单位：上海科技大学附属学校', as under the title '上海市2026年市级
单位预算') is left to the label reader.
"""

from __future__ import annotations

import re

from ..model import SourceDocument
from ..text import compact, is_markdown_separator, split_cells
from .names import clean_unit_name, looks_like_unit, strip_scope_and_document_words

# where the cover ends: the table of contents, the first part or section, or a sentence
_BLOCK_END = re.compile(
    r"^(?:目\s*录|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|[0-9]+[、.．])"
)
_LABEL = re.compile(r"^[^：:]{2,10}[：:]")
_MAX_LINES = 6


def title_block(doc: SourceDocument) -> list[str]:
    """The cover lines: the first non-empty lines, up to the table of contents, a numbered
    section, a label line or a sentence (at most six lines)."""
    out: list[str] = []
    for line in doc.lines[:80]:
        if is_markdown_separator(line):
            continue
        text = " ".join(c.strip() for c in split_cells(line) if c.strip())
        if not text:
            continue
        key = compact(text)
        if _BLOCK_END.match(key) or _LABEL.match(key) or "。" in key or len(key) > 60:
            if out:
                break
            continue  # a label or numbered line before any title: not the cover
        out.append(text)
        if len(out) >= _MAX_LINES:
            break
    return out


def unit_from_title(doc: SourceDocument) -> tuple[str | None, set[str], str]:
    """(unit name or None, scopes the title names, the joined title text)."""
    block = title_block(doc)
    joined = compact("".join(block))
    rest, scopes = strip_scope_and_document_words(joined)
    for piece in [p for p in re.split(r"\s+", rest) if p]:
        name = clean_unit_name(piece)
        if looks_like_unit(name)[0]:
            return name, scopes, joined
    return None, scopes, joined
