"""Measure the browse page on real traffic, beside a bare Django view.

Run against a PostgreSQL database filled by ``seed_scale``::

    createdb -h 127.0.0.1 -U postgres bench_catalog
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_catalog
    export CACHE_URL=redis://127.0.0.1:6379/15
    export DJANGO_SETTINGS_MODULE=bench.settings HUB_MFA_REQUIRED=False
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_scale
    .venv/bin/python manage.py bench_catalogue

It signs a member in, empties the benchmark's cache (``--cache-url``: give it a
Redis database of its own), starts gunicorn on 127.0.0.1 with ``bench.settings``
(the product URLs plus ``/bench/bare/`` and ``/bench/bare-member/``), the Redis
cache and DEBUG off, as production has it (2 x cores + 1 workers), and loads it
with ``bench.load`` (threads in two processes; wrk need not be installed). Each
round measures, one after the other:

- ``fixed``: one browse URL, the same on every request (cached after the first);
- ``bare``: the same number of bytes from a view that does nothing else;
- ``gated``: the same bytes behind the browse page's own gate (session, user,
  roles), the floor for any members-only page;
- ``mixed``: the real workload (``bench.workload``): every request a different
  search term, 0-3 facets, a sort, sometimes page 2 or 3; no URL is ever sent
  twice in a run, so nothing is served from the page cache;
- ``mixed-1``: the same workload over a single connection (its latency).

Each figure is the median over the rounds (the rounds alternate, so a slow
spell of the machine hits every kind). It also reports the queries of an
uncached browse request (test client, on mixed URLs the load never sends) and
the CPU milliseconds the gunicorn workers and the PostgreSQL backends of the
benchmark's database spent per request. Every loop is
bounded; the same ``--seed`` sends the same URLs.
"""

import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.error import URLError

import redis
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from bench.load import (
    cpu_seconds,
    database_cpu_between,
    database_ticks,
    load_run,
    median_of,
)
from bench.workload import mixed_paths
from learning_centre.models import Stage
from tools_catalog.models import Capability, DataType, DeploymentMode, Tool

HOST = "127.0.0.1"
BENCH_EMAIL = "bench-member@scale.bench.example"
READY_TRIES = 60
KINDS = ("fixed", "bare", "gated", "mixed", "mixed-1")
# More URLs than the fastest server could use in a round of mixed requests.
MIXED_PER_SECOND = 1500


