"""The browse page's vocabulary, facet filters and search."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    CharField,
    F,
    Q,
    QuerySet,
    Value,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from learning_centre.models import Stage
from tools_catalog.cache import versioned_get_or_build
from tools_catalog.models import (
    Capability,
    CapabilityGroup,
    DataType,
    DeploymentMode,
    Disclosure,
    Provider,
    SupportedLanguage,
    Tool,
)

# --- Browse: filters, search, facets -----------------------------------------

M2M_FACETS: dict[str, tuple[Any, str, str]] = {
    # facet: (term model, through field name on the Tool, term key field)
    "stage": (Stage, "stages", "key"),
    "capability": (Capability, "capabilities", "slug"),
    "data_type": (DataType, "data_types", "slug"),
    "deployment": (DeploymentMode, "deployments", "slug"),
    "language": (SupportedLanguage, "languages", "slug"),
}
CHOICE_FACETS: dict[str, tuple[str, list[tuple[str, Any]]]] = {
    # facet: (tool field, choices)
    "data_leaves": ("data_leaves_premises", list(Disclosure.choices)),
    "cost": ("cost_model", list(Tool.Cost.choices)),
    "maturity": ("maturity", list(Tool.Maturity.choices)),
    "country": ("provider__country", []),  # filled from the vocabulary
}
FACET_LABELS = {
    "stage": _("Workflow stage"),
    "capability": _("Capability"),
    "data_type": _("Data type"),
    "deployment": _("Deployment"),
    "data_leaves": _("Data leaves the premises"),
    "cost": _("Cost for law enforcement"),
    "language": _("Language"),
    "country": _("Provider country"),
    "maturity": _("Maturity"),
}
FACET_ORDER = (
    "stage",
    "capability",
    "data_type",
    "deployment",
    "data_leaves",
    "cost",
    "language",
    "country",
    "maturity",
)
NOT_DISCLOSED = "not_disclosed"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int = 0


@dataclass
class Facet:
    name: str
    options: list[FacetOption] = field(default_factory=list)


class Vocabulary(dict[str, list[tuple[str, str]]]):
    """Each facet's options as (value, label) in the active language.

    ``help``: facet -> value -> the term's one-line definition (shown beside the
    option); ``groups``: facet -> [(group label, [values])] for facets whose
    options come in groups (capabilities), in the groups' order.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help: dict[str, dict[str, str]] = {}
        self.groups: dict[str, list[tuple[str, list[str]]]] = {}


# M2M facets whose tools may state no value at all: they get a "Not disclosed"
# option that finds those tools.
UNDISCLOSED_M2M_FACETS = ("language",)


def facet_vocabulary(*, version: str = "") -> Vocabulary:
    """Every option of every facet with labels in the active language.

    With ``version`` (``catalogue_fingerprint()``) the result is cached under it
    (``tools_catalog.cache``), so a catalogue change is seen at once; otherwise
    one query (a UNION).
    """
    if not version:
        return _facet_vocabulary()
    language = get_language() or ""
    return versioned_get_or_build("vocabulary", version, _facet_vocabulary, language)


def localised_sql(field_name: str, language: str) -> Any:
    """A term's field in ``language`` computed by the database, English when
    the term has no translation (``TranslatedMixin`` in SQL)."""
    if language == settings.LANGUAGE_CODE:
        return F(field_name)
    return Coalesce(
        NullIf(
            KeyTextTransform(field_name, KeyTransform(language, "translations")),
            Value(""),
        ),
        F(field_name),
        output_field=CharField(),
    )


