"""The account journeys a new user and a new member of staff go through, in Chromium."""

import re
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.roles import Role
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.conftest import axe_check

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

STRONG_PASSWORD = "Lantern-Quarry-Velvet-42"
CONFIRM_URL = re.compile(r"https?://\S+/accounts/confirm-email/[^\s/]+/")
TOTP_PERIOD = 30


def _wait_for_email(to: str, timeout: float = 5.0) -> mail.EmailMessage:
    # The live server sends from its own thread, after its transaction commits;
    # poll the shared locmem outbox instead of guessing how long that takes.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail.outbox:
            if to in message.to:
                return message
        time.sleep(0.05)
    raise AssertionError(f"no email to {to} within {timeout}s; outbox: {mail.outbox}")


def _on_live_server(url: str, live_server: object) -> str:
    """The link as the browser can open it, whatever host the email names."""
    server = urlsplit(str(live_server))
    link = urlsplit(url)
    return urlunsplit((server.scheme, server.netloc, link.path, link.query, ""))


def _log_in(page: Page, live_server: object, email: str, password: str) -> None:
    page.goto(f"{live_server}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=False).first.fill(password)
    page.locator("main form [type=submit]").first.click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_applicant_signs_up_confirms_email_and_signs_in(
    page: Page, live_server: object
) -> None:
    email = "new.officer@police.example"
    page.goto(f"{live_server}/accounts/signup/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(STRONG_PASSWORD)
    page.locator("#id_password2").fill(STRONG_PASSWORD)
    page.locator("main form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    match = CONFIRM_URL.search(str(_wait_for_email(email).body))
    assert match, "the verification email has no confirmation link"
    page.goto(_on_live_server(match.group(0), live_server))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert EmailAddress.objects.get(user__email=email, verified=True).primary

    _log_in(page, live_server, email, STRONG_PASSWORD)
    # An applicant has no role yet: "My application" is their only area.
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link")).to_have_text(["My application"])
    main_nav.get_by_role("link", name="My application").click()
    expect(page).to_have_url(re.compile(r"/apply/$"))
    # What /apply/ shows (the form, then its status) is the onboarding app's to test.
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _submit_totp_code(page: Page, secret: str) -> None:
    """Type the current code; retry once if the 30-second window rolled over."""
    for _attempt in range(2):
        counter = int(time.time()) // TOTP_PERIOD
        page.get_by_label("Authenticator code").fill(
            format_hotp_value(hotp_value(secret, counter))
        )
        # The form posts back to itself on a wrong code, so wait for any navigation.
        with page.expect_navigation():
            page.get_by_role("button", name="Activate").click()
        if "/totp/activate/" not in page.url:
            return
        if int(time.time()) // TOTP_PERIOD == counter:
            break  # the code was current: a real failure, not a window change
    raise AssertionError("allauth did not accept the TOTP code")


def test_staff_without_mfa_must_set_up_totp_first(
    page: Page, live_server: object
) -> None:
    verifier = UserFactory(role=Role.VERIFIER, mfa=False)
    _log_in(page, live_server, verifier.email, PASSWORD)

    page.goto(f"{live_server}/staff/verification/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    expect(page.locator(".message--warning")).to_contain_text(
        "Set up two-factor authentication"
    )

    page.get_by_role("link", name="Activate").click()
    # Adding an authenticator asks for the password again, even right after login.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    axe_check(page)
    secret_field = page.locator("#authenticator_secret")
    # Read-only, not disabled: someone who cannot scan the QR code can copy it.
    secret_field.focus()
    expect(secret_field).to_be_focused()
    secret = secret_field.input_value()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret
    _submit_totp_code(page, secret)
    # allauth shows the recovery codes it generated with the first authenticator.
    if "/recovery-codes/" in page.url:
        expect(page.locator("#recovery_codes")).not_to_be_empty()
        axe_check(page)
    assert Authenticator.objects.filter(
        user=verifier, type=Authenticator.Type.TOTP
    ).exists()

    page.goto(f"{live_server}/staff/verification/")
    expect(page).to_have_url(re.compile(r"/staff/verification/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verification queue")


def test_arabic_pages_are_right_to_left_and_mirrored(
    page: Page, live_server: object
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    brand = page.locator(".site-brand")

    page.goto(f"{live_server}/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    box = brand.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] < 640, "in English the brand sits on the left"

    page.goto(f"{live_server}/ar/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    box = brand.bounding_box()
    assert box is not None
    assert box["x"] > 640, "in Arabic the brand sits on the right"
    skip = page.locator(".skip-link")
    skip.focus()
    skip_box = skip.bounding_box()
    assert skip_box is not None
    assert skip_box["x"] > 640, "the skip link appears at the start (right) edge"
