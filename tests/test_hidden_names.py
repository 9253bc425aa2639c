"""A member who hides their name is never named to another member or a provider.

One member hides their name and leaves traces everywhere (a topic, a reply, an
RSVP, contact requests sent, received and accepted, a block, a review, a
question); a second member, then a provider, opens every page of the
authorization matrix they may open, pointed at those traces, and the hidden
name and email address appear on none of them, nor in the emails they get.
"""

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from community.services import directory, events, forums
from tests.access_statuses import OK
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
    EventFactory,
    ProfileFactory,
    SubmissionFactory,
    TeamFactory,
    challenge_in_judging,
)
from tests.conftest import PERSONAS
from tests.test_access import MATRIX, url_for
from tests.tools_catalog.factories import ProviderFactory, ToolFactory
from tools_catalog import services as catalogue

pytestmark = pytest.mark.django_db

HIDDEN_NAME = "Zebulon Quartermaine"
HIDDEN_EMAIL = "zq.hidden@secret-agency.example"
SECRETS = (HIDDEN_NAME, "Quartermaine", HIDDEN_EMAIL, "zq.hidden")


@pytest.fixture
def traces(django_capture_on_commit_callbacks) -> dict[str, Any]:
    """Everything the hidden-name member leaves behind, and who sees it."""
    cache.clear()  # posting and contact rate limits
    hidden = UserFactory(
        role=Role.MEMBER, full_name=HIDDEN_NAME, email=HIDDEN_EMAIL, show_name=False
    )
    profile = ProfileFactory(
        user=hidden,
        listed=True,
        agency="Harbour Police",
        show_agency=True,
        contact_details="Ask for the duty desk.",
    )
    viewer = UserFactory(role=Role.MEMBER)
    ProfileFactory(user=viewer, listed=True)
    provider = UserFactory(role=Role.PROVIDER)

    category = CategoryFactory()
    topic = forums.topic_create(
        author=hidden,
        category=category,
        title="Triage of seized phones",
        body="How do you rank devices?",
        sensitivity="green",
    )
    others = forums.topic_create(
        author=viewer,
        category=category,
        title="Cloud warrants",
        body="Any tips?",
        sensitivity="green",
    )
    reply = forums.post_reply(author=hidden, topic=others, body="We ask early.")
    event = EventFactory()
    events.event_rsvp(user=hidden, event=event)
    tool = ToolFactory(provider=ProviderFactory(representatives=[provider]))
    catalogue.review_save(
        author=hidden, tool=tool, rating=4, text="Fast triage.", show_name=False
    )
    catalogue.question_ask(author=hidden, tool=tool, text="Does it run offline?")
    with django_capture_on_commit_callbacks(execute=True):
        received = directory.contact_request_send(
            sender=hidden, recipient=viewer, message="Hello from the harbour."
        )
        accepted = directory.contact_request_send(
            sender=viewer, recipient=hidden, message="Hello back."
        )
    directory.contact_request_answer(user=hidden, request=accepted, accept=True)
    # A challenge: the hidden member's team (with the provider) wins with a
    # submission that improves the provider's tool; results are published.
    challenge = challenge_in_judging()
    team = TeamFactory(challenge=challenge, created_by=hidden, members=[provider])
    SubmissionFactory(team=team, tool=tool, rank=1)
    challenge.results_published_at = challenge.build_ends_at
    challenge.results_summary = "The harbour team won."
    challenge.save()
    return {
        "hidden": hidden,
        "viewer": viewer,
        "provider": provider,
        "received": received,
        "kwargs": {
            "community:category-detail": {"slug": category.slug},
            "community:topic-create": {"slug": category.slug},
            "community:topic-detail": {"pk": topic.pk},
            "community:topic-reply": {"pk": others.pk},
            "community:post-flag": {"pk": reply.pk},
            "community:member-detail": {"public_id": profile.public_id},
            "community:contact-request": {"public_id": profile.public_id},
            "community:event-detail": {"slug": event.slug},
            "community:event-ics": {"slug": event.slug},
            "tools_catalog:tool-detail": {"slug": tool.slug},
            "community:challenge-detail": {"slug": challenge.slug},
            "community:team-detail": {"pk": team.pk},
        },
        "query": {
            "community:forum-search": "?q=triage",
            "community:member-directory": "?q=harbour",
        },
    }


def _pages(persona: str, traces: dict[str, Any], user: User) -> list[str]:
    column = PERSONAS.index(persona)
    urls = []
    for name, row in MATRIX.items():
        if row[column] != OK:
            continue
        kwargs = traces["kwargs"].get(name)
        url = reverse(name, kwargs=kwargs) if kwargs else url_for(name, user)
        urls.append(url + traces["query"].get(name, ""))
    return urls


def _leaks(client: Client, urls: list[str]) -> list[str]:
    leaks = []
    for url in urls:
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        text = body.decode(errors="replace")
        leaks += [f"{url}: {s!r}" for s in SECRETS if s.lower() in text.lower()]
    return leaks


@pytest.mark.parametrize("persona", [Role.MEMBER, Role.PROVIDER])
def test_hidden_name_appears_on_no_page_another_person_opens(
    client: Client, traces, persona
):
    user = traces["viewer"] if persona == Role.MEMBER else traces["provider"]
    client.force_login(user)
    urls = _pages(persona, traces, user)
    assert len(urls) > 10
    leaks = _leaks(client, urls)
    assert not leaks, "the hidden name leaked:\n" + "\n".join(leaks)


def test_hidden_name_appears_nowhere_after_a_block(client: Client, traces):
    """The list of members one blocked names them by their public name too."""
    viewer = traces["viewer"]
    directory.member_block(blocker=viewer, blocked=traces["hidden"])
    client.force_login(viewer)
    leaks = _leaks(client, [reverse("community:contact-list")])
    assert not leaks, "the hidden name leaked:\n" + "\n".join(leaks)


def test_hidden_name_is_in_no_email_to_another_member(traces):
    to_others = [m for m in mail.outbox if HIDDEN_EMAIL not in m.to]
    assert to_others, "the contact request should have emailed the viewer"
    for message in to_others:
        text = message.subject + message.body
        text += "".join(
            str(body) for body, _type in getattr(message, "alternatives", [])
        )
        for secret in SECRETS:
            assert secret not in text


def test_a_member_who_shows_their_name_is_named(client: Client, traces):
    hidden = traces["hidden"]
    hidden.show_name = True
    hidden.save(update_fields=["show_name"])
    client.force_login(traces["viewer"])
    body = client.get(reverse("community:contact-list")).content.decode()
    assert HIDDEN_NAME in body
    # The account's email address is never shown; the chosen details are.
    assert HIDDEN_EMAIL not in body
    assert "Ask for the duty desk." in body


def test_a_provider_team_mate_sees_only_the_pseudonym(client: Client, traces):
    provider = traces["provider"]
    client.force_login(provider)
    team_url = reverse(
        "community:team-detail", kwargs=traces["kwargs"]["community:team-detail"]
    )
    response = client.get(team_url)
    assert response.status_code == OK
    assert str(traces["hidden"]) in response.content.decode()
    leaks = _leaks(client, [team_url, reverse("tools_catalog:provider-portal")])
    assert not leaks, "the hidden name leaked:\n" + "\n".join(leaks)
