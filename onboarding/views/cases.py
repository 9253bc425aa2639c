"""The verifiers' queue and case page, and the actions taken on a case."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.forms import saved_filter_form
from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.selectors import saved_filter_list
from accounts.services.saved_filters import saved_filter_query_clean
from accounts.types import AuthedRequest
from onboarding import selectors, services
from onboarding.filters import CaseFilter, case_sort_parse
from onboarding.forms import (
    CaseBulkForm,
    NoteForm,
    ObjectionForm,
    RejectForm,
    RequestInfoForm,
    VersionForm,
)
from onboarding.models import Application, ConfirmationRequest

Kind = Application.Kind


QUEUE_LABELS = {
    selectors.QUEUE_ACTIONABLE: gettext_lazy("Needs action"),
    "submitted": gettext_lazy("Submitted"),
    "mine": gettext_lazy("In review, assigned to me"),
    "answered": gettext_lazy("Information answered"),
    "open": gettext_lazy("All open"),
    "all": gettext_lazy("All"),
}
CASE_COLUMNS = [
    ("name", gettext_lazy("Applicant")),
    ("kind", gettext_lazy("Type")),
    ("country", gettext_lazy("Country")),
    ("agency", gettext_lazy("Agency type")),
    ("status", gettext_lazy("Status")),
    ("age", gettext_lazy("Age")),
    (None, gettext_lazy("Signals")),
    ("assignee", gettext_lazy("Assignee")),
]
# Filters that narrow the list: with any of them and no tab, the queue shows all.
_NARROWING = frozenset(CaseFilter.base_filters) - {"queue", "sort"}


def _queue_params(request: AuthedRequest) -> QueryDict:
    """The queue's filters; without a tab it opens on what needs action, unless
    the other filters already say what to show (a status link, a country).
    A status the tab never lists (the filter form always sends its tab: "Needs
    action" and "Approved") shows the "All" tab, rather than nothing."""
    params = request.GET.copy()
    if params.get("queue") not in selectors.QUEUES:
        narrowed = any(params.get(key) for key in _NARROWING)
        params["queue"] = "all" if narrowed else selectors.QUEUE_ACTIONABLE
    statuses = selectors.QUEUE_STATUSES.get(str(params.get("queue")))
    status = params.get("status")
    if status and statuses is not None and status not in statuses:
        params["queue"] = "all"
    return params


def _sort_columns(sort: str | None) -> list[dict[str, Any]]:
    current, descending = case_sort_parse(sort)
    columns = []
    for key, label in CASE_COLUMNS:
        column: dict[str, Any] = {"key": key, "label": label, "aria_sort": None}
        if key is not None:
            column["next"] = f"-{key}" if key == current and not descending else key
            if key == current:
                column["aria_sort"] = "descending" if descending else "ascending"
        columns.append(column)
    return columns


def render_queue(
    request: AuthedRequest, *, bulk_form: CaseBulkForm | None = None, status: int = 200
) -> HttpResponse:
    params = _queue_params(request)
    cases = selectors.application_queue_list().order_by("submitted_at", "pk")
    filterset = CaseFilter(params, queryset=cases, request=request)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    rows = [
        (
            case,
            selectors.application_age_working_days(case),
            selectors.application_is_overdue(case),
        )
        for case in page
    ]
    counts = selectors.application_queue_counts(user=request.user)
    status_counts = selectors.application_counts_by_status()
    status_counts.pop(Application.Status.DRAFT, None)
    query = saved_filter_query_clean(request.GET.urlencode())
    context = {
        "filterset": filterset,
        "page_obj": page,
        "rows": rows,
        "tabs": [
            (key, label, counts[key], key == params["queue"])
            for key, label in QUEUE_LABELS.items()
        ],
        "columns": _sort_columns(params.get("sort")),
        "bulk_form": bulk_form or CaseBulkForm(initial={"query": query}),
        "saved_filters": saved_filter_list(
            user=request.user, view="onboarding:case-list"
        ),
        "saved_filter_form": saved_filter_form(
            view="onboarding:case-list", query=query
        ),
        "status_counts": [
            (value, label, status_counts.get(value, 0))
            for value, label in Application.Status.choices
            if value != Application.Status.DRAFT
        ],
    }
    template = "onboarding/case_list.html" + ("#results" if request.htmx else "")
    return render(request, template, context, status=status)


@permission_required(Perm.VERIFY_APPLICATIONS)
def case_list_view(request: AuthedRequest) -> HttpResponse:
    return render_queue(request)


@permission_required(Perm.VERIFY_APPLICATIONS)
@require_POST
def case_bulk_view(request: AuthedRequest) -> HttpResponse:
    """Claim or assign the cases ticked in the queue, each audited on its own."""
    form = CaseBulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: check the selection."))
        return render_queue(request, bulk_form=form, status=400)
    data = form.cleaned_data
    cases = list(data["cases"])
    if data["action"] == CaseBulkForm.ASSIGN:
        done, left = services.application_bulk_assign(
            applications=cases, actor=request.user, assignee=data["assignee"]
        )
    else:
        done, left = services.application_bulk_claim(
            applications=cases, actor=request.user
        )
    messages.success(
        request,
        ngettext("%(count)d case was updated.", "%(count)d cases were updated.", done)
        % {"count": done},
    )
    if left:
        messages.warning(
            request,
            ngettext(
                "%(count)d case was left as it was: another verifier holds it, "
                "it is your own application or it changed meanwhile.",
                "%(count)d cases were left as they were: another verifier holds "
                "them, they are your own application or they changed meanwhile.",
                left,
            )
            % {"count": left},
        )
    query = saved_filter_query_clean(data["query"])
    url = reverse("onboarding:case-list")
    return redirect(f"{url}?{query}" if query else url)


def case_or_404(pk: int) -> Application:
    application = selectors.application_case_get(pk=pk)
    if application is None:
        raise Http404
    return application


@permission_required(Perm.VERIFY_APPLICATIONS)
def case_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    application = case_or_404(pk)
    return render_case(request, application)


def render_case(
    request: AuthedRequest,
    application: Application,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    initial = {"version": application.version}
    claimed, lookalikes = selectors.application_organisation_claim(
        application=application
    )
    join = selectors.application_join_request_get(application=application)
    if join is not None and not join.is_open:
        claimed = None  # decided: the request's panel says how
    context = {
        "claimed_organisation": claimed,
        "lookalike_organisations": lookalikes,
        "join": join,
        "join_first_signoff_is_mine": join is not None
        and join.requested_by_id == request.user.pk,
        "application": application,
        "age": selectors.application_age_working_days(application),
        "overdue": selectors.application_is_overdue(application),
        "timeline": selectors.application_timeline(application=application),
        "own": application.user_id == request.user.pk,
        "needs_second_signoff": services.application_needs_second_signoff(
            application=application
        ),
        "version_form": VersionForm(initial=initial),
        "info_form": forms.get("info_form") or RequestInfoForm(initial=initial),
        "reject_form": forms.get("reject_form") or RejectForm(initial=initial),
        "note_form": forms.get("note_form") or NoteForm(),
        "confirmation_kinds": ConfirmationRequest.Kind,
        "referee": selectors.application_referee_check(application=application),
    }
    return render(request, "onboarding/case_detail.html", context, status=status)


@permission_required(Perm.USE_PROVIDER_PORTAL)
def join_request_object_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """A representative reads a claim on their organisation and may object."""
    join = selectors.organisation_join_get(pk=pk, representative=request.user)
    if join is None:
        raise Http404
    # The comment is optional: an empty POST is an objection too.
    form = ObjectionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.organisation_join_object(
                join=join, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except services.ApplicationStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Your objection was recorded. The Hub's staff will look into it."),
            )
        return redirect("onboarding:join-request-object", pk=pk)
    return render(
        request,
        "onboarding/join_request_object.html",
        {"join": join, "form": form},
        status=400 if request.method == "POST" else 200,
    )
