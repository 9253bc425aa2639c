from datetime import timedelta
from unittest.mock import patch

import pytest
from celery import current_app
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from kombu.exceptions import OperationalError

from accounts.roles import Role
from outbox import services
from outbox.emails import SEND_EMAIL_TASK, email_enqueue, email_render
from outbox.models import OutboxMessage
from outbox.tasks import deliver_outbox_message, sweep_outbox
from tests.outbox.tasks import RUNS, record_run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_runs():
    RUNS.clear()


def broker_down():
    return patch.object(
        deliver_outbox_message, "apply_async", side_effect=OperationalError("refused")
    )


def test_work_is_sent_only_after_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = services.outbox_enqueue(record_run, case=7)
    assert RUNS == []
    assert len(callbacks) == 1

    callbacks[0]()

    assert RUNS == [{"case": 7}]
    message.refresh_from_db()
    assert message.delivered_at is not None
    assert message.attempts == 1


def test_a_dedupe_key_records_the_work_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.outbox_enqueue(record_run, dedupe_key="welcome:1", user=1)
        second = services.outbox_enqueue(record_run, dedupe_key="welcome:1", user=1)
    assert first.pk == second.pk
    assert RUNS == [{"user": 1}]


def test_a_broker_outage_leaves_the_work_for_the_sweeper(
    django_capture_on_commit_callbacks,
):
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        message = services.outbox_enqueue(record_run, case=1)
    message.refresh_from_db()
    assert message.delivered_at is None
    assert "refused" in message.last_error
    assert RUNS == []

    assert sweep_outbox() == 1
    assert sweep_outbox() == 0  # delivered: nothing left to send

    assert RUNS == [{"case": 1}]
    message.refresh_from_db()
    assert message.delivered_at is not None


def test_the_sweeper_stops_while_the_broker_is_still_down(
    django_capture_on_commit_callbacks,
):
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        for case in range(3):
            services.outbox_enqueue(record_run, case=case)
    with broker_down() as delay:
        assert sweep_outbox() == 0
    assert delay.call_count == 1  # one failed send, not one per message
    assert RUNS == []


def test_a_message_is_delivered_once_however_often_it_is_sent():
    message = OutboxMessage.objects.create(task_name=record_run.name, kwargs={"n": 1})
    deliver_outbox_message(message_id=message.pk)
    deliver_outbox_message(message_id=message.pk)
    assert RUNS == [{"n": 1}]


def test_a_message_claimed_by_a_running_worker_is_not_run_again():
    message = OutboxMessage.objects.create(
        task_name=record_run.name,
        kwargs={},
        claimed_until=timezone.now() + timedelta(minutes=5),
    )
    deliver_outbox_message(message_id=message.pk)
    assert RUNS == []


def test_a_crashed_run_is_retried_after_its_claim_expires():
    long_ago = timezone.now() - timedelta(hours=1)
    message = OutboxMessage.objects.create(
        task_name=record_run.name,
        kwargs={"n": 2},
        created_at=long_ago,
        last_sent_at=long_ago,
        attempts=1,
        claimed_until=long_ago,
    )
    assert services.outbox_messages_due() == [message.pk]
    assert sweep_outbox() == 1
    assert RUNS == [{"n": 2}]


def test_fresh_and_given_up_messages_are_not_swept(settings):
    OutboxMessage.objects.create(task_name=record_run.name)  # on_commit will send it
    OutboxMessage.objects.create(
        task_name=record_run.name, attempts=settings.OUTBOX_MAX_ATTEMPTS
    )
    assert services.outbox_messages_due() == []


def test_emails_render_in_the_recipients_language_and_go_through_the_outbox(
    django_capture_on_commit_callbacks,
):
    context = {"user_name": "Awa", "role_label": Role.VERIFIER.label, "granted": True}
    message = email_render(
        template_prefix="accounts/role_changed",
        context=context,
        to=["awa@police.example"],
        language="fr",
    )
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(message=message)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["awa@police.example"]
    with translation.override("fr"):
        french = gettext("You now have the %(role)s role") % {
            "role": gettext("Verifier")
        }
    assert sent.subject.split() == french.split()  # the mail API folds NBSPs
    assert sent.subject != "You now have the Verifier role"
    html = next(body for body, mime in sent.alternatives if mime == "text/html")
    assert "Awa" in html


def test_the_task_names_the_outbox_sends_are_registered_at_start_up():
    """Services name their tasks (no import of tasks from services): the names
    must resolve in every process, web processes included."""
    assert services.DELIVER_TASK in current_app.tasks
    assert SEND_EMAIL_TASK in current_app.tasks


def test_work_can_be_enqueued_by_task_name(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_enqueue_name(record_run.name, case=9)
    assert RUNS == [{"case": 9}]
