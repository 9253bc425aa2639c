"""The email layout in a real browser: readable at 360 px, with images off, and
axe-clean (LTR and RTL)."""

from typing import TYPE_CHECKING

import pytest

from accounts.roles import Role
from outbox.emails import email_render
from tests.accounts.factories import UserFactory
from tests.browser.conftest import axe_check

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.django_db


def _role_changed_html(language: str) -> str:
    # A member: their footer links to the settings page they can open.
    UserFactory(email="alex@police.example", role=Role.MEMBER, language=language)
    message = email_render(
        template_prefix="accounts/role_changed",
        context={
            "user_name": "Alexandra " + "Verylongsurnamewithoutanybreak" * 3,
            "granted": True,
            "role_label": "Moderator",
        },
        to=["alex@police.example"],
        language=language,
    )
    [(html, _mime)] = message.alternatives
    return str(html)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_email_reads_at_360px_with_images_off_and_passes_axe(
    browser: "Browser", language: str
):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    # Images off, as many mail clients start: nothing may depend on them.
    context.route(
        "**/*",
        lambda route: (
            route.abort()
            if route.request.resource_type == "image"
            else route.continue_()
        ),
    )
    page = context.new_page()
    try:
        page.set_content(_role_changed_html(language))
        assert page.evaluate("document.documentElement.dir") == (
            "rtl" if language == "ar" else "ltr"
        )
        assert page.evaluate("document.images.length") == 0
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"horizontal scroll: {width}px"
        assert page.locator("main").is_visible()
        footer = page.locator("footer")
        assert footer.is_visible()
        assert "/community/settings/" in footer.inner_text()
        axe_check(page)
    finally:
        context.close()
