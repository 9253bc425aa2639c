"""Hackathon challenges: the challenge, its judging criteria and judges, the
submissions and the judges' scores (the teams are in ``community.models.teams``).

Registered through ``community.models`` so the migrations stay in community's.
Times are stored in UTC (USE_TZ) and shown in the viewer's zone.
"""

import secrets
from datetime import datetime
from itertools import pairwise

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCORE_MIN = 0
SCORE_MAX = 10


def private_storage() -> FileSystemStorage:
    """Outside the web root: files are served only through a permission check."""
    return FileSystemStorage(location=settings.HUB_PRIVATE_MEDIA_ROOT, base_url=None)


def new_join_code() -> str:
    return secrets.token_urlsafe(9)


class Eligibility(models.TextChoices):
    MEMBERS = "members", _("Members")
    PROVIDERS = "providers", _("Provider representatives")
    BOTH = "both", _("Members and provider representatives")


class ChallengeQuerySet(models.QuerySet["Challenge"]):
    def published(self) -> "ChallengeQuerySet":
        return self.filter(published_at__isnull=False)

    def with_results(self) -> "ChallengeQuerySet":
        return self.filter(results_published_at__isnull=False)


class Challenge(models.Model):
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    problem = models.TextField(
        _("the problem, from the field"),
        max_length=10000,
        help_text=_("What investigators struggle with today. Markdown."),
    )
    stage = models.ForeignKey(
        "learning_centre.Stage",
        verbose_name=_("workflow stage"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rules = models.TextField(_("rules"), max_length=10000, help_text=_("Markdown."))
    eligibility = models.CharField(
        _("who may take part"),
        max_length=10,
        choices=Eligibility,
        default=Eligibility.BOTH,
    )
    team_size_max = models.PositiveSmallIntegerField(
        _("largest team"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    build_ends_at = models.DateTimeField(
        _("submission deadline"), help_text=_("Also the end of the build phase.")
    )
    judging_ends_at = models.DateTimeField(_("judging ends"))
    results_at = models.DateTimeField(_("results announced"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    results_published_at = models.DateTimeField(
        _("results published"), null=True, blank=True
    )
    # Claimed by the beat job before its emails go out: each is sent once.
    registration_announced_at = models.DateTimeField(null=True, blank=True)
    deadline_reminded_at = models.DateTimeField(null=True, blank=True)
    results_summary = models.TextField(
        _("results summary"), max_length=2000, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-registration_opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at"))
                & Q(build_ends_at__gte=F("registration_closes_at"))
                & Q(judging_ends_at__gt=F("build_ends_at"))
                & Q(results_at__gte=F("judging_ends_at")),
                name="community_challenge_timeline_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:challenge-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        steps = [
            ("registration_opens_at", self.registration_opens_at),
            ("registration_closes_at", self.registration_closes_at),
            ("build_ends_at", self.build_ends_at),
            ("judging_ends_at", self.judging_ends_at),
            ("results_at", self.results_at),
        ]
        if any(moment is None for _name, moment in steps):
            return
        # Not tied to one field: the staff form types these times under other
        # names, and any of the two steps may be the one to move.
        for (_before, earlier), (_name, later) in pairwise(steps):
            if later < earlier:
                raise ValidationError(
                    _(
                        "The timeline must run in order: each step after the one before it."  # noqa: E501
                    )
                )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_results(self) -> bool:
        return self.results_published_at is not None

    def registration_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.registration_opens_at <= now < self.registration_closes_at

    def building(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.registration_opens_at <= now < self.build_ends_at

    def judging(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.build_ends_at <= now and not self.has_results


class Criterion(models.Model):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("criterion"), max_length=120)
    description = models.CharField(
        _("what judges look for"), max_length=400, blank=True
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("judging criterion")
        verbose_name_plural = _("judging criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1), name="community_criterion_weight_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Judge(models.Model):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="judges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"], name="community_judge_once"
            )
        ]

    def __str__(self) -> str:
        return f"judge {self.user_id} @ {self.challenge_id}"


class Submission(models.Model):
    team = models.OneToOneField(
        "community.Team", on_delete=models.CASCADE, related_name="submission"
    )
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(
        _("summary"),
        max_length=5000,
        help_text=_("What it does, and for whom in the investigation."),
    )
    stage = models.ForeignKey(
        "learning_centre.Stage",
        verbose_name=_("workflow stage it helps"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tool = models.ForeignKey(
        "tools_catalog.Tool",
        verbose_name=_("tool it improves"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    repository_url = models.URLField(_("repository"), blank=True)
    demo_url = models.URLField(_("demo"), blank=True)
    attachment = models.FileField(
        _("attachment"), storage=private_storage, upload_to="challenges/", blank=True
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=60, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Set when results are published.
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    total = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    # The Learning Centre resource or tool this submission became.
    outcome_url = models.CharField(_("outcome"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["rank", "submitted_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Score(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="scores"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "judge", "criterion"], name="community_score_once"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCORE_MIN) & Q(value__lte=SCORE_MAX),
                name="community_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} by {self.judge_id} on {self.submission_id}"


class ConflictDeclaration(models.Model):
    """A judge's own declaration that they cannot judge a team fairly."""

    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey(
        "community.Team", on_delete=models.CASCADE, related_name="conflicts"
    )
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["judge", "team"], name="community_conflict_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge_id} conflicts with {self.team_id}"
