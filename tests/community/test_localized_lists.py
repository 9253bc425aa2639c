"""Lists in the reader's language: countries, language names, time zones."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.timezones import time_zone_choices, time_zone_label, time_zone_names
from tests.community.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def _options(html: str, select_name: str) -> str:
    match = re.search(rf'<select name="{select_name}".*?</select>', html, re.S)
    assert match, select_name
    return match.group(0)


@pytest.mark.parametrize(
    ("prefix", "france", "germany"),
    [
        ("/ar", "فرنسا", "ألمانيا"),
        ("/zh-hans", "法国", "德国"),
        ("/ru", "Франция", "Германия"),
        ("/fr", "France", "Allemagne"),
        ("/es", "Francia", "Alemania"),
        ("", "France", "Germany"),
    ],
)
def test_the_directory_country_filter_is_in_the_readers_language(
    member_client, prefix, france, germany
):
    url = prefix + reverse("community:member-directory")
    countries = _options(member_client.get(url).content.decode(), "country")
    assert f'<option value="FR">{france}</option>' in countries
    assert f'<option value="DE">{germany}</option>' in countries


def test_the_time_zone_picker_is_grouped_by_region_without_legacy_aliases(
    member_client, member
):
    ProfileFactory(user=member, country="AE")
    html = member_client.get("/ar" + reverse("community:profile-edit")).content.decode()
    zones = _options(html, "time_zone")
    groups = re.findall(r'<optgroup label="([^"]+)">', zones)
    assert groups[0] == "بلدك"  # "Your country" first: the member's likely zone
    assert "أوروبا" in groups  # Europe
    assert "أفريقيا" in groups  # Africa
    first = zones.split("<optgroup", 2)[1]
    assert '<option value="Asia/Dubai">دبي (الإمارات العربية المتحدة)</option>' in first
    for alias in ("W-SU", "Zulu", "US/Eastern", "Asia/Calcutta", "Etc/GMT+3"):
        assert f'value="{alias}"' not in zones
    assert 'value="Asia/Kolkata"' in zones
    assert len(re.findall(r"<option ", zones)) < 470


def test_zone_labels_are_city_names_in_each_language():
    expected = {
        "en": "New York (United States)",
        "fr": "New York (États-Unis)",
        "es": "Nueva York (Estados Unidos)",
        "ru": "Нью-Йорк (Соединенные Штаты)",
        "zh-hans": "纽约 (美国)",
    }
    for language, label in expected.items():
        with translation.override(language):
            assert time_zone_label("America/New_York") == label


def test_a_zone_saved_before_is_still_offered_and_selected(member_client, member):
    ProfileFactory(user=member, time_zone="US/Eastern", time_zone_chosen=True)
    html = member_client.get(reverse("community:profile-edit")).content.decode()
    assert '<option value="US/Eastern" selected>US/Eastern</option>' in html


def test_every_offered_zone_is_a_real_zone_and_offered_once():
    with translation.override("en"):
        choices = time_zone_choices(country="US")
    values = []
    for value, label in choices:
        values.extend(v for v, _l in label) if isinstance(
            label, list
        ) else values.append(value)
    assert len(values) == len(set(values)) == len(time_zone_names())
    assert values[0] == "UTC"
    assert choices[1][0] == "Your country"
    assert "America/New_York" in dict(choices[1][1])


@pytest.mark.parametrize(
    ("prefix", "english", "arabic"),
    [("/ru", "Английский", "Арабский"), ("/zh-hans", "英语", "阿拉伯语")],
)
def test_language_names_in_lists_are_in_the_readers_language(
    member_client, prefix, english, arabic
):
    html = member_client.get(f"{prefix}/learn/resources/").content.decode()
    languages = _options(html, "language")
    assert f'<option value="en">{english}</option>' in languages
    assert f'<option value="ar">{arabic}</option>' in languages
