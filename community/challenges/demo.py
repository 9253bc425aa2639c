"""Demo challenges (called by community/demo.py): one finished, with teams,
submissions, scores and published results; one open for registration; and the
landing page's partners. Idempotent; everything is marked ``is_demo``."""

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from accounts.models import User
from community.challenges.services import ranking_compute
from community.models import (
    Challenge,
    Criterion,
    Eligibility,
    Judge,
    MembershipStatus,
    Partner,
    PartnerKind,
    Score,
    Submission,
    Team,
    TeamMembership,
)
from learning_centre.models import Stage
from tools_catalog.models import Provider

PARTNERS = (
    ("Global Alliance for Child Safety (fictional)", PartnerKind.ADVISORY_BOARD, "CH"),
    ("Institute for Digital Forensics (fictional)", PartnerKind.ADVISORY_BOARD, "NL"),
    ("Regional Police Academy (fictional)", PartnerKind.PARTNER, "KE"),
    ("Open Source Investigators Network (fictional)", PartnerKind.SUPPORTER, "BR"),
)
CRITERIA = (
    ("Usefulness in the field", "Would investigators use it tomorrow?", 3),
    ("Privacy and safety", "Is data handled safely?", 2),
    ("Feasibility", "Could an agency deploy it?", 1),
)


def _challenge(slug: str, title: str, stage: Stage, opens_in_days: int) -> Challenge:
    opens = timezone.now() + timedelta(days=opens_in_days)
    challenge, created = Challenge.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title,
            "problem": (
                "Investigators receive seized devices holding hundreds of "
                "thousands of files and must find the few that matter first. "
                "Today this takes weeks. (Fictional demo challenge.)"
            ),
            "stage": stage,
            "rules": "Open source only. Never use real case data.",
            "eligibility": Eligibility.BOTH,
            "team_size_max": 4,
            "registration_opens_at": opens,
            "registration_closes_at": opens + timedelta(days=14),
            "build_ends_at": opens + timedelta(days=28),
            "judging_ends_at": opens + timedelta(days=35),
            "results_at": opens + timedelta(days=40),
            "published_at": opens - timedelta(days=1),
            "registration_announced_at": opens,
            "is_demo": True,
        },
    )
    if created:
        for position, (name, description, weight) in enumerate(CRITERIA):
            Criterion.objects.create(
                challenge=challenge,
                name=name,
                description=description,
                weight=weight,
                position=position,
            )
    return challenge


def _team(challenge: Challenge, name: str, people: list[User]) -> Team:
    team, created = Team.objects.get_or_create(
        challenge=challenge,
        name=name,
        defaults={"created_by": people[0], "is_demo": True},
    )
    if created:
        for user in people:
            TeamMembership.objects.create(
                team=team,
                challenge=challenge,
                user=user,
                status=MembershipStatus.ACTIVE,
            )
    return team


def challenges_seed(*, officers: list[User], stdout: TextIO) -> None:
    for position, (name, kind, country) in enumerate(PARTNERS):
        Partner.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "country": country,
                "position": position,
                "is_demo": True,
            },
        )
    stages = list(Stage.objects.order_by("position"))
    if len(officers) < 5 or not stages:
        return
    provider = Provider.objects.filter(representatives__isnull=False).first()
    rep = provider.representatives.first() if provider else None
    finished = _challenge(
        "demo-challenge-triage", "Faster triage of seized devices", stages[0], -60
    )
    _challenge(
        "demo-challenge-grooming",
        "Spotting grooming in chat exports",
        stages[min(2, len(stages) - 1)],
        -1,
    )
    if finished.results_published_at:
        return
    blue = _team(finished, "Team Blue", [officers[0], officers[1]])
    green = _team(
        finished, "Team Green", [officers[2], *([rep] if rep is not None else [])]
    )
    judges = [officers[3], officers[4]]
    for judge in judges:
        Judge.objects.get_or_create(challenge=finished, user=judge)
    criteria = list(Criterion.objects.filter(challenge=finished))
    marks = {blue: (9, 8, 7), green: (7, 9, 8)}
    for team, values in marks.items():
        submission, _made = Submission.objects.get_or_create(
            team=team,
            defaults={
                "title": f"{team.name}: triage assistant",
                "summary": "Ranks files on a seized device by likely relevance.",
                "stage": finished.stage,
                "repository_url": "https://example.org/demo/triage",
                "submitted_at": finished.build_ends_at - timedelta(days=1),
                "is_demo": True,
            },
        )
        for judge in judges:
            for criterion, value in zip(criteria, values, strict=True):
                Score.objects.get_or_create(
                    submission=submission,
                    judge=judge,
                    criterion=criterion,
                    defaults={"value": value, "comment": "Clear and useful."},
                )
    # The same ranking as staff publish (weights, then the stated tie-break).
    for row in ranking_compute(challenge=finished):
        row.submission.rank, row.submission.total = row.rank, row.total
        row.submission.save(update_fields=["rank", "total"])
    finished.results_published_at = finished.results_at
    finished.results_summary = (
        "Team Blue's triage assistant came first, Team Green's second. (Demo.)"
    )
    finished.save(update_fields=["results_published_at", "results_summary"])
    stdout.write("community: demo challenges, teams, scores and partners added\n")
