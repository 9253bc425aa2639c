"""The editors' queue: new listings and revisions to decide."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.forms import saved_filter_form
from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.selectors import saved_filter_list
from accounts.services.saved_filters import saved_filter_query_clean
from accounts.types import AuthedRequest
from tools_catalog import selectors, services
from tools_catalog.forms import (
    DecisionForm,
    ListingForm,
)
from tools_catalog.models import ListingRevision, Tool

# --- Editors ----------------------------------------------------------------


REVIEW_QUEUE_LABELS = {
    "waiting": gettext_lazy("Waiting for a decision"),
    "new": gettext_lazy("New listings"),
    "revisions": gettext_lazy("Revisions"),
}
REVIEW_QUEUE_COLUMNS = [
    ("tool", gettext_lazy("Tool")),
    ("provider", gettext_lazy("Provider")),
    ("submitted", gettext_lazy("Submitted")),
]


@permission_required(Perm.EDIT_CATALOGUE)
def listing_review_queue_view(request: AuthedRequest) -> HttpResponse:
    queue = request.GET.get("queue")
    queue = queue if queue in selectors.REVIEW_QUEUES else "waiting"
    sort = request.GET.get("sort")
    counts = selectors.review_queue_counts()
    current, descending = selectors.review_queue_sort_parse(sort)
    columns = [
        {
            "key": key,
            "label": label,
            "next": f"-{key}" if key == current and not descending else key,
            "aria_sort": (
                ("descending" if descending else "ascending")
                if key == current
                else None
            ),
        }
        for key, label in REVIEW_QUEUE_COLUMNS
    ]
    query = saved_filter_query_clean(request.GET.urlencode())
    return render(
        request,
        "tools_catalog/review_queue.html",
        {
            "tabs": [
                (key, label, counts[key], key == queue)
                for key, label in REVIEW_QUEUE_LABELS.items()
            ],
            "columns": columns,
            "new_tools": (
                list(selectors.review_queue_tools(sort=sort)[:100])
                if queue != "revisions"
                else []
            ),
            "revisions": (
                list(selectors.review_queue_revisions(sort=sort)[:100])
                if queue != "new"
                else []
            ),
            "queue": queue,
            "saved_filters": saved_filter_list(
                user=request.user, view="tools_catalog:review-queue"
            ),
            "saved_filter_form": saved_filter_form(
                view="tools_catalog:review-queue", query=query
            ),
        },
    )


def listing_field_label(field: str) -> str:
    return str(ListingForm.base_fields[field].label or field)


def _diff_rows(before: dict, after: dict) -> list[dict]:
    """The changed fields, labelled and in the viewer's language (no raw codes)."""
    rows = services.listing_diff(before=before, after=after)
    shown_before, shown_after = selectors.listing_values_labelled([before, after])
    for row in rows:
        row["label"] = listing_field_label(row["field"])
        row["before"] = shown_before.get(row["field"], "")
        row["after"] = shown_after.get(row["field"], "")
    return rows


@permission_required(Perm.EDIT_CATALOGUE)
def listing_review_view(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    """The diff and the decision form while undecided; once decided, the
    decision instead of the form, and a POST deciding again changes nothing."""
    decision_record: ListingRevision | None
    if kind == "tool":
        tool = selectors.review_tool_get(pk=pk)
        if tool is None:
            raise Http404
        revision: ListingRevision | None = None
        decided = tool.status != Tool.Status.SUBMITTED
        decision_record = selectors.listing_latest_decision(tool=tool)
        diff = _diff_rows({}, services.tool_snapshot(tool=tool))
    elif kind == "revision":
        revision = selectors.review_revision_get(pk=pk)
        if revision is None:
            raise Http404
        tool = revision.tool
        decided = revision.status != ListingRevision.Status.SUBMITTED
        decision_record = revision
        # Once decided, what was proposed (the live listing may since include it).
        diff = _diff_rows(
            {} if decided else services.tool_snapshot(tool=tool), revision.proposed
        )
    else:
        raise Http404
    if decided and request.method == "POST":
        messages.error(
            request,
            _("This revision has already been decided; nothing was changed.")
            if revision is not None
            else _("This listing has already been decided; nothing was changed."),
        )
        return redirect("tools_catalog:listing-review", kind=kind, pk=pk)
    form = None if decided else DecisionForm(request.POST or None)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=request.user, tool=tool, revision=revision, **form.cleaned_data
            )
        except services.ListingError as exc:
            # Decided by someone else meanwhile: the page now shows their decision.
            messages.error(request, str(exc))
            return redirect("tools_catalog:listing-review", kind=kind, pk=pk)
        messages.success(
            request, _("Decision recorded; the provider will get an email.")
        )
        return redirect("tools_catalog:review-queue")
    return render(
        request,
        "tools_catalog/listing_review.html",
        {
            "tool": tool,
            "revision": revision,
            "diff": diff,
            "form": form,
            "decided": decided,
            "decision_record": decision_record if decided else None,
            "tool_state": selectors.listing_state(
                tool_status=tool.status, revision_status=None
            ),
        },
    )
