"""Audit actions are declared by each app and registered here for their labels.

    class CaseAction(models.TextChoices):
        APPROVED = "application_approved", _("Application approved")

    # onboarding/apps.py
    def ready(self):
        register_audit_actions(CaseAction)

Values are stored as plain strings, so an app adds actions without a migration in
accounts; keep them unique across apps (prefix them with the noun).
"""

from django.db import models
from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {}


def register_audit_actions(actions: type[models.TextChoices]) -> None:
    for value, label in actions.choices:
        existing = _LABELS.get(value)
        if existing is not None and existing != label:
            raise ValueError(f"audit action {value!r} is registered twice")
        _LABELS[value] = label


def audit_action_label(value: str) -> str | Promise:
    return _LABELS.get(value, value)


def audit_action_choices() -> list[tuple[str, str | Promise]]:
    return sorted(_LABELS.items(), key=lambda item: str(item[1]))
