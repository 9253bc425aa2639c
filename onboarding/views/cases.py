"""The verifiers' queue and case page, and the actions taken on a case."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from onboarding import selectors, services
from onboarding.filters import CaseFilter
from onboarding.forms import (
    NoteForm,
    ObjectionForm,
    RejectForm,
    RequestInfoForm,
    VersionForm,
)
from onboarding.models import Application, ConfirmationRequest

Kind = Application.Kind


@permission_required(Perm.VERIFY_APPLICATIONS)
def case_list_view(request: AuthedRequest) -> HttpResponse:
    cases = selectors.application_case_list().order_by("submitted_at", "pk")
    filterset = CaseFilter(request.GET, queryset=cases, request=request)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    rows = [
        (
            case,
            selectors.application_age_working_days(case),
            selectors.application_is_overdue(case),
        )
        for case in page
    ]
    status_counts = selectors.application_counts_by_status()
    status_counts.pop(Application.Status.DRAFT, None)
    context = {
        "filterset": filterset,
        "page_obj": page,
        "rows": rows,
        "status_counts": [
            (value, label, status_counts.get(value, 0))
            for value, label in Application.Status.choices
            if value != Application.Status.DRAFT
        ],
    }
    template = "onboarding/case_list.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


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
