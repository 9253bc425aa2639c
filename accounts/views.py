from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.filters import AuditEventFilter
from accounts.forms import SavedFilterForm
from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.saved_filters import SAVED_FILTER_VIEWS
from accounts.services.saved_filters import (
    SavedFilterError,
    saved_filter_create,
    saved_filter_delete,
    saved_filter_query_clean,
)
from accounts.types import AuthedRequest


@permission_required(Perm.VIEW_AUDIT_LOG)
def audit_event_list_view(request: AuthedRequest) -> HttpResponse:
    filterset = AuditEventFilter(request.GET, queryset=selectors.audit_event_list())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit_event_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "audit_rows": selectors.audit_event_changes(events=page.object_list),
        },
    )


def _queue_url(view: str, query: str) -> str:
    url = reverse(view)
    return f"{url}?{query}" if query else url


@permission_required(Perm.VIEW_DASHBOARD)  # staff; the queue's own check follows
@require_POST
def saved_filter_create_view(request: AuthedRequest) -> HttpResponse:
    form = SavedFilterForm(request.POST)
    if not form.is_valid():
        view = request.POST.get("view", "")
        if view not in SAVED_FILTER_VIEWS or set(form.errors) != {"query"}:
            return HttpResponseBadRequest(_("These filters could not be saved."))
        # Back to the queue as it was, filters applied, with why and the name.
        name = form.cleaned_data.get("name", "")
        for error in form.errors["query"]:
            messages.error(
                request,
                _("“%(name)s” was not saved: %(reason)s")
                % {"name": name, "reason": error},
            )
        query = saved_filter_query_clean(request.POST.get("query", ""))
        return redirect(_queue_url(view, query))
    try:
        saved = saved_filter_create(user=request.user, **form.cleaned_data)
    except SavedFilterError:
        raise PermissionDenied from None
    messages.success(request, _("Your filters were saved."))
    return redirect(_queue_url(saved.view, saved.query))


@permission_required(Perm.VIEW_DASHBOARD)
@require_POST
def saved_filter_delete_view(request: AuthedRequest, pk: int) -> HttpResponse:
    saved = selectors.saved_filter_get(user=request.user, pk=pk)
    if saved is None:
        raise Http404
    saved_filter_delete(saved_filter=saved)
    messages.success(request, _("The saved filters were deleted."))
    return redirect(reverse(saved.view))
