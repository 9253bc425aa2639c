"""Staff: challenges, criteria, judges, the ranking and the results (audited)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import audit_event_record
from community.audit import CommunityAction
from community.challenges import selectors
from community.challenges.errors import (
    ChallengeError,
)
from community.challenges.services import notifications
from community.models import (
    Challenge,
    Criterion,
    Judge,
    Score,
    Submission,
)

CHALLENGE_FIELDS = (
    "title",
    "slug",
    "problem",
    "stage_id",
    "rules",
    "eligibility",
    "team_size_max",
    "registration_opens_at",
    "registration_closes_at",
    "build_ends_at",
    "judging_ends_at",
    "results_at",
)


def _snapshot(challenge: Challenge) -> dict[str, str]:
    return {name: str(getattr(challenge, name)) for name in CHALLENGE_FIELDS}


# --- Staff: challenges, judges, results ----------------------------------------


@transaction.atomic
def challenge_save(
    *,
    actor: User,
    challenge: Challenge,
    criteria: list[dict[str, Any]] | None = None,
) -> Challenge:
    """Create or update a challenge (staff); ``criteria`` replaces the criteria."""
    before: dict[str, str] = {}
    if challenge.pk:
        before = _snapshot(Challenge.objects.get(pk=challenge.pk))
    challenge.full_clean()
    challenge.save()
    if criteria is not None:
        if (
            challenge.published_at
            and Score.objects.filter(submission__team__challenge=challenge).exists()
        ):
            raise ChallengeError(
                _("Judging has begun: the criteria can no longer change.")
            )
        Criterion.objects.filter(challenge=challenge).delete()
        Criterion.objects.bulk_create(
            Criterion(challenge=challenge, position=i, **values)
            for i, values in enumerate(criteria)
        )
    after = _snapshot(challenge)
    changed_after = {k: v for k, v in after.items() if before.get(k) != v}
    if criteria is not None:
        changed_after["criteria"] = ", ".join(
            f"{c['name']} ({c['weight']})" for c in criteria
        )
    audit_event_record(
        actor=actor,
        action=CommunityAction.CHALLENGE_SAVED,
        target=challenge,
        before={k: v for k, v in before.items() if after.get(k) != v},
        after=changed_after,
    )
    return challenge


@transaction.atomic
def challenge_publish(*, actor: User, challenge: Challenge) -> Challenge:
    """Make a challenge visible to those eligible; needs criteria first."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.published_at:
        raise ChallengeError(_("This challenge is already published."))
    if not Criterion.objects.filter(challenge=challenge).exists():
        raise ChallengeError(_("Add at least one judging criterion before publishing."))
    challenge.published_at = timezone.now()
    challenge.save(update_fields=["published_at"])
    audit_event_record(
        actor=actor,
        action=CommunityAction.CHALLENGE_PUBLISHED,
        target=challenge,
        after={"published_at": challenge.published_at.isoformat()},
    )
    return challenge


@transaction.atomic
def judge_assign(*, actor: User, challenge: Challenge, user: User) -> Judge:
    if not selectors.judge_candidates().filter(pk=user.pk).exists():
        raise ChallengeError(_("Judges are staff or members."))
    if selectors.took_part(user=user, challenge=challenge):
        raise ChallengeError(
            _(
                "This person is or was in a team of this challenge: a participant cannot judge it."  # noqa: E501
            )
        )
    judge, created = Judge.objects.get_or_create(challenge=challenge, user=user)
    if not created:
        raise ChallengeError(_("This person is already a judge of this challenge."))
    audit_event_record(
        actor=actor,
        action=CommunityAction.JUDGE_ASSIGNED,
        target=challenge,
        after={"judge": user.pk},
    )
    return judge


