"""The embedded PostgreSQL: started on demand, stopped when its last user leaves."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HOLD_A_CONNECTION = (
    "from django.db import connection; connection.ensure_connection(); "
    "print('connected', flush=True); import time; time.sleep(120)"
)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_last_process_to_leave_stops_the_server(tmp_path, stop):
    data = tmp_path / "pgdata"
    env = {**os.environ, "EMBEDDED_DB_DIR": str(data), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", HOLD_A_CONNECTION],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )
    try:
        lines = iter(process.stdout.readline, "")
        assert any(line.strip() == "connected" for line in lines)
        assert (data / "postmaster.pid").exists()
        process.send_signal(stop)
        process.wait(timeout=60)
    finally:
        process.kill()
    stopped = not (data / "postmaster.pid").exists()
    if not stopped:  # don't leave a server behind for the rest of the run
        os.kill(int((data / "postmaster.pid").read_text().split()[0]), signal.SIGTERM)
    assert stopped
