"""HTTP measurement for ``benchmarks/scale.py``: a light client, servers started
and stopped by process group, latency and throughput runs, worker memory.

The client is plain ``http.client`` over keep-alive connections, in threads of
one process: it spends its time waiting in ``recv``, so it takes little CPU
from the server on the same cores (each load run reports its share).
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import math
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

PAGE_TIMEOUT = 120  # seconds; a page slower than this is an error, not a figure


@dataclass
class Result:
    status: int  # 0: no answer (connection error, timeout)
    seconds: float
    size: int = 0
    body: bytes = b""
    error: str = ""


class Client:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1 (reopened when the server closes it)."""

    def __init__(self, port: int, timeout: float = PAGE_TIMEOUT):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def get(self, path: str, headers: dict | None = None, keep: bool = False) -> Result:
        started = time.perf_counter()
        try:
            try:
                self.connection.request("GET", path, headers=headers or {})
                response = self.connection.getresponse()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed this idle keep-alive connection (a gunicorn
                # worker recycled after max_requests): send it again on a new
                # one, as browsers do; the time counts both tries.
                self.connection.close()
                self.connection.request("GET", path, headers=headers or {})
                response = self.connection.getresponse()
            size, parts = 0, []
            while chunk := response.read(65536):
                size += len(chunk)
                if keep:
                    parts.append(chunk)
            if response.will_close:
                self.connection.close()
            return Result(response.status, time.perf_counter() - started, size, b"".join(parts))
        except (OSError, http.client.HTTPException) as exc:
            self.connection.close()
            return Result(0, time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        self.connection.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(port: int, process: subprocess.Popen, path: str, log: Path,
                         seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}):\n{tail(log)}")
        client = Client(port, timeout=30)
        result = client.get(path)
        client.close()
        if result.status:
            return
        time.sleep(0.3)
    raise RuntimeError(f"no answer on port {port} after {seconds:.0f} s:\n{tail(log)}")


def tail(path: Path, lines: int = 20) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop(process: subprocess.Popen | None, grace: float = 30) -> None:
    """SIGTERM to the process group, then wait until none of it is left
    (SIGKILL after ``grace`` seconds)."""
    if process is None:
        return
    group = process.pid  # started with start_new_session: its own group

    def members():
        alive = []
        for proc in psutil.process_iter(["status"]):
            try:
                if os.getpgid(proc.pid) == group and proc.info["status"] != psutil.STATUS_ZOMBIE:
                    alive.append(proc)
            except (ProcessLookupError, psutil.Error):
                pass
        return alive

    def gone_within(seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while members():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
        return True

    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    if not gone_within(grace):
        print(f"  (process group {group} still running {grace:.0f} s after SIGTERM: killed)")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        gone_within(5)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def percentile(seconds: list[float], p: float) -> float | None:
    """Nearest-rank percentile, in ms (with 50 samples, p99 is the slowest)."""
    if not seconds:
        return None
    ordered = sorted(seconds)
    return 1000 * ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


def run_sequential(port: int, inputs: list[tuple[str, dict]], count: int, budget: float,
                   timeout: float = PAGE_TIMEOUT) -> list[Result]:
    """``count`` requests over one connection, cycling ``inputs`` (path, headers);
    fewer if they take more than ``budget`` seconds."""
    client, results = Client(port, timeout=timeout), []
    started = time.monotonic()
    for path, headers in itertools.islice(itertools.cycle(inputs), count):
        results.append(client.get(path, headers))
        if time.monotonic() - started > budget:
            break
    client.close()
    return results


def run_load(port: int, inputs: list[tuple[str, dict]], connections: int, seconds: float) -> dict:
    """``connections`` keep-alive clients in threads (this process is mostly
    asleep in recv, so it leaves the cores to the server) for ``seconds``."""
    next_input = itertools.count()
    results: list[tuple[Result, str]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client_loop():
        client = Client(port)
        while time.monotonic() < deadline:
            path, headers = inputs[next(next_input) % len(inputs)]
            result = client.get(path, headers)
            with lock:
                results.append((result, path))
        client.close()

    started, cpu = time.monotonic(), time.process_time()
    threads = [threading.Thread(target=client_loop) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    ok = [r.seconds for r, _ in results if r.status == 200]
    return {
        "connections": connections, "seconds": round(elapsed, 1), "requests": len(results),
        "rps": len(ok) / elapsed, "p50_ms": percentile(ok, 50), "p95_ms": percentile(ok, 95),
        # The client's own share of one core: what it took from the server.
        "client_cpu": round(cpu / elapsed, 3),
        "errors": [f"{r.status or r.error} {path}" for r, path in results if r.status != 200],
    }


class WorkerMemory(threading.Thread):
    """Samples the RSS of gunicorn's workers (the master's children) every 0.25 s."""

    def __init__(self, root_pid: int):
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.peak_by_pid: dict[int, int] = {}
        self.peak_total = 0
        self.master_peak = 0
        self.most_workers = 0  # at once (max_requests replaces workers now and then)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.25):
            try:
                gunicorns = [p for p in psutil.Process(self.root_pid).children(recursive=True)
                             if "gunicorn" in " ".join(p.cmdline())]
                pids = {p.pid for p in gunicorns}
                masters = [p for p in gunicorns if p.ppid() not in pids]
                total = 0
                for master in masters:
                    self.master_peak = max(self.master_peak, master.memory_info().rss)
                    workers = master.children()
                    self.most_workers = max(self.most_workers, len(workers))
                    for worker in workers:
                        rss = worker.memory_info().rss
                        total += rss
                        peak = self.peak_by_pid.get(worker.pid, 0)
                        self.peak_by_pid[worker.pid] = max(peak, rss)
                self.peak_total = max(self.peak_total, total)
            except psutil.Error:
                continue

    def summary(self) -> dict:
        mib = 1024 * 1024
        peaks = sorted(self.peak_by_pid.values(), reverse=True)
        return {
            "workers_seen": len(peaks),
            "peak_worker_mib": round(peaks[0] / mib, 1) if peaks else None,
            "peak_per_worker_mib": [round(p / mib, 1) for p in peaks],
            "peak_all_workers_mib": round(self.peak_total / mib, 1),
            "master_mib": round(self.master_peak / mib, 1),
        }
