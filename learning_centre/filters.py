from typing import Any

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from learning_centre import selectors
from learning_centre.models import Resource, Stage


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=100
    )
    stage = django_filters.ModelChoiceFilter(
        label=_("Stage"),
        field_name="stages",
        to_field_name="key",
        queryset=Stage.objects.order_by("position"),
        empty_label=_("All stages"),
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Resource.Topic.choices, empty_label=_("All topics")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Resource.Kind.choices, empty_label=_("All types")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Resource.Level.choices, empty_label=_("All levels")
    )
    language = django_filters.ChoiceFilter(
        label=_("Available in"),
        field_name="versions__language",
        choices=settings.LANGUAGES,
        empty_label=_("Any language"),
        distinct=True,
    )

    class Meta:
        model = Resource
        fields: list[str] = []

    def filter_search(
        self, queryset: QuerySet[Resource], name: str, value: Any
    ) -> QuerySet[Resource]:
        return selectors.resource_search(resources=queryset, query=value)
