"""Benchmark the forums on the current database (meant for a scratch PostgreSQL).

    export DJANGO_SETTINGS_MODULE=bench.settings
    manage.py bench_community [--members 20000] [--posts 200000] [--requests 30]

Seeds, in bulk and once (a second run reuses the data), fictional members (in
the ``member`` group through the M2M table), forum categories, topics (one with
``--big-topic`` replies) and posts, and subscriptions. Then measures, as a
member through the Django test client: the topic page (first and a middle
page), the category page and a search, with median/p95 latency and the query
count; and one digest run (the work of the ``send_forum_digest`` task for every
subscriber) in posts and members per second. It adds rows and never deletes them.
"""

import logging
import random
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from community.models import (
    Audience,
    Category,
    CategoryKind,
    DigestItem,
    Post,
    Sensitivity,
    Subscription,
    Topic,
)
from community.services.digests import digest_recipient_ids, digest_send
from community.services.forums import search_vectors_refresh
from core.markdown import markdown_render

PREFIX = "bench-community"
BATCH = 5000
UNUSABLE = make_password(None)
SUBJECTS = [
    "perceptual hashing",
    "triage of seized phones",
    "victim identification",
    "cloud warrant templates",
    "age estimation models",
    "grooming chat classifiers",
    "duplicate detection",
    "offline deployment",
    "well-being of analysts",
    "evidence handling",
]
SENTENCES = [
    "We tested {s} on our own case data last month and the results were mixed.",
    "Has anyone compared two vendors for {s}? Our budget review is next quarter.",
    "In our unit {s} cut the review backlog by about a third.",
    "Remember that {s} must be validated before the results go into a report.",
    "Our prosecutor asked how {s} works; a short plain-language note helped.",
    "The training session on {s} is worth it, especially the practical part.",
    "**Tip:** document every setting you use for {s}, the defence will ask.",
    "We are still waiting for the legal opinion on {s} in our country.",
]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Seed fictional forum data and time the topic, category and digest paths."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=20_000)
        parser.add_argument("--posts", type=int, default=200_000)
        parser.add_argument("--big-topic", type=int, default=5_000)
        parser.add_argument("--posts-per-topic", type=int, default=20)
        parser.add_argument("--requests", type=int, default=30)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        self.rng = random.Random(options["seed"])  # noqa: S311 (fictional data)
        self.now = timezone.now()
        self.bodies = self._bodies()
        started = time.perf_counter()
        if Category.objects.filter(slug=f"{PREFIX}-0").exists():
            self.stdout.write("seed: reusing the benchmark data already there")
        else:
            self._seed(options)
        self.stdout.write(
            f"seed: {time.perf_counter() - started:.1f}s; "
            f"{connection.vendor} database holds {User.objects.count()} users, "
            f"{Topic.objects.count()} topics, "
            f"{Post.objects.count()} posts, {Subscription.objects.count()} "
            "subscriptions"
        )
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver", "localhost"],
        ):
            client = Client(HTTP_HOST=host if host not in ("*", "") else "localhost")
            member = User.objects.filter(email__startswith=f"{PREFIX}-member-").first()
            if member is None:
                raise CommandError("No benchmark member: the seed did not run.")
            client.force_login(member)
            self._bench_pages(client, options["requests"])
            self._bench_digest()

    # --- seeding ------------------------------------------------------------

    def _bodies(self) -> list[tuple[str, str]]:
        """A few hundred distinct (text, rendered HTML) pairs, rendered once."""
        bodies: list[tuple[str, str]] = []
        for subject in SUBJECTS:
            for first in SENTENCES:
                second = SENTENCES[(SENTENCES.index(first) + 3) % len(SENTENCES)]
                text = " ".join(s.format(s=subject) for s in (first, second))
                bodies.append((text, markdown_render(text, from_members=True)))
        return bodies

    def _seed(self, options: dict[str, Any]) -> None:
        member_ids = self._seed_members(options["members"])
        categories = [
            Category(
                name=f"Benchmark: {subject.capitalize()}",
                slug=f"{PREFIX}-{i}",
                kind=CategoryKind.GENERAL,
                audience=Audience.MEMBERS,
                position=100 + i,
            )
            for i, subject in enumerate(SUBJECTS[:8])
        ]
        Category.objects.bulk_create(categories)
        categories = list(Category.objects.filter(slug__startswith=f"{PREFIX}-"))
        topic_ids = self._seed_topics(options, categories, member_ids)
        self._seed_subscriptions(member_ids, categories, topic_ids)

    def _seed_members(self, count: int) -> list[int]:
        started = time.perf_counter()
        for start in range(0, count, BATCH):
            User.objects.bulk_create(
                [
                    User(
                        email=f"{PREFIX}-member-{i}@agency{i % 97}.example",
                        full_name=f"Benchmark Officer {i}",
                        password=UNUSABLE,
                        date_joined=self.now - timedelta(days=i % 700),
                    )
                    for i in range(start, min(count, start + BATCH))
                ]
            )
        member_ids = list(
            User.objects.filter(email__startswith=f"{PREFIX}-member-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        group = Group.objects.get(name=Role.MEMBER)
        through = User.groups.through
        through.objects.bulk_create(
            [through(user_id=pk, group_id=group.pk) for pk in member_ids],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        self.stdout.write(
            f"seed: {len(member_ids)} members in {time.perf_counter() - started:.1f}s"
        )
        return member_ids

    def _seed_topics(
        self,
        options: dict[str, Any],
        categories: list[Category],
        member_ids: list[int],
    ) -> list[int]:
        started = time.perf_counter()
        rng = self.rng
        per_topic = options["posts_per_topic"]
        big = options["big_topic"]
        n_topics = max(1, (options["posts"] - big - 1) // per_topic)
        year = timedelta(days=365)
        topics = []
        for i in range(n_topics + 1):
            # The newest 2% of topics are active now: their replies are what the
            # digest run announces.
            recent = i >= n_topics * 0.98
            created = self.now - (
                timedelta(hours=rng.uniform(12, 20)) if recent else rng.random() * year
            )
            topics.append(
                Topic(
                    category=categories[0] if i == 0 else rng.choice(categories),
                    title=f"{SUBJECTS[i % len(SUBJECTS)].capitalize()}: "
                    f"experiences from unit {i}",
                    author_id=rng.choice(member_ids),
                    sensitivity=rng.choice(list(Sensitivity.values)),
                    created_at=created,
                    last_post_at=created,
                    reply_count=big if i == 0 else per_topic - 1,
                )
            )
        Topic.objects.bulk_create(topics, batch_size=BATCH)
        topics = list(
            Topic.objects.filter(category__slug__startswith=f"{PREFIX}-").order_by("pk")
        )
        posts: list[Post] = []
        written = 0
        for index, topic in enumerate(topics):
            replies = big if index == 0 else per_topic - 1
            span = (self.now - topic.created_at) / (replies + 1)
            for n in range(replies + 1):
                text, html = rng.choice(self.bodies)
                posts.append(
                    Post(
                        topic_id=topic.pk,
                        author_id=topic.author_id if n == 0 else rng.choice(member_ids),
                        body=text,
                        body_html=html,
                        is_first=n == 0,
                        created_at=topic.created_at + span * n,
                    )
                )
            topic.last_post_at = posts[-1].created_at
            if len(posts) >= BATCH:
                Post.objects.bulk_create(posts)
                written += len(posts)
                posts = []
        Post.objects.bulk_create(posts)
        written += len(posts)
        Topic.objects.bulk_update(topics, ["last_post_at"], batch_size=BATCH)
        bench_topics = Topic.objects.filter(category__slug__startswith=f"{PREFIX}-")
        search_vectors_refresh(
            topics=bench_topics, posts=Post.objects.filter(topic__in=bench_topics)
        )
        self.stdout.write(
            f"seed: {len(topics)} topics, {written} posts in "
            f"{time.perf_counter() - started:.1f}s"
        )
        return [topic.pk for topic in topics]

    def _seed_subscriptions(
        self, member_ids: list[int], categories: list[Category], topic_ids: list[int]
    ) -> None:
        """10% of members follow a category, 25% follow three topics each."""
        rng = self.rng
        since = self.now - timedelta(days=1)
        subscriptions = [
            Subscription(user_id=pk, category=rng.choice(categories), created_at=since)
            for pk in rng.sample(member_ids, len(member_ids) // 10)
        ]
        active = topic_ids[int(len(topic_ids) * 0.98) :]
        for pk in rng.sample(member_ids, len(member_ids) // 4):
            for topic_id in {rng.choice(active), *rng.sample(topic_ids, 2)}:
                subscriptions.append(
                    Subscription(user_id=pk, topic_id=topic_id, created_at=since)
                )
        Subscription.objects.bulk_create(
            subscriptions, batch_size=BATCH, ignore_conflicts=True
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # --- measuring ----------------------------------------------------------

    def _time(self, label: str, client: Client, url: str, requests: int) -> None:
        for _ in range(2):  # warm caches, sessions and the read marker
            client.get(url)
        timings = []
        reset_queries()  # the request_started signal resets the log too
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"{label}: median {statistics.median(timings):.1f} ms, "
            f"p95 {_percentile(timings, 0.95):.1f} ms, {len(queries)} queries "
            f"({requests} requests)"
        )

    def _bench_pages(self, client: Client, requests: int) -> None:
        big = (
            Topic.objects.filter(category__slug__startswith=f"{PREFIX}-")
            .order_by("-reply_count", "pk")
            .first()
        )
        if big is None:
            raise CommandError("No benchmark topic: the seed did not run.")
        pages = (big.reply_count + 1 + 24) // 25
        url = big.get_absolute_url()
        self._time(f"topic page 1 ({big.reply_count} replies)", client, url, requests)
        self._time(
            f"topic page {pages // 2} of {pages}",
            client,
            f"{url}?page={pages // 2}",
            requests,
        )
        category = big.category
        count = Topic.objects.filter(category=category).count()
        self._time(
            f"category page 1 ({count} topics)",
            client,
            category.get_absolute_url(),
            requests,
        )
        self._time(
            f"category page {max(1, count // 60)} ({count} topics)",
            client,
            f"{category.get_absolute_url()}?page={max(1, count // 60)}",
            requests,
        )
        search = reverse("community:forum-search")
        self._time(
            "search 'seized phones'", client, f"{search}?q=seized+phones", requests
        )

    def _bench_digest(self) -> None:
        # Eager Celery logs every delivered email; keep the report readable.
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        before = DigestItem.objects.count()
        started = time.perf_counter()
        recipients = digest_recipient_ids()
        sent = sum(self._each(digest_send, recipients))
        elapsed = time.perf_counter() - started
        posts = DigestItem.objects.count() - before
        self.stdout.write(
            f"digest run: {len(recipients)} subscribers, {sent} digests, {posts} "
            f"post announcements in {elapsed:.1f}s: "
            f"{len(recipients) / elapsed:.0f} members/s, {posts / elapsed:.0f} posts/s"
        )

    @staticmethod
    def _each(send: Callable[..., bool], user_ids: list[int]) -> list[bool]:
        return [send(user_id=pk) for pk in user_ids]
