import re

import pytest
from django.test.utils import override_settings
from django.urls import reverse

from accounts.roles import Role
from community.models import ContactStatus
from community.services import directory
from tests.accounts.factories import UserFactory
from tests.community.factories import ProfileFactory

pytestmark = pytest.mark.django_db
URL = reverse("community:member-directory")


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def _listed(name: str, **kwargs):
    user = UserFactory(role=Role.MEMBER, full_name=name, show_name=True)
    return ProfileFactory(user=user, listed=True, **kwargs)


@pytest.mark.parametrize("query", ["", "%", "*", "a", "_ _", "%%%a"])
def test_directory_refuses_enumerating_queries(member_client, query):
    _listed("Anna Example")
    response = member_client.get(URL, {"q": query})
    body = response.content.decode()
    assert "Anna Example" not in body


def test_directory_rejects_very_long_query(member_client):
    response = member_client.get(URL, {"q": "x" * 500})
    assert "at most" in response.content.decode()


def test_directory_finds_only_listed_and_shown_fields(member_client):
    _listed("Anna Example", agency="Harbour Police", show_agency=False)
    hidden_user = UserFactory(role=Role.MEMBER, full_name="Anna Hidden", show_name=True)
    ProfileFactory(user=hidden_user, listed=False)
    body = member_client.get(URL, {"q": "Anna"}).content.decode()
    assert "Anna Example" in body
    assert "Anna Hidden" not in body
    # A hidden field is not searchable either.
    assert (
        "Anna Example" not in member_client.get(URL, {"q": "Harbour"}).content.decode()
    )


@override_settings(HUB_COMMUNITY_DIRECTORY_RATE=(2, 600))
def test_directory_search_is_rate_limited(member_client):
    for _ in range(2):
        assert member_client.get(URL, {"q": "anna"}).status_code == 200
    assert member_client.get(URL, {"q": "anna"}).status_code == 429


def test_contact_request_to_unlisted_looks_like_nonexistent(member_client):
    unlisted = ProfileFactory(listed=False)
    url = reverse("community:contact-request", kwargs={"public_id": unlisted.public_id})
    missing = reverse("community:contact-request", kwargs={"public_id": "no-such-id"})
    a = member_client.post(url, {"message": "hi"})
    b = member_client.post(missing, {"message": "hi"})
    assert a.status_code == b.status_code == 404

    # Same page, apart from per-response tokens (CSP nonce, CSRF) and the path.
    def normalise(response):
        text = re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())
        return text.replace(url, "").replace(missing, "")

    assert normalise(a) == normalise(b)


def test_accepted_request_reveals_details_to_both(client, member):
    other = _listed("Omar Other", contact_details="Signal: +00 000")
    ProfileFactory(user=member, contact_details="Phone: 111")
    request = directory.contact_request_send(
        sender=member, recipient=other.user, message="hi"
    )
    client.force_login(member)
    assert (
        "Signal: +00 000"
        not in client.get(reverse("community:contact-list")).content.decode()
    )
    directory.contact_request_answer(user=other.user, request=request, accept=True)
    assert (
        "Signal: +00 000"
        in client.get(reverse("community:contact-list")).content.decode()
    )
    client.force_login(other.user)
    assert (
        "Phone: 111" in client.get(reverse("community:contact-list")).content.decode()
    )
    request.refresh_from_db()
    assert request.status == ContactStatus.ACCEPTED


def test_blocking_hides_each_other(client, member):
    other = _listed("Bea Blocker")
    directory.member_block(blocker=other.user, blocked=member)
    client.force_login(member)
    assert "Bea Blocker" not in client.get(URL, {"q": "Bea"}).content.decode()
    assert (
        client.get(
            reverse("community:member-detail", kwargs={"public_id": other.public_id})
        ).status_code
        == 404
    )
