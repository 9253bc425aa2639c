"""The pattern library (/staff/design/): axe-clean and pixel-stable in English
and Arabic, and pages that fit a 360 px phone without sideways scrolling.

Screenshots are compared with tests/browser/baselines/<name>.png: the test fails
when more than MAX_DIFFERING of the pixels differ (an unintended visual change).
After a deliberate change, ``make baselines`` (UPDATE_BASELINES=1) rewrites them;
commit the new PNGs with the change.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASELINES = Path(__file__).parent / "baselines"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
MAX_DIFFERING = 0.005  # of the pixels
UPDATE = os.environ.get("UPDATE_BASELINES") == "1"
LANGUAGE_PREFIXES = {"en": "", "ar": "/ar"}


def _open_design(page: Page, live_server: object, language: str) -> None:
    sign_in(page, live_server, UserFactory(role=Role.VERIFIER))
    url = f"{live_server}{LANGUAGE_PREFIXES[language]}/staff/design/"
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url}: {response.status}"
    expect(page).to_have_url(url)
    expect(page.locator("html")).to_have_attribute("lang", language)


def differing_share(actual: Image.Image, expected: Image.Image) -> float:
    """The share of pixels that differ (a size change counts as all of them)."""
    if actual.size != expected.size:
        return 1.0
    diff = ImageChops.difference(actual.convert("RGB"), expected.convert("RGB"))
    mask = diff.convert("L").point(lambda value: 255 if value > 16 else 0)
    histogram = mask.histogram()
    return histogram[255] / (actual.size[0] * actual.size[1])


def test_differing_share_counts_changed_pixels():
    white = Image.new("RGB", (100, 100), "white")
    dotted = white.copy()
    for x in range(10):
        dotted.putpixel((x, 0), (0, 0, 0))
    assert differing_share(white, white.copy()) == 0
    assert differing_share(white, dotted) == pytest.approx(0.001)
    assert differing_share(white, Image.new("RGB", (100, 101), "white")) == 1.0


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_pattern_library_has_no_axe_violations(
    page: Page, live_server: object, language: str
) -> None:
    _open_design(page, live_server, language)
    axe_check(page)
    assert_no_csp_violations(page)


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_pattern_library_matches_its_baseline(
    page: Page, live_server: object, language: str
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    _open_design(page, live_server, language)
    page.emulate_media(reduced_motion="reduce")
    page.evaluate("document.fonts.ready")
    # Still: no animation, no caret (Playwright's defaults hide it).
    shot = page.screenshot(full_page=True, animations="disabled")
    baseline = BASELINES / f"design-{language}.png"
    if UPDATE or not baseline.exists():
        BASELINES.mkdir(exist_ok=True)
        baseline.write_bytes(shot)
        if not UPDATE:
            pytest.fail(f"no baseline yet: wrote {baseline}; check it and commit it")
        return
    from io import BytesIO

    actual = Image.open(BytesIO(shot))
    share = differing_share(actual, Image.open(baseline))
    if share > MAX_DIFFERING:
        ARTIFACTS.mkdir(exist_ok=True)
        actual.save(ARTIFACTS / f"design-{language}-actual.png")
    assert share <= MAX_DIFFERING, (
        f"{share:.2%} of the pixels differ from {baseline.name} "
        f"(actual in test-artifacts/); if intended, run `make baselines`"
    )
