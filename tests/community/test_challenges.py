"""Challenges: teams, submissions, judging, ranking and results (services)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from community.challenges import services
from community.challenges.errors import (
    AttachmentRefusedError,
    ChallengeError,
    ConflictOfInterestError,
    DeadlinePassedError,
)
from community.models import (
    Criterion,
    Eligibility,
    Judge,
    MembershipStatus,
    Score,
    TeamMembership,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    ChallengeFactory,
    ProfileFactory,
    SubmissionFactory,
    TeamFactory,
    challenge_in_judging,
)
from tests.tools_catalog.factories import ProviderFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


def member() -> object:
    return UserFactory(role=Role.MEMBER)


def provider() -> object:
    return UserFactory(role=Role.PROVIDER)


# --- Teams -----------------------------------------------------------------------


def test_a_member_creates_a_team_and_is_its_first_member():
    challenge = ChallengeFactory()
    user = member()
    team = services.team_create(user=user, challenge=challenge, name="Triage")
    assert list(team.memberships.values_list("user", "status")) == [
        (user.pk, MembershipStatus.ACTIVE)
    ]


def test_joining_a_second_team_in_one_challenge_is_refused_clearly():
    challenge = ChallengeFactory()
    user = member()
    services.team_create(user=user, challenge=challenge, name="First")
    other = TeamFactory(challenge=challenge)
    with pytest.raises(ChallengeError, match="already in a team"):
        services.team_create(user=user, challenge=challenge, name="Second")
    with pytest.raises(ChallengeError, match="already in a team"):
        services.team_join_by_code(user=user, challenge=challenge, code=other.join_code)


def test_the_database_holds_one_team_per_person_per_challenge():
    challenge = ChallengeFactory()
    user = member()
    TeamFactory(challenge=challenge, created_by=user)
    second = TeamFactory(challenge=challenge)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembership.objects.create(
            team=second,
            challenge=challenge,
            user=user,
            status=MembershipStatus.ACTIVE,
        )


def test_a_person_may_be_in_teams_of_different_challenges():
    user = member()
    services.team_create(user=user, challenge=ChallengeFactory(), name="A")
    services.team_create(user=user, challenge=ChallengeFactory(), name="A")


def test_a_provider_cannot_take_part_in_a_members_only_challenge():
    challenge = ChallengeFactory(eligibility=Eligibility.MEMBERS)
    with pytest.raises(ChallengeError, match="cannot take part"):
        services.team_create(user=provider(), challenge=challenge, name="P")


def test_teams_form_only_while_registration_is_open():
    now = timezone.now()
    challenge = ChallengeFactory(
        registration_opens_at=now - timedelta(days=5),
        registration_closes_at=now - timedelta(days=1),
        build_ends_at=now + timedelta(days=1),
    )
    with pytest.raises(DeadlinePassedError, match="server time"):
        services.team_create(user=member(), challenge=challenge, name="Late")


def test_a_member_and_a_provider_form_a_team_with_its_code():
    team = TeamFactory()
    rep = provider()
    joined = services.team_join_by_code(
        user=rep, challenge=team.challenge, code=team.join_code
    )
    assert joined == team
    assert team.memberships.filter(user=rep, status="active").exists()


def test_a_wrong_code_is_a_clear_message():
    challenge = ChallengeFactory()
    with pytest.raises(ChallengeError, match="No team"):
        services.team_join_by_code(user=member(), challenge=challenge, code="nope")


def test_an_invitation_is_accepted_and_the_size_limit_holds():
    team = TeamFactory(challenge=ChallengeFactory(team_size_max=2))
    first, second = member(), member()
    invitation = services.team_invite(inviter=team.created_by, team=team, invitee=first)
    services.team_invite(inviter=team.created_by, team=team, invitee=second)
    services.invitation_accept(user=first, membership=invitation)
    with pytest.raises(ChallengeError, match="full"):
        services.team_invite(inviter=team.created_by, team=team, invitee=member())
    late = TeamMembership.objects.get(team=team, user=second)
    with pytest.raises(ChallengeError, match="full"):
        services.invitation_accept(user=second, membership=late)


def test_someone_already_in_a_team_cannot_be_invited():
    challenge = ChallengeFactory()
    busy = member()
    TeamFactory(challenge=challenge, created_by=busy)
    team = TeamFactory(challenge=challenge)
    with pytest.raises(ChallengeError, match="already in a team"):
        services.team_invite(inviter=team.created_by, team=team, invitee=busy)


def test_the_last_to_leave_takes_an_empty_team_away():
    team = TeamFactory()
    services.team_leave(user=team.created_by, team=team)
    assert not type(team).objects.filter(pk=team.pk).exists()


# --- Submissions -------------------------------------------------------------------


def _submit(team, user=None, **extra):
    values = {
        "title": "Triage helper",
        "summary": "Ranks devices by likely relevance.",
        "stage": team.challenge.stage,
        "repository_url": "https://example.org/repo",
    }
    values.update(extra)
    return services.submission_save(user=user or team.created_by, team=team, **values)


def test_a_team_submits_and_edits_before_the_deadline():
    team = TeamFactory()
    first = _submit(team)
    second = _submit(team, title="Triage helper 2")
    assert first.pk == second.pk
    assert second.title == "Triage helper 2"


def test_a_late_submission_is_refused_with_the_servers_time():
    team = TeamFactory(challenge=challenge_in_judging())
    with pytest.raises(DeadlinePassedError, match="server time"):
        _submit(team)
    assert not hasattr(team, "submission") or team.submission is None


def test_someone_outside_the_team_cannot_submit_for_it():
    team = TeamFactory()
    with pytest.raises(ChallengeError, match="Only the team"):
        _submit(team, user=member())


def test_a_pdf_attachment_is_kept_privately():
    team = TeamFactory()
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    submission = _submit(team, attachment=upload)
    assert submission.attachment_type == "application/pdf"
    assert submission.attachment_name == "report.pdf"
    with submission.attachment.open("rb") as handle:
        assert handle.read() == PDF
    assert "/media/" not in submission.attachment.path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", EXE),  # a program calling itself a PDF
        ("photo.png", PDF),  # a real PDF with a lying extension
        ("tool.exe", EXE),
        ("notes.txt", b"\x00\x01\x02binary"),
    ],
)
def test_an_attachment_whose_content_is_not_its_name_is_refused(name, content):
    team = TeamFactory()
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(AttachmentRefusedError, match="not what its name says"):
        _submit(team, attachment=upload)


@override_settings(HUB_CHALLENGE_ATTACHMENT_MAX_MB=1)
def test_an_oversized_attachment_is_refused():
    team = TeamFactory()
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(AttachmentRefusedError, match="too large"):
        _submit(team, attachment=upload)


# --- Judging -------------------------------------------------------------------------


def _judged(challenge=None):
    challenge = challenge or challenge_in_judging()
    submission = SubmissionFactory(team=TeamFactory(challenge=challenge))
    judge = UserFactory(role=Role.MEMBER)
    Judge.objects.create(challenge=challenge, user=judge)
    return challenge, submission, judge


def _all(challenge, value, comment=""):
    return {
        c.pk: (value, comment) for c in Criterion.objects.filter(challenge=challenge)
    }


def test_a_judge_scores_every_criterion_with_a_comment():
    challenge, submission, judge = _judged()
    services.scores_save(
        judge=judge, submission=submission, values=_all(challenge, 7, "Solid")
    )
    assert set(Score.objects.values_list("value", "comment")) == {(7, "Solid")}


@pytest.mark.parametrize("value", [-1, 11])
def test_scores_outside_the_range_are_refused(value):
    challenge, submission, judge = _judged()
    with pytest.raises(ChallengeError, match="from 0 to 10"):
        services.scores_save(
            judge=judge, submission=submission, values=_all(challenge, value)
        )


def test_the_database_refuses_a_score_out_of_range():
    challenge, submission, judge = _judged()
    criterion = Criterion.objects.filter(challenge=challenge).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            submission=submission, judge=judge, criterion=criterion, value=11
        )


def test_only_assigned_judges_score_and_only_after_the_deadline():
    challenge, submission, _judge = _judged()
    with pytest.raises(ChallengeError, match="not a judge"):
        services.scores_save(
            judge=member(), submission=submission, values=_all(challenge, 5)
        )
    open_challenge = ChallengeFactory()
    _c, early, judge = _judged(open_challenge)
    with pytest.raises(ChallengeError, match="after the submission deadline"):
        services.scores_save(
            judge=judge, submission=early, values=_all(open_challenge, 5)
        )


def test_a_judge_cannot_score_a_team_with_a_colleague_of_their_provider():
    challenge, submission, _judge = _judged()
    rep, colleague = provider(), UserFactory(role=Role.MEMBER)
    ProviderFactory(representatives=[rep, colleague])
    TeamMembership.objects.create(
        team=submission.team, challenge=challenge, user=rep, status="active"
    )
    Judge.objects.create(challenge=challenge, user=colleague)
    with pytest.raises(ConflictOfInterestError):
        services.scores_save(
            judge=colleague, submission=submission, values=_all(challenge, 5)
        )


def test_a_judge_cannot_score_a_team_with_someone_from_their_agency():
    challenge, submission, judge = _judged()
    ProfileFactory(user=judge, agency="National Crime Agency")
    ProfileFactory(user=submission.team.created_by, agency="  national crime  agency")
    with pytest.raises(ConflictOfInterestError):
        services.scores_save(
            judge=judge, submission=submission, values=_all(challenge, 5)
        )


def test_a_declared_conflict_removes_scores_and_blocks_judging():
    challenge, submission, judge = _judged()
    services.scores_save(judge=judge, submission=submission, values=_all(challenge, 5))
    services.conflict_declare(judge=judge, submission=submission)
    assert not Score.objects.exists()
    with pytest.raises(ConflictOfInterestError):
        services.scores_save(
            judge=judge, submission=submission, values=_all(challenge, 5)
        )


# --- Ranking and results -------------------------------------------------------------


def _score(challenge, submission, judge, by_name):
    values = {
        c.pk: (by_name[c.name], "")
        for c in Criterion.objects.filter(challenge=challenge)
    }
    services.scores_save(judge=judge, submission=submission, values=values)


def test_the_ranking_is_weighted_and_ties_go_to_the_heaviest_criterion():
    # Usefulness weighs 3, feasibility 1.
    challenge, first, judge = _judged()
    second = SubmissionFactory(team=TeamFactory(challenge=challenge))
    third = SubmissionFactory(team=TeamFactory(challenge=challenge))
    _score(challenge, first, judge, {"Usefulness": 6, "Feasibility": 10})  # 7.0
    _score(challenge, second, judge, {"Usefulness": 8, "Feasibility": 4})  # 7.0
    _score(challenge, third, judge, {"Usefulness": 9, "Feasibility": 9})  # 9.0
    ranking = services.ranking_compute(challenge=challenge)
    assert [(r.submission, r.total) for r in ranking] == [
        (third, Decimal("9.000")),
        (second, Decimal("7.000")),  # ahead of first on usefulness
        (first, Decimal("7.000")),
    ]


def test_the_ranking_averages_judges():
    challenge, submission, judge = _judged()
    other = member()
    Judge.objects.create(challenge=challenge, user=other)
    _score(challenge, submission, judge, {"Usefulness": 10, "Feasibility": 10})
    _score(challenge, submission, other, {"Usefulness": 6, "Feasibility": 2})
    [row] = services.ranking_compute(challenge=challenge)
    assert row.total == Decimal("7.500")  # (8 * 3 + 6) / 4


def test_publishing_results_stores_ranks_once_and_is_audited():
    challenge, submission, judge = _judged()
    _score(challenge, submission, judge, {"Usefulness": 5, "Feasibility": 5})
    staff = UserFactory(role=Role.MODERATOR)
    services.results_publish(actor=staff, challenge=challenge, summary="Well done")
    submission.refresh_from_db()
    assert (submission.rank, submission.total) == (1, Decimal("5.000"))
    assert AuditEvent.objects.filter(action="community_results_published").count() == 1
    with pytest.raises(ChallengeError, match="already published"):
        services.results_publish(actor=staff, challenge=challenge, summary="")
    with pytest.raises(ChallengeError, match="final"):
        _score(challenge, submission, judge, {"Usefulness": 1, "Feasibility": 1})


def test_results_wait_for_the_deadline():
    challenge = ChallengeFactory()
    with pytest.raises(ChallengeError, match="deadline"):
        services.results_publish(
            actor=UserFactory(role=Role.ADMIN), challenge=challenge, summary=""
        )


def test_publishing_and_judge_assignment_are_audited():
    staff = UserFactory(role=Role.MODERATOR)
    challenge = ChallengeFactory(published_at=None)
    services.challenge_publish(actor=staff, challenge=challenge)
    services.judge_assign(actor=staff, challenge=challenge, user=member())
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"community_challenge_published", "community_judge_assigned"} <= actions


def test_providers_cannot_be_judges():
    staff = UserFactory(role=Role.ADMIN)
    with pytest.raises(ChallengeError, match="staff or members"):
        services.judge_assign(
            actor=staff, challenge=ChallengeFactory(), user=provider()
        )


def test_a_challenge_needs_criteria_before_publishing():
    challenge = ChallengeFactory(published_at=None, criteria=[])
    Criterion.objects.filter(challenge=challenge).delete()
    with pytest.raises(ChallengeError, match="criterion"):
        services.challenge_publish(
            actor=UserFactory(role=Role.ADMIN), challenge=challenge
        )


# --- Emails -------------------------------------------------------------------


def test_announcements_go_out_once_in_each_recipients_language(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from community.tasks import send_challenge_announcements

    UserFactory(role=Role.MEMBER, language="fr")
    UserFactory(role=Role.PROVIDER, language="es")
    ChallengeFactory(title="Faster triage")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_challenge_announcements() == 1
        assert send_challenge_announcements() == 0
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 2
    assert any("Faster triage" in s and "inscriptions" in s.lower() for s in subjects)


# --- Demo ---------------------------------------------------------------------


def test_the_demo_has_a_finished_and_an_open_challenge_and_two_new_events():
    from io import StringIO

    from community import demo
    from community.models import Challenge, Event, Partner, Submission

    demo.seed(StringIO())
    demo.seed(StringIO())  # twice: nothing doubles
    finished = Challenge.objects.get(slug="demo-challenge-triage")
    assert finished.has_results
    assert finished.is_demo
    assert list(
        Submission.objects.filter(team__challenge=finished).values_list(
            "rank", flat=True
        )
    ) == [1, 2]
    assert Score.objects.filter(submission__team__challenge=finished).count() == 12
    assert Challenge.objects.get(slug="demo-challenge-grooming").registration_open()
    assert Event.objects.get(slug="demo-provider-workshop").audience_includes_providers
    assert Event.objects.get(slug="demo-community-meeting").recurrence == "monthly"
    assert Partner.objects.filter(is_demo=True).count() == 4


# --- Outcomes ----------------------------------------------------------------


def _published_winner():
    challenge, submission, judge = _judged()
    _score(challenge, submission, judge, {"Usefulness": 9, "Feasibility": 9})
    services.results_publish(
        actor=UserFactory(role=Role.ADMIN), challenge=challenge, summary="x"
    )
    submission.refresh_from_db()
    return challenge, submission


def test_an_editor_turns_a_winner_into_a_draft_resource_on_its_stage(client):
    from django.urls import reverse

    from learning_centre.models import Resource

    challenge, submission = _published_winner()
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    client.force_login(editor)
    page = client.get(challenge.get_absolute_url()).content.decode()
    url = reverse("community:submission-outcome", kwargs={"pk": submission.pk})
    assert url in page
    assert client.post(url).status_code == 302
    resource = Resource.objects.get()
    assert not resource.is_published
    assert list(resource.stages.all()) == [submission.stage]
    assert challenge.title in resource.versions.get(language="en").body
    submission.refresh_from_db()
    assert submission.outcome_url == resource.get_absolute_url()
    assert AuditEvent.objects.filter(action="community_outcome_recorded").exists()
    client.post(url)  # twice: still one resource
    assert Resource.objects.count() == 1


def test_only_winners_of_published_results_become_resources():
    from community.challenges.services import outcome_resource_create

    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    unpublished = SubmissionFactory(team=TeamFactory(challenge=challenge_in_judging()))
    with pytest.raises(ChallengeError, match="winning"):
        outcome_resource_create(editor=editor, submission=unpublished)
    _challenge, winner = _published_winner()
    with pytest.raises(ChallengeError, match="editors"):
        outcome_resource_create(editor=member(), submission=winner)
