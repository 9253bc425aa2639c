from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import user_own_name
from community import conf
from community.errors import CommunityError, NotAllowedError, RateLimitedError
from community.models import (
    Block,
    ContactRequest,
    ContactStatus,
    MemberProfile,
    new_calendar_token,
)
from community.selectors import member_may_receive_contact
from core.ratelimit import rate_limit_hit
from outbox.emails import email_enqueue, email_render


def profile_get_or_create(*, user: User) -> MemberProfile:
    profile, _created = MemberProfile.objects.get_or_create(user=user)
    return profile


def profile_name_visibility_set(*, user: User, show_name: bool) -> None:
    """The member's choice to show their name to other members, in every app."""
    if user.show_name != show_name:
        user.show_name = show_name
        user.save(update_fields=["show_name"])


# The settings a member edits (community.forms.ProfileForm), in the form's order.
PROFILE_FIELDS = (
    "listed",
    "agency",
    "show_agency",
    "unit",
    "show_unit",
    "country",
    "show_country",
    "role_title",
    "show_role",
    "expertise",
    "show_expertise",
    "languages",
    "show_languages",
    "contact_details",
)


@transaction.atomic
def profile_update(*, user: User, values: dict[str, Any]) -> MemberProfile:
    """Save the member's community settings (validated ``values``): the profile's
    fields, the time zone once one is chosen (an empty one keeps UTC, not yet
    chosen), and the account's choice to show the name (``show_name``)."""
    profile = profile_get_or_create(user=user)
    for field in PROFILE_FIELDS:
        if field != "expertise":
            setattr(profile, field, values[field])
    if zone := values.get("time_zone"):
        profile.time_zone = zone
        profile.time_zone_chosen = True
    profile.save()
    profile.expertise.set(values["expertise"])
    profile_name_visibility_set(user=user, show_name=values["show_name"])
    return profile


def calendar_token_reset(*, user: User) -> str:
    """A new private feed address; the old one stops working at once."""
    profile = profile_get_or_create(user=user)
    profile.calendar_token = new_calendar_token()
    profile.save(update_fields=["calendar_token"])
    return profile.calendar_token


def calendar_token_revoke(*, user: User) -> None:
    MemberProfile.objects.filter(user=user).update(calendar_token=None)


def _blocked_between(a: User, b: User) -> bool:
    return Block.objects.filter(
        Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)
    ).exists()


@transaction.atomic
def contact_request_send(
    *, sender: User, recipient: User, message: str
) -> ContactRequest:
    if sender.pk == recipient.pk:
        raise NotAllowedError(_("You cannot send a contact request to yourself."))
    limit, seconds = conf.contact_requests_per_window()
    if rate_limit_hit(key=f"contact:{sender.pk}", limit=limit, seconds=seconds):
        raise RateLimitedError(
            _("You have sent many contact requests today. Try again tomorrow.")
        )
    if _blocked_between(sender, recipient) or not member_may_receive_contact(
        user=recipient
    ):
        # The caller only offers listed, unblocked members; say nothing more.
        raise NotAllowedError(_("This request cannot be sent."))
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(
                sender=sender, recipient=recipient, message=message
            )
    except IntegrityError:
        raise CommunityError(
            _("You have already sent this member a contact request.")
        ) from None
    email = email_render(
        template_prefix="community/contact_request",
        context={
            "user_name": user_own_name(recipient),
            "contacts_url": conf.site_url("/community/contacts/"),
        },
        to=[recipient.email],
        language=recipient.language,
    )
    email_enqueue(message=email, dedupe_key=f"community-contact:{request.pk}")
    return request


@transaction.atomic
def contact_request_answer(
    *, user: User, request: ContactRequest, accept: bool
) -> None:
    if request.recipient_id != user.pk:
        raise NotAllowedError(_("This request is not addressed to you."))
    if request.status != ContactStatus.PENDING:
        raise CommunityError(_("You have already answered this request."))
    request.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])


@transaction.atomic
def member_block(*, blocker: User, blocked: User) -> None:
    """They can no longer see each other in the directory or contact each other."""
    if blocker.pk == blocked.pk:
        raise NotAllowedError(_("You cannot block yourself."))
    Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    ContactRequest.objects.filter(
        Q(sender=blocked, recipient=blocker) | Q(sender=blocker, recipient=blocked),
        status=ContactStatus.PENDING,
    ).update(status=ContactStatus.DECLINED, answered_at=timezone.now())


def member_unblock(*, blocker: User, block_id: int) -> None:
    Block.objects.filter(blocker=blocker, pk=block_id).delete()
