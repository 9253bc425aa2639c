"""Measure the browse page against a bare Django view on the same gunicorn.

Run against a PostgreSQL database filled by ``seed_scale``::

    createdb -h 127.0.0.1 -U postgres bench_catalog
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_catalog
    export CACHE_URL=redis://127.0.0.1:6379/15
    export DJANGO_SETTINGS_MODULE=bench.settings HUB_MFA_REQUIRED=False
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_scale
    .venv/bin/python manage.py bench_catalogue

It counts the queries of one warm browse request (test client), signs a member
in, starts gunicorn on 127.0.0.1 with ``bench.settings`` (the
product URLs plus ``/bench/bare/`` and ``/bench/bare-member/``) and the Redis
cache, as production has it (2 x cores + 1 workers, gunicorn's advice), runs
wrk on each URL in alternating rounds (``--rounds``, ``--duration`` seconds
each), prints each figure's median over the rounds and the ratios, and stops
gunicorn. Every loop is bounded.

Two baselines: ``bare`` returns the bytes and nothing else; ``gated`` returns
them behind the browse page's own gate (session, user and roles), which no
members-only page can skip.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.error import URLError

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from tools_catalog.models import Tool

HOST = "127.0.0.1"
BENCH_EMAIL = "bench-member@scale.bench.example"
READY_TRIES = 60


def _wrk_figures(output: str) -> dict[str, float]:
    """Requests/s and latency percentiles (ms) from ``wrk --latency`` output."""

    def ms(text: str) -> float:
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    figures = {"rps": float(rps.group(1)) if rps else 0.0}
    for pct in ("50", "90", "99"):
        found = re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M)
        figures[f"p{pct}"] = ms(found.group(1)) if found else 0.0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    figures["errors"] = float(non_2xx.group(1)) if non_2xx else 0.0
    return figures


class Command(BaseCommand):
    help = "Benchmark /tools/ with filters and search against a bare view (wrk)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8011)
        parser.add_argument(
            "--duration", type=int, default=10, help="seconds per URL and round"
        )
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * (os.cpu_count() or 1) + 1,
            help="gunicorn workers (default: gunicorn's advice, 2 x cores + 1)",
        )
        parser.add_argument(
            "--cache-url",
            default=os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/15",
            help="the shared cache, as in production (default: $CACHE_URL or "
            "Redis database 15 on 127.0.0.1)",
        )
        parser.add_argument("--stage", default="media_review")
        parser.add_argument("--capability", default="ocr")
        parser.add_argument("--q", default="images")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Run the benchmark on PostgreSQL (set DATABASE_URL).")
        if not Tool.objects.filter(slug__startswith="scale-").exists():
            raise CommandError("No scale data: run `manage.py seed_scale` first.")
        wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError("wrk is not installed (apt-get install -y wrk).")
        duration = min(max(options["duration"], 1), 120)
        rounds = min(max(options["rounds"], 1), 10)
        port = options["port"]
        path = (
            f"/tools/?stage={options['stage']}&capability={options['capability']}"
            f"&q={options['q']}"
        )

        member, _created = User.objects.get_or_create(email=BENCH_EMAIL)
        role_grant(actor=None, user=member, role=Role.MEMBER)
        client = Client(HTTP_HOST=HOST)
        client.force_login(member)
        client.get(path)  # warm caches (stage names) as a running server has them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}")
        page_bytes = len(response.content)
        heading = re.search(
            rb'id="results-title">\s*([^<]+?)\s*</h2>', response.content
        )
        results = heading.group(1).decode() if heading else "?"
        # What a browser sends back: the session and the CSRF cookie.
        cookie = "; ".join(
            f"{name}={client.cookies[name].value}"
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
            if name in client.cookies
        )
        self.stdout.write(
            f"browse {path}: {results}, {page_bytes} bytes, "
            f"{len(queries)} queries per request"
        )

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "HUB_MFA_REQUIRED": "False",
            "DJANGO_DEBUG": "False",
            "DJANGO_CONN_MAX_AGE": "60",
            "CACHE_URL": options["cache_url"],
        }
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        server = subprocess.Popen(  # noqa: S603 (fixed arguments, our own venv)
            [
                gunicorn,
                "hub.wsgi:application",
                "-b",
                f"{HOST}:{port}",
                "-w",
                str(options["workers"]),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            base = f"http://{HOST}:{port}"
            self._wait_ready(f"{base}/bench/bare/?size=10")
            urls = {
                "browse": f"{base}{path}",
                "bare": f"{base}/bench/bare/?size={page_bytes}",
                "gated": f"{base}/bench/bare-member/?size={page_bytes}",
            }
            for url in urls.values():
                self._wrk(wrk, url, cookie, 3, options["connections"])  # warm-up
            # Rounds alternate the URLs, so a slow spell of the machine hits
            # all of them; each figure is the median over the rounds.
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
            for round_number in range(1, rounds + 1):
                for name, url in urls.items():
                    out = self._wrk(wrk, url, cookie, duration, options["connections"])
                    runs[name].append(_wrk_figures(out))
                self.stdout.write(
                    f"round {round_number}/{rounds}: "
                    + ", ".join(
                        f"{n} {r[-1]['rps']:.0f} req/s" for n, r in runs.items()
                    )
                )
            figures = {
                name: {k: statistics.median(r[k] for r in results) for k in results[0]}
                for name, results in runs.items()
            }
            for name, f in figures.items():
                self.stdout.write(
                    f"{name:7} {f['rps']:8.1f} req/s  p50 {f['p50']:7.1f} ms  "
                    f"p90 {f['p90']:7.1f} ms  p99 {f['p99']:7.1f} ms  "
                    f"non-2xx {int(f['errors'])}  (medians of {rounds} rounds)"
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)
        for baseline in ("bare", "gated"):
            ratio = figures["browse"]["rps"] / figures[baseline]["rps"]
            verdict = "meets" if ratio >= 0.5 else "misses"
            self.stdout.write(
                f"ratio browse/{baseline} = {ratio:.2f} ({verdict} the 0.5 target)"
            )
        self.stdout.write(
            f"browse median {figures['browse']['p50']:.1f} ms; "
            f"{len(queries)} queries per browse request"
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

    def _wrk(self, wrk: str, url: str, cookie: str, seconds: int, conns: int) -> str:
        result = subprocess.run(  # noqa: S603 (fixed arguments, 127.0.0.1 only)
            [
                wrk,
                "-t1",
                f"-c{conns}",
                f"-d{seconds}s",
                "--latency",
                "--timeout",
                "10s",
                "-H",
                f"Cookie: {cookie}",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 30,
            check=True,
        )
        return result.stdout
