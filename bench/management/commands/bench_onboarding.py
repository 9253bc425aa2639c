"""Benchmark the verification queue and screening on the current database.

    export DJANGO_SETTINGS_MODULE=bench.settings
    manage.py bench_onboarding [--count 10000] [--screen 1000] [--worker-jobs 500]

Seeds ``--count`` fictional applications in bulk (with signals), then measures:
the queue page as a verifier through the Django test client (median and p95 of
``--requests`` requests, first page and a filtered page, with the query count);
screening in-process (applications/s); and, when CELERY_BROKER_URL is set, the
same through the running Celery workers (enqueue, then wait until all are done).
Meant for a scratch database: it adds rows and never deletes them.
"""

import random
import statistics
import time
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from onboarding.models import Application, Signal, TrustedDomain
from onboarding.tasks import screen_application

Status = Application.Status
COUNTRIES = ["FR", "DE", "GB", "ES", "IT", "NL", "SE", "NO", "PL", "BR", "MX", "US"]
COUNTRIES += ["CA", "AU", "NZ", "JP", "KR", "IN", "ZA", "KE", "NG", "MA", "EG", "AE"]
STATUSES = [Status.SUBMITTED] * 3 + [Status.IN_REVIEW] * 3 + [Status.NEEDS_INFO]
STATUSES += [Status.APPROVED] * 4 + [Status.REJECTED] * 2 + [Status.WITHDRAWN]
SIGNALS = [
    (Signal.Code.UNKNOWN_DOMAIN, Signal.Level.INFO, {"domain": "agency.example"}),
    (Signal.Code.WEBMAIL, Signal.Level.WARNING, {"domain": "webmail.example"}),
    (Signal.Code.TRUSTED_DOMAIN, Signal.Level.GOOD, {"domain": "police.example"}),
]
BATCH = 2000
UNUSABLE = make_password(None)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Seed fictional applications and time the verification queue and screening."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--screen", type=int, default=1_000)
        parser.add_argument("--worker-jobs", type=int, default=500)
        parser.add_argument("--requests", type=int, default=30)
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        self.rng = random.Random(options["seed"])  # noqa: S311 - fictional data
        started = time.perf_counter()
        ids = self._seed(options["count"])
        self.stdout.write(
            f"seeded {len(ids)} applications in {time.perf_counter() - started:.1f}s "
            f"({Application.objects.count()} in the database, "
            f"{connection.vendor})"
        )
        self._bench_queue(options["requests"])
        self._bench_screening(ids[: options["screen"]])
        if getattr(settings, "CELERY_BROKER_URL", "") and not getattr(
            settings, "CELERY_TASK_ALWAYS_EAGER", False
        ):
            self._bench_worker(ids[-options["worker_jobs"] :])
        else:
            self.stdout.write("worker: skipped (no CELERY_BROKER_URL, tasks eager)")

    # --- seeding ------------------------------------------------------------

    def _seed(self, count: int) -> list[int]:
        run = uuid.uuid4().hex[:8]
        TrustedDomain.objects.get_or_create(
            domain="police.example", defaults={"organisation": "Example Police"}
        )
        now = timezone.now()
        users = User.objects.bulk_create(
            (
                User(
                    email=f"bench-{run}-{n}@agency{n % 500}.example",
                    full_name=f"Bench Applicant {run} {n}",
                    password=UNUSABLE,  # nobody signs in as them
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        if not any(user.pk for user in users):  # backends without RETURNING
            users = list(User.objects.filter(email__startswith=f"bench-{run}-"))
        applications = []
        for n, user in enumerate(users):
            status = self.rng.choice(STATUSES)
            submitted = now - timedelta(minutes=self.rng.randint(10, 90 * 24 * 60))
            decided = status in (Status.APPROVED, Status.REJECTED, Status.WITHDRAWN)
            domain = self.rng.choice(["police.example", "agency.example", "gmail.com"])
            applications.append(
                Application(
                    user=user,
                    status=status,
                    full_name=user.full_name,
                    work_email=f"officer.{run}.{n}@{domain}",
                    agency_name=f"Fictional Agency {n % 300}",
                    agency_type=self.rng.choice(Application.AgencyType.values),
                    country=self.rng.choice(COUNTRIES),
                    unit="Child protection unit",
                    job_title="Investigator",
                    role_category=self.rng.choice(Application.RoleCategory.values),
                    supervisor_name=f"Supervisor {n % 700}",
                    supervisor_email=f"chief{n % 700}@{domain}",
                    supervisor_phone="+00 0000 0000",
                    consent=True,
                    submitted_at=submitted,
                    decided_at=submitted + timedelta(days=3) if decided else None,
                    info_requested_at=submitted + timedelta(days=1)
                    if status == Status.NEEDS_INFO
                    else None,
                )
            )
        created = Application.objects.bulk_create(applications, batch_size=BATCH)
        if not any(a.pk for a in created):
            created = list(
                Application.objects.filter(user__email__startswith=f"bench-{run}-")
            )
        signals = []
        for application in created:
            for code, level, params in self.rng.sample(
                SIGNALS, k=self.rng.randint(1, 2)
            ):
                signals.append(
                    Signal(
                        application=application, code=code, level=level, params=params
                    )
                )
        Signal.objects.bulk_create(signals, batch_size=BATCH, ignore_conflicts=True)
        return [application.pk for application in created]

    # --- queue page -----------------------------------------------------------

    def _verifier_client(self) -> Client:
        verifier, _ = User.objects.get_or_create(
            email="bench-verifier@hub.example", defaults={"full_name": "Bench Verifier"}
        )
        role_grant(actor=None, user=verifier, role=Role.VERIFIER)
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
        client = Client(HTTP_HOST=host if host != "*" else "localhost")
        client.force_login(verifier)
        return client

    def _bench_queue(self, requests: int) -> None:
        client = self._verifier_client()
        url = reverse("onboarding:case-list")
        for label, params in (
            ("first page", {}),
            (
                "filtered (in review, signal webmail, newest)",
                {"status": "in_review", "signal": "webmail", "sort": "newest"},
            ),
        ):
            response = client.get(url, params)  # warm up
            if response.status_code != 200:
                raise CommandError(f"the queue answered {response.status_code}")
            times = []
            for _ in range(requests):
                begin = time.perf_counter()
                client.get(url, params)
                times.append((time.perf_counter() - begin) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url, params)
            self.stdout.write(
                f"queue {label}: median {statistics.median(times):.1f} ms, "
                f"p95 {_percentile(times, 0.95):.1f} ms over {requests} requests, "
                f"{len(queries)} queries"
            )

    # --- screening --------------------------------------------------------------

    def _bench_screening(self, ids: list[int]) -> None:
        begin = time.perf_counter()
        for application_id in ids:
            screen_application.run(application_id)
        elapsed = time.perf_counter() - begin
        self.stdout.write(
            f"screening in-process: {len(ids)} applications in {elapsed:.1f}s = "
            f"{len(ids) / elapsed:.0f} applications/s"
        )

    def _bench_worker(self, ids: list[int]) -> None:
        Application.objects.filter(pk__in=ids).update(screened_at=None)
        begin = time.perf_counter()
        for application_id in ids:
            screen_application.delay(application_id)
        enqueued = time.perf_counter() - begin
        pending = Application.objects.filter(pk__in=ids, screened_at__isnull=True)
        deadline = begin + 600
        while pending.exists() and time.perf_counter() < deadline:
            time.sleep(0.1)
        elapsed = time.perf_counter() - begin
        left = pending.count()
        self.stdout.write(
            f"screening through the worker(s): {len(ids) - left} of {len(ids)} in "
            f"{elapsed:.1f}s (enqueue {enqueued:.1f}s) = "
            f"{(len(ids) - left) / elapsed:.0f} applications/s"
        )
