"""Content in six languages (core.translation), app by app: each kind of
content shows in Arabic and Chinese when translated, and in English with the
one "shown in English" note (and lang="en") when not; staff edit translations
side by side in the audited admin; the demo writes all six languages."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from accounts.roles import Role
from community.models import Category, Event
from learning_centre.models import LearningPath, Module, Option, Question, Stage
from onboarding import services
from onboarding.models import (
    Application,
    InfoRequestTemplate,
    Message,
    RejectionReason,
)
from outbox.models import OutboxMessage
from tests.accounts.factories import UserFactory, reauthenticate
from tests.community.factories import CategoryFactory, EventFactory
from tests.learning_centre.factories import (
    LearningPathFactory,
    ModuleFactory,
    OptionFactory,
    QuestionFactory,
)
from tests.tools_catalog.factories import ToolFactory
from tools_catalog.models import Tool

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans"]
TEXT = {"ar": "نص مترجم للاختبار", "zh-hans": "用于测试的译文"}
NOTE = {"ar": "معروض بالإنجليزية", "zh-hans": "以英文显示"}
ENGLISH = "Plain English words for the test"


def _page(client: Client, language: str, url: str) -> str:
    response = client.get(f"/{language}{url}")
    assert response.status_code == 200, url
    return response.content.decode()


def assert_translated(page: str, language: str) -> None:
    assert TEXT[language] in page
    assert ENGLISH not in page
    assert "shown-in-english" not in page


def assert_english_with_note(page: str, language: str) -> None:
    assert ENGLISH in page
    assert 'lang="en" dir="ltr"' in page
    assert "shown-in-english" in page
    assert NOTE[language] in page


def _translations(language: str, translated: bool, *fields: str) -> dict:
    return {language: dict.fromkeys(fields, TEXT[language])} if translated else {}


# --- Stages ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("translated", [True, False])
def test_stage_page(member_client: Client, language: str, translated: bool):
    stage = Stage.objects.get(key="media_review")
    stage.description = ENGLISH
    stage.translations = {
        language: {
            "name": "x",
            "summary": "y",
            **_translations(language, translated, "description")[language],
        }
        if translated
        else {"name": "x", "summary": "y"}
    }
    stage.save()
    page = _page(member_client, language, stage.get_absolute_url())
    if translated:
        assert_translated(page, language)
    else:
        assert_english_with_note(page, language)


# --- Tools: card and page --------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("translated", [True, False])
def test_tool_card_and_page(member_client: Client, language: str, translated: bool):
    cache.clear()
    tool = ToolFactory(
        summary=ENGLISH,
        description=ENGLISH,
        translations=_translations(language, translated, "summary", "description"),
    )
    for url in (reverse("tools_catalog:tool-list"), tool.get_absolute_url()):
        page = _page(member_client, language, url)
        if translated:
            assert_translated(page, language)
        else:
            assert_english_with_note(page, language)


# --- Learning paths and quizzes --------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("translated", [True, False])
def test_paths_modules_and_quizzes(
    member_client: Client, language: str, translated: bool
):
    path = LearningPathFactory(
        summary=ENGLISH,
        translations=_translations(language, translated, "title", "summary"),
    )
    module = ModuleFactory(
        path=path,
        body=ENGLISH,
        translations=_translations(language, translated, "title", "body"),
    )
    question = QuestionFactory(
        module=module,
        text=ENGLISH + " (question)",
        translations=_translations(language, translated, "text"),
    )
    OptionFactory(
        question=question,
        text=ENGLISH + " (answer)",
        is_correct=True,
        translations=_translations(language, translated, "text"),
    )
    for url in (
        reverse("learning_centre:path-list"),
        path.get_absolute_url(),
        module.get_absolute_url(),
    ):
        page = _page(member_client, language, url)
        if translated:
            assert_translated(page, language)
        else:
            assert_english_with_note(page, language)


# --- Resources (their own per-language versions; the same note) -----------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_resource_in_english_only_carries_the_same_note(
    member_client: Client, language: str
):
    from tests.learning_centre.factories import ResourceFactory

    resource = ResourceFactory()
    resource.versions.update(summary=ENGLISH)
    for url in (reverse("learning_centre:resource-list"), resource.get_absolute_url()):
        page = _page(member_client, language, url)
        assert ENGLISH in page
        assert "shown-in-english" in page
        assert NOTE[language] in page


# --- Community: forum categories and events -------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("translated", [True, False])
def test_forum_categories(member_client: Client, language: str, translated: bool):
    category = CategoryFactory(
        name=ENGLISH, translations=_translations(language, translated, "name")
    )
    for url in (reverse("community:forum-index"), category.get_absolute_url()):
        page = _page(member_client, language, url)
        if translated:
            assert_translated(page, language)
        else:
            assert_english_with_note(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("translated", [True, False])
def test_event_titles(member_client: Client, language: str, translated: bool):
    event = EventFactory(
        title=ENGLISH,
        description=ENGLISH,
        translations=_translations(language, translated, "title", "description"),
    )
    for url in (reverse("community:event-list"), event.get_absolute_url()):
        page = _page(member_client, language, url)
        if translated:
            assert_translated(page, language)
        else:
            assert_english_with_note(page, language)


# --- Onboarding: staff templates reach the applicant in their language ----------


def _application_in_review(language: str) -> tuple[Application, object]:
    from tests.onboarding.factories import ApplicationFactory

    applicant = UserFactory(language=language)
    verifier = UserFactory(role=Role.VERIFIER)
    application = ApplicationFactory(user=applicant)
    services.application_submit(application=application, actor=applicant)
    services.application_claim(application=application, actor=verifier)
    return application, verifier


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rejection_reason_reaches_the_applicant_in_their_language(
    client: Client, language: str
):
    application, verifier = _application_in_review(language)
    reason = RejectionReason.objects.create(
        title="Out of scope",
        text=ENGLISH,
        translations={language: {"text": TEXT[language]}},
    )
    services.application_reject(application=application, actor=verifier, reason=reason)
    queued = str(list(OutboxMessage.objects.values_list("kwargs", flat=True)))
    assert TEXT[language] in queued  # the email's context
    client.force_login(application.user)
    page = _page(client, language, reverse("onboarding:application"))
    assert_translated(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_untranslated_rejection_reason_shows_in_english_with_the_note(
    client: Client, language: str
):
    application, verifier = _application_in_review(language)
    reason = RejectionReason.objects.create(title="Out of scope", text=ENGLISH)
    services.application_reject(application=application, actor=verifier, reason=reason)
    client.force_login(application.user)
    page = _page(client, language, reverse("onboarding:application"))
    assert_english_with_note(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_needs_info_template_is_asked_in_the_applicants_language(
    client: Client, language: str
):
    application, verifier = _application_in_review(language)
    template = InfoRequestTemplate.objects.create(
        title="Commander",
        text=ENGLISH,
        translations={language: {"text": TEXT[language]}},
    )
    services.application_request_info(
        application=application,
        actor=verifier,
        question="",
        template=template,
    )
    message = Message.objects.get(application=application, from_staff=True)
    assert message.body == TEXT[language]
    client.force_login(application.user)
    assert TEXT[language] in _page(client, language, reverse("onboarding:application"))


def test_the_verifier_picks_a_needs_info_template_on_the_case_page(client: Client):
    application, verifier = _application_in_review("zh-hans")
    template = InfoRequestTemplate.objects.create(
        title="Commander",
        text=ENGLISH,
        translations={"zh-hans": {"text": TEXT["zh-hans"]}},
    )
    client.force_login(verifier)
    application.refresh_from_db()
    response = client.post(
        reverse("onboarding:case-request-info", args=[application.pk]),
        {"template": template.pk, "question": "", "version": application.version},
    )
    assert response.status_code == 302
    assert Message.objects.get(application=application).body == TEXT["zh-hans"]


# --- Staff edit translations side by side in the audited admin -------------------


def test_an_editor_translates_a_stage_side_by_side_and_it_is_audited():
    client = Client()
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    reauthenticate(client)
    stage = Stage.objects.get(key="media_review")
    url = reverse("admin:learning_centre_stage_change", args=[stage.pk])
    form = client.get(url).content.decode()
    assert 'name="description__ar"' in form
    assert 'name="description__zh_hans"' in form
    assert 'name="translations"' not in form  # no raw JSON
    data = {
        f: getattr(stage, f)
        for f in (
            "key",
            "position",
            "name",
            "summary",
            "description",
            "challenges",
            "ai_help",
            "cautions",
        )
    }
    for code in ("ar", "zh_hans", "fr", "ru", "es"):
        language = code.replace("_", "-")
        for field in ("name", "summary"):
            data[f"{field}__{code}"] = stage.translations.get(language, {}).get(
                field, ""
            )
    data["description__ar"] = TEXT["ar"]
    data["description__zh_hans"] = TEXT["zh-hans"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    stage.refresh_from_db()
    assert stage.translations["ar"]["description"] == TEXT["ar"]
    assert stage.translations["zh-hans"]["description"] == TEXT["zh-hans"]
    assert stage.translations["fr"]["name"]  # the boxes left alone are kept
    event = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGE)
    # Recorded as the JSON it is (the audit page shows it language by language).
    assert event.after["translations"]["ar"]["description"] == TEXT["ar"]
    assert event.before["translations"]["ar"].get("description") != TEXT["ar"]


def test_a_moderator_translates_a_forum_category_and_an_event_title():
    client = Client()
    client.force_login(UserFactory(role=Role.MODERATOR))
    category = CategoryFactory(name="Latin America", slug="latin-america")
    response = client.post(
        reverse("admin:community_category_change", args=[category.pk]),
        {
            "name": category.name,
            "slug": category.slug,
            "kind": category.kind,
            "audience": category.audience,
            "position": 0,
            "name__ar": "أمريكا اللاتينية",
            "name__zh_hans": "拉丁美洲",
        },
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.translations == {
        "ar": {"name": "أمريكا اللاتينية"},
        "zh-hans": {"name": "拉丁美洲"},
    }
    assert AuditEvent.objects.filter(action=AuditAction.ADMIN_CHANGE).count() == 1
    event = EventFactory()
    form = client.get(reverse("admin:community_event_change", args=[event.pk]))
    assert 'name="title__ar"' in form.content.decode()


def test_members_cannot_open_the_community_admin(member_client: Client):
    response = member_client.get(reverse("admin:community_category_changelist"))
    assert response.status_code in (302, 403)


# --- The demo writes every language ---------------------------------------------

OTHER_LANGUAGES = ("ar", "zh-hans", "fr", "ru", "es")


def _complete(obj: object, fields: tuple[str, ...]) -> bool:
    """Every language holds every field the English row fills."""
    return all(
        obj.translation_of(f, language)  # type: ignore[attr-defined]
        for language in OTHER_LANGUAGES
        for f in fields
        if getattr(obj, f)
    )


def test_seed_demo_writes_the_listed_content_in_all_six_languages():
    call_command("seed_demo")
    stages = Stage.objects.all()
    assert sum(_complete(s, Stage.translated_fields) for s in stages) == 8
    paths = LearningPath.objects.filter(is_demo=True)
    assert paths.count() == 3
    assert all(_complete(p, ("title", "summary")) for p in paths)
    modules = Module.objects.filter(path__in=paths)
    questions = Question.objects.filter(module__in=modules)
    options = Option.objects.filter(question__in=questions)
    assert modules.count() >= 7
    assert questions.count() >= 7
    assert all(_complete(m, ("title", "body")) for m in modules)
    assert all(_complete(q, ("text", "explanation")) for q in questions)
    assert all(_complete(o, ("text",)) for o in options)
    tools = Tool.objects.filter(is_demo=True)
    assert sum(_complete(t, ("summary",)) for t in tools) >= 25
    first_25 = sorted(tools, key=lambda t: t.name.casefold())[:25]
    assert all(_complete(t, ("summary",)) for t in first_25)
    reasons = RejectionReason.objects.all()
    templates = InfoRequestTemplate.objects.all()
    assert reasons.count() >= 3
    assert templates.count() >= 3
    assert all(_complete(r, ("title", "text")) for r in [*reasons, *templates])
    assert all(_complete(c, ("name",)) for c in Category.objects.filter(is_demo=True))
    assert all(
        _complete(e, ("title", "description"))
        for e in Event.objects.filter(is_demo=True)
    )


def test_the_tool_and_vocabulary_admin_pages_show_the_language_boxes():
    client = Client()
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    tool = ToolFactory()
    page = client.get(reverse("admin:tools_catalog_tool_change", args=[tool.pk]))
    html = page.content.decode()
    assert 'name="summary__zh_hans"' in html
    assert 'name="description__ar"' in html
    assert 'name="translations"' not in html
    reason = RejectionReason.objects.create(title="Scope", text="Outside.")
    client.force_login(UserFactory(role=Role.VERIFIER))
    url = reverse("admin:onboarding_rejectionreason_change", args=[reason.pk])
    assert 'name="text__ru"' in client.get(url).content.decode()
    assert 'name="title__ru"' in client.get(url).content.decode()
    response = client.post(
        reverse("admin:onboarding_inforequesttemplate_add"),
        {
            "title": "Unit",
            "text": "Your unit?",
            "active": "on",
            "text__ar": "وحدتكم؟",
            "title__ar": "الوحدة",
        },
    )
    assert response.status_code == 302
    template = InfoRequestTemplate.objects.get(title="Unit")
    assert template.translations == {"ar": {"title": "الوحدة", "text": "وحدتكم؟"}}
    assert AuditEvent.objects.filter(action=AuditAction.ADMIN_ADD).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_reminder_names_the_event_in_the_members_language(language: str):
    from community.services.events import event_rsvp, reminder_send

    member = UserFactory(role=Role.MEMBER, language=language)
    event = EventFactory(
        title=ENGLISH, translations={language: {"title": TEXT[language]}}
    )
    registration = event_rsvp(user=member, event=event)
    assert reminder_send(registration_id=registration.pk)
    queued = str(list(OutboxMessage.objects.values_list("kwargs", flat=True)))
    assert TEXT[language] in queued
    assert ENGLISH not in queued


def test_moderators_translate_event_descriptions_side_by_side():
    client = Client()
    client.force_login(UserFactory(role=Role.MODERATOR))
    event = EventFactory()
    page = client.get(reverse("admin:community_event_change", args=[event.pk]))
    assert 'name="description__ar"' in page.content.decode()
    assert 'name="title__ar"' in page.content.decode()
