"""Stop the embedded server once every process using it is gone, however it went.

pgserver stops the server from an atexit hook in the last process to leave.
A process that dies without running atexit hooks (SIGKILL, the OOM killer,
or a ``runserver`` child that its autoreloader parent kills when it gets
SIGTERM) leaves its pid in pgserver's list and the server running with
nobody left to stop it. This watchdog, one per data folder, started
detached by the processes that use the server, checks that list every
second, drops the dead, and stops the server when nobody is left.

Run as ``python watchdog.py PGDATA``: it imports pgserver's helpers, never Django.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

POLL_SECONDS = 1.0
LOCK_NAME = ".watchdog.lock"


def is_watched(pgdata: Path) -> bool:
    """Whether a watchdog holds this folder's lock (the lock dies with its process)."""
    import fasteners

    lock = fasteners.InterProcessLock(pgdata / LOCK_NAME)
    if lock.acquire(blocking=False):
        lock.release()
        return False
    return True


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def watch(pgdata: Path) -> None:
    import fasteners
    from pgserver.postgres_server import PostgresServer
    from pgserver.utils import DiskList, PostmasterInfo

    mine = fasteners.InterProcessLock(pgdata / LOCK_NAME)
    if not mine.acquire(blocking=False):
        return  # another watchdog looks after this folder
    handles = DiskList(pgdata / ".handle_pids.json")
    # pgserver's own lock: processes join and leave the list only while holding it.
    with_server_lock = PostgresServer._lock
    while True:
        time.sleep(POLL_SECONDS)
        with with_server_lock:
            info = PostmasterInfo.read_from_pgdata(pgdata)
            if info is None or not info.is_running():
                mine.release()  # inside the server lock: a new server gets a new watchdog
                return
            users = handles.get()
            alive = [pid for pid in users if _alive(pid)]
            if alive != users:
                handles.put(alive)
            if alive:
                continue
            # Fast shutdown, as ``pg_ctl stop`` does; wait so that a process
            # joining next finds the server gone rather than going.
            os.kill(info.pid, signal.SIGINT)
            deadline = time.monotonic() + 30
            while info.is_running() and time.monotonic() < deadline:
                time.sleep(0.1)
            mine.release()
            return


if __name__ == "__main__":
    watch(Path(sys.argv[1]))
