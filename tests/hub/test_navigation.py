"""The header's links are cached per language, set of areas and page: each
visitor must still see their own."""

import re

import pytest
from django.test import Client

from accounts.roles import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def main_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"', nav.group(0)) if nav else []


def staff_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="staff-nav".*?</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"', nav.group(0)) if nav else []


def signed_in(role: Role | None) -> Client:
    client = Client()
    client.force_login(UserFactory(role=role) if role else UserFactory())
    return client


def test_each_role_sees_its_own_links_on_the_same_cached_page():
    member = main_links(signed_in(Role.MEMBER).get("/privacy/").content.decode())
    verifier = main_links(signed_in(Role.VERIFIER).get("/privacy/").content.decode())
    applicant = main_links(signed_in(None).get("/privacy/").content.decode())
    anonymous = main_links(Client().get("/privacy/").content.decode())
    assert member == ["/tools/", "/learn/", "/community/"]
    assert verifier == ["/tools/", "/learn/", "/community/"]
    assert applicant == ["/apply/"]
    assert anonymous == []


def test_staff_links_have_their_own_navigation():
    member = signed_in(Role.MEMBER).get("/privacy/").content.decode()
    verifier = signed_in(Role.VERIFIER).get("/privacy/").content.decode()
    admin = signed_in(Role.ADMIN).get("/privacy/").content.decode()
    assert staff_links(member) == []
    assert 'class="staff-nav"' not in member
    assert staff_links(verifier) == [
        "/staff/verification/",
        "/staff/dashboard/",
        "/staff/design/",
        "/admin/",
    ]
    assert staff_links(admin) == [
        "/staff/dashboard/",
        "/staff/audit/",
        "/staff/design/",
        "/admin/",
    ]
    assert main_links(admin) == ["/tools/", "/learn/", "/community/"]


def test_the_current_page_is_marked_on_its_own_path_only():
    client = signed_in(Role.MEMBER)
    on_tools = client.get("/tools/").content.decode()
    on_privacy = client.get("/privacy/").content.decode()
    assert re.search(r'href="/tools/"\s+aria-current="page"', on_tools)
    assert 'aria-current="page"' not in on_privacy


def test_header_and_footer_follow_the_language():
    client = signed_in(Role.MEMBER)
    english = client.get("/privacy/").content.decode()
    french = client.get("/fr/privacy/").content.decode()
    assert "Privacy notice" in english
    assert "Privacy notice" not in french
    assert 'href="/fr/tools/"' in french
    assert 'href="/tools/"' in english


def test_every_page_gets_a_fresh_csrf_token_in_its_forms():
    client = signed_in(Role.MEMBER)
    tokens = [
        re.findall(
            r'name="csrfmiddlewaretoken" value="([^"]+)"',
            client.get(p).content.decode(),
        )
        for p in ("/privacy/", "/privacy/")
    ]
    assert len(tokens[0]) == 2  # sign out, language
    assert tokens[0] != tokens[1]  # masked afresh, never cached
