"""Events and registrations for them."""

from datetime import UTC, datetime

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.validators import validate_time_zone
from core.translation import Localised, TranslatedMixin


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training")
    HACKATHON = "hackathon", _("Hackathon")
    CONFERENCE = "conference", _("Conference")


class EventAudience(models.TextChoices):
    MEMBERS = "members", _("Members")
    PROVIDERS = "providers", _("Provider representatives")
    BOTH = "both", _("Members and provider representatives")


class Recurrence(models.TextChoices):
    NONE = "", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month, on the same weekday")


class EventQuerySet(models.QuerySet["Event"]):
    def current(self) -> "EventQuerySet":
        """Not over yet: the event, or a repeating event's last meeting."""
        now = timezone.now()
        return self.filter(Q(ends_at__gte=now) | Q(series_ends_at__gte=now))

    def finished(self) -> "EventQuerySet":
        now = timezone.now()
        return self.filter(ends_at__lt=now).exclude(series_ends_at__gte=now)

    def for_providers(self) -> "EventQuerySet":
        return self.filter(audience__in=[EventAudience.PROVIDERS, EventAudience.BOTH])

    def for_members(self) -> "EventQuerySet":
        return self.filter(audience__in=[EventAudience.MEMBERS, EventAudience.BOTH])

    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now())

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now())


class Event(TranslatedMixin):
    """An event staff organise; its title and description are translated
    (``core.translation``)."""

    translated_fields = ("title", "description")

    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=16, choices=EventKind, db_index=True)
    description = models.TextField(_("description"), max_length=10000)
    # Stored in UTC (USE_TZ); ``time_zone`` is the organisers' own zone.
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    time_zone = models.CharField(
        _("event time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to registered members.")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    recording_url = models.URLField(_("recording"), blank=True)
    materials = models.TextField(_("materials"), max_length=10000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=EventAudience,
        default=EventAudience.MEMBERS,
        db_index=True,
        help_text=_("Provider representatives see only events open to them."),
    )
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence, default="", blank=True
    )
    recurrence_count = models.PositiveSmallIntegerField(
        _("number of meetings"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(52)],
        help_text=_("For a repeating event: how many times it meets."),
    )
    # The end of a repeating event's last meeting (``series_end``), set on save
    # by the service, so lists keep a running series among upcoming events.
    series_ends_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="community_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:event-detail", kwargs={"slug": self.slug})

    @property
    def local_title(self) -> Localised:
        return self.localised("title")

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def meeting_starts(self) -> list[datetime]:
        """Every meeting's start (UTC): one, or the series the recurrence makes.

        The same rule as the calendar's RRULE (community.calendar): weekly, or
        monthly on the first meeting's weekday of the month (its last week:
        the month's last such weekday).
        """
        if not self.recurrence or not self.recurrence_count:
            return [self.starts_at]
        start = self.starts_at.astimezone(UTC)
        if self.recurrence == Recurrence.WEEKLY:
            rule = rrule.rrule(rrule.WEEKLY, dtstart=start, count=self.recurrence_count)
        else:
            nth = (start.day - 1) // 7 + 1
            weekday = rrule.weekdays[start.weekday()](-1 if nth == 5 else nth)
            rule = rrule.rrule(
                rrule.MONTHLY,
                dtstart=start,
                byweekday=weekday,
                count=self.recurrence_count,
            )
        return list(rule)

    def series_end(self) -> datetime | None:
        if not self.recurrence or not self.recurrence_count:
            return None
        return self.meeting_starts()[-1] + (self.ends_at - self.starts_at)

    def next_meeting(self) -> datetime | None:
        now = timezone.now()
        return next((s for s in self.meeting_starts() if s >= now), None)

    @property
    def audience_includes_providers(self) -> bool:
        return self.audience in (EventAudience.PROVIDERS, EventAudience.BOTH)

    @property
    def audience_includes_members(self) -> bool:
        return self.audience in (EventAudience.MEMBERS, EventAudience.BOTH)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if self.recurrence and not self.recurrence_count:
            raise ValidationError(
                {"recurrence_count": _("Say how many times a repeating event meets.")}
            )
        if not self.recurrence and self.recurrence_count:
            raise ValidationError(
                {
                    "recurrence": _(
                        "Choose how often the event repeats, or leave the number of meetings empty."  # noqa: E501
                    )
                }
            )


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus, db_index=True
    )
    # The waiting list is served in this order.
    queued_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Marked by moderators after the event: None = not recorded yet.
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="community_registration_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["event", "status", "queued_at"], name="community_reg_queue"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.event_id}: {self.status}"
