"""The header's links: which areas a user may open decides what they see."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Perm
from accounts.selectors import user_is_applicant


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    perms: tuple[Perm, ...] = ()  # any one of them shows the link


AREAS = (
    NavItem(_("AI tools"), "tools_catalog:tool-list", (Perm.USE_MEMBER_AREA,)),
    NavItem(_("Learning Centre"), "learning_centre:overview", (Perm.USE_MEMBER_AREA,)),
    NavItem(_("Community"), "community:forum-index", (Perm.USE_MEMBER_AREA,)),
    NavItem(
        _("Provider portal"),
        "tools_catalog:provider-portal",
        (Perm.USE_PROVIDER_PORTAL,),
    ),
    NavItem(
        _("Verification queue"), "onboarding:case-list", (Perm.VERIFY_APPLICATIONS,)
    ),
    NavItem(_("Listing reviews"), "tools_catalog:review-queue", (Perm.EDIT_CATALOGUE,)),
    NavItem(_("Moderation"), "community:moderation-queue", (Perm.MODERATE_COMMUNITY,)),
    NavItem(_("Dashboard"), "hub:dashboard", (Perm.VIEW_DASHBOARD,)),
    NavItem(_("Audit log"), "accounts:audit-list", (Perm.VIEW_AUDIT_LOG,)),
    NavItem(
        _("Administration"),
        "admin:index",
        (Perm.MANAGE_ROLES, Perm.EDIT_CATALOGUE, Perm.VERIFY_APPLICATIONS),
    ),
)
APPLICANT_AREAS = (NavItem(_("My application"), "onboarding:application"),)


def nav_items_for(user: User | AnonymousUser) -> tuple[NavItem, ...]:
    if not user.is_authenticated:
        return ()
    if user_is_applicant(user=user):
        return APPLICANT_AREAS
    return tuple(
        item for item in AREAS if any(user.has_perm(perm) for perm in item.perms)
    )
