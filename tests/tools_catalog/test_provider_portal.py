"""Archiving and withdrawing listings; choosing the organisation of a new one."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import ProviderFactory, ToolFactory
from tools_catalog import services
from tools_catalog.models import ListingRevision, Tool

pytestmark = pytest.mark.django_db


def _rep_and_tool(**tool_kwargs):
    rep = UserFactory(role=Role.PROVIDER)
    tool = ToolFactory(provider=ProviderFactory(representatives=[rep]), **tool_kwargs)
    return rep, tool


def test_tool_archive_hides_the_listing_and_withdraws_open_revisions():
    rep, tool = _rep_and_tool()
    revision = ListingRevision.objects.create(
        tool=tool, proposed={"name": "New"}, created_by=rep
    )
    services.tool_archive(actor=rep, tool=tool)
    tool.refresh_from_db()
    revision.refresh_from_db()
    assert tool.status == Tool.Status.ARCHIVED
    assert revision.status == ListingRevision.Status.WITHDRAWN
    assert not Tool.objects.published().filter(pk=tool.pk).exists()
    event = AuditEvent.objects.get(action="tool_listing_archived")
    assert event.before == {"status": "published"}
    with pytest.raises(services.ListingError):
        services.tool_archive(actor=rep, tool=tool)


def test_tool_withdraw_turns_a_submitted_listing_back_into_a_draft():
    rep, tool = _rep_and_tool(status=Tool.Status.SUBMITTED)
    services.tool_withdraw(actor=rep, tool=tool)
    assert tool.status == Tool.Status.DRAFT
    assert AuditEvent.objects.filter(action="tool_listing_withdrawn").exists()
    with pytest.raises(services.ListingError):
        services.tool_withdraw(actor=rep, tool=tool)


def test_provider_archives_their_listing_through_the_page(client: Client):
    rep, tool = _rep_and_tool()
    client.force_login(rep)
    edit = reverse("tools_catalog:provider-tool-edit", kwargs={"pk": tool.pk})
    assert "Archive listing" in client.get(edit).content.decode()
    response = client.post(
        reverse("tools_catalog:provider-tool-archive", kwargs={"pk": tool.pk})
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.status == Tool.Status.ARCHIVED
    # Archiving again is a message, not an error page.
    response = client.post(
        reverse("tools_catalog:provider-tool-archive", kwargs={"pk": tool.pk}),
        follow=True,
    )
    assert "already archived" in response.content.decode()


def test_provider_cannot_archive_or_withdraw_another_providers_listing(
    client: Client,
):
    rep = UserFactory(role=Role.PROVIDER)
    ProviderFactory(representatives=[rep])
    other = ToolFactory(status=Tool.Status.SUBMITTED)
    client.force_login(rep)
    for name in ("provider-tool-archive", "provider-tool-withdraw"):
        response = client.post(
            reverse(f"tools_catalog:{name}", kwargs={"pk": other.pk})
        )
        assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Tool.Status.SUBMITTED


def _listing_post(**extra):
    return {
        "name": "Brand New Tool",
        "data_leaves_premises": "not_disclosed",
        "cost_model": "not_disclosed",
        "maturity": "not_disclosed",
        **extra,
    }


def test_a_representative_of_several_organisations_chooses_one(client: Client):
    rep = UserFactory(role=Role.PROVIDER)
    first = ProviderFactory(name="Alpha Labs", representatives=[rep])
    second = ProviderFactory(name="Beta Systems", representatives=[rep])
    stranger = ProviderFactory(name="Gamma Corp")
    client.force_login(rep)
    url = reverse("tools_catalog:provider-tool-create")
    page = client.get(url).content.decode()
    assert "Organisation" in page
    assert "Beta Systems" in page
    assert "Gamma Corp" not in page
    # A tampered choice (an organisation they do not represent) is refused.
    response = client.post(url, _listing_post(provider=stranger.pk))
    assert response.status_code == 200
    assert not Tool.objects.filter(name="Brand New Tool").exists()
    response = client.post(url, _listing_post(provider=second.pk))
    assert response.status_code == 302
    assert Tool.objects.get(name="Brand New Tool").provider == second
    assert first.tools.count() == 0


def test_a_representative_of_one_organisation_is_not_asked(client: Client):
    rep = UserFactory(role=Role.PROVIDER)
    only = ProviderFactory(representatives=[rep])
    client.force_login(rep)
    url = reverse("tools_catalog:provider-tool-create")
    assert 'name="provider"' not in client.get(url).content.decode()
    client.post(url, _listing_post())
    assert Tool.objects.get(name="Brand New Tool").provider == only
