"""The design system's building blocks: icons, monograms, selects."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString

from core.templatetags.ui import monogram_colour, monogram_initials

SPRITE = Path(settings.BASE_DIR) / "static" / "icons" / "sprite.svg"


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_icon_uses_the_vendored_sprite_and_is_hidden_without_a_label():
    html = render('{% icon "search" %}')
    assert '<use href="/static/icons/sprite.svg#search">' in html
    assert 'aria-hidden="true"' in html


def test_icon_with_a_label_is_named_for_screen_readers():
    html = render('{% icon "search" label="Find" %}')
    assert 'role="img"' in html
    assert 'aria-label="Find"' in html
    assert "aria-hidden" not in html


def test_every_icon_the_templates_use_is_in_the_sprite():
    import re

    sprite = SPRITE.read_text()
    used = set()
    for template in Path(settings.BASE_DIR).glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        used |= set(re.findall(r'{%\s*icon\s+"([a-z0-9-]+)"', template.read_text()))
    assert used, "no {% icon %} found: the pattern is wrong"
    missing = sorted(name for name in used if f'<symbol id="{name}"' not in sprite)
    assert not missing, f"add to static/icons/icons.txt and run make icons: {missing}"


def test_the_sprite_carries_its_licence():
    assert (SPRITE.parent / "LICENSE-lucide.txt").read_text().startswith("ISC License")
    assert "lucide-static" in SPRITE.read_text()


def test_monogram_initials():
    assert monogram_initials("Amina Rahman") == "AR"
    assert monogram_initials("Amina  Bint Rahman") == "AR"
    assert monogram_initials("unesco") == "U"
    assert monogram_initials("فاطمة الزهراء") == "فا"
    assert monogram_initials("李 小龙") == "李小"
    assert monogram_initials("") == "?"
    assert monogram_initials("(ACME) Tools") == "AT"
    assert monogram_initials("— · —") == "?"


def test_monogram_colour_is_deterministic_and_varies():
    assert monogram_colour("Amina Rahman") == monogram_colour(" amina rahman ")
    colours = {monogram_colour(f"Person {n}") for n in range(40)}
    assert len(colours) > 4


def test_monogram_tag_hides_the_initials_from_screen_readers():
    html = render("{% monogram name %}", name="Amina Rahman")
    assert 'aria-hidden="true"' in html
    assert ">AR</span>" in html
    assert f"monogram--{monogram_colour('Amina Rahman')}" in html


class _Form(forms.Form):
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    tags = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.SelectMultiple(attrs={"class": "wide"})
    )


def test_form_selects_get_the_select_class_and_no_dashes():
    with translation.override("fr"):
        html = str(_Form())
    assert "---------" not in html
    assert "Choisir…" in html
    assert 'class="select"' in html
    assert 'class="select wide"' in html
    assert html.count("class=") == html.count('class="select')


def test_monogram_of_an_isolated_name_ignores_the_markup():
    html = render("{% monogram name %}", name=SafeString("<bdi>Amina Rahman</bdi>"))
    assert ">AR</span>" in html