@transaction.atomic
def judge_remove(*, actor: User, challenge: Challenge, judge_id: int) -> None:
    judge = Judge.objects.filter(challenge=challenge, pk=judge_id).first()
    if judge is None:
        raise ChallengeError(_("This person is not a judge of this challenge."))
    Score.objects.filter(
        judge_id=judge.user_id, submission__team__challenge=challenge
    ).delete()
    judge.delete()
    audit_event_record(
        actor=actor,
        action=CommunityAction.JUDGE_REMOVED,
        target=challenge,
        before={"judge": judge.user_id},
    )


@dataclass
class Ranked:
    submission: Submission
    total: Decimal
    by_criterion: dict[int, Decimal]
    rank: int = 0


TIE_BREAK_RULE = (
    "Equal weighted totals are separated by the higher mean score on the "
    "heaviest criterion, then the next heaviest, and so on; then by the "
    "earlier first submission."
)


def ranking_compute(*, challenge: Challenge) -> list[Ranked]:
    """Weighted ranking of the challenge's submissions.

    A submission's total is the weighted mean, over the criteria, of the mean
    score its judges gave on each criterion (a criterion nobody scored counts as
    0), on the 0 to 10 scale. Ties: ``TIE_BREAK_RULE``. Equal on every count, the
    same rank is not shared: the earlier submission goes first.
    """
    criteria = list(Criterion.objects.filter(challenge=challenge))
    total_weight = sum(c.weight for c in criteria) or 1
    heaviest_first = sorted(criteria, key=lambda c: (-c.weight, c.position, c.pk))
    sums: dict[tuple[int, int], list[int]] = {}
    for submission_id, criterion_id, value in Score.objects.filter(
        submission__team__challenge=challenge
    ).values_list("submission_id", "criterion_id", "value"):
        sums.setdefault((submission_id, criterion_id), []).append(value)
    rows = []
    for submission in selectors.submissions_of(challenge=challenge):
        means = {}
        for criterion in criteria:
            values = sums.get((submission.pk, criterion.pk), [])
            means[criterion.pk] = (
                Decimal(sum(values)) / len(values) if values else Decimal(0)
            )
        total = sum((means[c.pk] * c.weight for c in criteria), Decimal(0)) / Decimal(
            total_weight
        )
        rows.append(
            Ranked(
                submission=submission,
                total=total.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
                by_criterion=means,
            )
        )
    rows.sort(
        key=lambda r: (
            -r.total,
            *(-r.by_criterion[c.pk] for c in heaviest_first),
            r.submission.submitted_at,
            r.submission.pk,
        )
    )
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows


@transaction.atomic
def results_publish(*, actor: User, challenge: Challenge, summary: str) -> list[Ranked]:
    """Store ranks and totals, open the results to teams; audited. Once only."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.results_published_at:
        raise ChallengeError(_("The results are already published."))
    if timezone.now() < challenge.build_ends_at:
        raise ChallengeError(
            _("Results can be published once the submission deadline has passed.")
        )
    if timezone.now() < challenge.judging_ends_at:
        missing = selectors.scores_missing(challenge=challenge)
        if missing:
            raise ChallengeError(
                ngettext(
                    "Judging is still open and %(n)d score is missing: publish when every judge has scored every submission, or after judging ends.",  # noqa: E501
                    "Judging is still open and %(n)d scores are missing: publish when every judge has scored every submission, or after judging ends.",  # noqa: E501
                    missing,
                )
                % {"n": missing}
            )
    ranking = ranking_compute(challenge=challenge)
    for row in ranking:
        row.submission.rank = row.rank
        row.submission.total = row.total
    Submission.objects.bulk_update([r.submission for r in ranking], ["rank", "total"])
    challenge.results_published_at = timezone.now()
    challenge.results_summary = summary
    challenge.save(update_fields=["results_published_at", "results_summary"])
    notifications.results_email(challenge=challenge)
    audit_event_record(
        actor=actor,
        action=CommunityAction.RESULTS_PUBLISHED,
        target=challenge,
        after={
            "ranking": [
                {"submission": r.submission.pk, "rank": r.rank, "total": str(r.total)}
                for r in ranking[:50]
            ]
        },
    )
    return ranking
