"""Onboarding in a real browser: apply in French, a question, an answer, approval.

Celery runs eagerly in the test settings, so the outbox delivers screening and
provisioning in-process once each request commits.
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import user_roles
from onboarding.models import Application, MemberReconfirmation
from onboarding.services import application_claim, application_submit
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.onboarding.factories import ApplicationFactory, TrustedDomainFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_onboarding_french_applicant_is_questioned_answers_and_becomes_a_member(
    page: Page, live_server: object
) -> None:
    TrustedDomainFactory(domain="police.example", organisation="Police nationale")
    applicant = UserFactory(
        email="camille.martin@police.example",
        full_name="Camille Martin",
        language="fr",
    )
    verifier = UserFactory(role=Role.VERIFIER)

    # The applicant fills the questionnaire in French and submits it.
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server}/fr/apply/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Demander à rejoindre le Hub"
    )
    page.locator("#id_job_title").fill("Enquêtrice")
    page.locator("#id_role_category").select_option("investigator")
    page.locator("#id_years_in_role").fill("6")
    page.locator("#id_agency_name").fill("Office mineurs <b>OFMIN</b>")
    page.locator("#id_agency_type").select_option("police")
    page.locator("#id_country").select_option("FR")
    page.locator("#id_unit").fill("Division des enquêtes")
    page.locator("#id_supervisor_name").fill("Commissaire Durand")
    page.locator("#id_supervisor_email").fill("c.durand@police.example")
    page.locator("#id_supervisor_phone").fill("+33 1 00 00 00 00")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Soumettre la candidature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature")
    application = Application.objects.get(user=applicant)
    assert application.status == Application.Status.SUBMITTED
    assert application.signals.filter(code="trusted_domain").exists()  # screened

    # A verifier claims the case and asks a question.
    page.context.clear_cookies()
    sign_in(page, live_server, verifier)
    page.goto(f"{live_server}/staff/verification/")
    page.get_by_role("link", name=str(application)).click()
    expect(page.get_by_text("Known agency domain")).to_be_visible()
    # Typed HTML is shown as text, never as markup.
    expect(page.get_by_text("Office mineurs <b>OFMIN</b>")).to_be_visible()
    page.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_text("The case is assigned to you.")).to_be_visible()
    page.get_by_label("Question to the applicant").fill(
        "Which unit number is on your warrant card?"
    )
    page.get_by_role("button", name="Ask the applicant").click()
    expect(page.get_by_text("Your question was sent to the applicant.")).to_be_visible()

    # The applicant answers on their status page.
    page.context.clear_cookies()
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server}/fr/apply/")
    expect(
        page.get_by_text("Which unit number is on your warrant card?")
    ).to_be_visible()
    page.get_by_label("Votre réponse").fill("Unité 75-OFMIN-12.")
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_text("Unité 75-OFMIN-12.")).to_be_visible()

    # A verifier approves; provisioning runs after the commit.
    page.context.clear_cookies()
    sign_in(page, live_server, verifier)
    page.goto(f"{live_server}{application.get_absolute_url()}")
    expect(page.get_by_text("Unité 75-OFMIN-12.")).to_be_visible()
    page.get_by_role("button", name="Approve", exact=True).click()
    # Approving asks for the password again; the approval then goes ahead.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Your approval was recorded.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.provisioned_at is not None

    # The user signs in again and is a member, asked first for a second factor.
    page.context.clear_cookies()
    applicant = User.objects.get(pk=applicant.pk)  # no cached roles
    assert Role.MEMBER in user_roles(user=applicant)
    sign_in(page, live_server, applicant)
    page.goto(f"{live_server}/tools/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    TOTP.activate(applicant, generate_totp_secret())  # as the set-up page would
    response = page.goto(f"{live_server}/tools/")
    assert response is not None
    assert response.status == 200
    assert "/apply/" not in page.url
    assert_no_csp_violations(page)


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_onboarding_pages_have_no_axe_violations(
    page: Page, live_server: object, prefix: str
) -> None:
    verifier = UserFactory(role=Role.VERIFIER)
    drafting = UserFactory(full_name="Draft Applicant")
    waiting = ApplicationFactory(full_name="Nadia Haddad", country="MA")
    application_submit(application=waiting, actor=waiting.user)
    waiting.refresh_from_db()
    application_claim(application=waiting, actor=verifier)

    # The questionnaire (with its errors shown) and the status page.
    sign_in(page, live_server, drafting)
    page.goto(f"{live_server}{prefix}/apply/")
    axe_check(page)
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    axe_check(page)
    assert_no_csp_violations(page)

    page.context.clear_cookies()
    sign_in(page, live_server, waiting.user)
    page.goto(f"{live_server}{prefix}/apply/")
    expect(page.locator(".status").first).to_be_visible()
    axe_check(page)
    assert_no_csp_violations(page)

    # The queue (plain and filtered), the case page, the paused members.
    MemberReconfirmation.objects.create(
        user=UserFactory(full_name="Paused Member"),
        confirmed_at=timezone.now(),
        paused_at=timezone.now(),
    )
    page.context.clear_cookies()
    sign_in(page, live_server, verifier)
    for path in (
        "/staff/verification/",
        "/staff/verification/?status=in_review&sort=newest",
        waiting.get_absolute_url(),
        "/staff/verification/paused/",
    ):
        response = page.goto(f"{live_server}{prefix}{path}")
        assert response is not None, path
        assert response.ok, path
        axe_check(page)
        assert_no_csp_violations(page)
