"""Time zone setting: defaults from the browser only as an enhancement."""

import re

import pytest
from django.urls import reverse

from community.models import MemberProfile
from tests.community.factories import ProfileFactory

pytestmark = pytest.mark.django_db

URL = "community:profile-edit"


def test_settings_page_loads_community_js_deferred_without_inline_script(
    member_client,
):
    body = member_client.get(reverse(URL)).content.decode()
    assert re.search(r'<script src="[^"]*js/community\.js" defer></script>', body)
    assert 'data-browser-time-zone="suggest"' in body
    main = body.split("<main", 1)[1]
    assert "<script" not in main


def test_unchosen_time_zone_starts_on_not_chosen(member_client, member):
    body = member_client.get(reverse(URL)).content.decode()
    assert re.search(r'<option value="" selected>Not chosen yet', body)
    assert 'id="time-zone-suggested"' in body
    assert re.search(r'id="time-zone-suggested"[^>]*hidden', body)


def test_saving_without_a_zone_keeps_utc_unchosen(member_client, member):
    response = member_client.post(reverse(URL), {"time_zone": ""})
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert (profile.time_zone, profile.time_zone_chosen) == ("UTC", False)


def test_saving_a_zone_marks_it_chosen_and_preselects_it(member_client, member):
    response = member_client.post(reverse(URL), {"time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert (profile.time_zone, profile.time_zone_chosen) == ("Asia/Tokyo", True)
    body = member_client.get(reverse(URL)).content.decode()
    assert '<option value="Asia/Tokyo" selected>' in body
    assert "Not chosen yet" not in body


def test_chosen_zone_cannot_be_blanked_or_invalid(member_client, member):
    ProfileFactory(user=member, time_zone="Europe/Paris", time_zone_chosen=True)
    for value in ("", "Mars/Olympus"):
        response = member_client.post(reverse(URL), {"time_zone": value})
        assert response.status_code == 200
        assert response.context["form"].errors["time_zone"]
    assert MemberProfile.objects.get(user=member).time_zone == "Europe/Paris"
