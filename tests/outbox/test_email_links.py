"""Every link in every email opens in the recipient's language."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils import translation

from accounts.models import User
from core.i18n import path_for_language
from outbox.emails import email_render
from tests.accounts.factories import UserFactory
from tests.outbox.test_email_safety import EMAILS, SITE, _flush, _html
from tests.outbox.test_email_safety import _needs_info as needs_info

pytestmark = pytest.mark.django_db

LINKS = re.compile(re.escape(SITE) + r"(/[^\s\"'<>]*)")


@pytest.fixture
def everyone_reads_arabic(monkeypatch):
    """Every account created in the test chose Arabic."""
    monkeypatch.setattr(User._meta.get_field("language"), "default", "ar")


@pytest.fixture(
    params=[("ar", None), ("en", "ar"), ("ar", "en"), ("fr", "ru")],
    ids=[
        "reader-ar",
        "reader-en-sender-ar",
        "reader-ar-sender-en",
        "reader-fr-sender-ru",
    ],
)
def languages(request, monkeypatch):
    """Every account created in the test chose the first language; the email is
    triggered while the second is active (a staff member on /ar/, a worker)."""
    reader, sender = request.param
    monkeypatch.setattr(User._meta.get_field("language"), "default", reader)
    return reader, sender


@pytest.mark.parametrize("name", sorted(EMAILS))
def test_every_link_in_every_email_carries_the_recipients_language(name, languages):
    _reader, sender = languages
    if sender is None:
        EMAILS[name].send()
        _flush()
    else:
        with translation.override(sender):
            EMAILS[name].send()
            _flush()
    messages = [m for m in mail.outbox if m.extra_headers.get("X-Hub-Email") == name]
    assert messages, f"{name} was not sent"
    for message in messages:
        paths = LINKS.findall(message.body) + LINKS.findall(_html(message))
        recipient = User.objects.filter(email__iexact=message.to[0]).first()
        if recipient is not None:
            languages = {recipient.language}
        else:  # no account (a referee, an unknown address): one language throughout
            languages = {
                code
                for code, _name in settings.LANGUAGES
                if all(path_for_language(path, language=code) == path for path in paths)
            }
        assert languages, f"{name}: links in several languages: {paths}"
        language = languages.pop()
        for path in paths:
            expected = path_for_language(path, language=language)
            assert path == expected, f"{name} ({language}): {path}"


def test_the_arabic_needs_info_email_links_to_the_arabic_application_page(
    everyone_reads_arabic,
):
    needs_info()
    _flush()
    [message] = [
        m
        for m in mail.outbox
        if m.extra_headers.get("X-Hub-Email") == "onboarding/info_requested"
    ]
    assert f"{SITE}/ar/apply/" in message.body
    assert f"{SITE}/ar/apply/" in _html(message)
    assert f"{SITE}/apply/" not in message.body


@pytest.mark.parametrize(
    ("link", "language", "expected"),
    [
        (f"{SITE}/fr/tools/x/?a=1&b=2", "zh-hans", f"{SITE}/zh-hans/tools/x/?a=1&b=2"),
        (f"{SITE}/ar/learn/", "en", f"{SITE}/learn/"),
        (f"{SITE}/health/", "ru", f"{SITE}/health/"),
    ],
)
def test_a_link_reversed_in_another_language_is_rewritten(link, language, expected):
    message = email_render(
        template_prefix="community/contact_request",
        context={"user_name": "Awa", "contacts_url": link},
        to=["awa@police.example"],
        language=language,
    )
    assert expected in message.body
    assert f'href="{expected.replace("&", "&amp;")}"' in _html(message)


@override_settings(HUB_SITE_URL="https://hub.example")
def test_another_host_that_starts_like_the_hub_is_left_alone():
    from outbox.emails import _links_localize

    text = "https://hub.example.org/x https://hub.example"
    assert _links_localize(text, language="ar") == (
        "https://hub.example.org/x https://hub.example/ar/"
    )


def test_an_arabic_member_opening_an_unprefixed_link_lands_on_the_arabic_page():
    client = Client()
    client.force_login(UserFactory(role="member", language="ar"))
    response = client.get("/tools/?q=hash")
    assert response.status_code == 302
    assert response["Location"] == "/ar/tools/?q=hash"
