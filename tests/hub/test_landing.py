import pytest
from django.urls import reverse

from accounts.roles import Role
from hub.selectors import public_figures
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_public_figures_are_counts_only():
    UserFactory.create_batch(2, role=Role.MEMBER)
    UserFactory(role=Role.PROVIDER)
    figures = public_figures()
    assert figures["members"] == 2
    for key in ("countries", "tools", "providers", "resources"):
        assert figures[key] is None or isinstance(figures[key], int)


def test_landing_page_shows_figures(client):
    UserFactory(role=Role.MEMBER)
    body = client.get(reverse("hub:home")).content.decode()
    assert "Vetted members" in body


def test_landing_page_shows_partners_and_past_challenges_without_names(client):
    from community.models import Partner, Submission
    from tests.community.factories import SubmissionFactory, challenge_in_judging

    Partner.objects.create(name="Child Safety Institute", kind="advisory_board")
    challenge = challenge_in_judging(results_summary="Team Blue built a triage aid.")
    challenge.results_published_at = challenge.build_ends_at
    challenge.save()
    SubmissionFactory(team__challenge=challenge)
    draft = challenge_in_judging(title="Unpublished results")
    body = client.get(reverse("hub:home")).content.decode()
    assert "Child Safety Institute" in body
    assert "Team Blue built a triage aid." in body
    assert draft.title not in body
    author = Submission.objects.get().team.created_by
    assert author.email not in body


def test_the_qr_code_links_to_the_apply_page_in_the_visitors_language(client):
    import re

    french = client.get("/fr/").content.decode()
    svg = re.search(r'<svg role="img" aria-label="[^"]*(http[^"]+)"', french)
    assert svg is not None
    assert svg.group(1).endswith("/fr/accounts/signup/")
    assert "<script" not in french.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_poster_page_prints_the_code(client):
    body = client.get(reverse("hub:join-poster")).content.decode()
    assert 'class="qr-code"' in body
    assert "/accounts/signup/" in body
