"""Onboarding against a real Redis broker and a real Celery worker: nothing lost.

Skipped without Redis or on SQLite (a laptop); CI runs them on PostgreSQL + Redis.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from hub.celery import app
from onboarding.models import Application, Signal
from outbox.models import OutboxMessage
from outbox.tasks import deliver_outbox_message, sweep_outbox
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import TrustedDomainFactory
from tests.outbox.test_worker import DEAD_BROKER, broker, redis_url, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]
__all__ = ["redis_url"]  # the fixture, imported from the outbox's worker tests

ACKNOWLEDGEMENT = "We received your application"


def _questionnaire() -> dict[str, str]:
    return {
        "full_name": "Ingrid Olsen",
        "work_email": "ingrid.olsen@politiet.example",
        "job_title": "Investigator",
        "role_category": "investigator",
        "years_in_role": "3",
        "agency_name": "Oslo Police District",
        "agency_type": "police",
        "country": "NO",
        "unit": "Online child abuse unit",
        "supervisor_name": "Lars Berg",
        "supervisor_email": "lars.berg@politiet.example",
        "supervisor_phone": "+47 00 00 00 00",
        "consent": "on",
        "action": "submit",
    }


def _submit(client: Client) -> Application:
    applicant = UserFactory(email="ingrid.olsen@politiet.example")
    client.force_login(applicant)
    response = client.post(reverse("onboarding:application"), _questionnaire())
    assert response.status_code == 302  # the request succeeded
    application = Application.objects.get(user=applicant)
    assert application.status == Application.Status.SUBMITTED
    return application


def _acknowledgements() -> int:
    return sum(m.subject == ACKNOWLEDGEMENT for m in mail.outbox)


def test_worker_screens_a_submission_and_the_queue_shows_its_signals(
    client: Client, redis_url: str
) -> None:
    TrustedDomainFactory(domain="politiet.example", organisation="Politiet")
    with broker(redis_url):
        # Sent to Redis on commit; the worker starts after the request (SQLite's
        # shared in-memory test database cannot take two writers at once).
        application = _submit(client)
        assert OutboxMessage.objects.filter(last_sent_at__isnull=False).count() == 2
        assert application.signals.count() == 0
        with start_worker(app, perform_ping_check=False):
            assert wait_for(
                lambda: Application.objects.filter(
                    pk=application.pk, screened_at__isnull=False
                ).exists()
            )
            assert wait_for(lambda: _acknowledgements() == 1)
            assert wait_for(
                lambda: (
                    not OutboxMessage.objects.filter(delivered_at__isnull=True).exists()
                )
            )

    codes = set(application.signals.values_list("code", flat=True))
    assert Signal.Code.TRUSTED_DOMAIN in codes
    verifier = UserFactory(role=Role.VERIFIER)
    client.force_login(verifier)
    response = client.get(
        reverse("onboarding:case-list"), {"signal": Signal.Code.TRUSTED_DOMAIN}
    )
    assert response.status_code == 200
    assert str(application) in response.content.decode()
    assert "Known agency domain" in response.content.decode()


def test_worker_submission_during_a_broker_outage_is_screened_once_later(
    client: Client, redis_url: str
) -> None:
    TrustedDomainFactory(domain="politiet.example", organisation="Politiet")
    with broker(DEAD_BROKER):
        application = _submit(client)
    application.refresh_from_db()
    assert application.screened_at is None  # nothing ran yet
    assert not application.signals.exists()
    assert mail.outbox == []
    waiting = OutboxMessage.objects.filter(delivered_at__isnull=True)
    assert waiting.count() == 2  # screening and the acknowledgement
    assert all(message.last_error for message in waiting)

    with broker(redis_url), start_worker(app, perform_ping_check=False):
        assert sweep_outbox() == 2
        assert wait_for(
            lambda: not OutboxMessage.objects.filter(delivered_at__isnull=True).exists()
        )
        application.refresh_from_db()
        screened_at = application.screened_at
        signals = list(application.signals.values_list("pk", "code"))
        # A second sweep and a duplicate delivery do nothing more.
        assert sweep_outbox() == 0
        for message in OutboxMessage.objects.all():
            deliver_outbox_message.delay(message_id=message.pk)
        time.sleep(0.5)

    application.refresh_from_db()
    assert screened_at is not None
    assert application.screened_at == screened_at  # screened exactly once
    assert list(application.signals.values_list("pk", "code")) == signals
    assert len({code for _, code in signals}) == len(signals)
    assert Signal.Code.TRUSTED_DOMAIN in {code for _, code in signals}
    assert _acknowledgements() == 1
