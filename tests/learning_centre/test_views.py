import io

import pytest
from django.urls import reverse

from learning_centre import selectors, services
from learning_centre.demo import seed
from learning_centre.models import (
    Certificate,
    ModuleProgress,
    ReadinessAssessment,
    Resource,
    ResourceVersion,
    Stage,
)
from tests.learning_centre.factories import (
    LearningPathFactory,
    ModuleFactory,
    ReadinessQuestionFactory,
    ResourceFactory,
    quiz_question,
)

pytestmark = pytest.mark.django_db


def test_overview_lists_the_eight_stages_labelled_illustrative(
    member_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = member_client.get(reverse("learning_centre:overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Illustrative" in html
    for stage in Stage.objects.all():
        assert stage.get_absolute_url() in html
    assert html.count('class="lc-workflow__step') == 8


def test_overview_is_translated_to_arabic(member_client):
    response = member_client.get("/ar/learn/")
    assert 'dir="rtl"' in response.content.decode()
    assert "الفرز وتحديد الأولويات" in response.content.decode()


def test_stage_page_shows_resources_and_links_to_wellbeing(
    member_client, django_assert_max_num_queries
):
    stage = Stage.objects.get(key="media_review")
    ResourceFactory.create_batch(5, stages=[stage])
    ResourceFactory(is_published=False, stages=[stage], slug="hidden-draft")
    with django_assert_max_num_queries(12):
        response = member_client.get(stage.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("learning_centre:wellbeing") in html
    assert "This stage involves viewing abuse material" in html
    assert html.count('class="card lc-resource"') == 5
    assert "hidden-draft" not in html


def test_stage_without_viewing_has_no_wellbeing_callout(member_client):
    response = member_client.get(
        reverse("learning_centre:stage-detail", kwargs={"key": "triage_prioritisation"})
    )
    assert "This stage involves viewing abuse material" not in response.content.decode()


def test_unknown_stage_is_404(member_client):
    url = reverse("learning_centre:stage-detail", kwargs={"key": "no-such-stage"})
    assert member_client.get(url).status_code == 404


def test_resource_list_filters_searches_and_stays_flat(
    member_client, django_assert_max_num_queries
):
    stage = Stage.objects.get(key="victim_identification")
    ResourceFactory.create_batch(20, topic=Resource.Topic.WELLBEING)
    target = ResourceFactory(topic=Resource.Topic.PROCUREMENT, stages=[stage])
    ResourceVersion.objects.filter(resource=target).update(title="Vendor questions")
    url = reverse("learning_centre:resource-list")
    with django_assert_max_num_queries(12):
        response = member_client.get(url)
    assert response.context["page_obj"].paginator.count == 21
    response = member_client.get(url, {"topic": "procurement"})
    assert list(response.context["page_obj"]) == [target]
    response = member_client.get(url, {"stage": stage.key})
    assert list(response.context["page_obj"]) == [target]
    response = member_client.get(url, {"q": "vendor QUESTIONS"})
    assert list(response.context["page_obj"]) == [target]
    response = member_client.get(url, {"q": "nothing-matches-this"})
    assert "No resources match these filters." in response.content.decode()


def test_resource_list_htmx_returns_only_the_results(member_client):
    ResourceFactory()
    response = member_client.get(
        reverse("learning_centre:resource-list"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="resource-results"' in html
    assert "<h1>" not in html


def test_resource_falls_back_to_english_with_a_notice(member_client):
    resource = ResourceFactory()
    url = "/fr" + resource.get_absolute_url()
    response = member_client.get(url)
    html = response.content.decode()
    assert f"Title of {resource.slug}" in html
    assert 'lang="en"' in html
    assert response.context["fallback"] is True
    ResourceVersion.objects.create(
        resource=resource, language="fr", title="Titre", summary="Résumé"
    )
    response = member_client.get(url)
    assert response.context["fallback"] is False
    assert "Titre" in response.content.decode()


def test_resource_body_is_sanitised_on_the_page(member_client):
    resource = ResourceFactory()
    ResourceVersion.objects.filter(resource=resource).update(
        body="<script>alert('x')</script>[x](javascript:alert(1))"
    )
    html = member_client.get(resource.get_absolute_url()).content.decode()
    assert "alert('x')" not in html
    assert "javascript:" not in html


def test_draft_resources_are_hidden_from_members_but_previewable_by_editors(
    member_client, login_as, client
):
    draft = ResourceFactory(is_published=False)
    assert member_client.get(draft.get_absolute_url()).status_code == 404
    login_as("catalogue_editor")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this resource is not published" in response.content.decode()


def test_quiz_submission_shows_feedback_and_completes_the_path(member_client, member):
    path = LearningPathFactory()
    module = ModuleFactory(path=path)
    question, right, wrong = quiz_question(module)
    url = module.get_absolute_url()
    response = member_client.post(url, {f"q{question.pk}": wrong.pk})
    assert "Not quite." in response.content.decode()
    assert "Because." in response.content.decode()
    response = member_client.post(url, {f"q{question.pk}": right.pk})
    html = response.content.decode()
    assert "Correct." in html
    certificate = Certificate.objects.get(user=member, path=path)
    assert certificate.get_absolute_url() in html


def test_tampered_quiz_option_gets_a_clear_error_not_a_500(member_client):
    module = ModuleFactory()
    question, _right, _wrong = quiz_question(module)
    response = member_client.post(
        module.get_absolute_url(), {f"q{question.pk}": 999999}
    )
    assert response.status_code == 200
    assert "Choose one of the answers shown." in response.content.decode()
    response = member_client.post(
        module.get_absolute_url(), {f"q{question.pk}": "not-a-number"}
    )
    assert response.status_code == 200
    assert not ModuleProgress.objects.exists()


def test_posting_to_a_locked_module_is_refused_with_a_message(member_client):
    first = ModuleFactory()
    second = ModuleFactory(path=first.path, requires=first)
    question, right, _ = quiz_question(second)
    response = member_client.post(
        second.get_absolute_url(), {f"q{question.pk}": right.pk}, follow=True
    )
    assert "before starting this module" in response.content.decode()
    assert not ModuleProgress.objects.exists()
    response = member_client.post(
        reverse(
            "learning_centre:module-complete",
            kwargs={"slug": second.path.slug, "pk": second.pk},
        ),
        follow=True,
    )
    assert not ModuleProgress.objects.exists()


def test_module_of_another_path_is_404(member_client):
    module = ModuleFactory()
    other = LearningPathFactory()
    url = reverse(
        "learning_centre:module-detail", kwargs={"slug": other.slug, "pk": module.pk}
    )
    assert member_client.get(url).status_code == 404


def test_certificate_page_is_public_and_unknown_codes_are_404(client, member):
    module = ModuleFactory(path=LearningPathFactory(certificate_valid_days=90))
    certificate = services.module_complete(user=member, module=module)
    assert certificate is not None
    response = client.get(certificate.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert certificate.holder_name in html
    assert module.path.title in html
    assert "This certificate is valid." in html
    url = reverse("learning_centre:certificate-detail", kwargs={"code": "guess"})
    assert client.get(url).status_code == 404


def test_expired_certificate_says_so(client, member):
    from datetime import timedelta

    from django.utils import timezone

    module = ModuleFactory(path=LearningPathFactory(certificate_valid_days=1))
    certificate = services.module_complete(user=member, module=module)
    assert certificate is not None
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "This certificate has expired." in html


def test_path_download_is_one_self_contained_html_attachment(member_client):
    module = ModuleFactory()
    quiz_question(module)
    response = member_client.get(
        reverse("learning_centre:path-download", kwargs={"slug": module.path.slug})
    )
    html = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment;")
    assert module.title in html
    assert "<script" not in html
    assert "<link" not in html
    assert "style=" not in html


def test_readiness_form_saves_and_shows_chart_table_and_history(member_client, member):
    q1 = ReadinessQuestionFactory(dimension="governance")
    q2 = ReadinessQuestionFactory(dimension="data")
    ResourceFactory(readiness_dimension="data", slug="data-help")
    url = reverse("learning_centre:readiness")
    response = member_client.post(url, {f"r{q1.pk}": "4"})
    assert response.status_code == 200
    assert "Answer this statement." in response.content.decode()
    response = member_client.post(url, {f"r{q1.pk}": "4", f"r{q2.pk}": "1"})
    assessment = ReadinessAssessment.objects.get(user=member)
    assert response.url == reverse(
        "learning_centre:readiness-result", kwargs={"pk": assessment.pk}
    )
    html = member_client.get(response.url).content.decode()
    assert "<svg" in html
    assert "<title" in html
    assert "<desc" in html
    assert "<caption>" in html
    assert "data-help" in html  # a recommendation links to the data resource
    history = member_client.get(url).content.decode()
    assert response.url in history


def test_demo_seed_is_idempotent_and_substantial():
    seed(io.StringIO())
    seed(io.StringIO())
    assert selectors.resource_count() >= 24
    assert Resource.objects.filter(topic=Resource.Topic.PROCUREMENT).exists()
    stage = Stage.objects.get(key="media_review")
    assert stage.challenges
    assert stage.translations["ar"]["challenges"]
    assert stage.translations["fr"]["cautions"]
    from learning_centre.models import LearningPath, ReadinessQuestion

    assert LearningPath.objects.count() == 3
    assert LearningPath.objects.filter(translations__has_key="ar").count() >= 1
    assert ReadinessQuestion.objects.values("dimension").distinct().count() == 7
