"""What a publishing unit's name looks like, and how a printed candidate is cleaned.

A candidate taken from a title, a label or a file name becomes the unit only if it looks like
one: an institutional ending (局, 中心, 委员会, 学校 …: vocabulary `unit_ending`), a plausible
length, and no sign of a sentence or heading (`not_unit_word`: 从, 的, 预算, 支出, punctuation
…). '本年度从本级财政部' or '一般公共预算基本支出部' end in a unit word but are not units.
"""

from __future__ import annotations

import re

from .. import registry
from ..text import compact

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?|(?:19|20)\d{2}(?=\D|$)")
_EDGE_JUNK = re.compile(r"^[\s\-—_·•:：、,，.。0-9]+|[\s\-—_·•:：、,，.。]+$")


def looks_like_unit(name: str | None) -> tuple[bool, str]:
    """(True, '') when `name` can be a unit's name; else (False, why not)."""
    if not name:
        return False, "empty"
    if not 4 <= len(name) <= 40:
        return False, f"length {len(name)}"
    # '某研究院（某数据管理中心）': the ending is the name's, before a trailing second name
    base = re.sub(r"[（(][^（）()]*[）)]$", "", name)
    if not registry.any_of("unit_ending").search(base):
        return False, "no institutional ending (局, 中心, 委员会 …)"
    bad = registry.any_of("not_unit_word").search(name)
    if bad:
        return False, f"reads like a sentence or heading ('{bad.group(0)}')"
    if not re.search(r"[\u4e00-\u9fff]{3}", name):
        return False, "too few Chinese characters"
    return True, ""


def strip_scope_and_document_words(text: str) -> tuple[str, set[str]]:
    """The title text without its document words (部门预算, 信息公开, 附件2 …) and scope
    markers ((本级), (汇总)), and the scopes those markers name."""
    scopes: set[str] = set()
    for term in registry.vocabulary("document_word"):
        if term.canonical.startswith("scope:") and term.pattern.search(text):
            scopes.add(term.canonical.split(":", 1)[1])
        text = term.pattern.sub(" ", text)
    return text, scopes


def clean_unit_name(raw: str) -> str:
    """A printed name without spaces, years, scope markers or edge punctuation; a trailing
    '部门' (as in '某局部门 2026 年度部门预算') is the document word, not the unit's."""
    name = compact(raw)
    name = _YEAR.sub("", name)
    name = re.sub(r"[（(](?:本级|汇总|部门汇总|单位)[）)]", "", name)
    name = _EDGE_JUNK.sub("", name)
    name = re.sub(r"年度?$", "", name)  # a year whose digits the extraction lost ('某委员会 年部门预算')
    if name.endswith("部门") and len(name) > 4:
        name = name[:-2]
    return name.replace("(", "（").replace(")", "）")  # names keep the full-width brackets they print
