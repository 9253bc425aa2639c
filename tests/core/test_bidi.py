"""Names and titles cannot carry bidi controls, and are isolated where shown.

An override (U+202E) makes "Triage\u202etxt.exe" read as "Triageexe.txt"; an
unterminated embedding reorders the text after it. Every form field for a name or
a title drops them (core.forms.TextLineField), and pages wrap such text in <bdi>.
"""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from community.models import Event, MemberProfile, Topic
from core.text import bidi_controls_strip
from onboarding.models import Application
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, EventFactory
from tools_catalog.models import Shortlist

pytestmark = pytest.mark.django_db

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
SPOOF = "Triage\u202etxt.exe\u2066 تحقيق\u200f"


def _clean(text: str) -> bool:
    return not any(char in CONTROLS for char in text)


def test_strip_removes_every_control_and_keeps_the_text():
    assert bidi_controls_strip(f"a{CONTROLS}b تحقيق") == "ab تحقيق"


def test_topic_title_is_stored_without_controls(member_client):
    cache.clear()
    category = CategoryFactory()
    response = member_client.post(
        reverse("community:topic-create", kwargs={"slug": category.slug}),
        {"title": SPOOF, "sensitivity": "green", "body": "Text"},
    )
    assert response.status_code == 302
    title = Topic.objects.get().title
    assert _clean(title)
    assert title == "Triagetxt.exe تحقيق"


def test_a_title_of_controls_only_is_refused(member_client):
    category = CategoryFactory()
    response = member_client.post(
        reverse("community:topic-create", kwargs={"slug": category.slug}),
        {"title": "\u202e\u202e", "sensitivity": "green", "body": "Text"},
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not Topic.objects.exists()


def test_event_title_is_stored_without_controls(client):
    client.force_login(UserFactory(role=Role.MODERATOR))
    response = client.post(
        reverse("community:event-create"),
        {
            "title": SPOOF,
            "slug": "spoof",
            "kind": "webinar",
            "description": "About",
            "time_zone": "UTC",
            "starts_local": "2031-01-01T10:00",
            "ends_local": "2031-01-01T11:00",
            "capacity": 10,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert _clean(Event.objects.get(slug="spoof").title)


def test_profile_fields_are_stored_without_controls(member_client, member):
    response = member_client.post(
        reverse("community:profile-edit"),
        {
            "listed": "on",
            "show_name": "on",
            "agency": SPOOF,
            "unit": SPOOF,
            "role_title": SPOOF,
            "languages": SPOOF,
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    for value in (profile.agency, profile.unit, profile.role_title, profile.languages):
        assert _clean(value)
    member.refresh_from_db()
    assert member.show_name is True


def test_shortlist_name_is_stored_without_controls(member_client):
    response = member_client.post(
        reverse("tools_catalog:shortlist-list"), {"name": SPOOF}
    )
    assert response.status_code == 302
    assert _clean(Shortlist.objects.get().name)


def test_application_names_are_stored_without_controls(client):
    applicant = UserFactory()
    client.force_login(applicant)
    response = client.post(
        reverse("onboarding:application"),
        {
            "full_name": SPOOF,
            "agency_name": SPOOF,
            "supervisor_name": SPOOF,
            "job_title": SPOOF,
            "unit": SPOOF,
            "action": "save",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(user=applicant)
    for value in (
        application.full_name,
        application.agency_name,
        application.supervisor_name,
        application.job_title,
        application.unit,
    ):
        assert _clean(value)


def test_names_and_titles_are_isolated_on_pages(member_client):
    author = UserFactory(role=Role.MEMBER, full_name="سارة", show_name=True)
    category = CategoryFactory(name="فئة")
    from community.services.forums import topic_create

    cache.clear()
    topic = topic_create(
        author=author,
        category=category,
        title="تحقيق 2024",
        body="Text",
        sensitivity="green",
    )
    body = member_client.get(topic.get_absolute_url()).content.decode()
    assert "<h1><bdi>تحقيق 2024</bdi></h1>" in body
    assert "<bdi>سارة</bdi>" in body
    listing = member_client.get(category.get_absolute_url()).content.decode()
    assert "<bdi>تحقيق 2024</bdi>" in listing
    event = EventFactory(title="ندوة")
    events = member_client.get(reverse("community:event-list")).content.decode()
    assert f'<a href="{event.get_absolute_url()}"><bdi>ندوة</bdi></a>' in events


def test_bidi_filter_escapes():
    rendered = Template("{{ value|bidi }}").render(Context({"value": "<b>x</b>"}))
    assert rendered == "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>"
    assert Template("{{ value|bidi }}").render(Context({"value": ""})) == ""


def test_display_name_filter_is_isolated_and_private():
    user = User(pk=7, full_name="<Sam>", email="sam@x.example", show_name=False)
    out = Template("{{ user|display_name }}").render(Context({"user": user}))
    assert out.startswith("<bdi>Member ")
    assert "Sam" not in out
    assert "sam@" not in out
    user.show_name = True
    out = Template("{{ user|display_name }}").render(Context({"user": user}))
    assert out == "<bdi>&lt;Sam&gt;</bdi>"


# --- invisible characters and post bodies (found by the red team) ------------------
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u2028\u2029"


def test_a_title_of_invisible_characters_only_is_refused_and_they_are_dropped(
    member_client,
):
    category = CategoryFactory()
    url = reverse("community:topic-create", kwargs={"slug": category.slug})
    response = member_client.post(
        url, {"title": INVISIBLE, "sensitivity": "green", "body": "Text"}
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    response = member_client.post(
        url,
        {"title": f"Tri{INVISIBLE}age", "sensitivity": "green", "body": "Text"},
    )
    assert response.status_code == 302
    assert Topic.objects.get().title == "Triage"


def test_a_post_body_cannot_reverse_the_text_after_an_override():
    from core.markdown import markdown_render

    html = markdown_render(
        "See [report](https://hub.example/\u202efdp.exe) \u2067now",
        from_members=True,
    )
    assert _clean(html)
    assert "https://hub.example/fdp.exe" in html


def test_a_one_line_field_keeps_its_text_on_one_line():
    from core.forms import TextLineField

    field = TextLineField()
    assert field.clean("Safeguarding\r\nday\tone\x0b") == "Safeguarding day one"
