"""Running dbt against a warehouse file, and what of its output a user needs to see."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .. import load
from .children import die_with_parent
from .settings import PROJECT_DIR


def project_version() -> str:
    """Fingerprint of everything a build depends on besides the documents: the dbt project
    (models, macros, seeds, tests) and the parser. Same inputs + same version = same warehouse."""
    h = hashlib.sha256(load.parser_version().encode())
    for folder in ("models", "macros", "seeds", "tests/generic"):
        for path in sorted((PROJECT_DIR / folder).rglob("*")):
            if path.is_file() and path.suffix in (".sql", ".yml", ".csv", ".yaml"):
                h.update(str(path.relative_to(PROJECT_DIR)).encode())
                h.update(path.read_bytes())
    for name in ("dbt_project.yml", "profiles.yml"):
        h.update((PROJECT_DIR / name).read_bytes())
    return h.hexdigest()[:12]


def run_dbt(db_path: Path, commands: list[list[str]], target_path: Path | None = None) -> tuple[bool, str]:
    """Run dbt commands against db_path. A refresh passes its own target_path so two builds
    (of different warehouses) never write into the same compiled-artifacts folder."""
    env = dict(os.environ, WAREHOUSE_DB=str(db_path.resolve()))
    dbt = Path(sys.executable).with_name("dbt")
    out_lines = []
    extra = ["--target-path", str(target_path)] if target_path else []
    for args in commands:
        proc = subprocess.run(
            [str(dbt), *args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR), *extra],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            preexec_fn=die_with_parent,  # no orphaned build if the refresh is killed
        )
        out_lines.append(proc.stdout[-6000:])
        if proc.returncode != 0:
            return False, "\n".join(out_lines) + proc.stderr[-2000:]
    return True, "\n".join(out_lines)


def dbt_tail(text: str) -> str:
    """What a user needs of dbt's output: failing and warning nodes, each failure's name and
    first lines of detail ('Failure in test X', 'Runtime Error in model Y'), and the summary."""
    lines = [line for line in text.splitlines() if line.strip()]
    keep = []
    for i, line in enumerate(lines):
        if any(k in line for k in ("ERROR", "FAIL", "WARN", "Done.", "Completed")):
            keep.append(line)
        elif "Failure in " in line or " Error in " in line:
            keep.extend(lines[i : i + 4])  # the node, then dbt's first lines of why
    return "\n".join(dict.fromkeys(keep[-60:]))


def publish_docs(build_target: Path) -> None:
    """Copy the docs site of a successful build to target/, where `ingest docs --serve` looks."""
    target = PROJECT_DIR / "target"
    for name in ("index.html", "manifest.json", "catalog.json", "run_results.json"):
        src = build_target / name
        if src.exists():
            shutil.copy2(src, target / name)
