"""The catalogue's browse filters: input shape and validation of every facet.

Options come from ``selectors.facet_vocabulary()`` (one query), and labels get
their live counts after ``selectors.tool_browse`` has counted them. The FilterSet
validates the query string; the selector turns the valid values into per-facet
conditions (each facet counts under the others).
"""

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tools_catalog.models import Tool
from tools_catalog.selectors import FACET_LABELS, FACET_ORDER, Facet, Vocabulary

SEARCH_MAX_LENGTH = 200
SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("name", _("Name")),
    ("vetted", _("Recently vetted")),
    ("rating", _("Rating")),
]


class TermCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes for vocabulary terms: each term's one-line definition shows
    beside it (tied to the checkbox with ``aria-describedby``); grouped options
    come in fieldsets with their group as legend."""

    template_name = "tools_catalog/widgets/term_checkboxes.html"
    option_template_name = "tools_catalog/widgets/term_checkbox_option.html"

    def __init__(self, *args: Any, help_texts: dict[str, str] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.help_texts = help_texts or {}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        text = self.help_texts.get(str(option["value"]), "")
        option["help"] = text
        if text and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_help"
        return option


def _grouped(
    labelled: dict[str, str], groups: list[tuple[str, list[str]]] | None
) -> list[Any]:
    if not groups:
        return list(labelled.items())
    return [
        (group, [(v, labelled[v]) for v in values if v in labelled])
        for group, values in groups
    ]


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
        help_texts = vocabulary.help
        self.groups: dict[str, list[tuple[str, list[str]]]] = vocabulary.groups
        for facet in FACET_ORDER:
            options = vocabulary.get(facet, [])
            self.form.fields[facet] = forms.MultipleChoiceField(
                label=FACET_LABELS[facet],
                choices=_grouped(dict(options), self.groups.get(facet)),
                required=False,
                widget=TermCheckboxSelectMultiple(help_texts=help_texts.get(facet)),
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

    def label_with_counts(self, facets: list[Facet]) -> None:
        for facet in facets:
            field = self.form.fields[facet.name]
            labelled = {
                o.value: gettext("%(label)s (%(count)s)")
                % {"label": o.label, "count": o.count}
                for o in facet.options
            }
            field.choices = _grouped(labelled, self.groups.get(facet.name))
