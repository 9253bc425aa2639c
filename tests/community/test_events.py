import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from accounts.roles import Role
from community.errors import CommunityError
from community.models import Registration, RegistrationStatus
from community.services import directory, events
from community.tasks import send_event_reminders
from community.templatetags.community_tags import event_time
from tests.accounts.factories import UserFactory
from tests.community.factories import EventFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _members(n: int) -> list:
    return UserFactory.create_batch(n, role=Role.MEMBER)


def test_rsvp_full_event_waitlists_and_double_rsvp_refused(member):
    event = EventFactory(capacity=1)
    first, second = _members(2)
    assert (
        events.event_rsvp(user=first, event=event).status
        == RegistrationStatus.REGISTERED
    )
    assert (
        events.event_rsvp(user=second, event=event).status
        == RegistrationStatus.WAITLISTED
    )
    with pytest.raises(CommunityError):
        events.event_rsvp(user=second, event=event)


def test_rsvp_view_full_event_message(member_client):
    event = EventFactory(capacity=0)
    response = member_client.post(
        reverse("community:event-rsvp", kwargs={"slug": event.slug}), follow=True
    )
    assert "waiting list" in response.content.decode()


def test_cancellation_promotes_in_order_with_email(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    holder, first, second = _members(3)
    events.event_rsvp(user=holder, event=event)
    events.event_rsvp(user=first, event=event)
    events.event_rsvp(user=second, event=event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = events.registration_cancel(user=holder, event=event)
    assert [r.user for r in promoted] == [first]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [first.email]
    assert Registration.objects.get(user=second).status == RegistrationStatus.WAITLISTED


def test_online_link_only_for_registered(member_client, member):
    event = EventFactory()
    url = event.get_absolute_url()
    assert "secret-room" not in member_client.get(url).content.decode()
    events.event_rsvp(user=member, event=event)
    assert "secret-room" in member_client.get(url).content.decode()


def test_event_ics_parses_with_alarms(member_client, member):
    event = EventFactory()
    events.event_rsvp(user=member, event=event)
    response = member_client.get(
        reverse("community:event-ics", kwargs={"slug": event.slug})
    )
    calendar = Calendar.from_ical(response.content)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 1
    assert vevents[0]["SUMMARY"] == event.title
    assert vevents[0].decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert len(vevents[0].walk("VALARM")) == 2
    assert "secret-room" in str(vevents[0]["DESCRIPTION"])


def test_calendar_feed_token_revocable(client, member):
    event = EventFactory()
    events.event_rsvp(user=member, event=event)
    token = directory.calendar_token_reset(user=member)
    url = reverse("community:calendar-feed", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    assert (
        client.get(
            reverse("community:calendar-feed", kwargs={"token": "wrong"})
        ).status_code
        == 404
    )
    directory.calendar_token_revoke(user=member)
    assert client.get(url).status_code == 404
    new = directory.calendar_token_reset(user=member)
    assert new != token
    assert client.get(url).status_code == 404


def test_time_zone_rendering_across_dst_change():
    # Europe/London moves to BST on 29 March 2026 at 01:00 UTC.
    before = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    after = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)
    # Noon UTC is noon in London in winter time, 1 p.m. in summer time.
    assert "28 March 2026, 12:00 (GMT" in event_time(before, "Europe/London", "UTC")
    assert "30 March 2026, 13:00 (BST" in event_time(after, "Europe/London", "UTC")
    assert "30 March 2026, 08:00 (EDT" in event_time(after, "America/New_York", "UTC")
    # A viewer elsewhere sees their own time and the event's zone beside it.
    both = event_time(after, "Asia/Tokyo", "Europe/London")
    assert "Tokyo (Japan)" in both
    assert "London (United Kingdom)" in both
    assert "event time" in both


def test_reminders_sent_once(django_capture_on_commit_callbacks, member):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=20))
    later = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    events.event_rsvp(user=member, event=event)
    events.event_rsvp(user=member, event=later)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders() == 1
        assert send_event_reminders() == 0
    assert len(mail.outbox) == 1


