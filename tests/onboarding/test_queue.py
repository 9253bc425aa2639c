"""The verification queue opens on what needs action, sorts, and acts in bulk."""

import re

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, SavedFilter
from accounts.roles import Role
from onboarding import services
from onboarding.audit import ApplicationAction
from onboarding.models import Application, Message
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import SubmittedApplicationFactory

pytestmark = pytest.mark.django_db
Status = Application.Status
QUEUE = reverse("onboarding:case-list")
BULK = reverse("onboarding:case-bulk")


@pytest.fixture
def verifier(client: Client):
    user = UserFactory(role=Role.VERIFIER)
    client.force_login(user)
    client.user = user
    return client


def _answered(verifier_user) -> Application:
    application = SubmittedApplicationFactory(full_name="Ann Answered")
    services.application_claim(application=application, actor=verifier_user)
    services.application_request_info(
        application=application, actor=verifier_user, question="Which unit?"
    )
    services.application_answer(
        application=application, actor=application.user, body="Cyber unit"
    )
    # Someone else holds it now: still an answer waiting to be read.
    Application.objects.filter(pk=application.pk).update(assignee=None)
    return application


def _names(response) -> list[str]:
    return [case.full_name for case, _age, _overdue in response.context["rows"]]


def test_the_queue_opens_on_what_needs_action_with_counts(verifier):
    SubmittedApplicationFactory(full_name="Sam Submitted")
    mine = SubmittedApplicationFactory(full_name="Mia Mine")
    services.application_claim(application=mine, actor=verifier.user)
    theirs = SubmittedApplicationFactory(full_name="Theo Theirs")
    services.application_claim(
        application=theirs, actor=UserFactory(role=Role.VERIFIER)
    )
    _answered(UserFactory(role=Role.VERIFIER))
    SubmittedApplicationFactory(full_name="Andy Approved", status=Status.APPROVED)
    response = verifier.get(QUEUE)
    assert sorted(_names(response)) == ["Ann Answered", "Mia Mine", "Sam Submitted"]
    counts = {key: count for key, _label, count, _current in response.context["tabs"]}
    assert counts["actionable"] == 3
    assert counts["submitted"] == 1
    assert counts["mine"] == 1
    assert counts["answered"] == 1
    assert counts["all"] == 5
    page = response.content.decode()
    assert 'aria-current="page"' in page
    # "All" is one click away and lists decided cases too.
    everything = verifier.get(QUEUE, {"queue": "all"})
    assert "Andy Approved" in _names(everything)
    # A status link from the counts is not narrowed to the actionable cases.
    approved = verifier.get(QUEUE, {"status": Status.APPROVED})
    assert _names(approved) == ["Andy Approved"]


@pytest.mark.parametrize(
    ("tab", "status", "shown_tab"),
    [
        ("actionable", Status.APPROVED, "all"),
        ("open", Status.REJECTED, "all"),
        ("submitted", Status.IN_REVIEW, "all"),
        ("actionable", Status.SUBMITTED, "actionable"),
        ("open", Status.NEEDS_INFO, "open"),
        ("submitted", Status.SUBMITTED, "submitted"),
    ],
)
def test_a_status_the_tab_never_lists_switches_to_all(verifier, tab, status, shown_tab):
    """The filter form always sends its tab (queue=actionable on the default
    one): a status that tab can never list shows it under "All", not nothing."""
    SubmittedApplicationFactory(full_name="Casey Case", status=status)
    response = verifier.get(QUEUE, {"queue": tab, "status": status})
    assert _names(response) == ["Casey Case"]
    current = [
        key
        for key, _label, _count, is_current in response.context["tabs"]
        if is_current
    ]
    assert current == [shown_tab]
    # The form's hidden tab follows, so the next filtering stays on it.
    assert f'name="queue" value="{shown_tab}"' in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Ada", "Bob", "Cy"]),
        ("-name", ["Cy", "Bob", "Ada"]),
        ("country", ["Bob", "Cy", "Ada"]),
    ],
)
def test_the_queue_sorts_by_whitelisted_columns(verifier, sort, expected):
    SubmittedApplicationFactory(full_name="Cy", country="FR")
    SubmittedApplicationFactory(full_name="Ada", country="KE")
    SubmittedApplicationFactory(full_name="Bob", country="DE")
    assert _names(verifier.get(QUEUE, {"sort": sort})) == expected


def test_an_unknown_sort_key_is_ignored(verifier):
    SubmittedApplicationFactory(full_name="Ada")
    response = verifier.get(QUEUE, {"sort": "user__password"})
    assert response.status_code == 200
    assert _names(response) == ["Ada"]


def test_the_column_headers_link_to_their_sort(verifier):
    SubmittedApplicationFactory()
    page = verifier.get(QUEUE, {"sort": "name"}).content.decode()
    assert "sort=-name" in page
    assert 'aria-sort="ascending"' in page