def _uptime() -> str:
    """The load averages over 1, 5 and 15 minutes (the machine may be shared)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


class Command(BaseCommand):
    help = "Benchmark /tools/ on a mixed workload against a bare view."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8011)
        parser.add_argument(
            "--duration", type=int, default=10, help="seconds per kind and round"
        )
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--seed", type=int, default=15)
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * (os.cpu_count() or 1) + 1,
            help="gunicorn workers (default: gunicorn's advice, 2 x cores + 1)",
        )
        parser.add_argument(
            "--cache-url",
            default=os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/15",
            help="the shared cache, as in production, EMPTIED at the start "
            "(default: $CACHE_URL or Redis database 15 on 127.0.0.1)",
        )
        parser.add_argument(
            "--fixed",
            default="/tools/?stage=media_review&capability=text-recognition&q=images",
            help="the fixed URL's path",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Run the benchmark on PostgreSQL (set DATABASE_URL).")
        if not Tool.objects.filter(slug__startswith="scale-").exists():
            raise CommandError("No scale data: run `manage.py seed_scale` first.")
        duration = min(max(options["duration"], 1), 120)
        rounds = min(max(options["rounds"], 1), 10)
        conns = min(max(options["connections"], 1), 64)
        port = options["port"]
        fixed = options["fixed"]
        rng = random.Random(options["seed"])  # noqa: S311 (a workload, not a secret)
        facets = {
            "stage": list(Stage.objects.values_list("key", flat=True)),
            "capability": list(Capability.objects.values_list("slug", flat=True)),
            "data_type": list(DataType.objects.values_list("slug", flat=True)),
            "deployment": list(DeploymentMode.objects.values_list("slug", flat=True)),
        }
        used: set[str] = {fixed}
        database = connection.settings_dict["NAME"]

        redis.Redis.from_url(options["cache_url"]).flushdb()
        self.stdout.write(f"load average before: {_uptime()}")
        member, _created = User.objects.get_or_create(email=BENCH_EMAIL)
        role_grant(actor=None, user=member, role=Role.MEMBER)
        client = Client(HTTP_HOST=HOST)
        client.force_login(member)
        page_bytes, fixed_queries = self._queries(client, fixed, warm=True)
        sample = mixed_paths(rng=rng, count=40, facets=facets, exclude=used)
        mixed_queries = [self._queries(client, p)[1] for p in sample]
        sizes = [self._queries(client, p)[0] for p in ("/tools/", "/ar/tools/")]
        self.stdout.write(
            f"fixed {fixed}: {page_bytes} bytes, {fixed_queries} queries (cached)\n"
            f"uncached mixed requests: queries median "
            f"{statistics.median(mixed_queries)}, max {max(mixed_queries)} "
            f"(40 URLs, test client)\n"
            f"/tools/ {sizes[0]} bytes, /ar/tools/ {sizes[1]} bytes"
        )
        # What a browser sends back: the session and the CSRF cookie.
        cookie = "; ".join(
            f"{name}={client.cookies[name].value}"
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
            if name in client.cookies
        )

        server = self._gunicorn(port, options["workers"], options["cache_url"])
        base = f"http://{HOST}:{port}"
        try:
            self._wait_ready(f"{base}/bench/bare/?size=10")

            def urls(kind: str, seconds: float) -> list[str]:
                if kind == "fixed":
                    return [base + fixed]
                if kind == "bare":
                    return [f"{base}/bench/bare/?size={page_bytes}"]
                if kind == "gated":
                    return [f"{base}/bench/bare-member/?size={page_bytes}"]
                count = int(seconds * MIXED_PER_SECOND)
                paths = mixed_paths(rng=rng, count=count, facets=facets, exclude=used)
                return [base + p for p in paths]

            for kind in KINDS:  # warm-up, as a running server is
                one = kind == "mixed-1"
                load_run(
                    urls(kind, 2),
                    cookie=cookie,
                    seconds=2,
                    connections=1 if one else conns,
                )
            runs: dict[str, list[dict[str, float]]] = {k: [] for k in KINDS}
            for number in range(1, rounds + 1):
                for kind in KINDS:
                    one = kind == "mixed-1"
                    targets = urls(kind, duration)
                    cpu_before = cpu_seconds(server.pid)
                    db_before = database_ticks(database)
                    figures = load_run(
                        targets,
                        cookie=cookie,
                        seconds=duration,
                        connections=1 if one else conns,
                    )
                    cpu = cpu_seconds(server.pid) - cpu_before
                    db_cpu = database_cpu_between(db_before, database_ticks(database))
                    if figures.exhausted:
                        self.stderr.write(
                            f"{kind}: ran out of URLs; raise MIXED_PER_SECOND"
                        )
                    summary = figures.summary()
                    summary["cpu_ms"] = 1000 * cpu / max(figures.requests, 1)
                    summary["db_ms"] = 1000 * db_cpu / max(figures.requests, 1)
                    runs[kind].append(summary)
                self.stdout.write(
                    f"round {number}/{rounds}: "
                    + ", ".join(
                        f"{k} {r[-1]['rps']:.0f} req/s" for k, r in runs.items()
                    )
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)
        medians = {kind: median_of(r) for kind, r in runs.items()}
        self.stdout.write(
            f"\nmedians of {rounds} rounds of {duration} s, {conns} connections "
            f"(mixed-1: one), {options['workers']} gunicorn workers:"
        )
        self.stdout.write(
            f"{'kind':8} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
            f"{'CPU ms/req':>10} {'DB CPU ms':>9} {'non-200':>8}"
        )
        for kind, f in medians.items():
            self.stdout.write(
                f"{kind:8} {f['rps']:8.1f} {f['p50']:8.1f} {f['p90']:8.1f} "
                f"{f['p99']:8.1f} {f['cpu_ms']:10.2f} {f['db_ms']:9.2f} "
                f"{int(f['errors']):8d}"
            )
        gated = medians["gated"]["rps"] or 1.0
        self.stdout.write(
            f"mixed/gated = {medians['mixed']['rps'] / gated:.2f} (target >= 0.3); "
            f"fixed/gated = {medians['fixed']['rps'] / gated:.2f} (target >= 0.6)\n"
            f"mixed single connection: p50 {medians['mixed-1']['p50']:.1f} ms "
            f"(target <= 25), p99 {medians['mixed-1']['p99']:.1f} ms (target <= 80)\n"
            f"queries per uncached browse request: median "
            f"{statistics.median(mixed_queries)}, max {max(mixed_queries)} "
            f"(target <= 6)\nload average after: {_uptime()}"
        )

    def _queries(
        self, client: Client, path: str, *, warm: bool = False
    ) -> tuple[int, int]:
        """The page's size in bytes and the queries of one request for it."""
        if warm:
            client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}")
        return len(response.content), len(queries)

    def _gunicorn(self, port: int, workers: int, cache_url: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "HUB_MFA_REQUIRED": "False",
            "DJANGO_DEBUG": "False",
            "DJANGO_CONN_MAX_AGE": "60",
            "CACHE_URL": cache_url,
        }
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        return subprocess.Popen(  # noqa: S603 (fixed arguments, our own venv)
            [
                gunicorn,
                "hub.wsgi:application",
                "-b",
                f"{HOST}:{port}",
                "-w",
                str(workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )

    def _wait_ready(self, url: str) -> None:
        for _ in range(READY_TRIES):
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:  # noqa: S310
                    if reply.status == 200:
                        return
            except (URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise CommandError("gunicorn did not answer within 30 seconds.")
