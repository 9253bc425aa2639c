"""Every email wears the one layout, has a text part, says why it was sent and
comes from the configured sender; the Sites record never says example.com."""

import re

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from accounts.roles import Perm, Role
from accounts.services import role_grant
from core.sites import site_domain
from outbox.emails import email_render
from tests.accounts.factories import UserFactory
from tests.outbox.test_email_safety import EMAILS, _flush, _html, _sent

pytestmark = pytest.mark.django_db

SITE = settings.HUB_SITE_URL.rstrip("/")
FOOTER = "You received this email because"


@pytest.mark.parametrize("name", sorted(EMAILS))
def test_every_email_renders_with_the_layout_and_a_text_part(name: str):
    mail.outbox.clear()
    EMAILS[name].send()
    sent = _sent(name)
    assert sent, f"{name} was not sent"
    for message in sent:
        html, text = _html(message), message.body
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert html.startswith("<!DOCTYPE html>")
        assert html.count("<html") == 1, "the body is a fragment inside the layout"
        assert html.count("<body") == 1
        assert 'class="email-card"' in html
        assert "<style>" in html.split("</head>")[0]
        assert "<main>" in html
        assert html.count(settings.HUB_SITE_NAME) >= 2  # title, header, footer
        assert len(text.strip().splitlines()) >= 3
        assert text.count("\n-- \n") == 1
        for part in (html, text, message.subject, message.from_email):
            assert "example.com" not in part
            assert "localhost" not in part
        if (
            message.to
            and UserFactory._meta.model.objects.filter(
                email__iexact=message.to[0]
            ).exists()
        ):
            # What the footer says depends on the recipient's language.
            footer = text.rsplit("\n-- \n", 1)[1]
            assert settings.HUB_SITE_NAME in footer or "/" in footer


def test_the_footer_says_why_and_links_to_the_recipients_settings():
    user = UserFactory(language="en")
    role_grant(actor=UserFactory(role=Role.ADMIN), user=user, role=Role.MODERATOR)
    _flush()
    [message] = _sent("accounts/role_changed")
    html, text = _html(message), message.body
    reason = "it concerns the security of your account on Safer Children Hub"
    assert reason in html
    assert reason in text
    settings_link = settings.HUB_SITE_URL.rstrip("/") + "/community/settings/"
    assert f'href="{settings_link}"' in html
    assert f"settings: {settings_link}" in text


def test_the_footer_follows_the_recipients_language():
    user = UserFactory(language="fr")
    role_grant(actor=UserFactory(role=Role.ADMIN), user=user, role=Role.MODERATOR)
    _flush()
    [message] = _sent("accounts/role_changed")
    assert "Vous avez reçu ce courriel" in message.body
    assert "/fr/community/settings/" in message.body
    assert 'lang="fr"' in _html(message)


def test_a_supervisor_without_an_account_gets_no_settings_link():
    message = email_render(
        template_prefix="onboarding/confirm_supervisor",
        context={
            "name": "Alex",
            "agency": "Police",
            "link": settings.HUB_SITE_URL + "/confirm/x/",
            "days": 14,
        },
        to=["chief@police.example"],
        language="en",
    )
    assert "named you as their supervisor" in message.body
    assert "/community/settings/" not in message.body


@override_settings(HUB_SITE_NAME="Hub Test Name")
def test_the_site_name_comes_from_settings():
    user = UserFactory(language="en")
    role_grant(actor=UserFactory(role=Role.ADMIN), user=user, role=Role.MODERATOR)
    _flush()
    [message] = _sent("accounts/role_changed")
    assert "<title>Hub Test Name</title>" in _html(message)
    assert "Hub Test Name" in message.body


def test_the_sites_record_is_set_by_the_migration():
    site = Site.objects.get_current()
    assert site.domain == site_domain()
    assert site.name == settings.HUB_SITE_NAME
    assert "example.com" not in site.domain


def test_seed_demo_sets_the_sites_record():
    Site.objects.filter(pk=settings.SITE_ID).update(
        domain="example.com", name="example.com"
    )
    Site.objects.clear_cache()
    call_command("seed_demo")
    site = Site.objects.get_current()
    assert (site.domain, site.name) == (site_domain(), settings.HUB_SITE_NAME)


