import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from onboarding.models import Application, OrganisationJoinRequest, Signal


class CaseFilter(django_filters.FilterSet):
    """The verification queue's filters; ``sort`` orders by age."""

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
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[("oldest", _("Oldest first")), ("newest", _("Newest first"))],
        method="filter_sort",
    )

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

    def filter_sort(
        self, queryset: QuerySet[Application], name: str, value: str
    ) -> QuerySet[Application]:
        order = "-submitted_at" if value == "newest" else "submitted_at"
        return queryset.order_by(order, "pk")
