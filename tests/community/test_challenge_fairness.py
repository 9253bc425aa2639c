"""Judges and participants are apart; results wait for the judging (via views)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community.models import (
    Challenge,
    Judge,
    MemberProfile,
    Score,
    Submission,
    TeamMembershipRecord,
)
from outbox.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    ChallengeFactory,
    SubmissionFactory,
    TeamFactory,
    challenge_in_judging,
)
from tests.community.test_challenge_views import _form, _scores, signed_in
from tests.community.test_challenges import PDF

pytestmark = pytest.mark.django_db


def _message_texts(response):
    return " ".join(str(m) for m in response.context["messages"])


def test_a_judge_cannot_create_or_join_a_team(client):
    challenge = ChallengeFactory()
    judge = signed_in(client)
    Judge.objects.create(challenge=challenge, user=judge)
    response = client.post(
        reverse("community:team-create", kwargs={"slug": challenge.slug}),
        {"name": "Judges united"},
        follow=True,
    )
    assert "judges cannot join a team" in _message_texts(response)
    rival = TeamFactory(challenge=challenge)
    response = client.post(
        reverse("community:team-join", kwargs={"slug": challenge.slug}),
        {"code": rival.join_code},
        follow=True,
    )
    assert "judges cannot join a team" in _message_texts(response)
    assert not rival.memberships.filter(user=judge).exists()


def test_a_judge_cannot_accept_an_invitation(client):
    challenge = ChallengeFactory()
    team = TeamFactory(challenge=challenge)
    judge = signed_in(client)
    invitation = team.memberships.create(
        challenge=challenge, user=judge, status="invited"
    )
    Judge.objects.create(challenge=challenge, user=judge)
    response = client.post(
        reverse("community:invitation-respond", kwargs={"pk": invitation.pk}),
        {"action": "accept"},
        follow=True,
    )
    assert "judges cannot join a team" in _message_texts(response)
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_someone_who_left_a_team_cannot_be_assigned_judge(client):
    challenge = ChallengeFactory()
    participant = signed_in(client)
    client.post(
        reverse("community:team-create", kwargs={"slug": challenge.slug}),
        {"name": "Short-lived"},
    )
    team = challenge.teams.get()
    client.post(reverse("community:team-leave", kwargs={"pk": team.pk}))
    assert not challenge.teams.exists()
    assert TeamMembershipRecord.objects.filter(
        challenge=challenge, user=participant, left_at__isnull=False
    ).exists()
    signed_in(client, Role.MODERATOR)
    response = client.post(
        reverse("community:challenge-judges", kwargs={"slug": challenge.slug}),
        {"user": participant.pk},
    )
    assert response.status_code == 200
    assert "a participant cannot judge it" in response.content.decode()
    assert not Judge.objects.filter(challenge=challenge, user=participant).exists()


def test_judges_see_no_submission_before_the_deadline(client):
    challenge = ChallengeFactory()
    submission = SubmissionFactory(team=TeamFactory(challenge=challenge))
    submission.attachment.save("team.pdf", SimpleUploadedFile("a.pdf", PDF))
    judge = signed_in(client)
    Judge.objects.create(challenge=challenge, user=judge)
    listing = client.get(
        reverse("community:judging-list", kwargs={"slug": challenge.slug})
    )
    assert listing.status_code == 200
    assert submission.title not in listing.content.decode()
    for name in ("community:submission-score", "community:submission-attachment"):
        response = client.get(reverse(name, kwargs={"pk": submission.pk}))
        assert response.status_code == 404
    Challenge.objects.filter(pk=challenge.pk).update(
        registration_opens_at=timezone.now() - timedelta(days=20),
        registration_closes_at=timezone.now() - timedelta(days=10),
        build_ends_at=timezone.now() - timedelta(minutes=1),
    )
    listing = client.get(
        reverse("community:judging-list", kwargs={"slug": challenge.slug})
    )
    assert submission.title in listing.content.decode()
    download = client.get(
        reverse("community:submission-attachment", kwargs={"pk": submission.pk})
    )
    assert download.status_code == 200


def test_a_judge_is_in_conflict_with_a_team_a_colleague_left(client):
    challenge = challenge_in_judging()
    colleague = UserFactory(role=Role.MEMBER)
    team = TeamFactory(challenge=challenge)
    submission = SubmissionFactory(team=team)
    TeamMembershipRecord.objects.create(
        challenge=challenge, team=team, user=colleague, left_at=timezone.now()
    )
    judge = signed_in(client)
    Judge.objects.create(challenge=challenge, user=judge)
    MemberProfile.objects.update_or_create(
        user=judge, defaults={"agency": "Police Nationale"}
    )
    MemberProfile.objects.update_or_create(
        user=colleague, defaults={"agency": "police  nationale"}
    )
    url = reverse("community:submission-score", kwargs={"pk": submission.pk})
    response = client.post(url, _scores(challenge, 10))
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_results_wait_for_every_score_while_judging_is_open(client):
    challenge = challenge_in_judging()
    first = SubmissionFactory(team=TeamFactory(challenge=challenge))
    second = SubmissionFactory(team=TeamFactory(challenge=challenge))
    judge = signed_in(client)
    Judge.objects.create(challenge=challenge, user=judge)
    client.post(
        reverse("community:submission-score", kwargs={"pk": first.pk}),
        _scores(challenge, 7),
    )
    signed_in(client, Role.MODERATOR)
    url = reverse("community:challenge-results", kwargs={"slug": challenge.slug})
    page = client.get(url).content.decode()
    assert "2 scores are still missing" in page
    response = client.post(url, {"summary": "Too early."})
    assert response.status_code == 200
    assert "Judging is still open" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.results_published_at is None
    client.force_login(judge)
    client.post(
        reverse("community:submission-score", kwargs={"pk": second.pk}),
        _scores(challenge, 5),
    )
    client.force_login(UserFactory(role=Role.MODERATOR))
    assert client.post(url, {"summary": "Done."}).status_code == 302
    assert Submission.objects.get(pk=first.pk).rank == 1


def test_results_may_be_published_after_judging_ends_even_if_scores_are_missing(
    client,
):
    challenge = challenge_in_judging()
    SubmissionFactory(team=TeamFactory(challenge=challenge))
    Judge.objects.create(challenge=challenge, user=UserFactory(role=Role.MEMBER))
    Challenge.objects.filter(pk=challenge.pk).update(
        judging_ends_at=timezone.now() - timedelta(minutes=1),
        results_at=timezone.now(),
    )
    signed_in(client, Role.MODERATOR)
    url = reverse("community:challenge-results", kwargs={"slug": challenge.slug})
    assert client.post(url, {"summary": "Late judges."}).status_code == 302


# --- Times ---------------------------------------------------------------------


def test_challenge_times_in_utc_name_the_zone_once(client):
    challenge = ChallengeFactory()
    signed_in(client)
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "(UTC)" in page
    assert "UTC, Coordinated Universal Time" not in page
    assert "Coordinated Universal Time (UTC))" not in page


def test_other_zones_keep_their_place_beside_the_abbreviation(client):
    challenge = ChallengeFactory()
    user = signed_in(client)
    MemberProfile.objects.update_or_create(
        user=user, defaults={"time_zone": "Europe/Paris"}
    )
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Paris (France)" in page


# --- Emails --------------------------------------------------------------------


def test_team_mates_get_one_submission_email_however_often_it_is_saved(client):
    user = signed_in(client)
    mate = UserFactory(role=Role.MEMBER)
    team = TeamFactory(created_by=user, members=[mate])
    url = reverse("community:submission-edit", kwargs={"pk": team.pk})
    for title in ("First draft", "Second draft", "Final"):
        response = client.post(url, _form(team, title=title))
        assert response.status_code == 302
    keys = OutboxMessage.objects.filter(
        dedupe_key__startswith="community-submission:"
    ).values_list("dedupe_key", flat=True)
    assert sorted(keys) == sorted(
        f"community-submission:{team.submission.pk}:{person.pk}"
        for person in (user, mate)
    )


# "Police Nationale" in full-width letters.
FULL_WIDTH = "".join(
    chr(ord(c) + 0xFEE0) if c != " " else c for c in "Police Nationale"
)


@pytest.mark.parametrize(
    ("judges_agency", "members_agency"),
    [
        ("Police Nationale", "police  nationale"),
        ("Police Nationale.", "POLICE—NATIONALE"),
        ("Police-Nationale", FULL_WIDTH),
        ("Garda Síochána", "garda siochana"),
    ],
)
def test_the_same_agency_written_differently_is_a_conflict(
    client, judges_agency, members_agency
):
    challenge = challenge_in_judging()
    colleague = UserFactory(role=Role.MEMBER)
    submission = SubmissionFactory(
        team=TeamFactory(challenge=challenge, members=[colleague])
    )
    judge = signed_in(client)
    Judge.objects.create(challenge=challenge, user=judge)
    MemberProfile.objects.update_or_create(
        user=judge, defaults={"agency": judges_agency}
    )
    MemberProfile.objects.update_or_create(
        user=colleague, defaults={"agency": members_agency}
    )
    url = reverse("community:submission-score", kwargs={"pk": submission.pk})
    assert client.post(url, _scores(challenge, 9)).status_code == 403
    assert not Score.objects.exists()


# --- Upload size -----------------------------------------------------------------


@override_settings(HUB_CHALLENGE_ATTACHMENT_MAX_MB=1)
def test_a_body_announcing_more_than_the_limit_is_refused_before_it_is_read(client):
    user = signed_in(client)
    team = TeamFactory(created_by=user)
    url = reverse("community:submission-edit", kwargs={"pk": team.pk})
    # The test client cannot read past the real body: a 413 proves nothing read it.
    response = client.post(url, _form(team), CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not Submission.objects.exists()
    assert client.post(url, _form(team)).status_code == 302


def test_a_judge_is_offered_no_team_forms(client):
    challenge = ChallengeFactory()
    judge = signed_in(client)
    Judge.objects.create(challenge=challenge, user=judge)
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "judges cannot join a team" in page
    assert reverse("community:team-create", kwargs={"slug": challenge.slug}) not in page
