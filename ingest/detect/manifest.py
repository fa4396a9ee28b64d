"""An optional manifest beside the input: what the crawler knows about each file it saved.

`manifest.csv` or `manifest.tsv` in the input folder, one row per file, with a header. Column
names are matched loosely (file/name/filename/path; unit/unit_name/单位; year/年度; kind/
doc_kind; region/地区; source_url/url; source_path/original_name — the crawler's own path or
file name, often naming the department and year). The document's own text wins: manifest
values fill what the text does not print, and a manifest value that disagrees with the text is
recorded as a finding.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST_NAMES = ("manifest.csv", "manifest.tsv")

_COLUMNS = {
    "file": ("file", "name", "filename", "file_name", "path", "source_file", "文件", "文件名"),
    "unit": ("unit", "unit_name", "单位", "单位名称", "部门", "部门名称"),
    "year": ("year", "fiscal_year", "年度", "年份"),
    "kind": ("kind", "doc_kind", "类型", "文档类型"),
    "region": ("region", "地区", "行政区划"),
    "source_url": ("source_url", "url", "链接", "来源"),
    "original_name": ("source_path", "original_name", "original_path", "原文件名"),
}


@dataclass(frozen=True)
class ManifestEntry:
    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    region: str | None = None
    source_url: str | None = None
    original_name: str | None = None  # the crawler's own path / file name

    def as_dict(self) -> dict:
        return asdict(self)


class Manifest:
    """Entries by file: looked up by path relative to the input, base name or stem."""

    def __init__(self, entries: dict[str, ManifestEntry], path: Path | None = None):
        self.entries = entries
        self.path = path

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, source_path: str) -> ManifestEntry | None:
        p = Path(source_path)
        for key in (source_path, p.name, p.stem):
            if key in self.entries:
                return self.entries[key]
        return None


def _year(text: str | None) -> int | None:
    digits = "".join(ch for ch in (text or "") if ch.isdigit())[:4]
    return int(digits) if len(digits) == 4 and digits[:2] in ("19", "20") else None


def _kind(text: str | None) -> str | None:
    t = (text or "").strip()
    if "决算" in t:
        return "决算"
    if "自评" in t:
        return "绩效自评"
    if "预算" in t:
        return "预算"
    return None


def read_manifest(folder: Path) -> Manifest:
    """The manifest in `folder` (empty when there is none). Raises ValueError with a one-line
    reason when the file exists but has no file-name column."""
    path = next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)
    if path is None:
        return Manifest({})
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    dialect = "excel-tab" if path.suffix == ".tsv" or "\t" in text.split("\n", 1)[0] else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = {(f or "").strip().lower(): f for f in reader.fieldnames or []}

    def column(name: str) -> str | None:
        return next((fields[a] for a in _COLUMNS[name] if a in fields), None)

    file_col = column("file")
    if file_col is None:
        raise ValueError(f"{path}: no file column (one of {', '.join(_COLUMNS['file'])})")
    cols = {name: column(name) for name in _COLUMNS if name != "file"}
    entries: dict[str, ManifestEntry] = {}
    for row in reader:
        key = (row.get(file_col) or "").strip()
        if not key:
            continue

        def get(name: str, row=row) -> str | None:
            c = cols[name]
            return ((row.get(c) or "").strip() or None) if c else None

        entries[key] = ManifestEntry(
            unit=get("unit"),
            year=_year(get("year")),
            kind=_kind(get("kind")),
            region=get("region"),
            source_url=get("source_url"),
            original_name=get("original_name"),
        )
    return Manifest(entries, path)
