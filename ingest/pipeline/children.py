"""Child processes that cannot outlive the refresh.

A refresh killed with SIGKILL runs no cleanup. Its children — the parser workers and the dbt
build — would go on: workers blocked on a queue nobody feeds, dbt writing beside the
warehouse. On Linux each child asks to be sent SIGTERM when its parent dies
(prctl PR_SET_PDEATHSIG); elsewhere this does nothing.
"""

from __future__ import annotations

import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int | None = None) -> None:
    """Call in the child (a pool initializer, or a subprocess preexec_fn). A spawned worker
    starts slowly (it imports the parser first): if its parent died in the meantime, the death
    signal will never come, so it exits at once."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)
