"""Celery beat's schedule is gathered from the apps' schedule.py, not listed."""

from pathlib import Path

from celery.schedules import crontab

from hub.beat import beat_schedule
from hub.celery import app

# Name -> (task, schedule): what CELERY_BEAT_SCHEDULE listed before discovery.
EXPECTED = {
    "outbox-sweep": ("outbox.tasks.sweep_outbox", 60.0),
    "outbox-purge-delivered": (
        "outbox.tasks.purge_delivered_outbox_messages",
        crontab(hour=3, minute=17),
    ),
    "onboarding-sla-digest": ("onboarding.tasks.send_sla_digest", 86400.0),
    "onboarding-needs-info-reminders": (
        "onboarding.tasks.remind_and_expire_needs_info",
        86400.0,
    ),
    "onboarding-retention-purge": (
        "onboarding.tasks.purge_closed_applications",
        86400.0,
    ),
    "onboarding-member-reconfirmation": ("onboarding.tasks.reconfirm_members", 86400.0),
    "learning-certificate-reminders": (
        "learning_centre.tasks.send_certificate_reminders",
        21600.0,
    ),
    "community-forum-digests": ("community.tasks.send_forum_digests", 3600.0),
    "community-event-reminders": ("community.tasks.send_event_reminders", 900.0),
    "community-challenge-announcements": (
        "community.tasks.send_challenge_announcements",
        900.0,
    ),
}


def test_the_discovered_schedule_is_the_expected_one():
    schedule = beat_schedule()
    assert {
        name: (entry["task"], entry["schedule"]) for name, entry in schedule.items()
    } == EXPECTED


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    for entry in beat_schedule().values():
        assert entry["task"] in app.tasks


def test_a_starting_worker_or_beat_installs_the_schedule():
    app.conf.beat_schedule = {}
    app.loader.import_default_modules()  # what `celery worker` and `celery beat` run
    assert set(app.conf.beat_schedule) == set(EXPECTED)


def test_settings_import_no_app_schedule():
    settings_source = (
        Path(__file__).resolve().parents[2] / "hub" / "settings" / "base.py"
    ).read_text()
    assert ".schedule import" not in settings_source
    assert "CELERY_BEAT_SCHEDULE =" not in settings_source
