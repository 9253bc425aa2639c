"""The outbox against a real Redis broker and a real Celery worker.

Skipped without Redis or on SQLite (a laptop); CI runs them on PostgreSQL + Redis.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.test import Client
from django.urls import reverse

from hub.celery import app
from outbox.models import OutboxMessage
from outbox.tasks import deliver_outbox_message, sweep_outbox
from tests.conftest import redis_test_url

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


@contextmanager
def broker(url: str) -> Iterator[None]:
    """Point the Celery app at ``url`` with eager mode off, for one block.

    Celery prefers a CELERY_BROKER_URL environment variable (set in CI) to
    ``broker_url``; the read and write URLs win over both.
    """
    conf = app.conf
    saved = (conf.broker_read_url, conf.broker_write_url, conf.task_always_eager)
    conf.broker_read_url = conf.broker_write_url = url
    conf.task_always_eager = False
    app._pool = None  # type: ignore[attr-defined]  # pooled per URL: drop them
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    try:
        yield
    finally:
        conf.broker_read_url, conf.broker_write_url, conf.task_always_eager = saved
        app._pool = None  # type: ignore[attr-defined]
        app.amqp._producer_pool = None  # type: ignore[attr-defined]


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def redis_url() -> str:
    url = redis_test_url()
    redis.Redis.from_url(url).flushdb()  # a database of its own; no stale messages
    return url


def test_a_signup_during_a_broker_outage_is_emailed_once_when_it_is_back(
    client: Client, redis_url: str
):
    with broker(DEAD_BROKER):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new.officer@police.example",
                "password1": "a-long-and-unusual-passphrase",
                "password2": "a-long-and-unusual-passphrase",
            },
        )
    assert response.status_code == 302  # the request succeeded
    message = OutboxMessage.objects.get()
    assert message.delivered_at is None
    assert message.last_error
    assert mail.outbox == []

    with broker(redis_url), start_worker(app, perform_ping_check=False):
        assert sweep_outbox() == 1
        assert wait_for(
            lambda: OutboxMessage.objects.filter(delivered_at__isnull=False).exists()
        )
        # A second sweep and a duplicate delivery do nothing more.
        assert sweep_outbox() == 0
        deliver_outbox_message.delay(message_id=message.pk)
        time.sleep(0.5)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.officer@police.example"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_work_recorded_with_the_broker_up_reaches_the_worker_at_once(
    client: Client, redis_url: str
):
    with broker(redis_url), start_worker(app, perform_ping_check=False):
        response = client.post(
            reverse("account_reset_password"), {"email": "nobody@police.example"}
        )
        assert response.status_code == 302
        assert wait_for(lambda: len(mail.outbox) == 1)
    # Enumeration-safe: an unknown address gets a "no account" email, same response.
    assert mail.outbox[0].to == ["nobody@police.example"]
    assert OutboxMessage.objects.get().delivered_at is not None
