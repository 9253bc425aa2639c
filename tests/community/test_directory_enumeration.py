"""The directory cannot be listed: attacks that paged, filtered or counted their
way through every listed officer, and the rules that stop them."""

import pytest
from django.core.cache import cache
from django.test.utils import override_settings
from django.urls import reverse

from accounts.roles import Role
from accounts.services import role_grant, role_revoke
from community.errors import NotAllowedError
from community.services import directory
from tests.accounts.factories import UserFactory
from tests.community.factories import ProfileFactory

pytestmark = pytest.mark.django_db
URL = reverse("community:member-directory")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _listed(name: str, **kwargs):
    user = UserFactory(role=Role.MEMBER, full_name=name, show_name=True)
    return ProfileFactory(user=user, listed=True, show_country=True, **kwargs)


def _profile_url(name: str, profile) -> str:
    return reverse(f"community:{name}", kwargs={"public_id": profile.public_id})


@override_settings(HUB_COMMUNITY_DIRECTORY_RATE=(3, 600))
def test_directory_pages_count_against_the_limit(member_client):
    """``&page=1`` used to skip the counter: every request counts now."""
    _listed("Anna Example")
    statuses = [
        member_client.get(URL, {"q": "anna", "page": 1}).status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


@override_settings(HUB_COMMUNITY_DIRECTORY_RATE=(2, 600))
def test_profile_views_count_against_the_directory_limit(member_client):
    profile = _listed("Anna Example")
    url = _profile_url("member-detail", profile)
    assert member_client.get(url).status_code == 200
    assert member_client.get(url).status_code == 200
    limited = member_client.get(url)
    assert limited.status_code == 429
    assert limited["Retry-After"] == "600"
    body = limited.content.decode()
    assert "Anna Example" not in body
    assert "Wait a few minutes" in body
    # The contact form shows the same card: it counts too.
    assert member_client.get(_profile_url("contact-request", profile)).status_code == (
        429
    )


@override_settings(HUB_COMMUNITY_DIRECTORY_DAILY_RATE=(3, 86400))
def test_directory_has_a_daily_limit_too(member_client):
    _listed("Anna Example")
    statuses = [member_client.get(URL, {"q": "anna"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_limit_is_per_member(client):
    profile = _listed("Anna Example")
    first, second = UserFactory(role=Role.MEMBER), UserFactory(role=Role.MEMBER)
    with override_settings(HUB_COMMUNITY_DIRECTORY_RATE=(1, 600)):
        client.force_login(first)
        assert client.get(_profile_url("member-detail", profile)).status_code == 200
        assert client.get(_profile_url("member-detail", profile)).status_code == 429
        client.force_login(second)
        assert client.get(_profile_url("member-detail", profile)).status_code == 200


def test_a_country_alone_is_not_a_search(member_client):
    """A country filter used to page through every listed officer of a country."""
    _listed("Anna Example", country="FR")
    response = member_client.get(URL, {"country": "FR"})
    body = response.content.decode()
    assert "Anna Example" not in body
    assert response.context["form"].errors
    assert "Type a name or a term, or choose an area of expertise" in body
    # Nothing typed is lost: the choice is still selected.
    assert '<option value="FR" selected>' in body


def test_a_country_with_a_name_finds_the_member(member_client):
    _listed("Anna Example", country="FR")
    body = member_client.get(URL, {"q": "anna", "country": "FR"}).content.decode()
    assert "Anna Example" in body


def test_profiles_are_not_reachable_by_sequential_id(member_client):
    profile = _listed("Anna Example")
    assert member_client.get(f"/community/members/{profile.pk}/").status_code == 404
    assert (
        member_client.get(f"/community/members/{profile.pk}/contact/").status_code
        == 404
    )
    assert member_client.get(_profile_url("member-detail", profile)).status_code == 200


def test_public_ids_are_opaque_and_distinct():
    profiles = [_listed(f"Officer {n}") for n in range(5)]
    ids = {profile.public_id for profile in profiles}
    assert len(ids) == 5
    for profile in profiles:
        assert len(profile.public_id) >= 16
        assert str(profile.pk) != profile.public_id


def test_directory_results_link_by_public_id(member_client):
    profile = _listed("Anna Example")
    body = member_client.get(URL, {"q": "anna"}).content.decode()
    assert _profile_url("member-detail", profile) in body
    assert f"/community/members/{profile.pk}/" not in body


@pytest.mark.parametrize("how", ["paused", "provider"])
def test_members_without_the_member_capability_are_never_listed(member_client, how):
    profile = _listed("Anna Example")
    if how == "paused":  # what onboarding's member_access_pause does
        role_revoke(actor=None, user=profile.user, role=Role.MEMBER)
    else:
        role_revoke(actor=None, user=profile.user, role=Role.MEMBER)
        role_grant(actor=None, user=profile.user, role=Role.PROVIDER)
    assert "Anna Example" not in member_client.get(URL, {"q": "anna"}).content.decode()
    assert member_client.get(_profile_url("member-detail", profile)).status_code == 404
    response = member_client.post(
        _profile_url("contact-request", profile), {"message": "hi"}
    )
    assert response.status_code == 404


def test_a_member_who_lost_the_capability_cannot_receive_contact_requests(member):
    recipient = _listed("Anna Example").user
    role_revoke(actor=None, user=recipient, role=Role.MEMBER)
    with pytest.raises(NotAllowedError):
        directory.contact_request_send(sender=member, recipient=recipient, message="x")


SHORT_TERMS_ERROR = "Type at least one word of three letters or more"


@pytest.mark.parametrize("query", ["e e", "a a", "o o", "i i", "e  e", "ab", "ab cd"])
def test_one_and_two_letter_words_are_not_a_search(member_client, query):
    """F11: the minimum length was checked on the whole query, so ``q=e+e``
    matched every listed officer (and ``&page=`` walked the directory)."""
    for name in ("Anna Example", "Bea Other", "Olof Person"):
        _listed(name)
    response = member_client.get(URL, {"q": query, "page": 1})
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    for name in ("Anna Example", "Bea Other", "Olof Person"):
        assert name not in body
    assert SHORT_TERMS_ERROR in body
    # What was typed is kept in the field.
    assert response.context["form"]["q"].value() == query


def test_one_letter_words_with_a_country_are_not_a_search(member_client):
    _listed("Anna Example", country="FR")
    response = member_client.get(URL, {"q": "e e", "country": "FR"})
    body = response.content.decode()
    assert "Anna Example" not in body
    assert response.context["page_obj"] is None
    assert SHORT_TERMS_ERROR in body
    assert '<option value="FR" selected>' in body


def test_a_three_letter_term_finds_the_member(member_client):
    _listed("Maria Member")
    body = member_client.get(URL, {"q": "Mar"}).content.decode()
    assert "Maria Member" in body


def test_short_words_beside_a_real_term_narrow_nothing(member_client):
    """``Mar e`` searches for ``Mar`` only: the ``e`` is ignored, not ANDed."""
    _listed("Maria Member")
    _listed("Marc Other")
    body = member_client.get(URL, {"q": "Mar e"}).content.decode()
    assert "Maria Member" in body
    assert "Marc Other" in body


def test_a_term_matches_the_start_of_a_word_not_its_middle(member_client):
    """Three common letters inside every name ("ari", "son") must not list
    everyone: a term matches where a word starts."""
    _listed("Maria Member")
    _listed("Jean-Marc Dubois")
    body = member_client.get(URL, {"q": "ari"}).content.decode()
    assert "Maria Member" not in body
    body = member_client.get(URL, {"q": "mar"}).content.decode()
    assert "Maria Member" in body
    assert "Jean-Marc Dubois" in body
    assert "Jean-Marc Dubois" in member_client.get(URL, {"q": "dub"}).content.decode()


def test_refused_searches_are_not_counted(member_client):
    """A refused query shows nothing, so it does not use up the member's limit."""
    _listed("Anna Example")
    with override_settings(HUB_COMMUNITY_DIRECTORY_RATE=(1, 600)):
        assert member_client.get(URL, {"q": "e e"}).status_code == 200
        assert member_client.get(URL, {"q": "anna"}).status_code == 200


@override_settings(HUB_COMMUNITY_DIRECTORY_RATE=(2, 600))
def test_an_invalid_contact_post_over_the_limit_shows_no_card(member_client):
    """F6: POSTing an empty message re-rendered the form with the full card,
    uncounted, while the other directory pages already answered 429."""
    profile = _listed("Anna Example", agency="Zebra Agency", show_agency=True)
    url = _profile_url("member-detail", profile)
    assert member_client.get(url).status_code == 200
    assert member_client.get(url).status_code == 200
    assert member_client.get(url).status_code == 429
    response = member_client.post(
        _profile_url("contact-request", profile), {"message": ""}
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    body = response.content.decode()
    assert "Anna Example" not in body
    assert "Zebra Agency" not in body


@override_settings(HUB_COMMUNITY_DIRECTORY_RATE=(2, 600))
def test_contact_posts_count_against_the_directory_limit(member_client):
    profile = _listed("Anna Example")
    contact = _profile_url("contact-request", profile)
    statuses = [
        member_client.post(contact, {"message": ""}).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert member_client.get(_profile_url("member-detail", profile)).status_code == 429
