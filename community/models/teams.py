"""Hackathon teams: who is in which team of a challenge, now and ever (a judge
may not have been in a team of the challenge they judge).

Registered through ``community.models`` so the migrations stay in community's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.challenges import Challenge, new_join_code


class Team(models.Model):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("team name"), max_length=80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    join_code = models.CharField(
        max_length=24, unique=True, default=new_join_code, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "name"], name="community_team_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:team-detail", kwargs={"pk": self.pk})


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Member of the team")


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    # Copied from the team so the database can hold "one team per person".
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="challenge_memberships",
    )
    status = models.CharField(_("status"), max_length=10, choices=MembershipStatus)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"],
                condition=Q(status="active"),
                name="community_one_team_per_challenge",
            ),
            models.UniqueConstraint(
                fields=["team", "user"], name="community_membership_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.team_id}: {self.status}"


class TeamMembershipRecord(models.Model):
    """Who has ever been in a team of a challenge, kept when they leave (the
    membership row itself goes): a judge may not have competed, and a team is
    in conflict with the judge if they, or a colleague, were ever in it."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    # Kept (as NULL) when the last member leaves and the team goes.
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_records",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("past team membership")
        verbose_name_plural = _("past team memberships")
        indexes = [
            models.Index(
                fields=["challenge", "user"], name="community_record_chal_user"
            ),
            models.Index(fields=["team", "user"], name="community_record_team_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} was in {self.team_id} of {self.challenge_id}"
