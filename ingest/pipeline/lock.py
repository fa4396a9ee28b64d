"""One refresh at a time per warehouse: an flock on `<db>.lock`."""

from __future__ import annotations

import fcntl
import time
from pathlib import Path

from .settings import RefreshBusy


class RefreshLock:
    """An flock on `<db>.lock`: held for the whole refresh, released even on a crash."""

    def __init__(self, db_path: Path, wait_seconds: float):
        self.path = db_path.with_name(db_path.name + ".lock")
        self.wait_seconds = wait_seconds
        self.fh = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "a+")
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.fh.close()
                    raise RefreshBusy(f"another refresh is running on {self.path.with_suffix('')} (lock {self.path})") from None
                time.sleep(0.2)

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