def test_bulk_claim_claims_each_case_and_audits_each(verifier):
    cases = SubmittedApplicationFactory.create_batch(3)
    response = verifier.post(BULK, {"action": "claim", "cases": [c.pk for c in cases]})
    assert response.status_code == 302
    for case in cases:
        case.refresh_from_db()
        assert case.assignee == verifier.user
        assert case.status == Status.IN_REVIEW
    audited = AuditEvent.objects.filter(action=ApplicationAction.CLAIMED)
    assert sorted(int(e.target_id) for e in audited) == sorted(c.pk for c in cases)


def test_bulk_claim_leaves_cases_another_verifier_holds(verifier):
    other = UserFactory(role=Role.VERIFIER)
    theirs = SubmittedApplicationFactory()
    services.application_claim(application=theirs, actor=other)
    free = SubmittedApplicationFactory()
    response = verifier.post(
        BULK, {"action": "claim", "cases": [theirs.pk, free.pk]}, follow=True
    )
    theirs.refresh_from_db()
    free.refresh_from_db()
    assert theirs.assignee == other
    assert free.assignee == verifier.user
    assert "1 case was left as it was" in response.content.decode()


def test_bulk_assign_gives_cases_to_a_verifier_and_audits(verifier):
    colleague = UserFactory(role=Role.VERIFIER)
    cases = SubmittedApplicationFactory.create_batch(2)
    verifier.post(
        BULK,
        {"action": "assign", "assignee": colleague.pk, "cases": [c.pk for c in cases]},
    )
    for case in cases:
        case.refresh_from_db()
        assert case.assignee == colleague
    events = AuditEvent.objects.filter(action=ApplicationAction.ASSIGNED)
    assert events.count() == 2
    assert all(e.after["assignee"] == colleague.pk for e in events)


