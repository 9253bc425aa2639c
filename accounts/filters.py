import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_action_choices
from accounts.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=audit_action_choices
    )
    actor = django_filters.CharFilter(
        label=_("Actor email"), field_name="actor_label", lookup_expr="icontains"
    )
    target_type = django_filters.ModelChoiceFilter(
        label=_("Target type"),
        queryset=ContentType.objects.order_by("app_label", "model"),
    )
    target_id = django_filters.CharFilter(label=_("Target id"))
    since = django_filters.DateFilter(
        label=_("From"), field_name="created_at", lookup_expr="date__gte"
    )
    until = django_filters.DateFilter(
        label=_("Until"), field_name="created_at", lookup_expr="date__lte"
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "target_type", "target_id", "since", "until"]
