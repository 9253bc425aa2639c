from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from accounts import selectors
from accounts.filters import AuditEventFilter
from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest


@permission_required(Perm.VIEW_AUDIT_LOG)
def audit_event_list_view(request: AuthedRequest) -> HttpResponse:
    filterset = AuditEventFilter(request.GET, queryset=selectors.audit_event_list())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit_event_list.html",
        {"filterset": filterset, "page_obj": page},
    )
