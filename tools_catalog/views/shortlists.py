"""Shortlists, private to their owner: list, detail (and CSV), notes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from core.exports import csv_response
from tools_catalog import selectors, services
from tools_catalog.forms import (
    NoteForm,
    ShortlistCreateForm,
)
from tools_catalog.models import Tool
from tools_catalog.views.compare import (
    COMPARE_MAX,
    COMPARE_MIN,
    compare_count_error,
    compare_slugs,
    compare_url,
)

# --- Shortlists -------------------------------------------------------------


@permission_required(Perm.USE_MEMBER_AREA)
def shortlist_list_view(request: AuthedRequest) -> HttpResponse:
    form = ShortlistCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shortlist = services.shortlist_create(
            owner=request.user, name=form.cleaned_data["name"]
        )
        return redirect("tools_catalog:shortlist-detail", pk=shortlist.pk)
    page = Paginator(selectors.shortlist_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "tools_catalog/shortlist_list.html", {"page_obj": page, "form": form}
    )


@permission_required(Perm.USE_MEMBER_AREA)
def shortlist_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    shortlist = selectors.shortlist_get(user=request.user, pk=pk)
    if shortlist is None:
        raise Http404
    items = selectors.shortlist_items(shortlist=shortlist)
    if request.GET.get("format") == "csv":
        rows = [
            [
                i.tool.name,
                i.tool.provider.name,
                i.tool.get_cost_model_display(),
                i.note,
                request.build_absolute_uri(i.tool.get_absolute_url()),
            ]
            for i in items
        ]
        return csv_response(
            filename=f"shortlist-{shortlist.pk}.csv",
            header=[
                _("Tool"),
                _("Provider"),
                _("Cost for law enforcement"),
                _("Note"),
                _("Link"),
            ],
            rows=rows,
        )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    picked = compare_slugs(request) if request.GET.get("compare") else []
    if request.GET.get("compare"):
        tools = [i.tool for i in items if i.tool.slug in picked]
        error = compare_count_error(len(tools))
        gone = [t for t in tools if t.status != Tool.Status.PUBLISHED]
        if gone:
            error = _(
                "%(tool)s is no longer in the catalogue and cannot be compared."
            ) % {"tool": gone[0].name}
        if not error:
            return redirect(compare_url(tools))
        messages.error(request, error)
    elif COMPARE_MIN <= len(page) <= COMPARE_MAX and not page.has_other_pages():
        picked = [i.tool.slug for i in page]  # a short list: all, ready to compare
    return render(
        request,
        "tools_catalog/shortlist_detail.html",
        {
            "shortlist": shortlist,
            "page_obj": page,
            "note_forms": [
                (i, NoteForm(initial={"note": i.note}, prefix=f"i{i.pk}")) for i in page
            ],
            "picked": picked,
        },
        status=400 if request.GET.get("compare") else 200,
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def shortlist_item_view(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.shortlist_item_get(user=request.user, pk=pk)
    if item is None:
        raise Http404
    if "remove" in request.POST:
        services.shortlist_item_remove(item=item)
        messages.success(request, _("Removed from the shortlist."))
    else:
        form = NoteForm(request.POST, prefix=f"i{item.pk}")
        if form.is_valid():
            services.shortlist_item_note_set(item=item, note=form.cleaned_data["note"])
            messages.success(request, _("Note saved."))
        else:
            messages.error(
                request, _("The note is too long (2,000 characters at most).")
            )
    return redirect("tools_catalog:shortlist-detail", pk=item.shortlist_id)
