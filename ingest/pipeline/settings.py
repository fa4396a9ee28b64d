"""Where things are by default, and the two ways a refresh can fail."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_INPUT = PROJECT_DIR / "data" / "samples"
DEFAULT_DB = PROJECT_DIR / "warehouse.duckdb"


def default_db() -> Path:
    return Path(os.environ.get("WAREHOUSE_DB") or DEFAULT_DB)


class RefreshBusy(Exception):
    """Another refresh holds the lock."""


class RefreshFailed(Exception):
    """No usable warehouse could be published (the live one is untouched)."""
