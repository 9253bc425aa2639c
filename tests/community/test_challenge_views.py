"""Challenge and event pages: what each person sees, and bad input."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from community.models import (
    Criterion,
    EventAudience,
    Judge,
    Recurrence,
    Registration,
    Score,
    Submission,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    ChallengeFactory,
    EventFactory,
    ProfileFactory,
    SubmissionFactory,
    TeamFactory,
    challenge_in_judging,
)
from tests.community.test_challenges import PDF
from tests.tools_catalog.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def signed_in(client: Client, role: Role = Role.MEMBER, **kwargs):
    user = UserFactory(role=role, **kwargs)
    client.force_login(user)
    return user


# --- Teams and names -----------------------------------------------------------


def test_a_provider_sees_team_mates_only_by_the_names_they_chose(client):
    shown = UserFactory(role=Role.MEMBER, full_name="Ana Shown", show_name=True)
    hidden = UserFactory(role=Role.MEMBER, full_name="Bo Hidden", show_name=False)
    team = TeamFactory(created_by=shown, members=[hidden])
    rep = signed_in(client, Role.PROVIDER)
    client.post(
        reverse("community:team-join", kwargs={"slug": team.challenge.slug}),
        {"code": team.join_code},
    )
    page = client.get(reverse("community:team-detail", kwargs={"pk": team.pk}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ana Shown" in text
    assert "Bo Hidden" not in text
    assert hidden.email not in text
    assert str(hidden) in text  # the pseudonym
    assert rep.pk in team.memberships.values_list("user", flat=True)


def test_another_teams_page_and_submission_are_404(client):
    submission = SubmissionFactory(
        attachment_name="x.pdf", attachment_type="application/pdf"
    )
    signed_in(client, Role.PROVIDER)
    team_url = reverse("community:team-detail", kwargs={"pk": submission.team.pk})
    file_url = reverse("community:submission-attachment", kwargs={"pk": submission.pk})
    assert client.get(team_url).status_code == 404
    assert client.get(file_url).status_code == 404


def test_joining_a_second_team_shows_a_message_not_an_error(client):
    challenge = ChallengeFactory()
    user = signed_in(client)
    TeamFactory(challenge=challenge, created_by=user)
    response = client.post(
        reverse("community:team-create", kwargs={"slug": challenge.slug}),
        {"name": "Another"},
        follow=True,
    )
    assert response.status_code == 200
    assert "already in a team" in response.content.decode()


def test_a_member_invites_someone_found_in_the_directory(client):
    invitee = ProfileFactory(listed=True).user
    user = signed_in(client)
    team = TeamFactory(created_by=user)
    profile_page = client.get(
        reverse(
            "community:member-detail",
            kwargs={"public_id": invitee.community_profile.public_id},
        )
    )
    assert reverse("community:team-invite", kwargs={"pk": team.pk}) in (
        profile_page.content.decode()
    )
    client.post(
        reverse("community:team-invite", kwargs={"pk": team.pk}),
        {"public_id": invitee.community_profile.public_id},
    )
    invitation = team.memberships.get(user=invitee)
    assert invitation.status == "invited"
    client.force_login(invitee)
    client.post(
        reverse("community:invitation-respond", kwargs={"pk": invitation.pk}),
        {"action": "accept"},
    )
    invitation.refresh_from_db()
    assert invitation.status == "active"


# --- Submissions ---------------------------------------------------------------


def _form(team, **extra):
    data = {
        "title": "My carefully typed title",
        "summary": "A long summary I do not want to lose.",
        "stage": team.challenge.stage_id,
        "repository_url": "https://example.org/repo",
    }
    data.update(extra)
    return data


def test_a_team_member_submits_with_an_attachment_and_downloads_it(client):
    user = signed_in(client, Role.PROVIDER)
    team = TeamFactory(created_by=user)
    url = reverse("community:submission-edit", kwargs={"pk": team.pk})
    upload = SimpleUploadedFile("plan.pdf", PDF)
    response = client.post(url, _form(team, attachment=upload))
    assert response.status_code == 302
    submission = Submission.objects.get(team=team)
    download = client.get(
        reverse("community:submission-attachment", kwargs={"pk": submission.pk})
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_a_late_submission_keeps_what_was_typed_and_shows_the_server_time(client):
    user = signed_in(client)
    team = TeamFactory(created_by=user, challenge=challenge_in_judging())
    url = reverse("community:submission-edit", kwargs={"pk": team.pk})
    response = client.post(url, _form(team))
    text = response.content.decode()
    assert response.status_code == 400
    assert "deadline has passed" in text
    assert "server time" in text
    assert "My carefully typed title" in text
    assert "A long summary I do not want to lose." in text
    assert not Submission.objects.exists()


def test_a_lying_attachment_is_a_form_error(client):
    user = signed_in(client)
    team = TeamFactory(created_by=user)
    url = reverse("community:submission-edit", kwargs={"pk": team.pk})
    upload = SimpleUploadedFile("photo.png", PDF)
    response = client.post(url, _form(team, attachment=upload))
    assert response.status_code == 400
    assert "not what its name says" in response.content.decode()
    assert "My carefully typed title" in response.content.decode()


@override_settings(HUB_CHALLENGE_ATTACHMENT_MAX_MB=1)
def test_an_oversized_attachment_is_a_form_error(client):
    user = signed_in(client)
    team = TeamFactory(created_by=user)
    url = reverse("community:submission-edit", kwargs={"pk": team.pk})
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1))
    response = client.post(url, _form(team, attachment=upload))
    assert response.status_code == 400
    assert "too large" in response.content.decode()


# --- Judging -------------------------------------------------------------------


def _judge_setup(client):
    challenge = challenge_in_judging()
    submission = SubmissionFactory(team=TeamFactory(challenge=challenge))
    judge = signed_in(client)
    Judge.objects.create(challenge=challenge, user=judge)
    url = reverse("community:submission-score", kwargs={"pk": submission.pk})
    return challenge, submission, judge, url


def _scores(challenge, value):
    data = {}
    for criterion in Criterion.objects.filter(challenge=challenge):
        data[f"score_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = "Clear and useful"
    return data


def test_a_judge_scores_through_the_form(client):
    challenge, _submission, _judge, url = _judge_setup(client)
    response = client.post(url, _scores(challenge, 8))
    assert response.status_code == 302
    assert Score.objects.count() == 2


def test_scores_out_of_range_are_a_form_error(client):
    challenge, _submission, _judge, url = _judge_setup(client)
    response = client.post(url, _scores(challenge, 42))
    assert response.status_code == 200
    assert "less than or equal to 10" in response.content.decode()
    assert not Score.objects.exists()


def test_judging_a_team_from_ones_own_organisation_is_403(client):
    challenge, submission, judge, url = _judge_setup(client)
    colleague = UserFactory(role=Role.PROVIDER)
    ProviderFactory(representatives=[judge, colleague])
    submission.team.memberships.create(
        challenge=challenge, user=colleague, status="active"
    )
    page = client.get(url)
    assert "cannot judge this team" in page.content.decode()
    response = client.post(url, _scores(challenge, 8))
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_teams_see_their_scores_only_after_the_results(client):
    challenge, submission, _judge, url = _judge_setup(client)
    client.post(url, _scores(challenge, 8))
    client.force_login(submission.team.created_by)
    team_url = reverse("community:team-detail", kwargs={"pk": submission.team.pk})
    assert "Clear and useful" not in client.get(team_url).content.decode()
    staff = signed_in(client, Role.MODERATOR)
    response = client.post(
        reverse("community:challenge-results", kwargs={"slug": challenge.slug}),
        {"summary": "Team one won."},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action="community_results_published", actor=staff
    ).exists()
    client.force_login(submission.team.created_by)
    assert "Clear and useful" in client.get(team_url).content.decode()


# --- Staff ---------------------------------------------------------------------


def test_staff_create_a_challenge_with_criteria_and_publish_it(client):
    signed_in(client, Role.MODERATOR)
    stage = ChallengeFactory().stage
    data = {
        "title": "Faster triage",
        "slug": "faster-triage",
        "problem": "Too many devices.",
        "stage": stage.pk,
        "rules": "Be kind.",
        "eligibility": "both",
        "team_size_max": 4,
        "time_zone": "Europe/Paris",
        "registration_opens_at_local": "2027-01-01T09:00",
        "registration_closes_at_local": "2027-01-10T09:00",
        "build_ends_at_local": "2027-01-20T09:00",
        "judging_ends_at_local": "2027-01-25T09:00",
        "results_at_local": "2027-01-30T09:00",
        "criteria-TOTAL_FORMS": 2,
        "criteria-INITIAL_FORMS": 0,
        "criteria-MIN_NUM_FORMS": 1,
        "criteria-MAX_NUM_FORMS": 10,
        "criteria-0-name": "Impact",
        "criteria-0-weight": 3,
        "criteria-1-name": "",
        "criteria-1-weight": "",
    }
    response = client.post(reverse("community:challenge-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from community.models import Challenge

    challenge = Challenge.objects.get(slug="faster-triage")
    assert challenge.registration_opens_at.hour == 8  # 09:00 Paris is 08:00 UTC
    assert list(challenge.criteria.values_list("name", "weight")) == [("Impact", 3)]
    client.post(reverse("community:challenge-publish", kwargs={"slug": challenge.slug}))
    challenge.refresh_from_db()
    assert challenge.published_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"community_challenge_saved", "community_challenge_published"} <= actions


def test_a_timeline_out_of_order_is_a_form_error(client):
    signed_in(client, Role.ADMIN)
    stage = ChallengeFactory().stage
    response = client.post(
        reverse("community:challenge-create"),
        {
            "title": "Backwards",
            "slug": "backwards",
            "problem": "x",
            "stage": stage.pk,
            "rules": "x",
            "eligibility": "both",
            "team_size_max": 4,
            "time_zone": "UTC",
            "registration_opens_at_local": "2027-01-10T09:00",
            "registration_closes_at_local": "2027-01-01T09:00",
            "build_ends_at_local": "2027-01-20T09:00",
            "judging_ends_at_local": "2027-01-25T09:00",
            "results_at_local": "2027-01-30T09:00",
            "criteria-TOTAL_FORMS": 1,
            "criteria-INITIAL_FORMS": 0,
            "criteria-0-name": "Impact",
            "criteria-0-weight": 3,
        },
    )
    assert response.status_code == 200
    assert "must run in order" in response.content.decode()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.PROVIDER, Role.VERIFIER])
def test_only_challenge_runners_see_drafts(client, role):
    draft = ChallengeFactory(published_at=None)
    signed_in(client, role)
    url = reverse("community:challenge-detail", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404


def test_a_members_only_challenge_is_404_to_providers(client):
    challenge = ChallengeFactory(eligibility="members")
    signed_in(client, Role.PROVIDER)
    url = reverse("community:challenge-detail", kwargs={"slug": challenge.slug})
    assert client.get(url).status_code == 404


# --- Lists: query budgets ------------------------------------------------------


def test_the_challenge_list_has_a_query_budget(client, django_assert_max_num_queries):
    for _ in range(5):
        TeamFactory()
    signed_in(client)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("community:challenge-list"))
    assert response.content.decode().count('class="card"') >= 5


def test_the_staff_list_has_a_query_budget(client, django_assert_max_num_queries):
    for _ in range(5):
        SubmissionFactory()
    signed_in(client, Role.ADMIN)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("community:challenge-staff"))
    assert response.status_code == 200


def test_the_judging_list_has_a_query_budget(client, django_assert_max_num_queries):
    challenge, _submission, _judge, _url = _judge_setup(client)
    for _ in range(5):
        SubmissionFactory(team=TeamFactory(challenge=challenge))
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("community:judging-list", kwargs={"slug": challenge.slug})
        )
    assert response.content.decode().count("/score/") == 6


# --- Events for both communities -----------------------------------------------


def test_providers_see_only_events_whose_audience_includes_them(client):
    members_only = EventFactory(title="Members only")
    both = EventFactory(title="Open to both", audience=EventAudience.BOTH)
    workshop = EventFactory(title="Provider workshop", audience="providers")
    signed_in(client, Role.PROVIDER)
    text = client.get(reverse("community:event-list")).content.decode()
    assert "Open to both" in text
    assert "Provider workshop" in text
    assert "Members only" not in text
    assert 'href="/community/c/' not in text  # no member-only navigation
    detail = reverse("community:event-detail", kwargs={"slug": members_only.slug})
    assert client.get(detail).status_code == 404
    rsvp = reverse("community:event-rsvp", kwargs={"slug": members_only.slug})
    assert client.post(rsvp).status_code == 404
    assert client.get(both.get_absolute_url()).status_code == 200
    assert workshop.pk


def test_members_do_not_see_provider_only_workshops(client):
    EventFactory(title="Provider workshop", audience="providers")
    signed_in(client)
    text = client.get(reverse("community:event-list")).content.decode()
    assert "Provider workshop" not in text


def test_a_provider_registers_and_sees_attendees_only_as_a_count(client):
    event = EventFactory(audience=EventAudience.BOTH, capacity=5)
    other = UserFactory(role=Role.MEMBER, full_name="Carla Visible", show_name=True)
    Registration.objects.create(event=event, user=other, status="registered")
    rep = signed_in(client, Role.PROVIDER)
    client.post(reverse("community:event-rsvp", kwargs={"slug": event.slug}))
    assert Registration.objects.get(user=rep).status == "registered"
    text = client.get(event.get_absolute_url()).content.decode()
    assert "2 of 5 taken" in text
    assert "Carla Visible" not in text
    assert str(other) not in text


def test_a_repeating_meeting_carries_its_rrule_in_the_ics(client):
    starts = timezone.now().replace(
        year=2027, month=1, day=12, hour=14, minute=0, second=0, microsecond=0
    )  # the second Tuesday of January 2027
    event = EventFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        recurrence=Recurrence.MONTHLY,
        recurrence_count=6,
    )
    signed_in(client)
    body = client.get(
        reverse("community:event-ics", kwargs={"slug": event.slug})
    ).content.decode()
    assert "RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=2TU" in body


def test_a_repeating_event_needs_a_count():
    from django.core.exceptions import ValidationError

    event = EventFactory.build(recurrence=Recurrence.WEEKLY, recurrence_count=None)
    with pytest.raises(ValidationError):
        event.full_clean(exclude=["slug"])


def test_a_running_monthly_series_stays_among_upcoming_events(client):
    from community.services.events import event_save

    starts = timezone.now() - timedelta(days=40)
    event = EventFactory.build(
        title="Monthly community meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        recurrence=Recurrence.MONTHLY,
        recurrence_count=6,
    )
    event = event_save(actor=UserFactory(role=Role.MODERATOR), event=event)
    assert event.series_ends_at > timezone.now() + timedelta(days=60)
    signed_in(client)
    assert "Monthly community meeting" in (
        client.get(reverse("community:event-list")).content.decode()
    )
    detail = client.get(event.get_absolute_url()).content.decode()
    assert "Next meeting" in detail
    next_start = event.next_meeting()
    assert next_start is not None
    assert next_start > timezone.now()
    assert next_start.weekday() == starts.weekday()


def test_a_tool_page_and_its_providers_portal_show_what_a_challenge_built(client):
    from tests.tools_catalog.factories import ToolFactory

    rep = UserFactory(role=Role.PROVIDER)
    tool = ToolFactory()
    tool.provider.representatives.add(rep)
    challenge = challenge_in_judging(title="Faster triage")
    SubmissionFactory(
        team=TeamFactory(challenge=challenge, name="Blue"),
        title="Triage helper",
        tool=tool,
        rank=1,
    )
    signed_in(client)
    assert "Triage helper" not in client.get(tool.get_absolute_url()).content.decode()
    challenge.results_published_at = timezone.now()
    challenge.save()
    page = client.get(tool.get_absolute_url()).content.decode()
    assert "Faster triage" in page
    assert "Triage helper" in page
    client.force_login(rep)
    portal = client.get(reverse("tools_catalog:provider-portal")).content.decode()
    assert "Triage helper" in portal


@pytest.mark.parametrize(("posted", "stored"), [("", "members"), ("both", "both")])
def test_organisers_choose_an_events_audience(client, posted, stored):
    from community.models import Event

    signed_in(client, Role.MODERATOR)
    response = client.post(
        reverse("community:event-create"),
        {
            "title": "Workshop",
            "slug": "workshop",
            "kind": "training",
            "description": "For both communities.",
            "time_zone": "UTC",
            "audience": posted,
            "starts_local": "2031-01-01T10:00",
            "ends_local": "2031-01-01T11:00",
            "capacity": 10,
        },
    )
    assert response.status_code == 302
    assert Event.objects.get(slug="workshop").audience == stored
