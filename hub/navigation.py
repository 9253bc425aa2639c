"""The header's links: which areas a user may open decides what they see."""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import ROLE_CAPABILITIES, Perm, Role
from accounts.selectors import user_roles


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    perms: tuple[Perm, ...] = ()  # any one of them shows the link
    staff: bool = False  # in the staff navigation, below the header's main links


AREAS = (
    NavItem(_("AI tools"), "tools_catalog:tool-list", (Perm.USE_MEMBER_AREA,)),
    NavItem(_("Learning Centre"), "learning_centre:overview", (Perm.USE_MEMBER_AREA,)),
    NavItem(_("Community"), "community:forum-index", (Perm.USE_MEMBER_AREA,)),
    NavItem(
        _("Provider portal"),
        "tools_catalog:provider-portal",
        (Perm.USE_PROVIDER_PORTAL,),
    ),
    # Members reach these through the community's own navigation.
    NavItem(_("Events"), "community:event-list", (Perm.USE_PROVIDER_PORTAL,)),
    NavItem(_("Challenges"), "community:challenge-list", (Perm.USE_PROVIDER_PORTAL,)),
    NavItem(
        _("Verification queue"),
        "onboarding:case-list",
        (Perm.VERIFY_APPLICATIONS,),
        staff=True,
    ),
    NavItem(
        _("Listing reviews"),
        "tools_catalog:review-queue",
        (Perm.EDIT_CATALOGUE,),
        staff=True,
    ),
    NavItem(
        _("Moderation"),
        "community:moderation-queue",
        (Perm.MODERATE_COMMUNITY,),
        staff=True,
    ),
    NavItem(_("Dashboard"), "hub:dashboard", (Perm.VIEW_DASHBOARD,), staff=True),
    NavItem(_("Audit log"), "accounts:audit-list", (Perm.VIEW_AUDIT_LOG,), staff=True),
    NavItem(_("Design system"), "hub:design", (Perm.VIEW_DASHBOARD,), staff=True),
    NavItem(
        _("Administration"),
        "admin:index",
        (Perm.MANAGE_ROLES, Perm.EDIT_CATALOGUE, Perm.VERIFY_APPLICATIONS),
        staff=True,
    ),
)
APPLICANT_AREAS = (NavItem(_("My application"), "onboarding:application"),)


def nav_items_for(user: User | AnonymousUser) -> tuple[NavItem, ...]:
    if not user.is_authenticated or not user.is_active:
        return ()
    return _nav_items(user_roles(user=user), is_superuser=user.is_superuser)


@cache
def _nav_items(roles: frozenset[Role], *, is_superuser: bool) -> tuple[NavItem, ...]:
    """The links for a set of roles: capabilities come from the roles alone
    (``accounts.backends.RoleCapabilityBackend``), so each set is worked out once."""
    if not roles:
        return APPLICANT_AREAS  # signed in, not vetted yet
    granted = (
        set(Perm)
        if is_superuser
        else set().union(*(ROLE_CAPABILITIES[role] for role in roles))
    )
    return tuple(item for item in AREAS if granted.intersection(item.perms))


def nav_key(items: tuple[NavItem, ...]) -> str:
    """Names the header a set of links makes, for caching its HTML."""
    return "|".join(item.url_name for item in items) or "-"
