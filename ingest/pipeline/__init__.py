"""The refresh job as a package of small modules, one job each:

settings.py   default paths (samples, warehouse.duckdb, $WAREHOUSE_DB) and the failure types
inputs.py     the input folder: files, hashes, rejection rows
lock.py       one refresh at a time per warehouse
live.py       reading the live warehouse: what it holds, carrying its rows and history over
raw_build.py  parsing new documents in worker processes into the file being built
dbt.py        running dbt on that file; the project's version fingerprint
job.py        refresh(): the steps in order, ending in an atomic publish; status()
"""

from __future__ import annotations

from . import job
from .dbt import project_version, run_dbt
from .inputs import INPUT_SUFFIXES, InputFile, discover
from .job import RefreshResult, refresh, status, summary_json
from .lock import RefreshLock
from .settings import DEFAULT_DB, DEFAULT_INPUT, PROJECT_DIR, RefreshBusy, RefreshFailed, default_db

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_INPUT",
    "INPUT_SUFFIXES",
    "PROJECT_DIR",
    "InputFile",
    "RefreshBusy",
    "RefreshFailed",
    "RefreshLock",
    "RefreshResult",
    "default_db",
    "discover",
    "job",
    "project_version",
    "refresh",
    "run_dbt",
    "status",
    "summary_json",
]
