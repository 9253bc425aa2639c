"""core.translation: the one mechanism for translatable content, its template
pattern and its side-by-side admin form."""

import pytest
from django.forms import ModelForm, modelform_factory
from django.template import Context, Template
from django.utils import translation

from community.models import Category
from core.admin_translations import translation_field_name, translations_form
from core.translation import Localised, localised_html


def _category(**translations: dict[str, str]) -> Category:
    return Category(
        name="Victim identification",
        slug="victim-identification",
        description="Finding the child.",
        translations=translations,
    )


def test_the_reader_gets_their_language_and_english_marked_as_fallback():
    category = _category(ar={"name": "تحديد هوية الضحايا"})
    arabic = category.localised("name", "ar")
    assert arabic == "تحديد هوية الضحايا"
    assert arabic.fallback is False
    chinese = category.localised("name", "zh-hans")
    assert chinese == "Victim identification"
    assert chinese.fallback is True
    english = category.localised("name", "en")
    assert english.fallback is False


def test_a_language_with_some_fields_translated_falls_back_field_by_field():
    category = _category(ar={"name": "تحديد هوية الضحايا"})
    assert category.localised("description", "ar").fallback is True
    assert category.is_shown_in_english("ar") is True
    assert category.is_shown_in_english("en") is False


def test_an_empty_english_field_is_not_a_fallback():
    category = _category()
    category.description = ""
    assert category.localised("description", "fr").fallback is False


def test_the_active_language_is_the_default():
    category = _category(fr={"name": "Identification des victimes"})
    with translation.override("fr"):
        assert category.localised("name") == "Identification des victimes"
        assert category.local_name == "Identification des victimes"


def test_short_text_is_escaped_and_marked_english_with_the_note():
    text = Localised("<b>Tools</b>", fallback=True)
    with translation.override("zh-hans"):
        html = localised_html(text)
    assert '<bdi lang="en" dir="ltr">&lt;b&gt;Tools&lt;/b&gt;</bdi>' in html
    assert 'class="shown-in-english" lang="zh-hans"' in html
    assert "以英文显示" in html
    assert localised_html(Localised("<b>")) == "<bdi>&lt;b&gt;</bdi>"


def test_the_template_pattern_marks_the_english_text_and_adds_one_note():
    template = Template(
        '{% load localised %}<h1>{{ c|translated:"name" }}</h1>'
        '{% with d=c|localised:"description" %}<div{{ d|lang_attrs }}>{{ d }}</div>'
        "{% if d.fallback %}{% shown_in_english_note %}{% endif %}{% endwith %}"
    )
    category = _category(ar={"name": "تحديد هوية الضحايا"})
    with translation.override("ar"):
        html = template.render(Context({"c": category}))
    assert "<h1><bdi>تحديد هوية الضحايا</bdi></h1>" in html
    assert '<div lang="en" dir="ltr">Finding the child.</div>' in html
    assert html.count("shown-in-english") == 1
    assert "معروض بالإنجليزية" in html


FIELDS = ["name", "slug", "kind", "audience", "position", "description"]


def _form_class() -> type:
    """What the admin builds: the model form plus the language boxes."""
    base = translations_form(Category, ModelForm)
    extra = [name for name in base.base_fields if "__" in name]
    return modelform_factory(Category, form=base, fields=FIELDS + extra)


def test_the_admin_form_has_one_box_per_language_per_field_and_writes_json():
    form_class = _form_class()
    names = [translation_field_name("name", code) for code in ("ar", "zh-hans")]
    assert names == ["name__ar", "name__zh_hans"]
    category = _category(ar={"name": "قديم"}, fr={"name": "Identification"})
    form = form_class(instance=category)
    assert form.initial["name__ar"] == "قديم"
    assert form["name__ar"].field.widget.attrs == {
        "lang": "ar",
        "dir": "rtl",
        "maxlength": "120",
    }
    assert "(Chinese)" in str(form["name__zh_hans"].label)


@pytest.mark.django_db
def test_the_admin_form_saves_changed_boxes_and_reports_translations_changed():
    category = _category(ar={"name": "قديم"}, fr={"name": "Identification"})
    category.kind = "stage"
    category.save()
    form_class = _form_class()
    data = {
        "name": category.name,
        "slug": category.slug,
        "kind": "stage",
        "audience": "members",
        "position": 0,
        "description": category.description,
        "name__ar": "تحديد هوية الضحايا",
        "name__zh_hans": "被害人身份识别",
        "name__fr": "",  # emptied: the French name goes
    }
    form = form_class(data, instance=category)
    assert form.is_valid(), form.errors
    assert form.changed_data == ["translations"]
    form.save()
    category.refresh_from_db()
    assert category.translations == {
        "ar": {"name": "تحديد هوية الضحايا"},
        "zh-hans": {"name": "被害人身份识别"},
    }
