"""What members keep: shortlists, reviews, questions, adoption."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tools_catalog.models.tools import Tool


class Shortlist(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tool_shortlists",
    )
    name = models.CharField(_("name"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="shortlist_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(
        Shortlist, on_delete=models.CASCADE, related_name="items"
    )
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("note"), blank=True, max_length=2000)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["shortlist", "tool"], name="shortlist_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.shortlist}: {self.tool}"


class Review(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tool_reviews"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("review"), max_length=5000)
    show_name = models.BooleanField(_("show my name with this review"), default=False)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    # A member's first review waits for a moderator (services.review_save);
    # until then only its author and moderators see it, and it is not counted.
    pending = models.BooleanField(
        _("waiting for a moderator"), default=False, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "author"], name="review_one_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tool}: {self.rating}"


class Question(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("question"), max_length=2000)
    answer = models.TextField(_("answer"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Adoption(models.Model):
    class Status(models.TextChoices):
        EVALUATING = "evaluating", _("Evaluating")
        PILOT = "pilot", _("Pilot")
        PRODUCTION = "production", _("In production")
        DROPPED = "dropped", _("Dropped")

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="adoptions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "member"], name="adoption_one_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tool}: {self.status}"
