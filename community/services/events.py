from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import user_own_name
from accounts.services import audit_event_record
from community import conf
from community.audit import CommunityAction
from community.errors import CommunityError, NotAllowedError
from community.models import Event, MemberProfile, Registration, RegistrationStatus
from outbox.emails import email_user_enqueue

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def _lock_event(event: Event) -> Event:
    # Serialises RSVPs and cancellations of one event (a row lock on PostgreSQL).
    return Event.objects.select_for_update().get(pk=event.pk)


def _registered_count(event: Event) -> int:
    return Registration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED
    ).count()


@transaction.atomic
def event_rsvp(*, user: User, event: Event) -> Registration:
    """Take a place, or a place on the waiting list when the event is full."""
    event = _lock_event(event)
    if event.ends_at < timezone.now():
        raise NotAllowedError(_("This event is over."))
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status in ACTIVE:
        if registration.status == RegistrationStatus.REGISTERED:
            raise CommunityError(_("You are already registered for this event."))
        raise CommunityError(_("You are already on the waiting list for this event."))
    full = _registered_count(event) >= event.capacity
    status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED
    if registration is None:
        registration = Registration(event=event, user=user)
    registration.status = status
    registration.queued_at = timezone.now()
    registration.promoted_at = None
    registration.reminder_sent_at = None
    registration.save()
    return registration


@transaction.atomic
def registration_cancel(*, user: User, event: Event) -> list[Registration]:
    """Give up a place (or a waiting-list spot); returns whoever was promoted."""
    event = _lock_event(event)
    registration = (
        Registration.objects.select_for_update()
        .filter(event=event, user=user, status__in=ACTIVE)
        .first()
    )
    if registration is None:
        raise CommunityError(_("You are not registered for this event."))
    was_registered = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    if was_registered:
        return waitlist_promote(event=event)
    return []


def waitlist_promote(*, event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served.

    Call inside a transaction holding the event's lock.
    """
    if event.ends_at < timezone.now():
        return []
    free = event.capacity - _registered_count(event)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _email_place_offered(registration=registration, event=event)
    return waiting


def _event_url(event: Event, *, language: str) -> str:
    """The event's page, reversed in the recipient's language (not in whichever
    language the request or the worker happens to have active)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return conf.site_url(event.get_absolute_url())


def _email_place_offered(*, registration: Registration, event: Event) -> None:
    user = registration.user
    email_user_enqueue(
        user=user,
        template_prefix="community/place_offered",
        context={
            "user_name": user_own_name(user),
            "event_title": str(event.localised("title", user.language or "en")),
            "event_url": _event_url(event, language=user.language),
        },
        dedupe_key=f"community-promoted:{registration.pk}:{registration.queued_at.timestamp()}",
    )


EVENT_FIELDS = (
    "title",
    "slug",
    "kind",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "audience",
    "recurrence",
    "recurrence_count",
    "online_url",
    "venue",
    "capacity",
    "recording_url",
    "materials",
)


def _snapshot(event: Event) -> dict[str, Any]:
    return {name: str(getattr(event, name)) for name in EVENT_FIELDS}


@transaction.atomic
def event_save(*, actor: User, event: Event) -> Event:
    """Create or update an event (staff); more places promote the waiting list."""
    before: dict[str, Any] = {}
    if event.pk:
        before = _snapshot(Event.objects.get(pk=event.pk))
    event.full_clean()
    event.series_ends_at = event.series_end()
    event.save()
    after = _snapshot(event)
    audit_event_record(
        actor=actor,
        action=CommunityAction.EVENT_SAVED,
        target=event,
        before={k: v for k, v in before.items() if after.get(k) != v},
        after={k: v for k, v in after.items() if before.get(k) != v},
    )
    waitlist_promote(event=_lock_event(event))
    return event


def reminders_due() -> list[int]:
    """Registrations whose event starts within the reminder window, not yet reminded."""
    now = timezone.now()
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminder_sent_at__isnull=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(hours=conf.reminder_hours()),
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def reminder_send(*, registration_id: int) -> bool:
    """Send one reminder; False when it was sent already or no longer applies."""
    claimed = Registration.objects.filter(
        pk=registration_id,
        status=RegistrationStatus.REGISTERED,
        reminder_sent_at__isnull=True,
    ).update(reminder_sent_at=timezone.now())
    if not claimed:
        return False
    registration = Registration.objects.select_related("event", "user").get(
        pk=registration_id
    )
    user, event = registration.user, registration.event
    profile = MemberProfile.objects.filter(user=user).first()
    email_user_enqueue(
        user=user,
        template_prefix="community/event_reminder",
        context={
            "user_name": user_own_name(user),
            "event_title": str(event.localised("title", user.language or "en")),
            "starts_at": event.starts_at,
            "time_zone": profile.time_zone if profile else "UTC",
            "event_url": _event_url(event, language=user.language),
        },
        dedupe_key=f"community-reminder:{registration.pk}:{event.starts_at.timestamp()}",
    )
    return True


@transaction.atomic
def attendance_record(
    *, moderator: User, event: Event, attended_ids: Iterable[int]
) -> int:
    """Mark who came (registration ids); every other registered member did not.

    Only once the event has started; audited with who changed. Returns how many
    registrations are now marked as attended.
    """
    event = _lock_event(event)
    if event.starts_at > timezone.now():
        raise NotAllowedError(_("Attendance can be recorded once the event starts."))
    registrations = list(
        Registration.objects.select_for_update().filter(
            event=event, status=RegistrationStatus.REGISTERED
        )
    )
    wanted = set(attended_ids)
    unknown = wanted - {registration.pk for registration in registrations}
    if unknown:
        raise CommunityError(_("Some of these members are not registered."))
    before: dict[str, bool | None] = {}
    after: dict[str, bool | None] = {}
    for registration in registrations:
        came = registration.pk in wanted
        if registration.attended is not came:
            before[str(registration.user_id)] = registration.attended
            after[str(registration.user_id)] = came
            registration.attended = came
    Registration.objects.bulk_update(registrations, ["attended"])
    audit_event_record(
        actor=moderator,
        action=CommunityAction.ATTENDANCE_RECORDED,
        target=event,
        before={"attended": before},
        after={"attended": after},
    )
    return len(wanted)


def event_path(event: Event) -> str:
    return reverse("community:event-detail", kwargs={"slug": event.slug})
