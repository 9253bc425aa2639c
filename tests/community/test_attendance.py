"""Attendance (moderators, after the event starts, audited) and the dashboard figure."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from community.errors import NotAllowedError
from community.models import Event, Registration, RegistrationStatus
from community.selectors import events as event_selectors
from community.services import events
from hub.dashboard import dashboard_figures
from tests.accounts.factories import UserFactory
from tests.community.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return UserFactory(role=Role.MODERATOR)


def _past_event_with(n: int, title: str = "Past webinar") -> tuple[Event, list]:
    event = EventFactory(title=title)
    registrations = [
        events.event_rsvp(user=UserFactory(role=Role.MEMBER), event=event)
        for _ in range(n)
    ]
    starts = timezone.now() - timedelta(days=2)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    event.refresh_from_db()
    return event, registrations


def test_attendance_record_marks_and_audits(moderator):
    event, registrations = _past_event_with(3)
    came = [registrations[0].pk, registrations[2].pk]
    events.attendance_record(moderator=moderator, event=event, attended_ids=came)
    marks = dict(Registration.objects.values_list("pk", "attended"))
    assert marks == {
        registrations[0].pk: True,
        registrations[1].pk: False,
        registrations[2].pk: True,
    }
    audit = AuditEvent.objects.get(action="community_attendance_recorded")
    assert audit.after["attended"][str(registrations[1].user_id)] is False
    assert audit.before["attended"][str(registrations[1].user_id)] is None


def test_attendance_record_refused_before_the_event(moderator):
    event = EventFactory()
    registration = events.event_rsvp(user=UserFactory(role=Role.MEMBER), event=event)
    with pytest.raises(NotAllowedError):
        events.attendance_record(
            moderator=moderator, event=event, attended_ids=[registration.pk]
        )
    assert Registration.objects.get(pk=registration.pk).attended is None


def test_attendance_record_refuses_unregistered_ids(moderator):
    event, _registrations = _past_event_with(1)
    _other, others = _past_event_with(1, title="Other")
    with pytest.raises(events.CommunityError):
        events.attendance_record(
            moderator=moderator, event=event, attended_ids=[others[0].pk]
        )


def test_attendance_view_saves_ticks(client, moderator):
    event, registrations = _past_event_with(2)
    client.force_login(moderator)
    url = reverse("community:event-attendance", kwargs={"slug": event.slug})
    page = client.get(url).content.decode()
    assert registrations[0].user.email in page  # a staff screen: identified
    response = client.post(url, {"attended": [registrations[1].pk]})
    assert response.status_code == 302
    assert Registration.objects.get(pk=registrations[1].pk).attended is True
    assert Registration.objects.get(pk=registrations[0].pk).attended is False
    detail = client.get(event.get_absolute_url()).content.decode()
    assert url in detail


def test_attendance_view_before_event_shows_message(client, moderator):
    event = EventFactory()
    client.force_login(moderator)
    url = reverse("community:event-attendance", kwargs={"slug": event.slug})
    body = client.get(url).content.decode()
    assert "once the event starts" in body
    assert 'name="attended"' not in body


def test_dashboard_attendance_uses_marks_falling_back_to_registrations(moderator):
    marked, registrations = _past_event_with(3, title="Marked event")
    _past_event_with(2, title="Unmarked event")
    events.attendance_record(
        moderator=moderator, event=marked, attended_ids=[registrations[0].pk]
    )
    charts = {chart.slug: chart for chart in dashboard_figures()["charts"]}
    bars = {bar.label: bar.value for bar in charts["event-attendance"].bars}
    assert bars == {"Marked event": 1, "Unmarked event": 2}
    totals = event_selectors.attendance_counts()
    assert totals["past_attended"] == 3
    assert totals["upcoming_registered"] == 0


def test_cancelled_registrations_never_count_as_attendance(moderator):
    _event, registrations = _past_event_with(2)
    Registration.objects.filter(pk=registrations[0].pk).update(
        status=RegistrationStatus.CANCELLED
    )
    assert event_selectors.attendance_counts()["past_attended"] == 1
