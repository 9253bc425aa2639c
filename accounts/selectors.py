import ast
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AuditEvent, SavedFilter, User
from accounts.roles import MFA_REQUIRED_ROLES, ROLE_CAPABILITIES, Perm, Role


def user_roles(*, user: User | AnonymousUser) -> frozenset[Role]:
    """The roles a user holds, read once per request and kept on the instance."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_hub_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(Role(name) for name in names if name in Role.values)
        user._hub_roles = cached  # type: ignore[attr-defined]
    return cached


def _user_with_roles_sql() -> str:
    """One row per role (one row with NULL for none), with the user's columns
    and whether they have a second factor (the MFA gate asks on every page)."""
    through = User.groups.through._meta
    user_id = through.get_field("user").column
    group_id = through.get_field("group").column
    user_pk, group_pk = User._meta.pk.column, Group._meta.pk.column
    mfa = Authenticator._meta
    mfa_user = mfa.get_field("user").column
    has_mfa = (
        f"EXISTS (SELECT 1 FROM {mfa.db_table} a WHERE a.{mfa_user} = u.{user_pk})"  # noqa: S608 (names from the models)
    )
    return (
        f"SELECT u.*, g.name AS hub_role, {has_mfa} AS hub_has_mfa "  # noqa: S608 (names from the models)
        f"FROM {User._meta.db_table} u "
        f"LEFT JOIN {through.db_table} ug ON ug.{user_id} = u.{user_pk} "
        f"LEFT JOIN {Group._meta.db_table} g ON g.{group_pk} = ug.{group_id} "
        f"WHERE u.{user_pk} = %s"
    )


def user_get_with_roles(*, pk: object) -> User | None:
    """The user with their roles already read (``user_roles``), in one query.

    Every request of a signed-in user runs this, so it is one raw join: the
    ORM's aggregate version costs three times as long to compile as to run.
    """
    rows = list(User.objects.raw(_user_with_roles_sql(), [pk]))
    if not rows:
        return None
    user = rows[0]
    user._hub_roles = frozenset(  # type: ignore[attr-defined]
        Role(name)
        for row in rows
        if (name := getattr(row, "hub_role", None)) in Role.values
    )
    user._hub_has_mfa = bool(user.hub_has_mfa)  # type: ignore[attr-defined]
    return user


def user_has_mfa(*, user: User | AnonymousUser) -> bool:
    """Whether the user has a second factor (allauth's ``is_mfa_enabled``); read
    with the user when the session loads them, else asked now."""
    cached: bool | None = getattr(user, "_hub_has_mfa", None)
    if cached is None:
        return is_mfa_enabled(user)
    return cached


def user_is_applicant(*, user: User | AnonymousUser) -> bool:
    """Signed in (so the email is verified) but not vetted into any role yet."""
    return bool(user.is_authenticated and user.is_active and not user_roles(user=user))


def user_needs_mfa(*, user: User | AnonymousUser) -> bool:
    """Every vetted account (any role: members too) and superusers need a
    second factor; applicants do not yet."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(user_roles(user=user) & MFA_REQUIRED_ROLES)


def user_list_with_role(*, role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role, is_active=True).order_by("email")


def audit_event_list() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("actor", "target_type")


# --- How people are named -----------------------------------------------------


def user_display_name(user: User | None, *, show_name: bool | None = None) -> str:
    """The name other people see for ``user``: the one function for every page,
    email, CSV, calendar file and list that shows someone to someone else.

    The full name only when its owner chose to show it: the account's
    ``User.show_name``, and where the content carries its own choice too (a
    review's "show my name with this review", ``show_name``), both: turning the
    account's choice off hides the name everywhere, old reviews included.
    Anyone else, and anyone without a full name, is their pseudonym
    (``str(user)``, "Member 7KQ3XM"). Never the email address. Staff screens
    that must identify people use ``user_staff_label`` instead; a person's own
    pages and emails may use ``user_own_name``.

    Templates: ``{{ post.author|display_name }}`` (isolated in ``<bdi>``), or
    ``{{ review.author|display_name:review.show_name }}``.
    """
    if user is None:
        return ""
    shown = user.show_name and (show_name is None or show_name)
    if shown and user.full_name.strip():
        return user.full_name.strip()
    return str(user)


def user_staff_label(user: User | None) -> str:
    """Who this is, for staff screens only: "Full Name <email>" (or the email)."""
    if user is None:
        return ""
    name = user.full_name.strip()
    return f"{name} <{user.email}>" if name else user.email


def user_own_name(user: User) -> str:
    """How to address ``user`` themselves (a greeting in an email to them)."""
    return user.full_name.strip() or user.email


def roles_with_capability(perm: Perm) -> list[Role]:
    return [role for role, perms in ROLE_CAPABILITIES.items() if perm in perms]


def user_list_with_capability(*, perm: Perm) -> QuerySet[User]:
    """Active accounts that hold ``perm`` through a role (as the backend answers).

    Superusers without a role are left out: they are not members.
    """
    return User.objects.filter(
        is_active=True, groups__name__in=roles_with_capability(perm)
    ).distinct()


def member_list() -> QuerySet[User]:
    """Active members (people with the member role): the one definition every
    member figure counts, on the landing page and the staff dashboard alike."""
    return User.objects.filter(
        pk__in=User.objects.filter(is_active=True, groups__name=Role.MEMBER).values(
            "pk"
        )
    )


def member_count() -> int:
    """Active members, for the landing page and the staff dashboard."""
    return member_list().count()


def saved_filter_list(*, user: User, view: str) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(user=user, view=view)


def saved_filter_get(*, user: User, pk: int) -> SavedFilter | None:
    """One of ``user``'s own saved filters; None for anyone else's."""
    return SavedFilter.objects.filter(user=user, pk=pk).first()


# --- The audit log's before/after, for people ------------------------------------

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    """One key of an audit row's before/after, as the audit page shows it."""

    key: str
    label: str
    before: str
    after: str
    changed: bool


def _audit_model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def _audit_field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


# Keys the admin's snapshot records that are not model fields.
_AUDIT_KEY_LABELS = {"roles": gettext_lazy("Roles")}


def _audit_label(field: Any, key: str) -> str:
    name = getattr(field, "verbose_name", None) or _AUDIT_KEY_LABELS.get(key)
    return capfirst(str(name)) if name else capfirst(key.replace("_", " "))


def _audit_decoded(value: Any) -> Any:
    """A legacy row's Python text (``"{'ar': …}"``, ``"True"``, ``"None"``) as
    the value it stood for, when it is a plain literal; else the text itself."""
    if not isinstance(value, str) or value[:1] not in ("{", "[", "T", "F", "N"):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return value


def _audit_pk(field: Any, value: Any) -> str | None:
    """``value`` as the related model's pk (as text), or None if it is not one."""
    if value is None or value == "" or isinstance(value, (bool, list, dict)):
        return None
    try:
        return str(field.related_model._meta.pk.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return None


def _is_relation(field: Any) -> bool:
    return field is not None and field.is_relation and field.related_model is not None


def _audit_pks(field: Any, value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [pk for pk in (_audit_pk(field, item) for item in items) if pk is not None]


def _audit_value(field: Any, value: Any, related: dict[tuple[Any, str], str]) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(_audit_value(field, item, related) for item in value) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) or EMPTY
    if field is not None and getattr(field, "choices", None):
        labels = {str(k): v for k, v in field.flatchoices}
        return str(labels.get(str(value), value))
    if _is_relation(field):
        pk = _audit_pk(field, value)
        if pk is None:
            return str(value)  # not an id: what was recorded, as it was
        return related.get((field.related_model, pk), f"#{value}")
    return str(value)


def _audit_typed(field: Any, value: Any) -> Any:
    """The value to show: legacy text decoded where the field says what it was."""
    if field is None or not isinstance(value, str):
        return value
    decoded = _audit_decoded(value)
    if isinstance(field, models.BooleanField) and isinstance(decoded, bool):
        return decoded
    if isinstance(field, models.JSONField) and isinstance(decoded, (dict, list)):
        return decoded
    if _is_relation(field):
        if decoded is None:
            return None
        if field.many_to_many and isinstance(decoded, list):
            return decoded
    return value


def _translation_changes(
    model: Any, key: str, before: Any, after: Any
) -> list[FieldChange] | None:
    """A ``translations`` change, one row per language and field that changed
    ("Title (Arabic)"); None when either side is not such a dictionary."""
    sides = (before or {}, after or {})
    if not all(
        isinstance(side, dict) and all(isinstance(v, dict) for v in side.values())
        for side in sides
    ):
        return None
    names = dict(settings.LANGUAGES)
    rows = []
    languages = list(dict.fromkeys([*sides[0], *sides[1]]))
    for language in languages:
        old, new = sides[0].get(language) or {}, sides[1].get(language) or {}
        for name in dict.fromkeys([*old, *new]):
            if old.get(name) == new.get(name):
                continue
            # Translators: an audit row: a translated field, e.g. "Title (Arabic)".
            label = _("%(field)s (%(language)s)") % {
                "field": _audit_label(_audit_field(model, name), name),
                "language": str(names.get(language, language)),
            }
            rows.append(
                FieldChange(
                    key=f"{key}.{language}.{name}",
                    label=label,
                    before=_audit_value(None, old.get(name), {}),
                    after=_audit_value(None, new.get(name), {}),
                    changed=True,
                )
            )
    return rows


def audit_event_changes(
    *, events: Iterable[AuditEvent]
) -> list[tuple[AuditEvent, list[FieldChange]]]:
    """Each event with its before/after as labelled fields: verbose names, choices
    by their labels, people by their staff label, translations by language. One
    query per kind of related object on the page, whatever the number of rows.
    Whatever a row holds, it is shown: a value that is not what the field
    expects (rows from before snapshots were JSON values) reads as its text."""
    events = list(events)
    models_of = {event.pk: _audit_model(event.target_model) for event in events}
    typed: dict[int, list[tuple[str, Any, Any, Any]]] = {}
    wanted: dict[Any, set[str]] = {}
    for event in events:
        model = models_of[event.pk]
        before_all = event.before if isinstance(event.before, dict) else {}
        after_all = event.after if isinstance(event.after, dict) else {}
        rows = typed[event.pk] = []
        for key in dict.fromkeys([*before_all, *after_all]):
            field = _audit_field(model, key)
            before = _audit_typed(field, before_all.get(key))
            after = _audit_typed(field, after_all.get(key))
            rows.append((key, field, before, after))
            if _is_relation(field):
                for value in (before, after):
                    found = _audit_pks(field, value)
                    wanted.setdefault(field.related_model, set()).update(found)
    related: dict[tuple[Any, str], str] = {}
    for model, pks in wanted.items():
        if not pks:
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            label = user_staff_label(obj) if isinstance(obj, User) else str(obj)
            related[(model, str(obj.pk))] = label
    result = []
    for event in events:
        model = models_of[event.pk]
        changes: list[FieldChange] = []
        for key, field, before, after in typed[event.pk]:
            if key == "translations":
                by_language = _translation_changes(model, key, before, after)
                if by_language is not None:
                    changes += by_language
                    continue
            changes.append(
                FieldChange(
                    key=key,
                    label=_audit_label(field, key),
                    before=_audit_value(field, before, related),
                    after=_audit_value(field, after, related),
                    changed=before != after,
                )
            )
        result.append((event, changes))
    return result
