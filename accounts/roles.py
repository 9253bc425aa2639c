"""Roles and the capabilities they grant: the one table to read.

A role is a Django group of the same name; its permissions are the capabilities
below, created by the data migration ``0002_roles``. Views ask for a capability
(``Perm``), never for a role name, so a role can gain or lose a capability here
without touching a view. Object-level rules ("may this provider edit *this*
listing?") live in each app's ``rules.py`` and are asked through
``user.has_perm(perm, obj)``.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    PROVIDER = "provider", _("Provider representative")
    VERIFIER = "verifier", _("Verifier")
    CATALOGUE_EDITOR = "catalogue_editor", _("Catalogue editor")
    MODERATOR = "moderator", _("Moderator")
    ADMIN = "admin", _("Administrator")


class Perm(StrEnum):
    """Capability permissions, as ``app_label.codename`` for ``user.has_perm``."""

    USE_MEMBER_AREA = "accounts.use_member_area"
    USE_PROVIDER_PORTAL = "accounts.use_provider_portal"
    VERIFY_APPLICATIONS = "accounts.verify_applications"
    EDIT_CATALOGUE = "accounts.edit_catalogue"
    MODERATE_COMMUNITY = "accounts.moderate_community"
    VIEW_AUDIT_LOG = "accounts.view_audit_log"
    MANAGE_ROLES = "accounts.manage_roles"
    VIEW_DASHBOARD = "accounts.view_dashboard"
    RUN_CHALLENGES = "accounts.run_challenges"

    @property
    def codename(self) -> str:
        return self.value.split(".", 1)[1]


# (codename, human name) for User.Meta.permissions.
CAPABILITIES: tuple[tuple[str, str], ...] = (
    (Perm.USE_MEMBER_AREA.codename, "Use the catalogue, Learning Centre and community"),
    (Perm.USE_PROVIDER_PORTAL.codename, "Use the provider portal"),
    (Perm.VERIFY_APPLICATIONS.codename, "Work the verification queue"),
    (Perm.EDIT_CATALOGUE.codename, "Vet listings and edit catalogue content"),
    (Perm.MODERATE_COMMUNITY.codename, "Moderate forums and run events"),
    (Perm.VIEW_AUDIT_LOG.codename, "Read the audit log"),
    (Perm.MANAGE_ROLES.codename, "Grant and revoke roles"),
    (Perm.VIEW_DASHBOARD.codename, "Read the staff dashboard of live figures"),
    (Perm.RUN_CHALLENGES.codename, "Publish challenges, assign judges and results"),
)

STAFF_ROLES = frozenset(
    {Role.VERIFIER, Role.CATALOGUE_EDITOR, Role.MODERATOR, Role.ADMIN}
)
# These roles cannot reach their areas until a second factor is set up: every
# role, since members too see who investigates what.
MFA_REQUIRED_ROLES = frozenset(Role)

# Staff see member content too: they vet, edit and moderate it.
_STAFF = frozenset({Perm.USE_MEMBER_AREA, Perm.VIEW_DASHBOARD})
ROLE_CAPABILITIES: dict[Role, frozenset[Perm]] = {
    Role.MEMBER: frozenset({Perm.USE_MEMBER_AREA}),
    Role.PROVIDER: frozenset({Perm.USE_PROVIDER_PORTAL}),
    Role.VERIFIER: _STAFF | {Perm.VERIFY_APPLICATIONS},
    Role.CATALOGUE_EDITOR: _STAFF | {Perm.EDIT_CATALOGUE},
    Role.MODERATOR: _STAFF | {Perm.MODERATE_COMMUNITY, Perm.RUN_CHALLENGES},
    Role.ADMIN: _STAFF | {Perm.VIEW_AUDIT_LOG, Perm.MANAGE_ROLES, Perm.RUN_CHALLENGES},
}
