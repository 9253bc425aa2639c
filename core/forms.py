"""Form fields shared by every app."""

from typing import Any

from django import forms

from core.text import bidi_controls_strip


class TextLineField(forms.CharField):
    """A one-line name or title typed by a person: surrounding spaces and the
    invisible bidi controls are removed (see core.text).

    Use it for every such field, in a ``forms.Form`` directly or in a
    ``ModelForm`` through ``Meta.field_classes``.
    """

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        if not text:
            return text  # the field's empty value ("" or None)
        text = bidi_controls_strip(text)
        return text.strip() if self.strip else text