def test_event_list_query_budget(member_client, member):
    for _ in range(15):
        event = EventFactory()
        events.event_rsvp(user=member, event=event)
    member_client.get(reverse("community:event-list"))
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get(reverse("community:event-list"))
    assert response.status_code == 200
    assert len(queries) <= 10


def test_staff_event_edit_adds_capacity_promotes(
    client, django_capture_on_commit_callbacks
):
    moderator = UserFactory(role=Role.MODERATOR)
    event = EventFactory(capacity=1)
    holder, waiting = _members(2)
    events.event_rsvp(user=holder, event=event)
    events.event_rsvp(user=waiting, event=event)
    event.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        events.event_save(actor=moderator, event=event)
    assert (
        Registration.objects.get(user=waiting).status == RegistrationStatus.REGISTERED
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_in_order():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) need PostgreSQL")
    event = EventFactory(capacity=3)
    holders = _members(3)
    waiting = _members(4)
    for user in holders + waiting:
        events.event_rsvp(user=user, event=event)
    barrier = threading.Barrier(3)
    errors = []

    def cancel(user):
        try:
            barrier.wait()
            events.registration_cancel(user=user, event=event)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(u,)) for u in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    registered = set(
        Registration.objects.filter(
            event=event, status=RegistrationStatus.REGISTERED
        ).values_list("user_id", flat=True)
    )
    assert registered == {u.pk for u in waiting[:3]}
    assert (
        Registration.objects.get(user=waiting[3]).status
        == RegistrationStatus.WAITLISTED
    )


def test_profile_sets_time_zone_used_on_events(member_client, member):
    ProfileFactory(user=member, time_zone="America/New_York")
    event = EventFactory(time_zone="Europe/Paris")
    body = member_client.get(event.get_absolute_url()).content.decode()
    assert "New York (United States)" in body
    assert "Paris (France)" in body


ARABIC = {"ar": {"title": "لقاء الفريق", "description": "وصف اللقاء"}}


def test_event_ics_is_in_the_requesters_language(member_client, member):
    event = EventFactory(title="Team meeting", translations=ARABIC)
    events.event_rsvp(user=member, event=event)
    with translation.override("ar"):
        url = reverse("community:event-ics", kwargs={"slug": event.slug})
    response = member_client.get(url)
    [vevent] = Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent["SUMMARY"] == "لقاء الفريق"
    assert "وصف اللقاء" in str(vevent["DESCRIPTION"])
    assert "/ar/community/events/" in str(vevent["URL"])


def test_calendar_feed_is_in_the_subscribers_language(client):
    member = UserFactory(role=Role.MEMBER, language="ar")
    event = EventFactory(title="Team meeting", translations=ARABIC)
    events.event_rsvp(user=member, event=event)
    token = directory.calendar_token_reset(user=member)
    response = client.get(reverse("community:calendar-feed", kwargs={"token": token}))
    [vevent] = Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent["SUMMARY"] == "لقاء الفريق"
    assert "/ar/community/events/" in str(vevent["URL"])


def test_event_description_is_translated_or_marked_english(member_client):
    event = EventFactory(
        description="English only text",
        translations={
            "fr": {"title": "T", "description": "Texte"},
            "ar": {"title": "ع"},
        },
    )
    with translation.override("fr"):
        french = member_client.get(event.get_absolute_url()).content.decode()
    with translation.override("ar"):
        arabic = member_client.get(event.get_absolute_url()).content.decode()
    assert "Texte" in french
    assert "English only text" not in french
    assert "shown-in-english" not in french
    assert 'lang="en" dir="ltr"><p>English only text' in arabic
    assert "shown-in-english" in arabic


def test_event_reminder_links_follow_the_members_language_whoever_triggers_it(
    django_capture_on_commit_callbacks,
):
    member = UserFactory(role=Role.MEMBER, language="ar")
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=20))
    events.event_rsvp(user=member, event=event)
    mail.outbox.clear()
    with (
        translation.override("en"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_event_reminders() == 1
    [message] = [m for m in mail.outbox if m.to == [member.email]]
    assert f"/ar/community/events/{event.slug}/" in message.body