def _facet_vocabulary() -> Vocabulary:
    """Every option of every facet, in one query (a UNION of the term tables)."""
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    parts = []
    for facet, (model, _m2m, key) in M2M_FACETS.items():
        is_term = model is not Stage
        parts.append(
            model.objects.order_by()
            .annotate(
                facet=Value(facet, output_field=CharField()),
                value=F(key),
                label=localised_sql("name", language),
                sort=F("position") if model is Stage else Value(0),
                help=localised_sql("definition", language)
                if is_term
                else Value("", output_field=CharField()),
                grp=F("group")
                if model is Capability
                else Value("", output_field=CharField()),
            )
            .values_list("facet", "value", "label", "sort", "help", "grp")
        )
    parts.append(
        Provider.objects.order_by()
        .filter(tools__status=Tool.Status.PUBLISHED)
        .exclude(country="")
        .annotate(
            facet=Value("country", output_field=CharField()),
            value=F("country"),
            label=F("country"),
            sort=Value(0),
            help=Value("", output_field=CharField()),
            grp=Value("", output_field=CharField()),
        )
        .values_list("facet", "value", "label", "sort", "help", "grp")
        .distinct()
    )
    union = parts[0].union(*parts[1:], all=True)
    vocab: dict[str, list[tuple[str, str, int]]] = {name: [] for name in M2M_FACETS}
    vocab["country"] = []
    result = Vocabulary()
    group_of: dict[str, str] = {}
    for facet, value, label, sort, help_text, group in union:
        vocab[facet].append((value, label, sort))
        if help_text:
            result.help.setdefault(facet, {})[value] = help_text
        if group:
            group_of[value] = group
    for facet, rows in vocab.items():
        if facet == "stage":
            rows.sort(key=lambda r: r[2])
            result[facet] = [(v, lbl) for v, lbl, _s in rows]
        elif facet == "country":
            result[facet] = sorted(
                {(v, str(countries.name(v)) or v) for v, _l, _s in rows},
                key=lambda r: r[1],
            )
            result[facet].append((NOT_DISCLOSED, str(_("Not disclosed"))))
        else:
            result[facet] = sorted(
                ((v, lbl) for v, lbl, _s in rows), key=lambda r: r[1].lower()
            )
            if facet in UNDISCLOSED_M2M_FACETS:
                result[facet].append((NOT_DISCLOSED, str(_("Not disclosed"))))
    # Capabilities in their groups, in the groups' order (then by label).
    order = {g.value: n for n, g in enumerate(CapabilityGroup)}
    result["capability"].sort(
        key=lambda r: (order.get(group_of.get(r[0], ""), len(order)), r[1].lower())
    )
    groups: list[tuple[str, list[str]]] = []
    for value, _label in result["capability"]:
        group = group_of.get(value, "")
        label = str(CapabilityGroup(group).label) if group in order else ""
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(value)
    result.groups["capability"] = groups
    for facet, (_field, choices) in CHOICE_FACETS.items():
        if facet != "country":
            result[facet] = [(v, str(label)) for v, label in choices]
    return result


def facet_q(*, facet: str, values: list[str]) -> Q:
    """The condition one facet puts on a Tool (any of its values), without joins."""
    if facet in M2M_FACETS:
        model, m2m, key = M2M_FACETS[facet]
        through = getattr(Tool, m2m).through
        term_field = through._meta.get_field(model._meta.model_name).name
        condition = Q(
            pk__in=through.objects.filter(
                **{f"{term_field}__{key}__in": values}
            ).values("tool_id")
        )
        if facet in UNDISCLOSED_M2M_FACETS and NOT_DISCLOSED in values:
            condition |= ~Q(pk__in=through.objects.values("tool_id"))
        return condition
    field_name = CHOICE_FACETS[facet][0]
    if facet == "country" and NOT_DISCLOSED in values:
        return Q(**{f"{field_name}__in": values}) | Q(**{field_name: ""})
    return Q(**{f"{field_name}__in": values})


def search_q(*, qs: QuerySet[Tool], query: str) -> QuerySet[Tool]:
    """Full-text on PostgreSQL (ranked, GIN-indexed); icontains on SQLite."""
    if connection.vendor == "postgresql":
        search = SearchQuery(query, config="english", search_type="websearch")
        return qs.filter(search_vector=search).annotate(
            rank=SearchRank(F("search_vector"), search)
        )
    condition = Q()
    for word in query.split()[:10]:
        condition &= (
            Q(name__icontains=word)
            | Q(provider__name__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return qs.filter(condition).annotate(rank=Value(1.0))
