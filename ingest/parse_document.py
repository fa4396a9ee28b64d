"""One document end to end in memory: detect -> segment -> parse -> repair.

Runs in a worker process during refresh, so it takes a path and returns plain data. A table
that fails to parse is recorded in `table_errors` and the rest of the document is kept.
"""

from __future__ import annotations

import hashlib
import json
import traceback
from pathlib import Path, PurePath

from .detect import ManifestEntry, detect_document
from .financial import read_financial_table, repair_codes
from .model import ParsedDocument, PerformanceResult, SourceDocument
from .readers import read_document
from .segment import FINANCIAL_KINDS, PERFORMANCE_KINDS, segment_tables


def text_hash(lines: list[str]) -> str:
    """The decoded text's fingerprint, trailing spaces and blank ends ignored: the same document
    saved in another encoding (GB18030 beside UTF-8, a BOM, CRLF) has the same text hash."""
    text = "\n".join(line.rstrip() for line in lines).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_source(source: SourceDocument, manifest: ManifestEntry | None = None) -> ParsedDocument:
    if source.text_sha256 is None:
        source.text_sha256 = text_hash(source.lines)
    info = detect_document(source, manifest)
    tables = segment_tables(source, info.amount_unit)
    info.amount_unit = financial_money_unit(tables, info.amount_unit)
    info.doc_kind = financial_doc_kind(tables, info.doc_kind)
    table_errors: list[tuple[int, str]] = []
    amounts, repairs = parse_financial_tables(tables, info, table_errors)
    performance = parse_performance_tables(source, info, table_errors, tables)
    return ParsedDocument(source, info, tables, amounts, repairs, performance, table_errors)


def parse_financial_tables(tables, info, table_errors: list[tuple[int, str]]):
    """(amount cells, repairs) of the document's financial tables: the code repairs and the
    parsers' findings (a table read by position, not understood, not read by unit, given the
    kind its header shows); a table that fails is added to `table_errors`, the others kept."""
    amounts = []
    findings = []
    for table in tables:
        if table.table_kind not in FINANCIAL_KINDS:
            continue
        try:
            stage = info.doc_kind if info.doc_kind in ("预算", "决算") else None
            reading = read_financial_table(table, stage, info.year)
        except Exception as exc:  # one broken table must not lose the document
            table_errors.append((table.table_no, f"{type(exc).__name__}: {exc}"))
            continue
        amounts.extend(reading.cells)
        findings.extend(reading.findings)
    return amounts, findings + repair_codes(amounts)


def financial_money_unit(tables, fallback: str) -> str:
    """The document's money unit is the one its financial tables print (performance tables
    are often in 万元 beside 元 statements); the text-wide majority only when none prints one."""
    units = [t.amount_unit for t in tables if t.table_kind not in PERFORMANCE_KINDS and t.unit_printed]
    if not units:
        return fallback
    return max(set(units), key=units.count)


def financial_doc_kind(tables, detected: str | None) -> str | None:
    """A document with budget or final-accounts tables is a 预算 or a 决算, even where its text
    reads like a 绩效自评 (a self-evaluation bundled with the 决算 it belongs to): every
    financial fact is a 预算 or a 决算 figure. The tables' own titles say which."""
    if detected in ("预算", "决算"):
        return detected
    # a "三公" table alone proves nothing: 说明 and 绩效 documents reprint it
    titles = [t.title for t in tables if t.table_kind in FINANCIAL_KINDS and t.table_kind != "three_public"]
    if not titles:
        return detected
    return "决算" if sum("决算" in t for t in titles) * 2 >= len(titles) else "预算"


def parse_performance_tables(source, info, table_errors, tables=None) -> PerformanceResult:
    """The 绩效 tables among the segmenter's `tables` (segmented again when not given)."""
    try:
        from .parse_performance import parse_performance
    except ImportError:
        return PerformanceResult()
    try:
        return parse_performance(source, info, tables)
    except Exception as exc:
        table_errors.append((0, f"performance tables: {type(exc).__name__}: {exc} {traceback.format_exc(limit=2)}"))
        return PerformanceResult()


def parse_path(path: Path, source_path: str, manifest: ManifestEntry | None = None) -> ParsedDocument:
    source = read_document(path, source_path)
    source.source_file = PurePath(source_path).name  # the name as text (a GBK name arrives as surrogates)
    parsed = parse_source(source, manifest)
    parsed.manifest_json = manifest_json(manifest)
    return parsed


def manifest_json(manifest: ManifestEntry | dict | None) -> str | None:
    """The manifest entry as stored beside the document (a changed entry re-reads the file)."""
    if not manifest:
        return None
    values = manifest if isinstance(manifest, dict) else manifest.as_dict()
    return json.dumps(values, ensure_ascii=False, sort_keys=True)
