"""`make serve`, the production server, starts, serves and stops cleanly."""

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def group_alive(group: int) -> bool:
    """Whether any process of ``group`` still runs (zombies waiting to be reaped do not)."""
    for process in psutil.process_iter(["status"]):
        try:
            if os.getpgid(process.pid) == group and process.info["status"] != psutil.STATUS_ZOMBIE:
                return True
        except (ProcessLookupError, psutil.Error):
            pass
    return False


def test_make_serve_runs_gunicorn_with_hashed_static_files_and_stops_on_sigterm(tmp_path):
    port = free_port()
    # What pytest-env sets for the test settings is not production's.
    drop = {"DEBUG", "STATIC_MANIFEST", "WHITENOISE_USE_FINDERS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        SECRET_KEY="serve-test-not-a-secret-" + "x" * 30,
        ALLOWED_HOSTS="127.0.0.1",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    server = subprocess.Popen(
        ["make", "serve"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode()
            try:
                get(port, "/static/")
                break
            except OSError:
                assert time.monotonic() < deadline, "make serve did not answer in 60 s"
                time.sleep(0.2)
        # collectstatic ran: the page's stylesheet exists under its hashed name,
        # and whitenoise serves it, from gunicorn, to be cached for good.
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["css/app.css"]
        assert hashed != "css/app.css"
        response = get(port, f"/static/{hashed}")
        assert response.status == 200
        assert response.getheader("Server") == "gunicorn"
        assert "immutable" in response.getheader("Cache-Control")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while (server.poll() is None or group_alive(server.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        stopped = not group_alive(server.pid)
        if not stopped:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    assert stopped, "make serve was still running 30 s after SIGTERM"
