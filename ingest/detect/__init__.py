"""Which document is this: kind (预算/决算/绩效自评), fiscal year, publishing unit, scope, money unit.

The unit is taken from the first source that prints one that looks like a unit (names.py):

  title         the cover, wrapped lines joined (title.py)
  label         预算单位：X, 部门名称：X, 编制单位：X … (evidence.py)
  table header  coded page headers ('450 某某局')
  file name     the input's path, or the crawler's original name from the manifest
  manifest      the manifest's unit column

and `DocumentInfo.unit_source` records which. When none does, the document has no unit and
the refresh rejects it with the reasons gathered here. Scope — 部门汇总 (a department with its
units), 本级 (the department's own office), 单位 (one budget unit) — comes from the title's and
labels' markers ((本级), (汇总), 部门预算, 单位预算). A manifest value that disagrees with what
the document prints is a finding; the document's own value wins.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..model import DocumentInfo, SourceDocument
from ..text import compact
from .evidence import body_units, is_alias
from .kind_year import detect_kind, detect_money_unit, detect_year, head_lines, kind_in_name, year_in_name
from .manifest import MANIFEST_NAMES, Manifest, ManifestEntry, read_manifest
from .names import clean_unit_name, looks_like_unit, strip_scope_and_document_words
from .title import unit_from_title

__all__ = [
    "MANIFEST_NAMES",
    "Manifest",
    "ManifestEntry",
    "detect_document",
    "detect_kind",
    "detect_money_unit",
    "detect_year",
    "head_lines",
    "is_alias",
    "read_manifest",
    "unit_in_name",
]


def unit_in_name(path: str | None) -> tuple[str | None, set[str]]:
    """A unit named in a file or folder name ('2026年北京市信访办公室部门预算.pdf'), and the
    scopes the name states; the last path part that names one wins."""
    if not path:
        return None, set()
    for part in reversed(PurePath(path.replace("\\", "/")).parts):
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", part)
        rest, scopes = strip_scope_and_document_words(compact(stem))
        for piece in re.split(r"[\s_\-—–、,，()（）\[\]【】]+", rest):
            name = clean_unit_name(piece)
            if looks_like_unit(name)[0]:
                return name, scopes
    return None, set()


def _scope(markers: set[str]) -> str | None:
    """The most specific scope the markers name: 本级, then 部门汇总, then 单位."""
    for scope in ("本级", "部门汇总", "单位"):
        if scope in markers:
            return scope
    return None


def detect_document(doc: SourceDocument, manifest: ManifestEntry | None = None) -> DocumentInfo:
    manifest = manifest or ManifestEntry()
    findings: list[str] = []
    title_name, title_scopes, title_text = unit_from_title(doc)
    body = body_units(doc)

    candidates: list[tuple[str, str | None]] = [("title", title_name)]
    if body.labelled:
        candidates.append(("label", body.labelled.most_common(1)[0][0]))
    if body.coded:
        candidates.append(("table header", body.coded.most_common(1)[0][0][1]))
    if body.implementer:
        candidates.append(("label", body.implementer.most_common(1)[0][0]))
    path_name, path_scopes = unit_in_name(doc.source_path)
    original_name, original_scopes = unit_in_name(manifest.original_name)
    candidates += [("file name", path_name), ("file name", original_name), ("manifest", manifest.unit)]
    name, unit_source = next(((n, s) for s, n in candidates if n and looks_like_unit(n)[0]), (None, None))
    if name is None and body.parent_labelled:  # only the 主管部门 is printed: it publishes
        name, unit_source = body.parent_labelled.most_common(1)[0][0], "label"
    if name is None:
        tried = [f"{s}: {n} ({looks_like_unit(n)[1]})" for s, n in candidates if n]
        findings.append("no unit: " + ("; ".join(tried) if tried else "no title, label, table header or file name names one"))
    elif (
        manifest.unit
        and unit_source != "manifest"
        and compact(manifest.unit) != name
        and not is_alias(name, compact(manifest.unit))
    ):
        findings.append(f"unit: the document prints {name} ({unit_source}), the manifest says {manifest.unit}")

    aliases: list[str] = []
    for cand in [*body.labelled.keys(), *(n for _, n in body.coded.keys())]:
        if cand and name and cand != name and cand not in aliases and is_alias(name, cand):
            aliases.append(cand)
    same_unit = {name, *aliases}
    codes = sorted(
        {c for (c, n) in body.coded if n in same_unit or (name and (n in name or name in n))}, key=lambda c: (len(c), c)
    )
    code = codes[0] if codes else (body.own_codes.most_common(1)[0][0] if body.own_codes else None)

    markers = set(title_scopes) | {"部门汇总" if s == "汇总" else s for s in body.label_scopes}
    if unit_source == "file name":
        markers |= path_scopes | original_scopes
    scope = _scope(markers) or "单位"
    level = "部门" if scope == "部门汇总" else "单位"
    if level == "部门" and code and len(code) == 6:
        code = None  # a 6-digit code is a 单位 inside the department (often its 本级), not the 部门 itself

    kind, kind_source = detect_kind(doc), "text"
    if kind is None:
        kind = kind_in_name(doc.source_path) or kind_in_name(manifest.original_name or "") or manifest.kind
        kind_source = "file name" if kind and kind != manifest.kind else "manifest"
    elif manifest.kind and manifest.kind != kind:
        findings.append(f"kind: the document reads as {kind}, the manifest says {manifest.kind}")

    year = detect_year(doc)
    year_source: str | None = "text"
    if year is None:
        year = year_in_name(doc.source_path) or year_in_name(manifest.original_name or "") or manifest.year
        year_source = "manifest" if year and year == manifest.year and not year_in_name(doc.source_path) else "file name"
        if year is None:
            year_source = None
    elif manifest.year and manifest.year != year:
        findings.append(f"year: the document prints {year}, the manifest says {manifest.year}")

    parent_code, parent_name = body.parent
    if parent_name is None and body.parent_labelled:
        parent_name = body.parent_labelled.most_common(1)[0][0]
        if parent_name == name:
            parent_name = None
    if scope == "本级" and name and parent_name is None:
        parent_name = name  # the department's own office belongs to the department of that name

    title = " ".join(head_lines(doc, 2))[:200] or None
    return DocumentInfo(
        doc_kind=kind,
        year=year,
        unit_name=name,
        unit_code=code,
        amount_unit=detect_money_unit(doc),
        title=title,
        unit_name_aliases=aliases,
        parent_unit_name=parent_name,
        parent_unit_code=parent_code,
        listed_units=sorted(body.coded.keys()),
        unit_level=level,
        scope=scope,
        unit_source=unit_source,
        year_source=year_source,
        kind_source=kind_source,
        region_hint=manifest.region,
        source_url=manifest.source_url,
        identity_findings=findings,
        title_names_document=bool(re.search(r"预算|决算|绩效", title_text)),
    )
