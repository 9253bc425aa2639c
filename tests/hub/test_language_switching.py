"""The language switcher: any page, any language, to the same page in any other."""

import re
from itertools import product

import pytest
from django.conf import settings
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.roles import Role
from core.i18n import path_for_language
from tests.accounts.factories import UserFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# A page or two of every app, with a query string where the page reads one.
PAGES = {
    "hub": "/privacy/",
    "accounts": "/accounts/email/",
    "onboarding": "/apply/",
    "tools_catalog": "/tools/?q=hash&page=1",
    "learning_centre": "/learn/stages/case_building_safeguarding/",
    "community": "/community/search/?q=triage",
}
ANONYMOUS_PAGES = {"hub": "/", "allauth": "/accounts/login/?next=/tools/"}


def in_language(page: str, language: str) -> str:
    return page if language == "en" else f"/{language}{page}"


def _switch(client: Client, *, page: str, source: str, target: str) -> str:
    response = client.post(
        "/i18n/setlang/", {"language": target, "next": in_language(page, source)}
    )
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("app", PAGES)
def test_a_member_switches_every_page_between_every_pair_of_languages(app):
    page = PAGES[app]
    user = UserFactory(role=Role.MEMBER, mfa=True)
    client = Client()
    client.force_login(user)
    for source, target in product(LANGUAGES, LANGUAGES):
        location = _switch(client, page=page, source=source, target=target)
        assert location == in_language(page, target), (source, target)
    user.refresh_from_db()
    assert user.language == LANGUAGES[-1]


@pytest.mark.django_db
@pytest.mark.parametrize("app", ANONYMOUS_PAGES)
def test_an_anonymous_visitor_switches_between_every_pair_of_languages(app):
    page = ANONYMOUS_PAGES[app]
    client = Client()
    for source, target in product(LANGUAGES, LANGUAGES):
        location = _switch(client, page=page, source=source, target=target)
        assert location == in_language(page, target), (source, target)
        assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == target


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_reached_is_in_the_chosen_language_and_switches_on(language):
    """The switcher's form on the page reached posts that page (query included)."""
    user = UserFactory(role=Role.MEMBER, mfa=True)
    client = Client()
    client.force_login(user)
    page = PAGES["tools_catalog"]
    location = _switch(client, page=page, source="ar", target=language)
    html = client.get(location).content.decode()
    assert f'<html lang="{language}"' in html
    next_value = re.search(r'name="next" value="([^"]*)"', html)
    assert next_value is not None
    assert next_value.group(1).replace("&amp;", "&") == location


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/ar/tools/", "en", "/tools/"),
        ("/ru/tools/", "zh-hans", "/zh-hans/tools/"),
        ("/tools/", "fr", "/fr/tools/"),
        ("/zh-hans/", "en", "/"),
        ("/es", "ar", "/ar/"),
        ("/ar/tools/?q=a%20b#top", "es", "/es/tools/?q=a%20b#top"),
        ("/health/", "ar", "/health/"),  # outside i18n_patterns: one URL for all
        ("/no-such-page/", "ru", "/ru/no-such-page/"),
        ("/arabic-tools/", "en", "/arabic-tools/"),  # only a whole segment is a prefix
    ],
)
def test_path_for_language_adds_replaces_or_removes_the_prefix(
    path, language, expected
):
    assert path_for_language(path, language=language) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/ar/tools/", "//evil.example/", "javascript:x"]
)
def test_the_switcher_never_leaves_the_hub(client: Client, next_url):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": next_url})
    assert response["Location"] == "/ar/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    "next_url",
    [
        "/ar//evil.example/",
        "/zh-hans//evil.example",
        "/ar/\\/evil.example/",
        "http://testserver//evil.example/",
        "/ar///evil.example/?q=1",
    ],
)
def test_a_path_that_becomes_protocol_relative_never_leaves_the_hub(
    client: Client, next_url, language
):
    """Removing ``/ar`` from ``/ar//evil.example/`` must not leave ``//evil.example``
    (a browser reads it as another site)."""
    for response in (
        client.post("/i18n/setlang/", {"language": language, "next": next_url}),
        client.post(
            "/i18n/setlang/", {"language": language}, headers={"referer": next_url}
        ),
    ):
        location = response["Location"]
        assert location.startswith("/")
        assert not location.startswith(("//", "/\\"))
        assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})
