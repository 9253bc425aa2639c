import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from onboarding.models import Application, OrganisationJoinRequest, Signal
from onboarding.selectors import QUEUES, application_queue_q

# The queue's sortable columns: ``sort=<key>`` or ``sort=-<key>`` (descending).
# Only these keys sort; the primary key breaks ties, so pages never shuffle.
CASE_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("full_name",),
    "kind": ("kind",),
    "country": ("country",),
    "agency": ("agency_type",),
    "status": ("status",),
    "age": ("submitted_at",),
    "assignee": ("assignee__full_name", "assignee__email"),
}
# The names the sort had before the columns sorted.
SORT_ALIASES = {"oldest": "age", "newest": "-age"}
DEFAULT_SORT = "age"


def case_sort_parse(value: str | None) -> tuple[str, bool]:
    """(column key, descending) of a ``sort`` value; the default when unknown."""
    value = SORT_ALIASES.get(value or "", value or "")
    key = value.removeprefix("-")
    if key not in CASE_SORTS:
        return DEFAULT_SORT, False
    return key, value.startswith("-")


class CaseFilter(django_filters.FilterSet):
    """The verification queue's filters; ``queue`` picks a tab (see
    ``onboarding.selectors.application_queue_q``), ``sort`` a column."""

    queue = django_filters.CharFilter(method="filter_queue", widget=forms.HiddenInput)

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[c for c in Application.Status.choices if c[0] != "draft"],
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Application.Kind.choices
    )
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)
    agency_type = django_filters.ChoiceFilter(
        label=_("Agency type"), choices=Application.AgencyType.choices
    )
    signal = django_filters.ChoiceFilter(
        label=_("Signal"),
        choices=Signal.Code.choices,
        field_name="signals__code",
        distinct=True,
    )
    join = django_filters.ChoiceFilter(
        label=_("Request to join an organisation"),
        choices=OrganisationJoinRequest.Status.choices,
        field_name="join_request__status",
    )
    assignee = django_filters.ChoiceFilter(
        label=_("Assignee"),
        choices=[("me", _("Me")), ("none", _("Nobody"))],
        method="filter_assignee",
    )
    sort = django_filters.CharFilter(method="filter_sort", widget=forms.HiddenInput)

    class Meta:
        model = Application
        fields: list[str] = []

    def filter_assignee(
        self, queryset: QuerySet[Application], name: str, value: str
    ) -> QuerySet[Application]:
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset

    def filter_queue(
        self, queryset: QuerySet[Application], name: str, value: str
    ) -> QuerySet[Application]:
        if value not in QUEUES:
            return queryset
        return queryset.filter(application_queue_q(queue=value, user=self.request.user))

    def filter_sort(
        self, queryset: QuerySet[Application], name: str, value: str
    ) -> QuerySet[Application]:
        key, descending = case_sort_parse(value)
        fields = CASE_SORTS[key]
        order = [f"-{f}" if descending else f for f in fields]
        return queryset.order_by(*order, "-pk" if descending else "pk")