def test_the_signup_email_says_hello_from_the_hub_not_example_com():
    mail.outbox.clear()
    EMAILS["allauth/account/email_confirmation_signup"].send()
    [message, *_] = _sent("allauth/account/email_confirmation_signup")
    assert "Hello from Safer Children Hub!" in message.body
    assert re.search(r"Hello from Safer Children Hub!", _html(message))


def test_an_applicant_gets_no_link_to_settings_they_cannot_open():
    message = email_render(
        template_prefix="onboarding/info_reminder",
        context={"user_name": "Alex", "status_url": settings.HUB_SITE_URL + "/apply/"},
        to=["alex@police.example"],
        language="en",
    )
    assert "because you applied to join Safer Children Hub" in message.body
    assert "/community/settings/" not in message.body


SETTINGS_PATH = "/community/settings/"


@pytest.mark.parametrize(
    ("role", "has_link"),
    [
        (None, False),  # an applicant: /community/settings/ sends them to /apply/
        (Role.PROVIDER, False),  # a provider: 403
        (Role.MEMBER, True),
        (Role.VERIFIER, True),
    ],
)
@pytest.mark.parametrize(
    "template_prefix",
    ["accounts/role_changed", "community/contact_request", "onboarding/welcome"],
)
def test_the_settings_link_goes_only_to_those_who_can_open_the_page(
    role, has_link, template_prefix
):
    user = UserFactory(role=role) if role else UserFactory()
    message = email_render(
        template_prefix=template_prefix,
        context={"user_name": "Alex", "contacts_url": f"{SITE}/community/"},
        to=[user.email.upper()],
        language="en",
    )
    assert (SETTINGS_PATH in message.body) is has_link
    assert (SETTINGS_PATH in _html(message)) is has_link


@pytest.mark.parametrize("name", sorted(EMAILS))
def test_every_email_links_to_settings_only_if_the_recipient_can_open_them(name):
    mail.outbox.clear()
    EMAILS[name].send()
    _flush()
    for message in _sent(name):
        user = (
            UserFactory._meta.model.objects.filter(email__iexact=message.to[0])
            .order_by("pk")
            .first()
        )
        can_open = bool(user and user.is_active and user.has_perm(Perm.USE_MEMBER_AREA))
        footer = message.body.rsplit("\n-- \n", 1)[1]
        assert (SETTINGS_PATH in footer) is can_open, (name, message.to)


ARABIC_NAME = "مركز أطفال أكثر أماناً"


def test_an_arabic_email_names_the_hub_in_arabic_in_subject_body_and_footer():
    from django.test import Client
    from django.urls import reverse

    UserFactory(email="reset@police.example", language="ar")
    mail.outbox.clear()
    Client().post(reverse("account_reset_password"), {"email": "reset@police.example"})
    _flush()
    [message, *_] = _sent("allauth/account/password_reset_key")
    assert message.subject.startswith(f"[{ARABIC_NAME}]")
    footer = message.body.rsplit("\n-- \n", 1)[1]
    assert ARABIC_NAME in footer
    assert "Safer Children Hub" not in message.body + message.subject
    assert "Safer Children Hub" not in _html(message)


def test_an_arabic_community_email_signs_with_the_arabic_name():
    message = email_render(
        template_prefix="community/contact_request",
        context={"user_name": "Awa", "contacts_url": f"{SITE}/community/"},
        to=["awa@police.example"],
        language="ar",
    )
    assert "Safer Children Hub" not in message.body
    assert ARABIC_NAME in message.body


@override_settings(HUB_SITE_NAME="Hub Test Name")
def test_a_site_name_the_operator_chose_is_shown_as_written_in_every_language():
    message = email_render(
        template_prefix="community/contact_request",
        context={"user_name": "Awa", "contacts_url": f"{SITE}/community/"},
        to=["awa@police.example"],
        language="ar",
    )
    assert "Hub Test Name" in message.body
    assert ARABIC_NAME not in message.body
