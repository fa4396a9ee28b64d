"""The input folder: every file in it accounted for, with its content hash.

Every regular, non-hidden file is an input, whatever its extension: a file the refresh reads
is parsed; any other (a .pdf or .xlsx no reader handles yet, an unreadable file or folder) is
reported with a reason that says what to do, never silently skipped. A manifest
(`manifest.csv` / `.tsv`, ingest/detect/manifest.py) is read as the crawler's notes on the
files, not as a document.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..detect import MANIFEST_NAMES, Manifest
from ..readers import SUFFIXES as INPUT_SUFFIXES  # the formats ingest/readers/ can read (or explain)


@dataclass
class InputFile:
    path: Path
    source_path: str
    sha256: str | None  # None: the file could not be read
    read_error: str | None = None  # set: reported as a rejection, not parsed
    manifest: dict | None = None  # the manifest's entry for this file (ManifestEntry fields)


def display_name(name: str) -> str:
    """A file name as text: names that are not UTF-8 (a GBK name from an unzipped Windows
    archive arrives as surrogate escapes) are decoded as GB18030, else shown with '?'."""
    raw = name.encode("utf-8", "surrogateescape")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def unsupported_reason(suffix: str) -> str:
    return (
        f"{suffix or 'this'} files are not read: give the refresh the document as PDF, Excel (.xlsx/.xls) "
        "or extracted text (.txt/.md, tables as tab-separated or markdown rows)"
    )


def discover(input_dir: Path, manifest: Manifest | None = None) -> tuple[list[InputFile], list[InputFile]]:
    """(input files, unreadable folders) under input_dir, recursively, in path order. Hidden
    files and folders (a leading '.') and the manifest itself are not inputs."""
    files: list[InputFile] = []
    broken: list[InputFile] = []

    def on_error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else input_dir
        rel = display_name(str(where.relative_to(input_dir))) if where != input_dir else "."
        broken.append(InputFile(where, rel + "/", None, f"cannot read folder: {exc.strerror or exc}"))

    for root, dirs, names in os.walk(input_dir, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            rel = path.relative_to(input_dir)
            if name.startswith(".") or (root == str(input_dir) and name in MANIFEST_NAMES) or not path.is_file():
                continue
            source_path = display_name(rel.as_posix())
            entry = manifest.lookup(source_path) if manifest else None
            f = InputFile(path, source_path, None, manifest=entry.as_dict() if entry else None)
            try:
                f.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                f.read_error = f"cannot read file: {exc.strerror or exc}"
            else:
                if path.suffix.lower() not in INPUT_SUFFIXES:
                    f.read_error = unsupported_reason(path.suffix.lower())
            files.append(f)
    files.sort(key=lambda f: f.source_path)
    return files, broken


def input_fingerprint(files: list[InputFile]) -> str:
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.source_path):
        h.update(f"{f.source_path}\0{f.sha256}\n".encode())
    return h.hexdigest()[:16]


def rejection_row(f: InputFile, stage: str, reason: str | None, now) -> dict:
    return dict(
        source_file=display_name(f.path.name),
        source_path=f.source_path,
        content_sha256=f.sha256,
        stage=stage,
        reason=reason,
        rejected_at=now,
    )
