"""The input folder: which files, their content hashes, and rejection rows for files not used."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..readers import SUFFIXES as INPUT_SUFFIXES  # the formats ingest/readers/ can read (or explain)


@dataclass
class InputFile:
    path: Path
    source_path: str
    sha256: str | None
    read_error: str | None = None


def discover(input_dir: Path) -> list[InputFile]:
    """Every regular, non-hidden file under input_dir (recursively), hashed."""
    files = []
    for path in sorted(p for p in input_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(input_dir)
        if any(part.startswith(".") for part in rel.parts) or path.suffix.lower() not in INPUT_SUFFIXES:
            continue
        try:
            data = path.read_bytes()
            files.append(InputFile(path, str(rel), hashlib.sha256(data).hexdigest()))
        except OSError as exc:
            files.append(InputFile(path, str(rel), None, f"cannot read file: {exc}"))
    return files


def input_fingerprint(files: list[InputFile]) -> str:
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.source_path):
        h.update(f"{f.source_path}\0{f.sha256}\n".encode())
    return h.hexdigest()[:16]


def rejection_row(f: InputFile, stage: str, reason: str | None, now) -> dict:
    return dict(
        source_file=f.path.name, source_path=f.source_path, content_sha256=f.sha256, stage=stage, reason=reason, rejected_at=now
    )
