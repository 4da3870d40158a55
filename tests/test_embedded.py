"""The embedded PostgreSQL: started on demand, stopped when its last user leaves."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HOLD_A_CONNECTION = (
    "from django.db import connection; connection.ensure_connection(); "
    "print('connected', flush=True); import time; time.sleep(120)"
)


def hold_a_connection(data):
    """A ``manage.py`` process connected to the embedded server in ``data``."""
    env = {**os.environ, "EMBEDDED_DB_DIR": str(data), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", HOLD_A_CONNECTION],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )
    lines = iter(process.stdout.readline, "")
    if not any(line.strip() == "connected" for line in lines):
        process.kill()
        pytest.fail("the process never connected")
    assert (data / "postmaster.pid").exists()
    return process


def wait_until_stopped(data, seconds=20):
    """Whether the server in ``data`` stops within ``seconds``; if not, stop it."""
    deadline = time.monotonic() + seconds
    while (data / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    stopped = not (data / "postmaster.pid").exists()
    if not stopped:  # don't leave a server behind for the rest of the run
        os.kill(int((data / "postmaster.pid").read_text().split()[0]), signal.SIGINT)
    return stopped


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_last_process_to_leave_stops_the_server(tmp_path, stop):
    data = tmp_path / "pgdata"
    process = hold_a_connection(data)
    try:
        process.send_signal(stop)
        process.wait(timeout=60)
    finally:
        process.kill()
    # The process itself stops the server on its way out: no waiting for the watchdog.
    assert wait_until_stopped(data, seconds=0)


def test_a_killed_last_process_still_stops_the_server(tmp_path):
    # SIGKILL runs no atexit hook: the watchdog has to notice.
    data = tmp_path / "pgdata"
    process = hold_a_connection(data)
    process.kill()
    process.wait(timeout=60)
    assert wait_until_stopped(data)


def group_gone(pgid, seconds):
    """Whether every process of group ``pgid`` has exited within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_stopping_runserver_with_sigterm_stops_the_server(tmp_path):
    # kill -TERM on runserver's process group: the autoreloader parent kills
    # its child (which holds the server) before the child's cleanup can run.
    data = tmp_path / "pgdata"
    env = {**os.environ, "EMBEDDED_DB_DIR": str(data), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    try:
        lines = iter(process.stdout.readline, "")
        # It has connected (to look for unapplied migrations) before it says this.
        assert any("Quit the server with" in line for line in lines)
        assert (data / "postmaster.pid").exists()
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        # The parent is gone; its child may still be on its way out. Give the
        # group the time a shell would before anything is killed outright.
        group_gone(process.pid, seconds=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert wait_until_stopped(data, seconds=40)
