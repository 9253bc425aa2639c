"""A small HTTP load generator for the benchmarks (wrk need not be installed).

``load_run`` sends GET requests to one server from ``processes`` processes of
``connections / processes`` threads each, for ``seconds`` seconds, and returns
the requests per second and latency percentiles. Each thread has one
connection at a time, like wrk's; gunicorn's sync workers close it after every
response, so every request opens a new one (as with wrk against them).

With a list of URLs every request takes the next unused one and the run stops
early if the list runs out (``exhausted``): no two requests share a URL.

``cpu_seconds`` reads the CPU time of a process tree from /proc (Linux), so a
benchmark can report CPU milliseconds per request.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class LoadFigures:
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    exhausted: bool = False
    latencies_ms: list[float] = field(default_factory=list, repr=False)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, pct: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
        return ordered[index]

    def summary(self) -> dict[str, float]:
        return {
            "rps": self.rps,
            "p50": self.percentile(50),
            "p90": self.percentile(90),
            "p99": self.percentile(99),
            "errors": float(self.errors),
            "requests": float(self.requests),
        }


def _worker(
    host: str,
    port: int,
    paths: list[str],
    cookie: str,
    threads: int,
    seconds: float,
    queue: multiprocessing.Queue,
) -> None:
    lock = threading.Lock()
    position = [0]
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    exhausted = [False]
    single = len(paths) == 1

    def next_path() -> str | None:
        if single:
            return paths[0]
        with lock:
            if position[0] >= len(paths):
                exhausted[0] = True
                return None
            path = paths[position[0]]
            position[0] += 1
            return path

    def loop() -> None:
        mine: list[float] = []
        while time.monotonic() < deadline:
            path = next_path()
            if path is None:
                break
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(host, port, timeout=30)
                conn.request("GET", path, headers={"Cookie": cookie})
                reply = conn.getresponse()
                reply.read()
                conn.close()
                ok = reply.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
            mine.append((time.perf_counter() - started) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    pool = [threading.Thread(target=loop) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + 60)
    queue.put((latencies, errors[0], exhausted[0], time.monotonic() - started))


def load_run(
    urls: list[str],
    *,
    cookie: str,
    seconds: float,
    connections: int,
    processes: int = 2,
) -> LoadFigures:
    """GET ``urls`` (one URL: repeated; several: each once, in order) for
    ``seconds`` seconds over ``connections`` connections."""
    parts = urlsplit(urls[0])
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    paths = [urlsplit(u)._replace(scheme="", netloc="").geturl() for u in urls]
    processes = max(1, min(processes, connections))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = []
    for n in range(processes):
        threads = connections // processes + (1 if n < connections % processes else 0)
        share = paths if len(paths) == 1 else paths[n::processes]
        process = context.Process(
            target=_worker,
            args=(host, port, share, cookie, threads, seconds, queue),
        )
        process.start()
        workers.append(process)
    figures = LoadFigures()
    elapsed = []
    for _ in workers:
        latencies, errors, exhausted, took = queue.get(timeout=seconds + 120)
        figures.latencies_ms.extend(latencies)
        figures.errors += errors
        figures.exhausted = figures.exhausted or exhausted
        elapsed.append(took)
    for process in workers:
        process.join(timeout=30)
    figures.requests = len(figures.latencies_ms)
    figures.seconds = max(elapsed) if elapsed else 0.0
    return figures


def _ticks(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat[stat.rindex(")") + 2 :].split()
    # utime, stime, cutime, cstime (fields 14 to 17 of proc(5)).
    return sum(int(v) for v in fields[11:15])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by ``pid`` and its children (Linux /proc)."""
    ticks = _ticks(pid) + sum(_ticks(child) for child in _children(pid))
    return ticks / os.sysconf("SC_CLK_TCK")


def database_ticks(database: str) -> dict[int, int]:
    """CPU ticks used so far by each PostgreSQL backend serving ``database``
    (their process titles name it; other databases on the server are left out)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            found[int(entry.name)] = _ticks(int(entry.name))
    return found


def database_cpu_between(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU seconds the backends spent between two ``database_ticks`` readings
    (a backend that exited in between takes its time with it: a lower bound)."""
    ticks = sum(t - before.get(pid, 0) for pid, t in after.items())
    return max(ticks, 0) / os.sysconf("SC_CLK_TCK")


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}
