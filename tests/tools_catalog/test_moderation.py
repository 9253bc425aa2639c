"""Review moderation and how reviewers are described on the tool page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from onboarding.models import Application
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import ApplicationFactory
from tests.tools_catalog.factories import (
    ProviderFactory,
    ToolFactory,
    review_published,
)
from tools_catalog import services
from tools_catalog.models import Review

pytestmark = pytest.mark.django_db


def _review(tool, rating, text="Useful", **kwargs):
    return review_published(tool=tool, rating=rating, text=text, **kwargs)


def test_review_hide_leaves_the_page_and_the_average_and_is_audited():
    tool = ToolFactory()
    moderator = UserFactory(role=Role.MODERATOR)
    _review(tool, 5)
    bad = _review(tool, 1, text="Spam")
    tool.refresh_from_db()
    assert tool.rating_average == 3
    services.review_hide(actor=moderator, review=bad)
    tool.refresh_from_db()
    assert (tool.rating_average, tool.rating_count) == (5, 1)
    event = AuditEvent.objects.get(action="tool_review_hidden")
    assert event.before == {"hidden": False}
    assert event.after == {"hidden": True}
    services.review_restore(actor=moderator, review=bad)
    tool.refresh_from_db()
    assert tool.rating_count == 2
    assert AuditEvent.objects.filter(action="tool_review_restored").count() == 1


def test_review_hide_twice_is_a_clear_error():
    review = _review(ToolFactory(), 4)
    moderator = UserFactory(role=Role.MODERATOR)
    services.review_hide(actor=moderator, review=review)
    with pytest.raises(services.ModerationError):
        services.review_hide(actor=moderator, review=review)


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CATALOGUE_EDITOR])
def test_review_moderate_view_hides_for_moderators_and_editors(client, role):
    tool = ToolFactory()
    review = _review(tool, 2, text="Off-topic rant")
    client.force_login(UserFactory(role=role))
    page = client.get(tool.get_absolute_url())
    assert "Hide this review" in page.content.decode()
    response = client.post(
        reverse("tools_catalog:review-moderate", kwargs={"pk": review.pk}),
        {"action": "hide"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.hidden
    # The moderator still sees it, marked, with a button to restore it.
    page = client.get(tool.get_absolute_url()).content.decode()
    assert "Off-topic rant" in page
    assert "Show this review again" in page


def test_members_see_no_moderation_button_and_cannot_hide(member_client):
    tool = ToolFactory()
    review = _review(tool, 2, text="Honest view")
    page = member_client.get(tool.get_absolute_url()).content.decode()
    assert "Hide this review" not in page
    response = member_client.post(
        reverse("tools_catalog:review-moderate", kwargs={"pk": review.pk}),
        {"action": "hide"},
    )
    assert response.status_code == 403
    review.refresh_from_db()
    assert not review.hidden


def test_hidden_reviews_disappear_from_the_tool_page_for_members(member_client):
    tool = ToolFactory()
    review = _review(tool, 1, text="Hidden words")
    services.review_hide(actor=UserFactory(role=Role.MODERATOR), review=review)
    page = member_client.get(tool.get_absolute_url()).content.decode()
    assert "Hidden words" not in page


def test_reviews_show_agency_type_and_country_and_the_name_only_if_chosen(
    member_client,
):
    tool = ToolFactory()
    named = UserFactory(role=Role.MEMBER, full_name="Ines Named", show_name=True)
    ApplicationFactory(
        user=named,
        status=Application.Status.APPROVED,
        agency_type=Application.AgencyType.PROSECUTION,
        country="PT",
    )
    shy = UserFactory(role=Role.MEMBER, full_name="Sam Shy")
    ApplicationFactory(user=shy, status=Application.Status.APPROVED, country="FR")
    _review(tool, 5, author=named, show_name=True)
    _review(tool, 4, author=shy, show_name=False)
    page = member_client.get(tool.get_absolute_url()).content.decode()
    assert "Ines Named" in page
    assert "Prosecution, Portugal" in page
    assert "Sam Shy" not in page
    assert "Police, France" in page


def test_reviewer_details_take_one_query_for_the_whole_page(member_client):
    tool = ToolFactory()
    for _ in range(3):
        author = UserFactory(role=Role.MEMBER)
        ApplicationFactory(user=author, status=Application.Status.APPROVED)
        _review(tool, 4, author=author)
    with CaptureQueriesContext(connection) as few:
        member_client.get(tool.get_absolute_url())
    for _ in range(6):
        author = UserFactory(role=Role.MEMBER)
        ApplicationFactory(user=author, status=Application.Status.APPROVED)
        _review(tool, 3, author=author)
    with CaptureQueriesContext(connection) as many:
        member_client.get(tool.get_absolute_url())
    assert len(many) == len(few) <= 15
    application_queries = [
        q for q in many.captured_queries if "onboarding_application" in q["sql"]
    ]
    assert len(application_queries) == 1


def test_providers_never_see_the_reviewers_agency_or_name(client: Client):
    rep = UserFactory(role=Role.PROVIDER)
    tool = ToolFactory(provider=ProviderFactory(representatives=[rep]))
    author = UserFactory(role=Role.MEMBER, full_name="Visible Elsewhere")
    ApplicationFactory(
        user=author,
        status=Application.Status.APPROVED,
        agency_type=Application.AgencyType.CUSTOMS_BORDER,
    )
    _review(tool, 5, author=author, text="Great tool", show_name=True)
    client.force_login(rep)
    page = client.get(reverse("tools_catalog:provider-portal")).content.decode()
    assert "Great tool" in page
    assert "Visible Elsewhere" not in page
    assert "Customs or border agency" not in page


def test_hidden_review_is_not_shown_to_providers(client: Client):
    rep = UserFactory(role=Role.PROVIDER)
    tool = ToolFactory(provider=ProviderFactory(representatives=[rep]))
    review = _review(tool, 1, text="Abusive text")
    services.review_hide(actor=UserFactory(role=Role.MODERATOR), review=review)
    client.force_login(rep)
    page = client.get(reverse("tools_catalog:provider-portal")).content.decode()
    assert "Abusive text" not in page
    assert Review.objects.get(pk=review.pk).hidden
