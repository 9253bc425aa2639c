"""Rejection reasons and needs-info templates: verifiers on /ar/ pick from
titles in their language, and the demo data has them in every language."""

import pytest
from django.utils import translation

from core.translation import target_languages
from onboarding.demo import demo_data
from onboarding.forms import RejectForm, RequestInfoForm
from onboarding.models import InfoRequestTemplate, RejectionReason

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "form", "field"),
    [
        (RejectionReason, RejectForm, "reason"),
        (InfoRequestTemplate, RequestInfoForm, "template"),
    ],
)
def test_verifiers_choose_from_titles_in_their_language(model, form, field):
    model.objects.create(
        title="Wrong unit",
        text="x",
        translations={"ar": {"title": "وحدة خاطئة", "text": "س"}},
    )
    model.objects.create(title="Untranslated", text="y")
    with translation.override("ar"):
        labels = [str(label) for _value, label in form().fields[field].choices]
    assert "وحدة خاطئة" in labels
    assert "Wrong unit" not in labels
    assert "Untranslated" in labels  # English is the fallback
    with translation.override("en"):
        labels = [str(label) for _value, label in form().fields[field].choices]
    assert "Wrong unit" in labels


@pytest.mark.parametrize("model", [RejectionReason, InfoRequestTemplate])
def test_titles_are_translatable(model):
    assert "title" in model.translated_fields


@pytest.mark.parametrize("key", ["rejection_reasons", "info_request_templates"])
def test_demo_titles_and_texts_are_in_every_language(key):
    for row in demo_data()[key]:
        for language in target_languages():
            values = row["translations"][language]
            assert values.get("title"), (row["title"], language)
            assert values.get("text"), (row["title"], language)
