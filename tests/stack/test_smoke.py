"""The production stack over real HTTP: scripts/stack_smoke.sh runs it on `make stack`.

Skipped unless ``HUB_STACK_URL`` names a running stack (the script sets it, with
``HUB_STACK_MAILDIR``). Nothing here touches Django's test client or database: a
real Chromium and ``requests`` talk to gunicorn, a real Celery worker screens and
provisions, and every email is read from the SMTP sink's Maildir. Each wait is
bounded, so a stuck stack fails the test instead of hanging CI.
"""

import base64
import hashlib
import hmac
import mailbox
import os
import re
import struct
import time
import uuid
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
import requests

STACK_URL = os.environ.get("HUB_STACK_URL", "").rstrip("/")
MAILDIR = os.environ.get("HUB_STACK_MAILDIR", "")
DEMO_PASSWORD = "hub-demo-2026"  # the published demo password (README)
WAIT_SECONDS = 60.0

pytestmark = pytest.mark.skipif(
    not STACK_URL, reason="needs a running `make stack` (scripts/stack_smoke.sh)"
)


def wait_for[T](
    what: str, probe: Callable[[], T | None], timeout: float = WAIT_SECONDS
) -> T:
    """Poll ``probe`` until it returns something; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.5)


# --- mail from the sink ------------------------------------------------------------
def _text_of(message: Message) -> str:
    parts = message.walk() if message.is_multipart() else [message]
    for part in parts:
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    return ""


def mail_to(address: str, subject_contains: str) -> Callable[[], str | None]:
    """A probe: the text body of the first mail to ``address`` with that subject."""

    def probe() -> str | None:
        for message in mailbox.Maildir(MAILDIR, create=False):
            to = str(message.get("To", ""))
            subject = str(message.get("Subject", ""))
            if address in to and subject_contains in _decode(subject):
                return _text_of(message)
        return None

    return probe


def _decode(header: str) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(header)))


def hub_link(body: str, path_fragment: str) -> str:
    match = re.search(rf"https?://\S*{re.escape(path_fragment)}\S*", body)
    assert match, f"no link containing {path_fragment!r} in:\n{body}"
    return match.group(0)


# --- TOTP, as an authenticator app computes it (RFC 6238) -------------------------
def totp(secret: str, at: float | None = None) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6
    return f"{code:06d}"


# --- the browser -------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=STACK_URL)
    context.set_default_timeout(20_000)
    opened = context.new_page()
    yield opened
    context.close()


def sign_in(page: Any, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def confirm_password_if_asked(page: Any, password: str) -> None:
    """allauth asks for the password again before sensitive account changes."""
    if "/accounts/reauthenticate/" in page.url:
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state()


def open_page(page: Any, path: str, password: str) -> Any:
    """Go to ``path``; where production first asks for a second factor, enrol one
    (an authenticator app, as a person would) and go on to ``path``."""
    response = page.goto(path)
    if "/2fa/" not in page.url:
        return response
    page.goto("/accounts/2fa/totp/activate/")
    confirm_password_if_asked(page, password)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp(secret))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/2fa/totp/activate/" not in page.url, page.locator("main").inner_text()
    response = page.goto(path)
    assert "/2fa/" not in page.url, page.url
    return response


# --- the tests ---------------------------------------------------------------------
def test_health_reports_database_cache_and_broker() -> None:
    response = requests.get(f"{STACK_URL}/health/", timeout=10)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


def test_static_files_are_compressed_hashed_and_cached_for_a_year() -> None:
    home = requests.get(f"{STACK_URL}/", timeout=10)
    assert home.status_code == 200
    assert "DEBUG" not in home.headers.get("Server", "")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text)
    assert stylesheet, "no hashed stylesheet link on the home page"
    response = requests.get(
        f"{STACK_URL}{stylesheet.group(1)}",
        headers={"Accept-Encoding": "br, gzip"},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] in {"br", "gzip"}
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))  # type: ignore[union-attr]
    assert max_age >= 365 * 24 * 3600


def test_debug_is_off() -> None:
    response = requests.get(f"{STACK_URL}/no-such-page-{uuid.uuid4().hex}/", timeout=10)
    assert response.status_code == 404
    assert "Django tried these URL patterns" not in response.text


def test_a_new_applicant_is_screened_approved_and_opens_the_catalogue(
    page: Any,
) -> None:
    email = f"smoke.{uuid.uuid4().hex[:8]}@police.example"
    password = f"Smoke-{uuid.uuid4().hex}"

    # Sign up; the verification link arrives through SMTP.
    page.goto("/accounts/signup/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    body = wait_for("the verification email", mail_to(email, "Confirm"))
    page.goto(hub_link(body, "/accounts/confirm-email/"))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    # Sign in and submit the questionnaire.
    sign_in(page, email, password)
    page.goto("/apply/")
    page.locator("#id_full_name").fill("Smoke Test Officer")
    page.locator("#id_job_title").fill("Investigator")
    page.locator("#id_role_category").select_option("investigator")
    page.locator("#id_years_in_role").fill("4")
    page.locator("#id_agency_name").fill("Smoke Test Police")
    page.locator("#id_agency_type").select_option("police")
    page.locator("#id_country").select_option("GB")
    page.locator("#id_unit").fill("Online child protection")
    page.locator("#id_supervisor_name").fill("Sergeant Example")
    page.locator("#id_supervisor_email").fill(
        f"sergeant.{uuid.uuid4().hex[:6]}@police.example"
    )
    page.locator("#id_supervisor_phone").fill("+44 20 0000 0000")
    page.locator("#id_consent").check()
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() == 0, page.locator("main").inner_text()

    # The real worker screens it and the acknowledgement arrives.
    acknowledgement = mail_to(email, "We received your application")
    wait_for("the acknowledgement email", acknowledgement)

    # The demo verifier signs in (enrolling TOTP, as production requires), approves.
    page.context.clear_cookies()
    sign_in(page, "verifier@hub.example", DEMO_PASSWORD)
    open_page(page, "/staff/verification/?status=submitted&sort=newest", DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile("Smoke Test Officer")).first.click()
    page.get_by_role("button", name="Assign to me").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_load_state()
    confirm_password_if_asked(page, DEMO_PASSWORD)  # approving is sensitive
    assert page.get_by_text("Your approval was recorded.").is_visible()

    # Provisioning runs on the worker; the welcome email says it is done.
    wait_for("the welcome email", mail_to(email, "Welcome"))

    # The new member signs in and opens the catalogue.
    page.context.clear_cookies()
    sign_in(page, email, password)
    response = open_page(page, "/tools/", password)
    assert response is not None
    assert response.status == 200, page.url
    assert "/tools/" in page.url
    assert page.locator("main h1").count() == 1


def test_the_maildir_holds_readable_messages() -> None:
    messages = list(mailbox.Maildir(MAILDIR, create=False))
    assert messages, "the SMTP sink received nothing"
    assert all(m.get("From") and m.get("Subject") for m in messages)
    assert Path(MAILDIR, "new").is_dir()
