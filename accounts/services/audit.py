"""The audit log: recording staff actions and status changes, pseudonyms, and
the one redaction the database lets through (retention purges)."""

import json
import re
from collections.abc import Collection, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils.crypto import salted_hmac

from accounts.audit_context import current_client_ip
from accounts.models import AuditAction, AuditEvent, User
from accounts.selectors import user_staff_label

# Labels and values blanked by a redaction start with this (the PostgreSQL
# trigger lets an UPDATE write nothing else; see audit_events_redact).
PURGED = "purged:"
REDACTED = f"{PURGED}redacted"
# Values a redaction keeps: codes written by the program (statuses, kinds, role
# names), never free text, names or addresses.
_CODE = re.compile(r"[a-z0-9_.:+-]{0,64}\Z")


def _model_label(model: type[models.Model] | models.Model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _json_value(value: Any) -> Any:
    """``value`` as JSON would hold it: dates ISO, decimals as text; else text."""
    try:
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    except (TypeError, ValueError):
        return str(value)


def audit_snapshot(
    *, obj: models.Model, fields: Iterable[str], form: Any = None
) -> dict[str, Any]:
    """``obj``'s ``fields`` as JSON-native values for an audit row's before/after.

    A foreign key is its target's pk (or null), a many-to-many field the sorted
    pks, booleans stay booleans, dates are ISO text: the audit page turns them
    back into labels. The admin saves many-to-many fields after the object, so
    they come from ``form.cleaned_data`` when a form is given; so do form-only
    fields.
    """
    cleaned = getattr(form, "cleaned_data", None) or {}
    data: dict[str, Any] = {}
    for name in fields:
        try:
            field: Any = obj._meta.get_field(name)
        except FieldDoesNotExist:
            if name in cleaned:
                data[name] = _json_value(cleaned[name])
            continue
        if field.many_to_many:
            if name in cleaned:
                related = cleaned[name] or []
            else:
                related = getattr(obj, name).all() if obj.pk else []
            data[name] = sorted(_json_value(item.pk) for item in related)
        elif field.concrete:
            data[name] = _json_value(getattr(obj, field.attname))
    return data


def audit_event_record(
    *,
    actor: User | None,
    action: models.TextChoices,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    target_label: str | None = None,
) -> AuditEvent:
    """Append one row to the audit log; call it inside the action's transaction.

    The IP comes from the request being served (none in tasks). Who acted and
    what the target was are copied as text, so the row reads the same once the
    account or the object is gone; ``target_label`` replaces ``str(target)``.
    """
    event = AuditEvent(
        actor=actor,
        actor_label=actor.email if actor else "system",
        action=action,
        before=before or {},
        after=after or {},
        ip_address=current_client_ip(),
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_model = _model_label(target)
        event.target_id = str(target.pk)
        if target_label is not None:
            label = target_label
        elif isinstance(target, User):
            # The log is for staff: a person is identified, not pseudonymised.
            label = user_staff_label(target)
        else:
            label = str(target)
        event.target_label = label[:255]
    event.save()
    return event


def audit_status_change(
    *,
    actor: User | None,
    target: models.Model,
    action: models.TextChoices,
    before: Any,
    after: Any,
    field: str = "status",
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """The audit row of a state change: ``{field: before}`` -> ``{field: after}``.

    ``extra`` (e.g. ``{"revision": revision.pk}``) is written on both sides. Call
    it inside the action's transaction, after the change.
    """
    return audit_event_record(
        actor=actor,
        action=action,
        target=target,
        before={**(extra or {}), field: before},
        after={**(extra or {}), field: after},
    )


def status_change(
    *,
    actor: User | None,
    target: models.Model,
    action: models.TextChoices,
    to: str,
    allowed_from: Collection[str],
    field: str = "status",
    updates: dict[str, Any] | None = None,
) -> bool:
    """Move ``target.<field>`` to ``to`` if it is one of ``allowed_from``, with
    ``updates`` (e.g. ``decided_at``) on the same row, and write the audit row.

    The row is locked and re-read, so the audit records the state it really left,
    and two concurrent requests cannot both move it. Returns False, changing
    nothing, when it is in another state (the caller raises its own error).
    Call it inside the service's ``transaction.atomic``; ``target`` is refreshed.
    """
    rows = type(target)._default_manager.select_for_update().filter(pk=target.pk)
    before = rows.values_list(field, flat=True).first()
    if before not in allowed_from:
        return False
    rows.update(**{field: to}, **(updates or {}))
    target.refresh_from_db()
    audit_status_change(
        actor=actor, target=target, action=action, before=before, after=to, field=field
    )
    return True


def audit_pseudonym(*, model: type[models.Model], pk: object) -> str:
    """What a purged person or record is called in the audit log from then on.

    Stable (the same account gets the same pseudonym in every row and every
    purge, so the log still shows what one subject did) and keyed with the
    secret key, so it says nothing about who it was.
    """
    name = model._meta.model_name
    digest = salted_hmac("accounts.audit.pseudonym", f"{name}:{pk}").hexdigest()
    return f"{PURGED}{name}:{digest[:16]}"


def _needles(strings: Iterable[str]) -> set[str]:
    return {s.strip().lower() for s in strings if s and len(s.strip()) >= 3}


def _mentions(text: str, needles: Collection[str]) -> bool:
    lowered = text.lower()
    return any(needle in lowered for needle in needles)


def _redacted(value: Any, needles: Collection[str]) -> Any:
    """``value`` (before/after) with its free text and any mention of
    ``needles`` replaced by REDACTED; keys, lengths, codes and numbers kept."""
    if isinstance(value, dict):
        return {key: _redacted(item, needles) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, needles) for item in value]
    if isinstance(value, str):
        keep = bool(_CODE.match(value)) and not _mentions(value, needles)
        return value if keep else REDACTED
    if value is None or isinstance(value, bool):
        return value
    return REDACTED if _mentions(str(value), needles) else value


def _audit_redaction_allowed(allowed: bool) -> None:
    """Open (or close) the PostgreSQL trigger's door for this transaction only."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('hub.audit_redaction', %s, true)",
            ["on" if allowed else "off"],
        )


@transaction.atomic
def audit_events_redact(
    *,
    events: models.QuerySet[AuditEvent],
    subject: models.Model,
    people: Collection[int] = (),
    strings: Iterable[str] = (),
) -> list[int]:
    """Blank the personal data in these audit rows, keeping what happened.

    The retention purge's one way to change the log (design choice): rather
    than never writing names into it (staff need them while a case is open, and
    free text such as a rejection message cannot be vetted at write time), rows
    are written whole and redacted when the retention period ends. In each row:

    - where one of ``people`` (user ids) acted, the actor label becomes their
      pseudonym; where nobody signed in acted (a supervisor's link) or one of
      ``people`` did, the IP address is dropped; staff keep theirs;
    - the target label of rows about ``subject`` or one of ``people`` becomes
      its pseudonym; any other label that mentions one of ``strings`` becomes
      REDACTED;
    - in ``before``/``after`` every string but a program's code (a status, a
      kind), and anything mentioning one of ``strings``, becomes REDACTED.

    Time, action, actor and target ids stay: the log still says which account
    did what to which record, and when. On PostgreSQL the audit trigger checks
    exactly this (only ``purged:`` values, every other column unchanged) and
    only while this transaction has set ``hub.audit_redaction``. The redaction
    is itself recorded, naming the rows it changed. Returns their ids.
    """
    needles = _needles(strings)
    people = set(people)
    people_ids = {str(pk) for pk in people}
    user_model = _model_label(User)
    subject_key = (_model_label(subject), str(subject.pk))
    subject_pseudonym = audit_pseudonym(model=type(subject), pk=subject.pk)
    changed: list[int] = []
    with transaction.atomic():
        _audit_redaction_allowed(True)
        for event in list(events.order_by("pk")):
            if event.actor_id in people:
                actor_label = audit_pseudonym(model=User, pk=event.actor_id)
            elif _mentions(event.actor_label, needles):
                actor_label = REDACTED
            else:
                actor_label = event.actor_label
            if (event.target_model, event.target_id) == subject_key:
                target_label = subject_pseudonym
            elif event.target_model == user_model and event.target_id in people_ids:
                target_label = audit_pseudonym(model=User, pk=event.target_id)
            elif _mentions(event.target_label, needles):
                target_label = REDACTED
            else:
                target_label = event.target_label
            redacted = {
                "actor_label": actor_label,
                "target_label": target_label,
                "before": _redacted(event.before, needles),
                "after": _redacted(event.after, needles),
                "ip_address": (
                    None
                    if event.actor_id is None or event.actor_id in people
                    else event.ip_address
                ),
            }
            updates = {
                field: value
                for field, value in redacted.items()
                if value != getattr(event, field)
            }
            if updates:
                # The ORM's managers refuse updates; this is the one sanctioned path.
                models.QuerySet(AuditEvent).filter(pk=event.pk).update(**updates)
                changed.append(event.pk)
        _audit_redaction_allowed(False)
    if changed:
        audit_event_record(
            actor=None,
            action=AuditAction.AUDIT_REDACTED,
            target=subject,
            target_label=subject_pseudonym,
            after={"events": changed},
        )
    return changed
