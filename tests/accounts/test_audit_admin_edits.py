"""Ordinary admin edits leave audit rows that the audit page can always show.

Each test edits a change form through the admin as staff would (the form's own
values, one field changed), then opens the audit log in English and Arabic.
"""

from typing import Any

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditAction, AuditEvent
from accounts.roles import Role
from accounts.services import audit_event_record
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory
from tests.learning_centre.factories import ModuleFactory, quiz_question
from tests.tools_catalog.factories import CapabilityFactory, ToolFactory

pytestmark = pytest.mark.django_db


def _value(bound: Any) -> Any:
    widget = bound.field.widget
    value = bound.value()
    if hasattr(widget, "widgets"):  # split date and time
        return {
            f"{bound.html_name}{suffix}": sub
            for suffix, sub in zip(
                widget.widgets_names,
                widget.decompress(value) if value else [""] * len(widget.widgets),
                strict=True,
            )
        }
    if value is None:
        return {}
    if isinstance(value, bool):
        return {bound.html_name: "on"} if value else {}
    if isinstance(value, (list, tuple)):
        return {bound.html_name: [str(v) for v in value]}
    return {bound.html_name: str(value)}


def change_form_data(client: Client, url: str) -> dict[str, Any]:
    """What the change form would post untouched: its fields and its inlines."""
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:500]
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name in form.fields:
            data.update(_value(form[name]))
    return data


def audit_page_reads(client: Client) -> list[str]:
    """The audit log opens in English and Arabic; returns both pages."""
    pages = []
    for language in ("en", "ar"):
        with translation.override(language):
            url = reverse("accounts:audit-list")
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return pages


def _admin(client: Client) -> None:
    client.force_login(UserFactory(role=Role.ADMIN))


def test_changing_a_tools_capabilities_reads_in_the_audit_log(client: Client):
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    client.force_login(editor)
    tool = ToolFactory()
    old = CapabilityFactory(name="Face matching")
    new = CapabilityFactory(name="Voice comparison")
    tool.capabilities.set([old])
    url = reverse("admin:tools_catalog_tool_change", args=[tool.pk])
    data = change_form_data(client, url)
    data["capabilities"] = [str(new.pk)]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(tool.capabilities.all()) == [new]
    event = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGE)
    assert event.before["capabilities"] == [old.pk]
    assert event.after["capabilities"] == [new.pk]
    _admin(client)
    for page in audit_page_reads(client):
        assert "Face matching" in page
        assert "Voice comparison" in page
        assert "&lt;Capability" not in page


def test_giving_a_category_a_stage_and_a_translation_reads_in_the_audit_log(
    client: Client,
):
    from learning_centre.models import Stage

    stage = Stage.objects.order_by("position").first() or Stage.objects.create(
        key="plan", position=1, name="Plan"
    )
    with translation.override("en"):
        stage_label = str(stage)
    category = CategoryFactory(stage=None, name="Triage", translations={})
    client.force_login(UserFactory(role=Role.MODERATOR))
    url = reverse("admin:community_category_change", args=[category.pk])
    data = change_form_data(client, url)
    data["stage"] = str(stage.pk)
    data["name__ar"] = "الفرز"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGE)
    assert event.before["stage"] is None
    assert event.after["stage"] == stage.pk
    assert event.after["translations"] == {"ar": {"name": "الفرز"}}
    _admin(client)
    english, _arabic = audit_page_reads(client)
    assert stage_label in english
    assert "Name (Arabic)" in english
    assert "الفرز" in english
    assert "\\u" not in english
    assert "{&#x27;" not in english


def test_a_boolean_change_reads_yes_and_no_in_the_pages_language(client: Client):
    module = ModuleFactory()
    question, _right, wrong = quiz_question(module)
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    url = reverse("admin:learning_centre_question_change", args=[question.pk])
    data = change_form_data(client, url)
    for key in [k for k in data if k.endswith("is_correct")]:
        del data[key]
    prefix = next(
        k.removesuffix("-id")
        for k, v in data.items()
        if k.endswith("-id") and v == str(wrong.pk)
    )
    data[f"{prefix}-is_correct"] = "on"
    data[f"{prefix}-text__ar"] = "نعم"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    wrong.refresh_from_db()
    assert wrong.is_correct
    events = AuditEvent.objects.filter(action=AuditAction.ADMIN_CHANGE)
    changed = {e.target_label: (e.before, e.after) for e in events}
    assert any(
        b.get("is_correct") is False and a.get("is_correct") is True
        for b, a in changed.values()
    ), changed
    _admin(client)
    english, arabic = audit_page_reads(client)
    assert "Correct" in english
    assert "Answer (Arabic)" in english
    assert "نعم" in english
    assert f"{question} / {wrong}" in english
    assert "True" not in english
    assert "False" not in english
    with translation.override("ar"):
        assert translation.gettext("Yes") in arabic
    assert "True" not in arabic


