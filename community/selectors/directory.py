"""Reads of the member directory and of contacts between members."""

import re

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from accounts.roles import Perm, Role
from accounts.selectors import user_list_with_capability
from community.models import Block, ContactRequest, ContactStatus, MemberProfile
from learning_centre.models import Stage

WILDCARDS = re.compile(r"[%_*?\\]")

# A search term is a word of at least this many letters: one- and two-letter
# words ("e", "an") occur in nearly every name, agency or language, so several
# of them together listed the whole directory, page by page.
MIN_TERM_LENGTH = 3

# A term matches where a word starts: at the start of the field, or after one
# of these (so "mar" finds "Jean-Marc", but "ari" does not find "Maria").
WORD_STARTS = (" ", "-", "/", "(", "'", ".", ",")


def directory_clean_query(query: str) -> str:
    """The query without wildcard characters and surplus spaces."""
    return " ".join(WILDCARDS.sub(" ", query).split())


def directory_query_terms(query: str) -> list[str]:
    """The words of ``query`` that are searched: wildcards removed, and words
    shorter than ``MIN_TERM_LENGTH`` dropped (they would narrow nothing)."""
    return [
        word
        for word in directory_clean_query(query).split()
        if len(word) >= MIN_TERM_LENGTH
    ]


def _word_prefix(field: str, term: str) -> Q:
    condition = Q(**{f"{field}__istartswith": term})
    for start in WORD_STARTS:
        condition |= Q(**{f"{field}__icontains": start + term})
    return condition


def _blocked_ids(user: User) -> QuerySet[Block]:
    return Block.objects.filter(Q(blocker=user) | Q(blocked=user))


def _members_only() -> Q:
    """Profiles of people who hold the member capability now, and are not
    providers: a paused or revoked member, or a provider, is never listed."""
    members = user_list_with_capability(perm=Perm.USE_MEMBER_AREA).filter(
        pk=OuterRef("user")
    )
    providers = User.objects.filter(pk=OuterRef("user"), groups__name=Role.PROVIDER)
    return Q(Exists(members)) & ~Q(Exists(providers))


def directory_profiles(*, viewer: User) -> QuerySet[MemberProfile]:
    """Listed profiles of members the viewer may see (no blocks either way).

    Contact requests go only to these (``directory_profile``), so a member who
    lost the member capability receives none.
    """
    blocked_by = Block.objects.filter(blocker=OuterRef("user"), blocked=viewer)
    blocking = Block.objects.filter(blocker=viewer, blocked=OuterRef("user"))
    return (
        MemberProfile.objects.filter(listed=True)
        .filter(_members_only())
        .exclude(user=viewer)
        .exclude(Exists(blocked_by))
        .exclude(Exists(blocking))
        .select_related("user")
        .prefetch_related("expertise")
    )


def directory_search(
    *, viewer: User, query: str, country: str = "", stage: Stage | None = None
) -> QuerySet[MemberProfile]:
    """Only fields the member chose to show are searched, so nothing hidden leaks.

    Each term (``directory_query_terms``) must start a word of a shown field; a
    query with no term of ``MIN_TERM_LENGTH`` letters finds nobody, whatever
    the caller checked.
    """
    profiles = directory_profiles(viewer=viewer)
    if query:
        terms = directory_query_terms(query)
        if not terms:
            return profiles.none()
        words = Q()
        for term in terms:
            words &= (
                (Q(user__show_name=True) & _word_prefix("user__full_name", term))
                | (Q(show_agency=True) & _word_prefix("agency", term))
                | (Q(show_unit=True) & _word_prefix("unit", term))
                | (Q(show_role=True) & _word_prefix("role_title", term))
                | (Q(show_languages=True) & _word_prefix("languages", term))
            )
        profiles = profiles.filter(words)
    if country:
        profiles = profiles.filter(show_country=True, country=country)
    if stage is not None:
        profiles = profiles.filter(show_expertise=True, expertise=stage)
    # A random order key: sorting by name would place hidden names too.
    return profiles.order_by("public_id").distinct()


def directory_profile(*, viewer: User, public_id: str) -> MemberProfile | None:
    return directory_profiles(viewer=viewer).filter(public_id=public_id).first()


def member_may_receive_contact(*, user: User) -> bool:
    """Whether ``user`` is listed and still a member: no other contact requests."""
    return (
        MemberProfile.objects.filter(user=user, listed=True)
        .filter(_members_only())
        .exists()
    )


def contact_requests_received(*, user: User) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(recipient=user)
        .exclude(Exists(Block.objects.filter(blocker=user, blocked=OuterRef("sender"))))
        .select_related("sender", "sender__community_profile")
    )


def contact_requests_sent(*, user: User) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(sender=user).select_related(
        "recipient", "recipient__community_profile"
    )


def contacts_accepted(*, user: User) -> list[tuple[User, str]]:
    """People who accepted, or whose request was accepted: (user, contact details).

    The details are what they wrote to be shown to contacts; their account's
    email address is not part of them, and their name follows ``User.show_name``.
    """
    requests = (
        ContactRequest.objects.filter(
            Q(sender=user) | Q(recipient=user), status=ContactStatus.ACCEPTED
        )
        .select_related(
            "sender",
            "recipient",
            "sender__community_profile",
            "recipient__community_profile",
        )
        .order_by("-answered_at")
    )
    blocked = set(_blocked_ids(user).values_list("blocker_id", flat=True)) | set(
        _blocked_ids(user).values_list("blocked_id", flat=True)
    )
    people = []
    for request in requests:
        other = request.recipient if request.sender_id == user.pk else request.sender
        if other.pk in blocked or not other.is_active:
            continue
        profile = getattr(other, "community_profile", None)
        people.append((other, profile.contact_details if profile else ""))
    return people


def block_list(*, user: User) -> QuerySet[Block]:
    return Block.objects.filter(blocker=user).select_related("blocked")


def contact_request_received_get(*, user: User, pk: int) -> ContactRequest | None:
    """A contact request sent to ``user``; None for anyone else's."""
    return ContactRequest.objects.filter(pk=pk, recipient=user).first()
