"""Form fields shared by every app."""

import re
from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest

from core.text import name_clean


class TextLineField(forms.CharField):
    """A one-line name or title typed by a person: surrounding spaces, the
    bidi controls and invisible characters are removed (``core.text.name_clean``).

    Use it for every such field, in a ``forms.Form`` directly or in a
    ``ModelForm`` through ``Meta.field_classes``.
    """

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        if not text:
            return text  # the field's empty value ("" or None)
        text = name_clean(text)
        return text.strip() if self.strip else text


# A model field holding a one-line name or title (``name``, ``full_name``,
# ``title``, ``job_title``, ``evidence_title``...).
NAME_OR_TITLE = re.compile(r"(^|_)(name|title)$")


def is_name_or_title(field: models.Field) -> bool:
    """A free-text one-line name or title (not a slug, an address or a choice)."""
    return (
        type(field) is models.CharField
        and not field.choices
        and bool(NAME_OR_TITLE.search(field.name))
    )


class TextLineAdminMixin:
    """Names and titles typed in the admin are cleaned as everywhere else
    (``TextLineField``): for a ModelAdmin or an inline."""

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if is_name_or_title(db_field):
            kwargs.setdefault("form_class", TextLineField)
        return super().formfield_for_dbfield(  # type: ignore[misc]
            db_field, request, **kwargs
        )