def test_legacy_text_snapshots_still_show_as_text(client: Client):
    """Rows written before snapshots kept JSON values: shown raw, never a 500."""
    tool = ToolFactory()
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    audit_event_record(
        actor=editor,
        action=AuditAction.ADMIN_CHANGE,
        target=tool,
        before={"capabilities": "[]", "provider": "None", "is_demo": "False"},
        after={
            "capabilities": "[<Capability: Face matching>]",
            "provider": "oops",
            "is_demo": "True",
            "translations": "{'ar': {'name': '\\u0623'}}",
        },
    )
    _admin(client)
    english, _arabic = audit_page_reads(client)
    assert "[&lt;Capability: Face matching&gt;]" in english
    assert "oops" in english
    assert "Yes" in english


def _audited_admins() -> list[Any]:
    from django.contrib import admin

    from accounts.admin import AuditedModelAdmin

    return sorted(
        (
            m._meta.label
            for m, a in admin.site._registry.items()
            if isinstance(a, AuditedModelAdmin)
        ),
    )


def _some(model: Any) -> Any:
    """A row of ``model`` to edit: a seeded one, else one from a factory."""
    from tests.community import factories as community
    from tests.learning_centre import factories as learning
    from tests.tools_catalog import factories as catalogue

    found = model._default_manager.order_by("pk").first()
    if found is not None:
        return found
    made = {
        "onboarding.TrustedDomain": lambda: {"domain": "police.example"},
        "onboarding.RejectionReason": lambda: {
            "title": "Out of scope",
            "text": "Sorry.",
        },
        "onboarding.InfoRequestTemplate": lambda: {"title": "ID", "text": "Which?"},
        "community.Partner": lambda: {"name": "Hotline", "kind": "partner"},
        "tools_catalog.ToolClaim": lambda: {
            "tool": catalogue.ToolFactory(),
            "kind": model.Kind.DPIA,
            "value": "yes",
        },
    }
    if model._meta.label in made:
        return model._default_manager.create(**made[model._meta.label]())
    for module in (community, learning, catalogue):
        factory = getattr(module, f"{model.__name__}Factory", None)
        if factory is not None:
            return factory()
    return None


@pytest.mark.parametrize("label", _audited_admins())
def test_every_audited_admin_edit_reads_in_the_audit_log(client: Client, label):
    """Each audited admin's change form, saved with every boolean flipped, an
    empty foreign key or many-to-many given a value and an Arabic translation
    typed: the audit page opens in English and Arabic and reads as text."""
    from django import forms
    from django.apps import apps

    model = apps.get_model(label)
    obj = _some(model)
    if obj is None:
        pytest.skip(f"no row or factory for {label}")
    # Permissions are tested elsewhere; one account opens every admin here.
    client.force_login(
        UserFactory(
            roles=[Role.ADMIN, Role.CATALOGUE_EDITOR, Role.MODERATOR],
            is_superuser=True,
        )
    )
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
        args=[obj.pk],
    )
    data = change_form_data(client, url)
    form = client.get(url).context["adminform"].form
    for name, field in form.fields.items():
        if isinstance(field, forms.BooleanField):
            if data.pop(name, None) is None:
                data[name] = "on"
        elif name.endswith("__ar"):
            data[name] = "نص عربي"
        elif isinstance(field, forms.ModelMultipleChoiceField) and not data.get(name):
            first = field.queryset.first()
            if first is not None:
                data[name] = [str(first.pk)]
        elif isinstance(field, forms.ModelChoiceField) and not data.get(name):
            first = field.queryset.first()
            if first is not None:
                data[name] = str(first.pk)
        elif name == "organisation":  # a trusted domain has nothing else to flip
            data[name] = "Edited organisation"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    events = AuditEvent.objects.filter(
        action=AuditAction.ADMIN_CHANGE, target_model=label.lower()
    )
    assert events.exists()
    for event in events:  # recorded as JSON values, not as Python text
        for key, value in (*event.before.items(), *event.after.items()):
            try:
                field = model._meta.get_field(key)
            except FieldDoesNotExist:
                continue
            if field.many_to_many:
                assert isinstance(value, list), (key, value)
                assert all(isinstance(pk, int) for pk in value), (key, value)
            elif field.is_relation:
                assert value is None or isinstance(value, int), (key, value)
            elif field.get_internal_type() == "BooleanField":
                assert isinstance(value, bool) or (field.null and value is None)
            elif field.get_internal_type() == "JSONField":
                assert isinstance(value, (dict, list)), (key, value)
    for page in audit_page_reads(client):
        assert "\\u" not in page
        assert "{&#x27;" not in page
        assert "[&lt;" not in page
        assert ">True<" not in page
        assert ">False<" not in page
