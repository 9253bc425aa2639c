import secrets
import zoneinfo

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

# Full-text search configuration: the forums are written in six languages, so
# "simple" (lower-case words, no stemming, no stop words) suits them all.
SEARCH_CONFIG = "simple"


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone from the list."))


class CategoryKind(models.TextChoices):
    STAGE = "stage", _("Workflow stage")
    REGION = "region", _("Region")
    LANGUAGE = "language", _("Language")
    TOOLS = "tools", _("Tools")
    GENERAL = "general", _("General")


class Audience(models.TextChoices):
    MEMBERS = "members", _("All members and staff")
    STAFF = "staff", _("Staff only")
    MODERATORS = "moderators", _("Moderators only")


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=CategoryKind, default=CategoryKind.GENERAL
    )
    stage = models.ForeignKey(
        "learning_centre.Stage",
        verbose_name=_("workflow stage"),
        null=True,
        blank=True,
        related_name="forum_categories",
        on_delete=models.SET_NULL,
    )
    audience = models.CharField(
        _("who may see it"),
        max_length=16,
        choices=Audience,
        default=Audience.MEMBERS,
        db_index=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:category-detail", kwargs={"slug": self.slug})


class Sensitivity(models.TextChoices):
    """Traffic Light Protocol labels: who may the content be shared with."""

    CLEAR = "clear", _("TLP:CLEAR — may be shared freely")
    GREEN = "green", _("TLP:GREEN — within the law-enforcement community")
    AMBER = "amber", _("TLP:AMBER — members of this Hub only, need to know")


class Topic(models.Model):
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="topics",
    )
    title = models.CharField(_("title"), max_length=160)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_topics",
    )
    sensitivity = models.CharField(
        _("sensitivity label"),
        max_length=8,
        choices=Sensitivity,
        default=Sensitivity.GREEN,
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)
    # The title's full-text vector (weight A), written by the services on
    # PostgreSQL (GIN-indexed by migration 0003); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-is_pinned", "-last_post_at"]
        indexes = [
            models.Index(
                fields=["category", "is_hidden", "-is_pinned", "-last_post_at"],
                name="community_topic_listing",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:topic-detail", kwargs={"pk": self.pk})


class Post(models.Model):
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_posts",
    )
    body = models.TextField(_("text"), max_length=20000)
    # Sanitised HTML, rendered once when the text is saved.
    body_html = models.TextField(_("rendered text"), editable=False)
    is_first = models.BooleanField(_("opening post"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # The text's full-text vector (weight B), written by the services on
    # PostgreSQL (GIN-indexed by migration 0003); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["topic", "created_at"], name="community_post_topic")
        ]

    def __str__(self) -> str:
        return f"{self.topic.title} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.topic.get_absolute_url()}#post-{self.pk}"


class Flag(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    resolved_at = models.DateTimeField(
        _("resolved"), null=True, blank=True, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="community_flag_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"flag #{self.pk} on post #{self.post_id}"


class Subscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__isnull=True, topic__isnull=False)
                | Q(category__isnull=False, topic__isnull=True),
                name="community_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "category"], name="community_subscription_category"
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], name="community_subscription_topic"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.category_id or self.topic_id}"


class DigestItem(models.Model):
    """A post already announced to a member: the digest never repeats it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "post"], name="community_digest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.post_id}"


class TopicRead(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="community_topic_read"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.topic_id}"


class Suspension(models.Model):
    """A member may not post while a suspension is in force; the account stays open."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="community_suspensions",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(_("suspended at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(
        _("lifted at"), null=True, blank=True, db_index=True
    )
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(lifted_at__isnull=True),
                name="community_one_active_suspension",
            )
        ]

    def __str__(self) -> str:
        return f"suspension of {self.user}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


def new_public_id() -> str:
    """A profile's address in the directory: random, so profiles cannot be
    walked by counting (/community/members/1/, 2/, …)."""
    return secrets.token_urlsafe(16)


class MemberProfile(models.Model):
    """A member's community settings; every directory field is shown only if opted in.

    The name is the account's (``User.full_name``), shown where ``User.show_name``
    allows it (``accounts.selectors.user_display_name``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_profile",
    )
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_id, editable=False
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    # False until the member picks a zone: the settings form may then suggest
    # the browser's zone (static/js/community.js); UTC is used meanwhile.
    time_zone_chosen = models.BooleanField(_("time zone chosen"), default=False)
    listed = models.BooleanField(
        _("list me in “Meet other officers”"), default=False, db_index=True
    )
    agency = models.CharField(_("agency"), max_length=160, blank=True)
    show_agency = models.BooleanField(_("show my agency"), default=False)
    unit = models.CharField(_("unit"), max_length=160, blank=True)
    show_unit = models.BooleanField(_("show my unit"), default=False)
    country = CountryField(_("country"), blank=True)
    show_country = models.BooleanField(_("show my country"), default=False)
    role_title = models.CharField(_("role"), max_length=160, blank=True)
    show_role = models.BooleanField(_("show my role"), default=False)
    expertise = models.ManyToManyField(
        "learning_centre.Stage",
        verbose_name=_("expertise"),
        blank=True,
        related_name="+",
    )
    show_expertise = models.BooleanField(_("show my expertise"), default=False)
    languages = models.CharField(_("languages I speak"), max_length=200, blank=True)
    show_languages = models.BooleanField(_("show my languages"), default=False)
    contact_details = models.TextField(
        _("contact details"),
        max_length=1000,
        blank=True,
        help_text=_("Shown only to members whose contact request you accept."),
    )
    calendar_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("community profile")
        verbose_name_plural = _("community profiles")

    def __str__(self) -> str:
        return f"profile of {self.user}"


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ContactRequest(models.Model):
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=ContactStatus, default=ContactStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"], name="community_contact_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} -> {self.recipient_id}"


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_blocks",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["blocker", "blocked"], name="community_block_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training")
    HACKATHON = "hackathon", _("Hackathon")
    CONFERENCE = "conference", _("Conference")


class EventQuerySet(models.QuerySet["Event"]):
    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now())

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now())


class Event(models.Model):
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
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})


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
