"""Reads of events, registrations and the calendar feed."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from accounts.roles import Perm
from community.models import (
    Event,
    EventQuerySet,
    MemberProfile,
    Registration,
    RegistrationStatus,
)


def events_visible_to(*, user: User) -> EventQuerySet:
    """Organisers see every event; members those for members; provider
    representatives only those whose audience includes them."""
    if user.has_perm(Perm.MODERATE_COMMUNITY):
        return Event.objects.all()
    if user.has_perm(Perm.USE_MEMBER_AREA):
        return Event.objects.for_members()
    if user.has_perm(Perm.USE_PROVIDER_PORTAL):
        return Event.objects.for_providers()
    return Event.objects.none()


def event_list(*, user: User, past: bool = False) -> QuerySet[Event]:
    visible = events_visible_to(user=user)
    events = visible.finished().order_by("-starts_at") if past else visible.current()
    mine = Registration.objects.filter(event=OuterRef("pk"), user=user).exclude(
        status=RegistrationStatus.CANCELLED
    )
    return events.annotate(
        my_status=Subquery(mine.values("status")[:1]),
    )


def event_get(*, slug: str, user: User | None = None) -> Event | None:
    """The event, when ``user`` (if given) may see it; otherwise None (404)."""
    events = Event.objects.all() if user is None else events_visible_to(user=user)
    return events.filter(slug=slug).first()


def viewer_time_zone(*, user: User) -> str:
    """The viewer's chosen zone (community settings), else UTC; creates nothing."""
    zone = (
        MemberProfile.objects.filter(user=user)
        .values_list("time_zone", flat=True)
        .first()
    )
    return zone or "UTC"


def registration_for(*, user: User, event: Event) -> Registration | None:
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def event_places_taken(*, event: Event) -> int:
    return Registration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED
    ).count()


def waitlist_position(*, registration: Registration) -> int:
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITLISTED,
            queued_at__lt=registration.queued_at,
        ).count()
        + 1
    )


def event_attendees(*, event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event).select_related("user")


def calendar_events_for_token(*, token: str) -> tuple[User, QuerySet[Event]] | None:
    profile = (
        MemberProfile.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if profile is None or not token:
        return None
    user = profile.user
    if not user.has_perm(Perm.USE_MEMBER_AREA):
        return None
    since = timezone.now() - timedelta(days=90)
    events = Event.objects.filter(
        registrations__user=user,
        registrations__status=RegistrationStatus.REGISTERED,
        ends_at__gte=since,
    ).order_by("starts_at")
    return user, events


def attendance_by_event(
    *, events: QuerySet[Event], limit: int | None = None
) -> list[tuple[Event, int]]:
    """Attendees per event: those marked as attended, or, while nobody is
    marked for an event, its registered members."""
    annotated = events.annotate(
        n_marked=Count(
            "registrations", filter=Q(registrations__attended__isnull=False)
        ),
        n_attended=Count("registrations", filter=Q(registrations__attended=True)),
        n_registered=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.REGISTERED),
        ),
    )
    if limit is not None:
        annotated = annotated[:limit]
    return [
        (event, event.n_attended if event.n_marked else event.n_registered)
        for event in annotated
    ]


def attendance_counts() -> dict[str, int]:
    """For the dashboard: attendance of past events, registrations of upcoming ones."""
    now = timezone.now()
    past = attendance_by_event(events=Event.objects.past().order_by())
    counts = Registration.objects.aggregate(
        upcoming_registered=Count(
            "pk",
            filter=Q(status=RegistrationStatus.REGISTERED, event__ends_at__gte=now),
        ),
        waitlisted=Count(
            "pk",
            filter=Q(status=RegistrationStatus.WAITLISTED, event__ends_at__gte=now),
        ),
    )
    counts["past_attended"] = sum(n for _event, n in past)
    return counts


def recent_past_event_attendance(*, limit: int = 10) -> list[tuple[str, int]]:
    """(title in the reader's language, attendees) of the latest past events:
    the dashboard's chart."""
    recent = Event.objects.past().order_by("-starts_at")
    return [
        (str(event.localised("title")), n)
        for event, n in attendance_by_event(events=recent, limit=limit)
    ]
