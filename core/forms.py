"""Form fields shared by every app."""

from typing import Any

from django import forms

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
