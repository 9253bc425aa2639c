"""A provider application naming an organisation already on the Hub.

Approving the application never makes the applicant a representative of that
organisation: joining it is a separate request that another verifier (or an
administrator) signs off, that the organisation's representatives hear of and
may object to. Every step is played through HTTP, as an attacker would.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from accounts.selectors import user_roles
from onboarding.audit import ApplicationAction
from onboarding.models import Application, OrganisationJoinRequest, Signal
from tests.accounts.factories import UserFactory, reauthenticate
from tests.tools_catalog.factories import ProviderFactory, ToolFactory
from tools_catalog.models import Provider, Question, Review, Tool

pytestmark = pytest.mark.django_db
JoinStatus = OrganisationJoinRequest.Status


def _provider_answers(organisation: str) -> dict[str, str]:
    return {
        "organisation_name": organisation,
        "provider_type": "company",
        "website": "https://thorn.example",
        "country": "US",
        "full_name": "Mallory Claimant",
        "job_title": "Partnerships lead",
        "work_email": "mallory@claimant.example",
        "tools_offered": "Classifiers",
        "consent": "on",
        "action": "submit",
    }


@pytest.fixture
def thorn():
    """Thorn with two representatives (one reads French), a live tool, a
    member's question and a member's review."""
    first = UserFactory(role=Role.PROVIDER, email="rep.one@thorn.example")
    second = UserFactory(
        role=Role.PROVIDER, email="rep.two@thorn.example", language="fr"
    )
    provider = ProviderFactory(name="Thorn", representatives=[first, second])
    tool = ToolFactory(provider=provider, name="Safer Classifier")
    member = UserFactory(role=Role.MEMBER)
    question = Question.objects.create(
        tool=tool, author=member, text="Does it run offline at all?"
    )
    Review.objects.create(
        tool=tool, author=member, rating=2, text="Slow on large seizures."
    )
    provider.reps = [first, second]
    provider.tool = tool
    provider.question = question
    return provider


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _staff_client_for(user) -> Client:
    """Signed in and freshly reauthenticated, as approving and refusing ask."""
    client = _client_for(user)
    reauthenticate(client)
    return client


def _apply(capture, organisation: str):
    """A new user applies as a provider through the form; screening runs."""
    # Has a second factor already, so the portal opens once the role is granted.
    applicant = UserFactory(email="mallory@claimant.example", mfa=True)
    client = _client_for(applicant)
    with capture(execute=True):
        response = client.post(
            reverse("onboarding:provider-application"),
            _provider_answers(organisation),
        )
    assert response.status_code == 302
    application = Application.objects.get(user=applicant)
    assert application.status == Application.Status.SUBMITTED
    return applicant, client, application


def _claim_and_approve(capture, verifier, application) -> Client:
    client = _client_for(verifier)
    reauthenticate(client)  # approving asks for the password again
    application.refresh_from_db()
    client.post(
        reverse("onboarding:case-claim", kwargs={"pk": application.pk}),
        {"version": application.version},
    )
    application.refresh_from_db()
    with capture(execute=True):
        response = client.post(
            reverse("onboarding:case-approve", kwargs={"pk": application.pk}),
            {"version": application.version},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    return client


def _is_rep(provider: Provider, user) -> bool:
    return provider.representatives.filter(pk=user.pk).exists()


def _age_past_the_objection_window(join: OrganisationJoinRequest) -> None:
    """Move the request back in time: the representatives were told long ago
    and their window to object has closed."""
    join.refresh_from_db()
    assert join.representatives_told_at is not None
    hours = timedelta(hours=settings.HUB_ORGANISATION_JOIN_OBJECTION_HOURS + 1)
    OrganisationJoinRequest.objects.filter(pk=join.pk).update(
        representatives_told_at=join.representatives_told_at - hours,
        objection_window_ends_at=join.objection_window_ends_at - hours,
    )


def test_one_approval_never_makes_the_applicant_a_representative_of_an_existing_organisation(  # noqa: E501
    thorn, django_capture_on_commit_callbacks
):
    applicant, client, application = _apply(django_capture_on_commit_callbacks, "THORN")
    _claim_and_approve(
        django_capture_on_commit_callbacks, UserFactory(role=Role.VERIFIER), application
    )

    assert Role.PROVIDER in user_roles(
        user=type(applicant).objects.get(pk=applicant.pk)
    )
    assert not _is_rep(thorn, applicant)
    # No second "Thorn" either: the claim waits as a join request.
    assert Provider.objects.filter(name__iexact="thorn").count() == 1
    join = OrganisationJoinRequest.objects.get(application=application)
    assert (join.provider, join.user, join.status) == (thorn, applicant, "pending")

    portal = client.get(reverse("tools_catalog:provider-portal"))
    assert portal.status_code == 200
    page = portal.content.decode()
    assert "Safer Classifier" not in page
    assert "Does it run offline at all?" not in page
    assert "Slow on large seizures." not in page
    assert "waiting for a second check" in page

    archive = client.post(
        reverse("tools_catalog:provider-tool-archive", kwargs={"pk": thorn.tool.pk})
    )
    assert archive.status_code in (403, 404)
    thorn.tool.refresh_from_db()
    assert thorn.tool.status == Tool.Status.PUBLISHED
    edit = client.get(
        reverse("tools_catalog:provider-tool-edit", kwargs={"pk": thorn.tool.pk})
    )
    assert edit.status_code in (403, 404)

    answer = client.post(
        reverse(
            "tools_catalog:provider-question-answer",
            kwargs={"pk": thorn.question.pk},
        ),
        {f"q{thorn.question.pk}-answer": "Yes, trust us."},
    )
    assert answer.status_code in (403, 404)
    thorn.question.refresh_from_db()
    assert thorn.question.answer == ""


def test_the_case_page_shows_the_claim_before_anyone_decides(
    thorn, django_capture_on_commit_callbacks
):
    _, _, application = _apply(django_capture_on_commit_callbacks, "thorn")
    verifier = _client_for(UserFactory(role=Role.VERIFIER))
    page = verifier.get(
        reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    ).content.decode()
    assert (
        "Claims to represent <bdi>Thorn</bdi>, which already has 2 representatives"
        in page
    )
    assert application.signals.filter(
        code=Signal.Code.ORGANISATION_EXISTS, level=Signal.Level.WARNING
    ).exists()


def test_a_second_verifier_signs_the_join_off_and_the_first_cannot(
    thorn, django_capture_on_commit_callbacks
):
    applicant, client, application = _apply(django_capture_on_commit_callbacks, "THORN")
    first = UserFactory(role=Role.VERIFIER)
    first_client = _claim_and_approve(
        django_capture_on_commit_callbacks, first, application
    )
    approve = reverse("onboarding:case-join-approve", kwargs={"pk": application.pk})

    # The verifier who approved the application cannot also approve the join.
    response = first_client.post(approve, follow=True)
    assert "A second verifier must give the second sign-off." in (
        response.content.decode()
    )
    assert not _is_rep(thorn, applicant)
    # Neither can the applicant (nor anyone without the verifier's capability).
    assert client.post(approve).status_code == 403
    assert not _is_rep(thorn, applicant)

    second = UserFactory(role=Role.VERIFIER)
    _age_past_the_objection_window(
        OrganisationJoinRequest.objects.get(application=application)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _staff_client_for(second).post(approve)
    assert response.status_code == 302
    assert _is_rep(thorn, applicant)
    join = OrganisationJoinRequest.objects.get(application=application)
    assert (join.status, join.requested_by, join.decided_by) == (
        JoinStatus.APPROVED,
        first,
        second,
    )
    page = client.get(reverse("tools_catalog:provider-portal")).content.decode()
    assert "Safer Classifier" in page

    actions = list(
        AuditEvent.objects.filter(target_id=str(application.pk))
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert (ApplicationAction.JOIN_REQUESTED, first.pk) in actions
    assert (ApplicationAction.JOIN_APPROVED, second.pk) in actions
    assert AuditEvent.objects.filter(
        action="provider_representative_added", actor=second
    ).exists()
    # The applicant hears of it.
    assert any(m.to == [applicant.email] and "Thorn" in m.subject for m in mail.outbox)


def test_the_existing_representatives_are_told_each_in_their_language(
    thorn, django_capture_on_commit_callbacks
):
    _, _, application = _apply(django_capture_on_commit_callbacks, "THORN")
    mail.outbox.clear()
    _claim_and_approve(
        django_capture_on_commit_callbacks, UserFactory(role=Role.VERIFIER), application
    )
    join = OrganisationJoinRequest.objects.get(application=application)
    link = reverse("onboarding:join-request-object", kwargs={"pk": join.pk})
    told = {m.to[0]: m for m in mail.outbox if m.to[0].endswith("@thorn.example")}
    assert set(told) == {"rep.one@thorn.example", "rep.two@thorn.example"}
    english, french = told["rep.one@thorn.example"], told["rep.two@thorn.example"]
    assert english.subject == "A request to represent Thorn on the Safer Children Hub"
    assert french.subject == (
        "Une demande pour représenter Thorn sur le Safer Children Hub"
    )
    for message in (english, french):
        assert "Mallory Claimant" in message.body
        assert "mallory@claimant.example" in message.body
        assert link in message.body


def test_a_representative_objects_and_the_join_is_blocked(
    thorn, django_capture_on_commit_callbacks
):
    applicant, _, application = _apply(django_capture_on_commit_callbacks, "THORN")
    _claim_and_approve(
        django_capture_on_commit_callbacks, UserFactory(role=Role.VERIFIER), application
    )
    join = OrganisationJoinRequest.objects.get(application=application)
    objection_url = reverse("onboarding:join-request-object", kwargs={"pk": join.pk})
    rep = _client_for(thorn.reps[0])
    page = rep.get(objection_url)
    assert page.status_code == 200
    assert "Mallory Claimant" in page.content.decode()
    response = rep.post(objection_url, {"comment": "Nobody here knows Mallory."})
    assert response.status_code == 302
    join.refresh_from_db()
    assert join.status == JoinStatus.OBJECTED
    assert join.objected_by == thorn.reps[0]
    assert AuditEvent.objects.filter(
        action=ApplicationAction.JOIN_OBJECTED, actor=thorn.reps[0]
    ).exists()

    # The case page says so, and no verifier can approve the join any more.
    second = _staff_client_for(UserFactory(role=Role.VERIFIER))
    case = second.get(
        reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    ).content.decode()
    assert "Nobody here knows Mallory." in case
    response = second.post(
        reverse("onboarding:case-join-approve", kwargs={"pk": application.pk}),
        follow=True,
    )
    assert "objected" in response.content.decode()
    assert not _is_rep(thorn, applicant)

    # Refusing closes it, and the applicant is told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(
            reverse("onboarding:case-join-refuse", kwargs={"pk": application.pk})
        )
    assert response.status_code == 302
    join.refresh_from_db()
    assert join.status == JoinStatus.REFUSED
    assert not _is_rep(thorn, applicant)
    assert AuditEvent.objects.filter(action=ApplicationAction.JOIN_REFUSED).exists()
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    # A refused request cannot be approved afterwards.
    response = second.post(
        reverse("onboarding:case-join-approve", kwargs={"pk": application.pk}),
        follow=True,
    )
    assert "already decided" in response.content.decode()
    assert not _is_rep(thorn, applicant)


def test_only_the_organisations_representatives_may_see_or_object(
    thorn, django_capture_on_commit_callbacks
):
    _, applicant_client, application = _apply(
        django_capture_on_commit_callbacks, "THORN"
    )
    _claim_and_approve(
        django_capture_on_commit_callbacks, UserFactory(role=Role.VERIFIER), application
    )
    join = OrganisationJoinRequest.objects.get(application=application)
    url = reverse("onboarding:join-request-object", kwargs={"pk": join.pk})
    outsider = UserFactory(role=Role.PROVIDER)
    ProviderFactory(representatives=[outsider])
    for client in (_client_for(outsider), applicant_client):
        assert client.get(url).status_code == 404
        assert client.post(url, {"comment": "x"}).status_code == 404
    assert _client_for(UserFactory(role=Role.MEMBER)).get(url).status_code == 403
    join.refresh_from_db()
    assert join.status == JoinStatus.PENDING


def test_an_administrator_may_give_the_second_signoff_in_the_admin(
    thorn, django_capture_on_commit_callbacks
):
    applicant, _, application = _apply(django_capture_on_commit_callbacks, "THORN")
    _claim_and_approve(
        django_capture_on_commit_callbacks, UserFactory(role=Role.VERIFIER), application
    )
    join = OrganisationJoinRequest.objects.get(application=application)
    _age_past_the_objection_window(join)
    admin = _staff_client_for(UserFactory(role=Role.ADMIN))
    changelist = reverse("admin:onboarding_organisationjoinrequest_changelist")
    assert "Mallory Claimant" in admin.get(changelist).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            changelist, {"action": "approve", "_selected_action": [join.pk]}
        )
    assert response.status_code == 302
    assert _is_rep(thorn, applicant)
    # A catalogue editor has no business here.
    editor = _client_for(UserFactory(role=Role.CATALOGUE_EDITOR))
    assert editor.get(changelist).status_code == 403


def test_the_approver_of_the_application_cannot_sign_off_in_the_admin_either(
    thorn, django_capture_on_commit_callbacks
):
    applicant, _, application = _apply(django_capture_on_commit_callbacks, "THORN")
    verifier = UserFactory(role=Role.VERIFIER)
    client = _claim_and_approve(
        django_capture_on_commit_callbacks, verifier, application
    )
    join = OrganisationJoinRequest.objects.get(application=application)
    response = client.post(
        reverse("admin:onboarding_organisationjoinrequest_changelist"),
        {"action": "approve", "_selected_action": [join.pk]},
        follow=True,
    )
    assert "A second verifier must give the second sign-off." in (
        response.content.decode()
    )
    join.refresh_from_db()
    assert join.status == JoinStatus.PENDING
    assert not _is_rep(thorn, applicant)


@pytest.mark.parametrize(
    "name",
    [
        "Th0rn",
        "T h o r n",
        "Thorn, Inc.",
        "Th\u043em",  # Cyrillic o, and "rn" written "m"
        "Th\u043ern",  # Cyrillic o
        "THORN LLC",
        "Thörn",
        "thorn.",
        "The Thorn",
        "T_h_o_r_n",
    ],
)
def test_a_new_organisation_named_like_an_existing_one_is_flagged(
    thorn, django_capture_on_commit_callbacks, name
):
    _, _, application = _apply(django_capture_on_commit_callbacks, name)
    signal = application.signals.get(code=Signal.Code.ORGANISATION_LOOKALIKE)
    assert signal.level == Signal.Level.WARNING
    assert "Thorn" in signal.reason
    verifier = _staff_client_for(UserFactory(role=Role.VERIFIER))
    page = verifier.get(
        reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    ).content.decode()
    assert "resembles" in page


@pytest.mark.parametrize(
    "name",
    ["THORN", "thorn", "  Thorn ", "\uff34\uff48\uff4f\uff52\uff4e"],  # fullwidth
)
def test_the_same_name_in_any_case_or_width_is_a_claim_on_the_organisation(
    thorn, django_capture_on_commit_callbacks, name
):
    _, _, application = _apply(django_capture_on_commit_callbacks, name)
    codes = set(application.signals.values_list("code", flat=True))
    assert Signal.Code.ORGANISATION_EXISTS in codes
    assert Signal.Code.ORGANISATION_LOOKALIKE not in codes


@pytest.mark.parametrize("name", ["Thornton Labs", "Acme Vision", "North"])
def test_an_unrelated_name_is_not_flagged(
    thorn, django_capture_on_commit_callbacks, name
):
    _, _, application = _apply(django_capture_on_commit_callbacks, name)
    codes = set(application.signals.values_list("code", flat=True))
    assert Signal.Code.ORGANISATION_LOOKALIKE not in codes
    assert Signal.Code.ORGANISATION_EXISTS not in codes


def test_approving_a_lookalike_makes_a_separate_organisation(
    thorn, django_capture_on_commit_callbacks
):
    applicant, client, application = _apply(django_capture_on_commit_callbacks, "Th0rn")
    _claim_and_approve(
        django_capture_on_commit_callbacks, UserFactory(role=Role.VERIFIER), application
    )
    assert not _is_rep(thorn, applicant)
    own = Provider.objects.get(representatives=applicant)
    assert own.name == "Th0rn"
    assert own.pk != thorn.pk
    page = client.get(reverse("tools_catalog:provider-portal")).content.decode()
    assert "Safer Classifier" not in page


def test_a_representative_applying_again_for_their_organisation_files_nothing(
    thorn, django_capture_on_commit_callbacks
):
    from onboarding import services
    from tests.onboarding.factories import SubmittedApplicationFactory

    rep = thorn.reps[0]
    application = SubmittedApplicationFactory(
        user=rep, kind=Application.Kind.PROVIDER, organisation_name="thorn"
    )
    verifier = UserFactory(role=Role.VERIFIER)
    services.application_claim(application=application, actor=verifier)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, actor=verifier)
    assert not OrganisationJoinRequest.objects.exists()
    assert _is_rep(thorn, rep)
    assert Provider.objects.count() == 1


def _pending_join_on_thorn(capture):
    applicant, _, application = _apply(capture, "THORN")
    first = UserFactory(role=Role.VERIFIER)
    _claim_and_approve(capture, first, application)
    join = OrganisationJoinRequest.objects.get(application=application)
    return applicant, application, join


def test_the_second_signoff_is_refused_while_the_representatives_may_object(
    thorn, django_capture_on_commit_callbacks
):
    """F9: the second sign-off the same minute the representatives were told."""
    applicant, application, join = _pending_join_on_thorn(
        django_capture_on_commit_callbacks
    )
    assert join.representatives_told_at is not None
    assert join.objection_window_ends_at == join.representatives_told_at + timedelta(
        hours=72
    )
    approve = reverse("onboarding:case-join-approve", kwargs={"pk": application.pk})
    second = _staff_client_for(UserFactory(role=Role.VERIFIER))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(approve, follow=True)
    page = response.content.decode()
    assert "may object until" in page
    assert "cannot be approved before then" in page
    join.refresh_from_db()
    assert join.status == JoinStatus.PENDING
    assert join.decided_by is None
    assert not _is_rep(thorn, applicant)
    assert not AuditEvent.objects.filter(
        action=ApplicationAction.JOIN_APPROVED
    ).exists()
    assert mail.outbox == []

    # Nor through the admin action.
    admin = _staff_client_for(UserFactory(role=Role.ADMIN))
    changelist = reverse("admin:onboarding_organisationjoinrequest_changelist")
    response = admin.post(
        changelist,
        {"action": "approve", "_selected_action": [join.pk]},
        follow=True,
    )
    assert "may object until" in response.content.decode()
    join.refresh_from_db()
    assert join.status == JoinStatus.PENDING
    assert not _is_rep(thorn, applicant)

    # Once the window has closed, the second sign-off goes through.
    _age_past_the_objection_window(join)
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(approve)
    assert response.status_code == 302
    join.refresh_from_db()
    assert join.status == JoinStatus.APPROVED
    assert _is_rep(thorn, applicant)


def test_the_window_is_a_setting(thorn, django_capture_on_commit_callbacks, settings):
    settings.HUB_ORGANISATION_JOIN_OBJECTION_HOURS = 5
    _, _, join = _pending_join_on_thorn(django_capture_on_commit_callbacks)
    assert join.objection_window_ends_at - join.representatives_told_at == (
        timedelta(hours=5)
    )


def test_the_request_may_be_refused_during_the_objection_window(
    thorn, django_capture_on_commit_callbacks
):
    applicant, application, join = _pending_join_on_thorn(
        django_capture_on_commit_callbacks
    )
    assert join.objection_window_ends_at > timezone.now()
    second = _staff_client_for(UserFactory(role=Role.VERIFIER))
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(
            reverse("onboarding:case-join-refuse", kwargs={"pk": application.pk})
        )
    assert response.status_code == 302
    join.refresh_from_db()
    assert join.status == JoinStatus.REFUSED
    assert not _is_rep(thorn, applicant)


def test_no_wait_when_the_organisation_has_no_active_representative(
    django_capture_on_commit_callbacks,
):
    gone = UserFactory(role=Role.PROVIDER, is_active=False)
    thorn = ProviderFactory(name="Thorn", representatives=[gone])
    applicant, application, join = _pending_join_on_thorn(
        django_capture_on_commit_callbacks
    )
    assert join.provider == thorn
    assert join.representatives_told_at is None
    assert join.objection_window_ends_at is None
    second = _staff_client_for(UserFactory(role=Role.VERIFIER))
    case = reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    assert "no active representative" in second.get(case).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(
            reverse("onboarding:case-join-approve", kwargs={"pk": application.pk})
        )
    assert response.status_code == 302
    assert _is_rep(thorn, applicant)


def test_the_case_page_and_the_admin_show_when_the_representatives_were_told(
    thorn, django_capture_on_commit_callbacks
):
    _, application, join = _pending_join_on_thorn(django_capture_on_commit_callbacks)
    from django.utils import formats

    ends = formats.date_format(
        timezone.localtime(join.objection_window_ends_at), "DATETIME_FORMAT"
    )
    told = formats.date_format(
        timezone.localtime(join.representatives_told_at), "DATETIME_FORMAT"
    )
    second = _staff_client_for(UserFactory(role=Role.VERIFIER))
    case = second.get(
        reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    ).content.decode()
    assert "Representatives told" in case
    assert "Objection window ends" in case
    assert told in case
    assert ends in case
    assert "the request can be approved after that" in case
    assert "Approve: make them a representative of Thorn" not in case

    admin = _staff_client_for(UserFactory(role=Role.ADMIN))
    changelist = admin.get(
        reverse("admin:onboarding_organisationjoinrequest_changelist")
    ).content.decode()
    assert "Representatives told" in changelist
    assert "Objection window ends" in changelist
