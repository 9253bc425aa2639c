import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from onboarding import services
from onboarding.models import Application, ConfirmationRequest, Note
from tests.accounts.factories import UserFactory, reauthenticate
from tests.onboarding.factories import (
    ApplicationFactory,
    ConfirmationRequestFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def applicant_client(client: Client):
    user = UserFactory(email="newcomer@police.example")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def verifier_client(client: Client):
    user = UserFactory(role=Role.VERIFIER)
    client.force_login(user)
    reauthenticate(client)  # approving and rejecting ask for it
    client.user = user
    return client


def _answers(**overrides):
    data = {
        "full_name": "Alex Example",
        "work_email": "alex@police.example",
        "job_title": "Detective",
        "role_category": "investigator",
        "years_in_role": "3",
        "agency_name": "Example Police",
        "agency_type": "police",
        "country": "FR",
        "unit": "Cyber",
        "supervisor_name": "Chief",
        "supervisor_email": "chief@police.example",
        "supervisor_phone": "+33 1",
        "consent": "on",
        "action": "submit",
    }
    data.update(overrides)
    return data


def test_a_draft_is_saved_with_blanks(applicant_client):
    response = applicant_client.post(
        reverse("onboarding:application"), {"full_name": "Alex", "action": "save"}
    )
    assert response.status_code == 302
    application = Application.objects.get(user=applicant_client.user)
    assert application.status == Status.DRAFT
    assert application.full_name == "Alex"


def test_a_failed_submit_keeps_what_was_typed_and_says_why(applicant_client):
    response = applicant_client.post(
        reverse("onboarding:application"),
        _answers(agency_name="", unit="<script>alert(1)</script>"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert 'value="Alex Example"' in page
    assert not Application.objects.filter(status=Status.SUBMITTED).exists()


def test_the_supervisor_cannot_be_the_applicant(applicant_client):
    response = applicant_client.post(
        reverse("onboarding:application"),
        _answers(supervisor_email="newcomer@police.example"),
    )
    assert "not your own" in response.content.decode()


def test_an_oversized_answer_is_refused(applicant_client):
    response = applicant_client.post(
        reverse("onboarding:application"), _answers(unit="x" * 300)
    )
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_submitting_shows_the_status_page_and_a_double_submit_is_harmless(
    applicant_client,
):
    url = reverse("onboarding:application")
    assert applicant_client.post(url, _answers()).status_code == 302
    assert applicant_client.post(url, _answers()).status_code == 302
    assert Application.objects.filter(user=applicant_client.user).count() == 1
    page = applicant_client.get(url).content.decode()
    assert "Submitted" in page


def test_the_status_page_never_shows_internal_notes(applicant_client):
    verifier = UserFactory(role=Role.VERIFIER)
    application = SubmittedApplicationFactory(user=applicant_client.user)
    services.application_claim(application=application, actor=verifier)
    services.application_note_add(
        application=application, actor=verifier, body="Secret staff remark"
    )
    services.application_request_info(
        application=application, actor=verifier, question="Which unit are you in?"
    )
    page = applicant_client.get(reverse("onboarding:application")).content.decode()
    assert "Which unit are you in?" in page
    assert "Secret staff remark" not in page
    response = applicant_client.post(
        reverse("onboarding:application-answer"), {"body": "The cyber unit"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_member_sees_they_are_vetted(member_client):
    page = member_client.get(reverse("onboarding:application")).content.decode()
    assert "Your account has been verified" in page


def test_the_queue_lists_filters_and_counts(verifier_client):
    SubmittedApplicationFactory(full_name="Dana Fr", country="FR")
    SubmittedApplicationFactory(full_name="Eli De", country="DE")
    page = verifier_client.get(reverse("onboarding:case-list")).content.decode()
    assert "Dana Fr" in page
    assert "Eli De" in page
    filtered = verifier_client.get(
        reverse("onboarding:case-list"), {"country": "DE"}
    ).content.decode()
    assert "Eli De" in filtered
    assert "Dana Fr" not in filtered


def test_the_queue_shows_an_empty_state(verifier_client):
    page = verifier_client.get(reverse("onboarding:case-list")).content.decode()
    assert "No applications match these filters." in page


@pytest.mark.parametrize("count", [3, 60])
def test_the_queue_has_a_flat_query_budget(
    verifier_client, django_assert_max_num_queries, count
):
    for application in SubmittedApplicationFactory.create_batch(count):
        services.application_note_add(
            application=application, actor=verifier_client.user, body="x"
        )
    from onboarding.screening import application_screen

    for application in Application.objects.all():
        application_screen(application=application)
    verifier_client.get(reverse("hub:home"))
    with django_assert_max_num_queries(12):
        response = verifier_client.get(reverse("onboarding:case-list"))
    assert len(response.context["page_obj"]) == min(count, 50)


def test_a_verifier_claims_asks_and_approves_on_the_case_page(verifier_client):
    application = SubmittedApplicationFactory(full_name="Robin Case")
    detail = reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    assert "Robin Case" in verifier_client.get(detail).content.decode()
    verifier_client.post(
        reverse("onboarding:case-claim", kwargs={"pk": application.pk}),
        {"version": application.version},
    )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    verifier_client.post(
        reverse("onboarding:case-note-add", kwargs={"pk": application.pk}),
        {"body": "Looks fine"},
    )
    assert Note.objects.filter(application=application).count() == 1
    response = verifier_client.post(
        reverse("onboarding:case-approve", kwargs={"pk": application.pk}),
        {"version": application.version},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.APPROVED


def test_a_stale_decision_shows_a_message_not_an_error(verifier_client):
    application = SubmittedApplicationFactory()
    stale_version = application.version
    services.application_claim(
        application=application, actor=UserFactory(role=Role.VERIFIER)
    )
    response = verifier_client.post(
        reverse("onboarding:case-approve", kwargs={"pk": application.pk}),
        {"version": stale_version},
        follow=True,
    )
    assert "changed meanwhile" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_member_opening_a_case_gets_403_without_data(member_client):
    application = SubmittedApplicationFactory(full_name="Private Person")
    response = member_client.get(
        reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    )
    assert response.status_code == 403
    assert "Private Person" not in response.content.decode()


def test_drafts_are_not_in_the_queue(verifier_client):
    draft = ApplicationFactory(full_name="Draft Person")
    response = verifier_client.get(
        reverse("onboarding:case-detail", kwargs={"pk": draft.pk})
    )
    assert response.status_code == 404


def test_a_supervisor_answers_through_the_link(client: Client):
    confirmation = ConfirmationRequestFactory()
    url = reverse(
        "onboarding:confirm",
        kwargs={"token": services.confirmation_token(confirmation=confirmation)},
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"answer": "yes"}).status_code == 200
    confirmation.refresh_from_db()
    assert confirmation.answer is True
    used = client.get(url)
    assert used.status_code == 410
    assert "already been used" in used.content.decode()


def test_a_tampered_link_gets_a_clear_400(client: Client):
    confirmation = ConfirmationRequestFactory(kind=ConfirmationRequest.Kind.REFEREE)
    token = services.confirmation_token(confirmation=confirmation)
    response = client.get(reverse("onboarding:confirm", kwargs={"token": token + "x"}))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_the_provider_form_creates_a_provider_application(applicant_client):
    response = applicant_client.post(
        reverse("onboarding:provider-application"),
        {
            "organisation_name": "Example Vision Ltd",
            "provider_type": "company",
            "website": "https://vision.example",
            "country": "GB",
            "full_name": "Pat Provider",
            "job_title": "CEO",
            "work_email": "pat@vision.example",
            "tools_offered": "Image triage",
            "consent": "on",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(user=applicant_client.user)
    assert application.kind == Application.Kind.PROVIDER
    assert application.status == Status.SUBMITTED
