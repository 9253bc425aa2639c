"""A person who reads only Arabic (or only Chinese) applies, is asked a question,
answers it from the email, is approved and opens the catalogue, the Learning
Centre and the community: every page and every email in their language, every
link keeping them there, no English interface string on the way.

The verifier's side runs through the services (their own journey, in English,
is tests/browser/test_onboarding.py).
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import Role
from onboarding.models import Application
from onboarding.services import (
    application_approve,
    application_claim,
    application_request_info,
)
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.hub.test_no_english_leaks import english_leaks
from tests.onboarding.factories import TrustedDomainFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SITE = settings.HUB_SITE_URL.rstrip("/")
READERS = {
    "ar": {
        "name": "ليلى حداد",
        "job": "محققة",
        "agency": "وحدة حماية الطفل",
        "country": "JO",
        "answer": "الوحدة رقم ١٢ في عمّان.",
    },
    "zh-hans": {
        "name": "王丽",
        "job": "调查员",
        "agency": "儿童保护大队",
        "country": "SG",
        "answer": "我们的单位编号是 12。",
    },
}
SUBJECTS_IN_ENGLISH = re.compile(r"\b(the|your|application|welcome)\b", re.I)


def _in_language(page: Page, language: str) -> None:
    """The page is in ``language``, under its prefix, with no English left."""
    prefix = "" if language == "en" else f"/{language}/"
    assert prefix in page.url, page.url
    expect(page.locator("html")).to_have_attribute("lang", language)
    leaks = english_leaks(page.content(), language)
    assert not leaks, f"English on {page.url}: {leaks}"


def _email(name: str, to: str) -> mail.EmailMessage:
    [message] = [
        m
        for m in mail.outbox
        if m.extra_headers.get("X-Hub-Email") == name and m.to == [to]
    ]
    return message


def _links(message: mail.EmailMessage) -> list[str]:
    return re.findall(re.escape(SITE) + r"/[^\s\"'<>]*", message.body)


@pytest.mark.parametrize("language", list(READERS))
def test_a_reader_of_one_language_is_never_sent_to_another(
    page: Page, live_server: object, language: str
) -> None:
    reader = READERS[language]
    TrustedDomainFactory(domain="police.example", organisation="Police")
    applicant = UserFactory(
        email=f"{language}@police.example", full_name=reader["name"], language=language
    )
    verifier = UserFactory(role=Role.VERIFIER)
    live = str(live_server)

    # An unprefixed link (a bookmark, a colleague's message) opens in their language.
    sign_in(page, live_server, applicant)
    page.goto(f"{live}/apply/")
    _in_language(page, language)
    page.locator("#id_job_title").fill(reader["job"])
    page.locator("#id_role_category").select_option("investigator")
    page.locator("#id_years_in_role").fill("6")
    page.locator("#id_agency_name").fill(reader["agency"])
    page.locator("#id_agency_type").select_option("police")
    page.locator("#id_country").select_option(reader["country"])
    page.locator("#id_unit").fill(reader["agency"])
    page.locator("#id_supervisor_name").fill(reader["name"])
    page.locator("#id_supervisor_email").fill(f"boss.{language}@police.example")
    page.locator("#id_supervisor_phone").fill("+962 6 000 0000")
    page.locator("#id_consent").check()
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator(".status").first).to_be_visible()
    _in_language(page, language)
    application = Application.objects.get(user=applicant)
    assert application.status == Application.Status.SUBMITTED

    # A verifier asks a question; the email is in their language, its link too.
    application_claim(application=application, actor=verifier)
    application.refresh_from_db()
    application_request_info(
        application=application, actor=verifier, question="Which unit number?"
    )
    asked = _email("onboarding/info_requested", applicant.email)
    assert not SUBJECTS_IN_ENGLISH.search(asked.subject), asked.subject
    links = _links(asked)
    assert links
    assert all(link.startswith(f"{SITE}/{language}/") for link in links), links

    # They open the link from the email and answer.
    page.goto(links[0].replace(SITE, live))
    _in_language(page, language)
    page.locator("#id_body").fill(reader["answer"])
    page.locator("form[action$='/apply/answer/'] button[type=submit]").click()
    expect(page.get_by_text(reader["answer"])).to_be_visible()
    _in_language(page, language)
    axe_check(page)

    # Approved; the welcome email in their language links to their language.
    application.refresh_from_db()
    application_approve(application=application, actor=verifier)
    welcome = _email("onboarding/welcome", applicant.email)
    assert not SUBJECTS_IN_ENGLISH.search(welcome.subject), welcome.subject
    assert all(link.startswith(f"{SITE}/{language}/") for link in _links(welcome))

    # A member now: the catalogue, the Learning Centre and the community.
    applicant = User.objects.get(pk=applicant.pk)
    TOTP.activate(applicant, generate_totp_secret())
    page.context.clear_cookies()
    sign_in(page, live_server, applicant)
    for path in ("/tools/", "/learn/", "/community/"):
        response = page.goto(f"{live}{path}")
        assert response is not None
        assert response.ok, path
        _in_language(page, language)
        axe_check(page)
    assert_no_csp_violations(page)
