"""Text people typed, in places where <bdi> cannot go or is not enough: the
label of every <option>, and a facet's label beside its count.

An unterminated right-to-left override (U+202E) reverses what follows it: a
term's count "(2)" becomes "(2)" read backwards, a verifier's email in the bulk
"Verifier" dropdown reads backwards. Option labels lose every direction control
at render (templates/django/forms/widgets/select_option.html and
input_option.html, ``|bidi_strip``); a facet's term name loses them too and is
isolated from its count.
"""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import SubmittedApplicationFactory
from tests.tools_catalog.factories import ToolFactory
from tools_catalog.models import Capability

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def test_a_facet_label_cannot_reverse_its_count(member_client):
    term = Capability.objects.create(
        name=f"Hash{RLO} lists", slug="hash-lists", group="hashing"
    )
    ToolFactory(name="Finder", capabilities=[term], summary=f"Finds{RLO} things")
    ToolFactory(name="Other", capabilities=[term])
    page = member_client.get("/ar/tools/").content.decode()
    assert RLO not in page.split('id="tool-results"')[0]
    assert "<bdi>Hash lists</bdi> (2)" in page


def test_a_tool_card_summary_is_isolated(member_client):
    ToolFactory(name="Finder", summary=f"Finds{RLO} things")
    page = member_client.get("/ar/tools/").content.decode()
    summary = re.search(r"<bdi[^>]*>Finds\u202e things</bdi>", page)
    assert summary, "the summary is not isolated from the rest of the card"


def test_a_verifier_name_in_the_bulk_dropdown_has_no_direction_controls(
    client,
):
    verifier = UserFactory(role=Role.VERIFIER)
    UserFactory(role=Role.VERIFIER, full_name=f"Eve{RLO}evil", email="eve@example.org")
    SubmittedApplicationFactory()
    client.force_login(verifier)
    page = client.get(reverse("onboarding:case-list")).content.decode()
    select = re.search(
        r'<select name="assignee"[^>]*id="bulk-assignee".*?</select>', page, re.S
    )
    assert select, "no bulk Verifier dropdown"
    assert "Eveevil &lt;eve@example.org&gt;" in select.group(0)
    assert RLO not in select.group(0)


def test_every_option_label_loses_its_direction_controls():
    from django import forms

    class Sample(forms.Form):
        one = forms.ChoiceField(choices=[("a", f"Ali{RLO}ce <a@example.org>")])
        many = forms.MultipleChoiceField(
            choices=[("b", f"Bob{RLO}")], widget=forms.CheckboxSelectMultiple
        )

    html = str(Sample())
    assert RLO not in html
    assert "Alice &lt;a@example.org&gt;" in html
    assert "Bob" in html
