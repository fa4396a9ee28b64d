"""How BI tools and notebooks open the warehouse: read-only, no file access, settings locked.

`access_mode=read_only` alone is not a sandbox: through it a client can still read any file
(`read_text('/etc/passwd')`), write files (`COPY … TO`, `EXPORT DATABASE`) — including over
the warehouse itself — and ATTACH other databases read-write. These settings close that:
external access off (no file reads or writes beyond the warehouse, no ATTACH), extensions
neither installed nor loaded, and the configuration locked so a client cannot switch any of it
back on. DuckDB applies them when the connection opens; with duckdb-engine the URL's query
parameters are those settings.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import duckdb

LOCKED_SETTINGS: dict[str, str | bool] = {
    "access_mode": "read_only",
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # last: nothing after it can change the others
}


def sqlalchemy_url(db_path: Path | str) -> str:
    """The URL for Superset, Metabase-via-SQLAlchemy, pandas and notebooks."""
    query = urlencode({k: str(v).lower() if isinstance(v, bool) else v for k, v in LOCKED_SETTINGS.items()})
    return f"duckdb:///{Path(db_path).resolve()}?{query}"


def connect(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection that cannot touch files or be reconfigured."""
    return duckdb.connect(str(Path(db_path).resolve()), read_only=True, config=dict(LOCKED_SETTINGS))
