"""Side-by-side translation editing in the admin, for any ``TranslatedMixin`` model.

``TranslationsAdminMixin`` replaces the raw ``translations`` JSON with one box
per language per translated field (a one-line field's boxes are
``core.forms.TextLineField``, as its English field is), laid out on one row
beside the English field, and writes the boxes back into the JSON. A changed
box counts as a change of ``translations``, so ``AuditedModelAdmin`` records the
JSON before and after. Works on ``ModelAdmin`` and on inlines alike.
"""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.text import capfirst, format_lazy

from core.forms import TextLineField
from core.translation import target_languages


def translation_field_name(field: str, language: str) -> str:
    """``title`` in ``zh-hans`` -> ``title__zh_hans`` (a valid form field name)."""
    return f"{field}__{language.replace('-', '_')}"


def translation_fields(model: type[models.Model]) -> dict[str, tuple[str, str]]:
    """``{form field name: (model field, language)}``, field by field."""
    return {
        translation_field_name(field, language): (field, language)
        for field in getattr(model, "translated_fields", ())
        for language in target_languages()
    }


class TranslationsFormMixin(forms.BaseForm):
    """Fills the language boxes from ``translations`` and writes them back."""

    translation_map: dict[str, tuple[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = getattr(self.instance, "translations", None) or {}  # type: ignore[attr-defined]
        for name, (field, language) in self.translation_map.items():
            if name in self.fields:
                value = (stored.get(language) or {}).get(field, "")
                self.initial.setdefault(name, value)

    @property
    def changed_data(self) -> list[str]:
        """Language boxes report as ``translations``: that is what gets saved."""
        changed = []
        for name in super().changed_data:
            name = "translations" if name in self.translation_map else name
            if name not in changed:
                changed.append(name)
        return changed

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        instance = self.instance  # type: ignore[attr-defined]
        merged = {k: dict(v) for k, v in (instance.translations or {}).items()}
        for name, (field, language) in self.translation_map.items():
            if name not in self.fields or name not in self.cleaned_data:
                continue
            text = (self.cleaned_data[name] or "").strip()
            values = merged.setdefault(language, {})
            if text:
                values[field] = text
            else:
                values.pop(field, None)
        instance.translations = {k: v for k, v in merged.items() if v}


def _box_kwargs(model_field: models.Field) -> dict[str, Any]:
    """A language's box is optional; the box of a one-line field (a ``CharField``
    without choices: a title, a name, a summary line) is a ``TextLineField``, like
    the English field: no line breaks, no direction controls."""
    kwargs: dict[str, Any] = {"required": False}
    if type(model_field) is models.CharField and not model_field.choices:
        kwargs["form_class"] = TextLineField
    return kwargs


def translations_form(
    model: type[models.Model], base: type[forms.BaseForm]
) -> type[forms.BaseForm]:
    """``base`` plus one optional box per language per translated field."""
    names = dict(settings.LANGUAGES)
    attrs: dict[str, Any] = {"translation_map": translation_fields(model)}
    for name, (field, language) in attrs["translation_map"].items():
        model_field = cast(models.Field, model._meta.get_field(field))
        form_field = cast(
            forms.Field, model_field.formfield(**_box_kwargs(model_field))
        )
        form_field.label = format_lazy(
            "{} ({})", capfirst(model_field.verbose_name), names[language]
        )
        form_field.help_text = ""
        direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
        form_field.widget.attrs.update({"lang": language, "dir": direction})
        attrs[name] = form_field
    bases = (
        (base,)
        if issubclass(base, TranslationsFormMixin)
        else (TranslationsFormMixin, base)
    )
    return type(f"{model.__name__}TranslationsForm", bases, attrs)


class TranslationsAdminMixin:
    """Put before the ``ModelAdmin`` or inline class in the bases."""

    model: type[models.Model]

    def get_form(
        self,
        request: HttpRequest,
        obj: Any | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> Any:
        base = kwargs.get("form") or self.form  # type: ignore[attr-defined]
        kwargs["form"] = translations_form(self.model, base)
        return super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        base = kwargs.get("form") or self.form  # type: ignore[attr-defined]
        kwargs["form"] = translations_form(self.model, base)
        return super().get_formset(request, obj, **kwargs)  # type: ignore[misc]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        """The declared fields, each translated one followed by its languages."""
        extra = translation_fields(self.model)
        declared = [
            f
            for f in super().get_fields(request, obj)  # type: ignore[misc]
            if f != "translations" and f not in extra
        ]
        fields: list[Any] = []
        for field in declared:
            fields.append(field)
            fields += [name for name, (f, _l) in extra.items() if f == field]
        return fields

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        """One row per translated field: English, then every language beside it."""
        if getattr(self, "fieldsets", None):
            return super().get_fieldsets(request, obj)  # type: ignore[misc]
        extra = translation_fields(self.model)
        rows: list[Any] = []
        for field in self.get_fields(request, obj):
            if field in extra:
                continue
            languages = [name for name, (f, _l) in extra.items() if f == field]
            rows.append((field, *languages) if languages else field)
        return [(None, {"fields": rows})]