def test_bulk_assign_refuses_someone_who_cannot_verify(verifier):
    member = UserFactory(role=Role.MEMBER)
    case = SubmittedApplicationFactory()
    response = verifier.post(
        BULK, {"action": "assign", "assignee": member.pk, "cases": [case.pk]}
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.assignee is None


def test_bulk_refuses_decided_or_unknown_ids(verifier):
    decided = SubmittedApplicationFactory(status=Status.APPROVED)
    response = verifier.post(BULK, {"action": "claim", "cases": [decided.pk, 99999]})
    assert response.status_code == 400
    decided.refresh_from_db()
    assert decided.assignee is None


def test_bulk_never_lets_a_verifier_claim_their_own_application(verifier):
    own = SubmittedApplicationFactory(user=verifier.user)
    verifier.post(BULK, {"action": "claim", "cases": [own.pk]})
    own.refresh_from_db()
    assert own.assignee is None


def test_bulk_is_for_verifiers_only(client):
    client.force_login(UserFactory(role=Role.MEMBER))
    case = SubmittedApplicationFactory()
    response = client.post(BULK, {"action": "claim", "cases": [case.pk]})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "url", "params"),
    [
        (Role.VERIFIER, QUEUE, {"queue": "actionable", "status": "submitted"}),
        (Role.MODERATOR, reverse("community:moderation-queue"), {"queue": "hidden"}),
        (
            Role.CATALOGUE_EDITOR,
            reverse("tools_catalog:review-queue"),
            {"queue": "new"},
        ),
    ],
)
def test_filtering_with_htmx_updates_the_saved_filter_form(client, role, url, params):
    """htmx swaps only the results: the form that saves the filters must come
    with them (out of band), or it would save the filters of the first page."""
    client.force_login(UserFactory(role=role))
    response = client.get(url, params, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    form = re.search(r'<form[^>]*id="saved-filter-save".*?</form>', page, re.S)
    assert form, "the saved-filter form is not in the htmx response"
    query = re.search(r'name="query" value="([^"]*)"', form.group(0))
    assert query
    assert sorted(query.group(1).split("&amp;")) == sorted(
        f"{key}={value}" for key, value in params.items()
    )
    if "data-hx-swap-oob" not in form.group(0):
        # A whole page: the form is the page's own, not a second copy.
        assert page.count('id="saved-filter-save"') == 1


def test_the_saved_filter_forms_carry_a_csrf_token():
    """The include is rendered with "only": the token is passed on explicitly."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role=Role.VERIFIER))
    page = client.get(QUEUE, {"status": "submitted"}).content.decode()
    form = re.search(r'<form[^>]*id="saved-filter-save".*?</form>', page, re.S)
    assert form
    assert re.search(r'name="csrfmiddlewaretoken" value="\w+"', form.group(0))


def test_a_verifier_saves_and_deletes_their_own_filters(verifier):
    create = reverse("accounts:saved-filter-create")
    response = verifier.post(
        create,
        {
            "view": "onboarding:case-list",
            "name": "German police",
            "query": "country=DE",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"{QUEUE}?country=DE")
    saved = SavedFilter.objects.get(user=verifier.user)
    page = verifier.get(QUEUE).content.decode()
    assert "German police" in page
    assert "?country=DE" in page
    other = Client()
    other.force_login(UserFactory(role=Role.VERIFIER))
    assert "German police" not in other.get(QUEUE).content.decode()
    delete = reverse("accounts:saved-filter-delete", kwargs={"pk": saved.pk})
    assert other.post(delete).status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    assert verifier.post(delete).status_code == 302
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()


def test_a_saved_filter_is_only_for_a_queue_the_user_may_open(client):
    client.force_login(UserFactory(role=Role.MEMBER))
    response = client.post(
        reverse("accounts:saved-filter-create"),
        {"view": "onboarding:case-list", "name": "x", "query": "country=DE"},
    )
    assert response.status_code in (400, 403)
    assert not SavedFilter.objects.exists()


def test_the_queue_lists_its_keyboard_shortcuts_and_loads_them_from_a_file(verifier):
    SubmittedApplicationFactory()
    page = verifier.get(QUEUE).content.decode()
    assert "Keyboard shortcuts" in page
    assert "queue-shortcuts.js" in page
    assert "<script>" not in page


def test_the_answered_tab_lists_answers_waiting(verifier):
    answered = _answered(UserFactory(role=Role.VERIFIER))
    assert Message.objects.filter(application=answered).exists()
    assert _names(verifier.get(QUEUE, {"queue": "answered"})) == ["Ann Answered"]


def test_the_case_page_shows_answers_signals_and_history_side_by_side(verifier):
    case = SubmittedApplicationFactory()
    page = verifier.get(
        reverse("onboarding:case-detail", kwargs={"pk": case.pk})
    ).content.decode()
    panels = page.split('<div class="case-panels">', 1)[1].split('<div class="case">')[
        0
    ]
    for title in ("answers-title", "signals-title", "timeline-title"):
        assert f'aria-labelledby="{title}"' in panels


def test_filters_too_long_once_encoded_are_refused_with_a_message(verifier):
    """990 accented letters fit the form's 1,000 characters but not the column
    once URL-encoded (6 characters each): refused, the queue shown again with
    its filters and a message naming what was not saved."""
    query = "q=" + "é" * 990
    response = verifier.post(
        reverse("accounts:saved-filter-create"),
        {"view": "onboarding:case-list", "name": "Accented search", "query": query},
        follow=True,
    )
    assert response.status_code == 200
    assert not SavedFilter.objects.exists()
    page = response.content.decode()
    assert "Accented search" in page
    assert "too long" in page
    path, _sep, kept = response.redirect_chain[-1][0].partition("?")
    assert path.endswith(QUEUE)
    assert QueryDict(kept)["q"] == "é" * 990


def test_the_saved_filter_service_never_stores_more_than_the_column_holds(verifier):
    from accounts.services.saved_filters import SavedFilterError, saved_filter_create

    with pytest.raises(SavedFilterError):
        saved_filter_create(
            user=verifier.user,
            view="onboarding:case-list",
            name="x",
            query="q=" + "é" * 990,
        )
    assert not SavedFilter.objects.exists()


def test_bulk_claim_of_a_case_you_already_hold_changes_and_audits_nothing(verifier):
    held = SubmittedApplicationFactory()
    services.application_claim(application=held, actor=verifier.user)
    rows = AuditEvent.objects.count()
    response = verifier.post(BULK, {"action": "claim", "cases": [held.pk]}, follow=True)
    page = response.content.decode()
    assert "1 case was updated" not in page
    assert "0 cases were updated" in page
    assert AuditEvent.objects.count() == rows


def test_bulk_assign_to_the_verifier_who_holds_it_changes_and_audits_nothing(verifier):
    colleague = UserFactory(role=Role.VERIFIER)
    held = SubmittedApplicationFactory()
    services.application_assign(
        application=held, actor=verifier.user, assignee=colleague
    )
    held.refresh_from_db()
    version = held.version
    rows = AuditEvent.objects.count()
    response = verifier.post(
        BULK,
        {"action": "assign", "assignee": colleague.pk, "cases": [held.pk]},
        follow=True,
    )
    assert "0 cases were updated" in response.content.decode()
    assert AuditEvent.objects.count() == rows
    held.refresh_from_db()
    assert held.version == version


def test_an_unknown_sort_marks_the_default_column_current(verifier):
    SubmittedApplicationFactory()
    default = verifier.get(QUEUE).content.decode()
    page = verifier.get(QUEUE, {"sort": "bogus"}).content.decode()
    assert 'aria-sort="ascending"' in default
    assert page.count('aria-sort="ascending"') == default.count('aria-sort="ascending"')
