"""The catalogue's browse filters: input shape and validation of every facet.

Options come from ``selectors.facet_vocabulary()`` (one query), and labels get
their live counts after ``selectors.tool_browse`` has counted them. The FilterSet
validates the query string; the selector turns the valid values into per-facet
conditions (each facet counts under the others).
"""

from dataclasses import dataclass, field
from typing import Any

import django_filters
from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.text import bidi_controls_strip, bidi_isolate
from tools_catalog.models import Tool
from tools_catalog.selectors import FACET_LABELS, FACET_ORDER, Facet, Vocabulary

SEARCH_MAX_LENGTH = 200
SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("name", _("Name")),
    ("vetted", _("Recently vetted")),
    ("rating", _("Rating")),
]


def _facet_label(label: str, count: int, *, template: str = "") -> str:
    """ "Term (2)": the term's name (staff typed it) without direction controls
    and isolated, so neither an override nor its script can reorder the count.
    ``template``: the escaped, translated "%(label)s (%(count)s)", looked up once
    per form by the caller."""
    template = template or conditional_escape(gettext("%(label)s (%(count)s)"))
    name = bidi_isolate(bidi_controls_strip(str(label)))
    return mark_safe(template % {"label": name, "count": count})  # noqa: S308 - escaped


@dataclass
class FacetChoice:
    """One checkbox of a facet: its value, its label with the live count, and
    the term's one-line definition (shown beside it)."""

    value: str
    text: str
    checked: bool = False
    help: str = ""


@dataclass
class FacetField:
    """A facet as the browse page renders it: options in groups (a group
    without a label for facets that have none) and the field's errors."""

    name: str
    label: str
    errors: Any
    groups: list[tuple[str, list[FacetChoice]]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return bool(self.errors) or any(c.checked for _g, cs in self.groups for c in cs)


class ToolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        method="filter_nothing",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        method="filter_nothing",
    )

    class Meta:
        model = Tool
        fields: list[str] = []

    def __init__(
        self,
        data: Any = None,
        *,
        vocabulary: Vocabulary,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.help_texts = vocabulary.help
        self.groups: dict[str, list[tuple[str, list[str]]]] = vocabulary.groups
        for facet in FACET_ORDER:
            self.form.fields[facet] = forms.MultipleChoiceField(
                label=FACET_LABELS[facet],
                choices=vocabulary.get(facet, []),
                required=False,
            )
        self.form.fields["q"].error_messages["max_length"] = _(
            "Search for at most %(limit_value)d characters."
        )

    def filter_nothing(self, queryset: Any, name: str, value: Any) -> Any:
        return queryset

    def selected(self) -> dict[str, list[str]]:
        """Valid facet values; an invalid facet is left out (its error is shown)."""
        form = self.form
        form.is_valid()
        return {f: form.cleaned_data.get(f) or [] for f in FACET_ORDER}

    def has_errors(self) -> bool:
        """Whether any filter has an invalid value (its message must be shown)."""
        return self.form.is_bound and bool(self.form.errors)

    def query_value(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip()

    def sort_value(self) -> str:
        return self.form.cleaned_data.get("sort") or ""

    def facet_fields(self, facets: list[Facet]) -> list[FacetField]:
        """Each facet's checkboxes, labelled with their live counts. Rendered by
        the browse template itself: a field's widget templates cost ten times
        as much for the same markup, on every uncached browse request."""
        form = self.form
        fields = []
        label_count = conditional_escape(gettext("%(label)s (%(count)s)"))
        for facet in facets:
            chosen = set(form.data.getlist(facet.name)) if form.is_bound else set()
            helps = self.help_texts.get(facet.name, {})
            choices = {
                o.value: FacetChoice(
                    value=o.value,
                    text=_facet_label(o.label, o.count, template=label_count),
                    checked=o.value in chosen,
                    help=helps.get(o.value, ""),
                )
                for o in facet.options
                # An option no tool matches is left out, unless it is ticked.
                if o.count or o.value in chosen
            }
            groups = self.groups.get(facet.name) or [("", list(choices))]
            fields.append(
                FacetField(
                    name=facet.name,
                    label=str(FACET_LABELS[facet.name]),
                    errors=form.errors.get(facet.name) if form.is_bound else None,
                    groups=[
                        (str(group), shown)
                        for group, values in groups
                        if (shown := [choices[v] for v in values if v in choices])
                    ],
                )
            )
        return fields
