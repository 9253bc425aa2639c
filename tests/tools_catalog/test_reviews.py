"""Members' reviews through HTTP: a chosen rating, first reviews waiting for a
moderator, who is shown, plurals and ratings written as each language writes them."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from onboarding.models import Application
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import ApplicationFactory
from tests.tools_catalog.factories import ProviderFactory, ToolFactory, review_published
from tools_catalog import services
from tools_catalog.models import Review

pytestmark = pytest.mark.django_db
QUEUE = "tools_catalog:review-moderation-queue"


def _post_review(client: Client, tool, **data):
    return client.post(reverse("tools_catalog:tool-review", args=[tool.slug]), data)


def _trusted_member() -> object:
    """A member whose earlier review a moderator approved: later ones publish."""
    user = UserFactory(role=Role.MEMBER)
    earlier = services.review_save(
        author=user, tool=ToolFactory(), rating=3, text="Earlier review"
    )
    services.review_approve(actor=UserFactory(role=Role.MODERATOR), review=earlier)
    return user


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- No default rating --------------------------------------------------------


def test_the_review_form_has_no_preselected_rating(member_client):
    tool = ToolFactory()
    html = member_client.get(tool.get_absolute_url()).content.decode()
    form = html[
        html.index(
            'action="' + reverse("tools_catalog:tool-review", args=[tool.slug])
        ) :
    ]
    form = form[: form.index("</form>")]
    ratings = re.findall(r'<input type="radio" name="rating"[^>]*>', form)
    assert len(ratings) == 5
    assert not [r for r in ratings if "checked" in r]
    assert "<select" not in form  # a select shows its first option as chosen
    assert "1 star" in form
    assert "5 stars" in form


def test_a_review_without_a_rating_is_refused_with_a_clear_message_and_kept(
    member_client,
):
    tool = ToolFactory()
    response = _post_review(member_client, tool, text="Words I typed", show_name="on")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a rating from 1 to 5 stars." in html
    assert "Words I typed" in html
    assert not Review.objects.exists()
    tool.refresh_from_db()
    assert tool.rating_count == 0


@pytest.mark.parametrize("rating", ["0", "6", "9", "abc", ""])
def test_a_rating_outside_1_to_5_is_refused_with_the_same_message(
    member_client, rating
):
    tool = ToolFactory()
    response = _post_review(member_client, tool, rating=rating, text="Kept text")
    assert response.status_code == 400
    assert "Choose a rating from 1 to 5 stars." in response.content.decode()
    assert "Kept text" in response.content.decode()
    assert not Review.objects.exists()


# --- A member's first review waits for a moderator ----------------------------


def test_a_first_review_waits_for_a_moderator_then_is_approved_through_the_queue(
    client: Client,
):
    tool = ToolFactory()
    author = UserFactory(role=Role.MEMBER)
    author_client = _client_for(author)
    response = _post_review(author_client, tool, rating="4", text="First words")
    assert response.status_code == 302
    review = Review.objects.get(author=author)
    assert review.pending
    # The author sees it, marked as waiting.
    page = author_client.get(tool.get_absolute_url()).content.decode()
    assert "First words" in page
    assert "Waiting for a moderator" in page
    # Other members and the provider do not; the rating does not count yet.
    other = _client_for(UserFactory(role=Role.MEMBER))
    assert "First words" not in other.get(tool.get_absolute_url()).content.decode()
    tool.refresh_from_db()
    assert tool.rating_count == 0
    rep = UserFactory(role=Role.PROVIDER)
    tool.provider.representatives.add(rep)
    portal = _client_for(rep).get(reverse("tools_catalog:provider-portal"))
    assert "First words" not in portal.content.decode()

    # The moderators' queue lists it with approve and hide.
    moderator = UserFactory(role=Role.MODERATOR)
    client.force_login(moderator)
    queue = client.get(reverse(QUEUE)).content.decode()
    assert "First words" in queue
    assert 'value="approve"' in queue
    assert 'value="hide"' in queue
    response = client.post(
        reverse("tools_catalog:review-moderate", args=[review.pk]),
        {"action": "approve", "next": "queue"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(QUEUE)
    review.refresh_from_db()
    assert not review.pending
    assert not review.hidden
    event = AuditEvent.objects.get(action="tool_review_approved")
    assert event.actor == moderator
    assert event.before == {"pending": True}
    assert event.after == {"pending": False}
    assert "First words" in other.get(tool.get_absolute_url()).content.decode()
    tool.refresh_from_db()
    assert (tool.rating_count, tool.rating_average) == (1, 4)
    assert "First words" not in client.get(reverse(QUEUE)).content.decode()
    # Approving twice is a message, not a second audit row.
    again = client.post(
        reverse("tools_catalog:review-moderate", args=[review.pk]),
        {"action": "approve", "next": "queue"},
        follow=True,
    )
    assert "This review is not waiting for a moderator." in again.content.decode()
    assert AuditEvent.objects.filter(action="tool_review_approved").count() == 1


def test_a_moderator_hides_a_waiting_first_review_from_the_queue(client: Client):
    tool = ToolFactory()
    author = UserFactory(role=Role.MEMBER)
    _post_review(_client_for(author), tool, rating="1", text="Spam spam")
    review = Review.objects.get(author=author)
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    response = client.post(
        reverse("tools_catalog:review-moderate", args=[review.pk]),
        {"action": "hide", "next": "queue"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.hidden
    assert not review.pending
    event = AuditEvent.objects.get(action="tool_review_hidden")
    assert event.before == {"hidden": False, "pending": True}
    assert event.after == {"hidden": True, "pending": False}
    other = _client_for(UserFactory(role=Role.MEMBER))
    assert "Spam spam" not in other.get(tool.get_absolute_url()).content.decode()
    tool.refresh_from_db()
    assert tool.rating_count == 0
    # A rejected first review earns no trust: the next one waits too.
    services.review_save(author=author, tool=ToolFactory(), rating=5, text="Next")
    assert Review.objects.get(author=author, text="Next").pending


def test_later_reviews_publish_at_once_and_can_still_be_hidden(client: Client):
    tool = ToolFactory()
    author = _trusted_member()
    response = _post_review(_client_for(author), tool, rating="5", text="Second one")
    assert response.status_code == 302
    review = Review.objects.get(author=author, tool=tool)
    assert not review.pending
    other = _client_for(UserFactory(role=Role.MEMBER))
    assert "Second one" in other.get(tool.get_absolute_url()).content.decode()
    client.force_login(UserFactory(role=Role.MODERATOR))
    assert "Second one" not in client.get(reverse(QUEUE)).content.decode()
    client.post(
        reverse("tools_catalog:review-moderate", args=[review.pk]), {"action": "hide"}
    )
    review.refresh_from_db()
    assert review.hidden
    assert "Second one" not in other.get(tool.get_absolute_url()).content.decode()


def test_editing_a_waiting_review_keeps_it_waiting(member_client, member):
    tool = ToolFactory()
    _post_review(member_client, tool, rating="2", text="Draft thoughts")
    _post_review(member_client, tool, rating="3", text="Better thoughts")
    review = Review.objects.get(author=member)
    assert review.pending
    assert review.rating == 3
    # The edit form shows the member's own choice, which they made.
    html = member_client.get(tool.get_absolute_url()).content.decode()
    assert re.search(r'<input type="radio" name="rating" value="3"[^>]*checked', html)


@pytest.mark.parametrize("persona", [Role.MEMBER, Role.PROVIDER, Role.VERIFIER])
def test_only_moderators_and_editors_open_the_review_queue(client: Client, persona):
    ToolFactory()
    client.force_login(UserFactory(role=persona))
    assert client.get(reverse(QUEUE)).status_code == 403


def test_a_member_cannot_approve_their_own_waiting_review(member_client, member):
    tool = ToolFactory()
    _post_review(member_client, tool, rating="5", text="Self-promotion")
    review = Review.objects.get(author=member)
    response = member_client.post(
        reverse("tools_catalog:review-moderate", args=[review.pk]),
        {"action": "approve"},
    )
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.pending


# --- Who wrote it --------------------------------------------------------------


def test_reviews_show_agency_type_and_country_name_only_when_chosen(client: Client):
    tool = ToolFactory()
    shown = _trusted_member()
    shown.full_name = "Nadia Shown"
    shown.show_name = True  # the account lets others see the name
    shown.save()
    ApplicationFactory(
        user=shown,
        status=Application.Status.APPROVED,
        agency_type=Application.AgencyType.PROSECUTION,
        country="PT",
    )
    hidden = _trusted_member()
    hidden.full_name = "Hugo Hidden"
    hidden.save()
    ApplicationFactory(user=hidden, status=Application.Status.APPROVED, country="FR")
    _post_review(_client_for(shown), tool, rating="5", text="A", show_name="on")
    _post_review(_client_for(hidden), tool, rating="4", text="B")
    page = _client_for(UserFactory(role=Role.MEMBER)).get(tool.get_absolute_url())
    html = page.content.decode()
    assert "Nadia Shown" in html
    assert "Prosecution, Portugal" in html
    assert "Hugo Hidden" not in html
    assert "Police, France" in html
    # In French, the agency type and country are French too.
    french = _client_for(UserFactory(role=Role.MEMBER)).get(
        "/fr" + tool.get_absolute_url()
    )
    assert "Ministère public, Portugal" in french.content.decode()
    # The provider sees neither the name nor the agency type.
    rep = UserFactory(role=Role.PROVIDER)
    tool.provider.representatives.add(rep)
    portal = _client_for(rep).get(reverse("tools_catalog:provider-portal"))
    assert "Nadia Shown" not in portal.content.decode()
    assert "Prosecution" not in portal.content.decode()


def test_the_form_tells_the_member_what_others_will_see(member_client, member):
    member.show_name = True
    member.save(update_fields=["show_name"])
    html = member_client.get(ToolFactory().get_absolute_url()).content.decode()
    assert "Members see your agency type and country with your review" in html


# --- Plurals and numbers as each language writes them --------------------------


def _rated(tool, *ratings):
    for rating in ratings:
        services.review_save(
            author=_trusted_member(), tool=tool, rating=rating, text="Review"
        )
    tool.refresh_from_db()


def test_one_review_is_singular_and_two_are_plural(member_client):
    one = ToolFactory()
    _rated(one, 4)
    html = member_client.get(one.get_absolute_url()).content.decode()
    assert "4.0 out of 5 (1 review)" in html
    assert "(1 reviews)" not in html
    two = ToolFactory()
    _rated(two, 4, 5)
    html = member_client.get(two.get_absolute_url()).content.decode()
    assert "4.5 out of 5 (2 reviews)" in html


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("/fr", ["4,0 sur 5 (1 avis)", "4 sur 5"]),
        ("/es", ["4,0 de 5 (1 reseña)", "4 de 5"]),
        ("/ru", ["4,0 из 5 (1 отзыв)"]),
        ("/ar", ["4,0 من 5"]),
    ],
)
def test_ratings_are_written_as_the_language_writes_them(
    member_client, prefix, expected
):
    tool = ToolFactory()
    _rated(tool, 4)
    html = member_client.get(prefix + tool.get_absolute_url()).content.decode()
    for text in expected:
        assert text in html
    assert "4.00" not in html


def test_russian_and_arabic_use_their_plural_forms(member_client):
    tool = ToolFactory()
    _rated(tool, 4, 4, 4)
    url = tool.get_absolute_url()  # in English: unprefixed
    ru = member_client.get("/ru" + url).content.decode()
    assert "4,0 из 5 (3 отзыва)" in ru
    ar = member_client.get("/ar" + url).content.decode()
    assert "4,0 من 5 (3 مراجعات)" in ar


def test_the_provider_portal_writes_ratings_with_plurals(client: Client):
    rep = UserFactory(role=Role.PROVIDER)
    tool = ToolFactory(provider=ProviderFactory(representatives=[rep]))
    _rated(tool, 3)
    client.force_login(rep)
    html = client.get("/fr" + reverse("tools_catalog:provider-portal")).content.decode()
    assert "3,0 sur 5 (1 avis)" in html
    assert "3.00" not in html


def test_the_browse_card_rating_has_a_plural(member_client):
    tool = ToolFactory(name="Finder")
    _rated(tool, 4)
    html = member_client.get(reverse("tools_catalog:tool-list")).content.decode()
    assert "4.0 out of 5 (1 review)" in html
    assert "(1 reviews)" not in html


def test_the_demo_member_was_vetted_so_their_reviews_show_agency_and_country():
    """Demo accounts are made with their role directly; the demo member also
    gets an approved application, as every real member has."""
    from onboarding import demo as onboarding_demo

    demo_member = UserFactory(role=Role.MEMBER, email="member@hub.example")
    made = onboarding_demo._seed_demo_member_application(
        UserFactory(role=Role.VERIFIER)
    )
    assert made == 1
    tool = ToolFactory()
    review_published(author=demo_member, tool=tool, rating=4, text="Demo words")
    html = _client_for(UserFactory(role=Role.MEMBER)).get(tool.get_absolute_url())
    assert "Police, Germany" in html.content.decode()
    # Seeding again adds nothing.
    assert onboarding_demo._seed_demo_member_application(UserFactory()) == 0


def _show_name_box(html: str) -> str:
    return re.search(r'<input type="checkbox" name="show_name"[^>]*>', html).group(0)


def test_the_name_box_follows_the_members_directory_choice_and_starts_unticked(
    member_client, member
):
    from community.models import MemberProfile

    tool = ToolFactory()
    html = member_client.get(tool.get_absolute_url()).content.decode()
    # The account hides the name: no review may show it, so no box is offered.
    assert 'name="show_name"' not in html
    # Shows their name to other members: offered ticked.
    MemberProfile.objects.create(user=member, listed=True)
    member.show_name = True
    member.save(update_fields=["show_name"])
    html = member_client.get(tool.get_absolute_url()).content.decode()
    assert "checked" in _show_name_box(html)
    # Unticking it keeps the name off this review.
    _post_review(member_client, tool, rating="4", text="Quiet")
    assert not Review.objects.get(author=member).show_name


def test_hiding_the_name_on_the_account_hides_it_on_earlier_reviews(client: Client):
    """Found by the red team: a review written while the name was shown kept
    showing it after the member hid their name."""
    author = _trusted_member()
    author.full_name = "Maria Member"
    author.show_name = True
    author.save()
    tool = ToolFactory()
    _post_review(_client_for(author), tool, rating="5", text="Good", show_name="on")
    reader = _client_for(UserFactory(role=Role.MEMBER))
    assert "Maria Member" in reader.get(tool.get_absolute_url()).content.decode()
    author.show_name = False
    author.save(update_fields=["show_name"])
    assert "Maria Member" not in reader.get(tool.get_absolute_url()).content.decode()
