"""A member learns: stage page, filtered catalogue, a path with quizzes, the
certificate; axe finds no violation on these pages in English and Arabic."""

import io
import re

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

from accounts.roles import Role
from learning_centre.demo import seed
from learning_centre.models import Certificate, LearningPath
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PATH = "buying-ai-responsibly"


def _catalogue_exists() -> bool:
    try:
        reverse("tools_catalog:tool-list")
    except NoReverseMatch:
        return False
    return True


def _check(page: Page) -> None:
    axe_check(page)
    assert_no_csp_violations(page)


def test_member_learns_a_stage_completes_a_path_and_verifies_the_certificate(
    page: Page, live_server: object
) -> None:
    seed(io.StringIO())
    member = UserFactory(role=Role.MEMBER, full_name="Dana Officer")
    sign_in(page, live_server, member)

    page.goto(f"{live_server}/learn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning Centre")
    _check(page)
    page.get_by_role("link", name=re.compile("Media review and categorisation")).click()
    expect(page).to_have_url(re.compile(r"/learn/stages/media_review/$"))
    expect(
        page.get_by_text("This stage involves viewing abuse material")
    ).to_be_visible()
    _check(page)
    if _catalogue_exists():
        page.get_by_role("link", name=re.compile("in the catalogue")).click()
        expect(page).to_have_url(re.compile(r"/tools/\?stage=media_review$"))

    page.goto(f"{live_server}/learn/paths/{PATH}/")
    _check(page)
    page.get_by_role("link", name="Define the need and the legal basis").click()
    page.get_by_label("With the need and the legal basis").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("Correct.")).to_be_visible()
    _check(page)
    page.get_by_role("link", name="Back to the path").click()
    page.get_by_role("link", name="Test before you buy").click()
    page.get_by_label("Precision and recall").check()
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_role("link", name=re.compile("view your certificate")).click()

    certificate = Certificate.objects.get(user=member, path__slug=PATH)
    expect(page).to_have_url(f"{live_server}/learn/certificates/{certificate.code}/")
    expect(page.get_by_text("This certificate is valid.")).to_be_visible()
    expect(page.get_by_text("Dana Officer")).to_be_visible()
    _check(page)

    # Anyone with the link can verify it.
    anonymous = page.context.browser.new_context()  # type: ignore[union-attr]
    other = anonymous.new_page()
    other.goto(f"{live_server}/learn/certificates/{certificate.code}/")
    expect(other.get_by_text("This certificate is valid.")).to_be_visible()
    assert other.goto(f"{live_server}/learn/certificates/not-a-code/").status == 404  # type: ignore[union-attr]
    anonymous.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_learning_centre_pages_have_no_axe_violations(
    page: Page, live_server: object, language: str
) -> None:
    seed(io.StringIO())
    member = UserFactory(role=Role.MEMBER)
    path = LearningPath.objects.get(slug="ai-in-the-workflow")
    module = path.modules.order_by("position").first()
    assert module is not None
    from learning_centre import services

    question_answers = {
        q.pk: q.options.get(is_correct=True).pk for q in module.questions.all()
    }
    services.quiz_submit(user=member, module=module, answers=question_answers)
    second = path.modules.get(position=2)
    services.quiz_submit(
        user=member,
        module=second,
        answers={
            q.pk: q.options.get(is_correct=True).pk for q in second.questions.all()
        },
    )
    certificate = Certificate.objects.get(user=member, path=path)
    sign_in(page, live_server, member)
    prefix = "" if language == "en" else f"/{language}"
    pages = [
        "/learn/",
        "/learn/stages/victim_identification/",
        "/learn/resources/",
        "/learn/resources/hash-matching-explained/",
        "/learn/paths/",
        f"/learn/paths/{path.slug}/",
        f"/learn/paths/{path.slug}/modules/{module.pk}/",
        "/learn/readiness/",
        "/learn/wellbeing/",
        f"/learn/certificates/{certificate.code}/",
    ]
    for url in pages:
        response = page.goto(f"{live_server}{prefix}{url}")
        assert response is not None
        assert response.ok, url
        expect(page.locator("html")).to_have_attribute("lang", language)
        _check(page)
    # The readiness result page: submit the questionnaire in this language.
    page.goto(f"{live_server}{prefix}/learn/readiness/")
    for group in page.locator("fieldset").all():
        group.locator("input[type=radio]").nth(2).check()
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/learn/readiness/\d+/$"))
    expect(page.locator("svg title")).to_have_count(1)
    _check(page)
