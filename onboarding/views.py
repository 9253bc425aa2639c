from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.reauthentication import reauthentication_required
from accounts.roles import Perm
from accounts.selectors import user_is_applicant
from accounts.types import AuthedRequest
from onboarding import conf, selectors, services
from onboarding.filters import CaseFilter
from onboarding.forms import (
    AnswerForm,
    ApplicationForm,
    ConfirmationForm,
    NoteForm,
    ObjectionForm,
    ProviderApplicationForm,
    RejectForm,
    RequestInfoForm,
    VersionForm,
)
from onboarding.models import Application, ConfirmationRequest

Kind = Application.Kind


# --- Applicant pages ----------------------------------------------------------


def _application_page(request: HttpRequest, *, kind: str) -> HttpResponse:
    user = request.user
    if not user_is_applicant(user=user):
        return render(request, "onboarding/application_vetted.html")
    application = selectors.application_for_user(user=user)
    if application is not None and application.status != Application.Status.DRAFT:
        if request.method == "POST":
            messages.info(request, _("Your application was already submitted."))
            return redirect("onboarding:application")
        return render(
            request,
            "onboarding/application_status.html",
            {
                "application": application,
                "thread": application.messages.all(),
                "answer_form": AnswerForm(),
                "sla_days": conf.sla_working_days(),
                "paused": selectors.member_is_paused(user=user),
                "can_restart": application.status in services.CLOSED_STATUSES,
            },
        )
    if application is not None:
        kind = application.kind
    form_class = ProviderApplicationForm if kind == Kind.PROVIDER else ApplicationForm
    # A new questionnaire starts with what the account already tells us.
    draft = application or Application(
        kind=kind,
        user=user,  # type: ignore[misc]
        full_name=user.full_name,  # type: ignore[union-attr]
        work_email=user.email,  # type: ignore[union-attr]
    )
    submitting = request.POST.get("action") == "submit"
    form = form_class(
        request.POST or None,
        instance=draft,
        user=user,  # type: ignore[arg-type]
        submitting=submitting,
    )
    status = 200
    if request.method == "POST":
        try:
            services.application_form_throttle(user=user)  # type: ignore[arg-type]
        except services.ApplicationRateLimitError as exc:
            # The form is shown again with everything typed, and not saved.
            messages.error(request, str(exc))
            return render(
                request,
                "onboarding/application_form.html",
                {"form": form, "kind": kind, "application": application},
                status=429,
            )
    if request.method == "POST" and form.is_valid():
        draft = application or services.application_draft_get_or_create(
            user=user,  # type: ignore[arg-type]
            kind=kind,
        )
        try:
            services.application_save_draft(
                application=draft,
                actor=user,  # type: ignore[arg-type]
                data=form.draft_data(),
                interests=form.cleaned_data.get("interests"),
            )
            if submitting:
                services.application_submit(application=draft, actor=user)  # type: ignore[arg-type]
                messages.success(
                    request,
                    _("Thank you. Your application was submitted; we emailed you."),
                )
            else:
                messages.success(request, _("Your draft was saved."))
            return redirect("onboarding:application")
        except services.ApplicationStateError as exc:
            messages.error(request, str(exc))
            if isinstance(exc, services.ApplicationRateLimitError):
                status = 429
    elif request.method == "POST":
        messages.error(request, _("Please correct the answers marked below."))
    return render(
        request,
        "onboarding/application_form.html",
        {"form": form, "kind": kind, "application": application},
        status=status,
    )


@login_required
def application_view(request: HttpRequest) -> HttpResponse:
    """The applicant's own page: the questionnaire while a draft, then its status.

    Every signed-in user may open it; vetted users see that they are vetted.
    """
    return _application_page(request, kind=Kind.MEMBER)


@login_required
def provider_application_view(request: HttpRequest) -> HttpResponse:
    """The provider's form: same page, another questionnaire."""
    return _application_page(request, kind=Kind.PROVIDER)


def _own_open_application(request: HttpRequest) -> Application:
    application = selectors.application_for_user(user=request.user)
    if application is None:
        raise Http404
    return application


@login_required
@require_POST
def application_answer_view(request: HttpRequest) -> HttpResponse:
    application = _own_open_application(request)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "onboarding/application_status.html",
            {
                "application": application,
                "thread": application.messages.all(),
                "answer_form": form,
            },
            status=400,
        )
    try:
        services.application_answer(
            application=application,
            actor=request.user,  # type: ignore[arg-type]
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("Thank you. Your answer was sent to the verifier."))
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
    return redirect("onboarding:application")


@login_required
@require_POST
def application_withdraw_view(request: HttpRequest) -> HttpResponse:
    application = _own_open_application(request)
    try:
        services.application_withdraw(application=application, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Your application was withdrawn."))
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
    return redirect("onboarding:application")


@login_required
@require_POST
def application_restart_view(request: HttpRequest) -> HttpResponse:
    """A closed (rejected, withdrawn, expired) application: start a new draft."""
    application = _own_open_application(request)
    try:
        services.application_restart(application=application, actor=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("A new application was started from your earlier answers."),
        )
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
    return redirect("onboarding:application")


# --- Verifier pages -------------------------------------------------------------


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


def _case_or_404(pk: int) -> Application:
    application = selectors.application_case_get(pk=pk)
    if application is None:
        raise Http404
    return application


@permission_required(Perm.VERIFY_APPLICATIONS)
def case_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _case_or_404(pk)
    return _render_case(request, application)


def _render_case(
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


Action = Callable[[Application, AuthedRequest, dict[str, Any]], Any]


def _case_action(
    request: AuthedRequest,
    pk: int,
    *,
    form_class: type,
    form_name: str,
    action: Action,
    done: str,
) -> HttpResponse:
    application = _case_or_404(pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the answers marked below."))
        return _render_case(request, application, status=400, **{form_name: form})
    try:
        action(application, request, form.cleaned_data)
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
        return redirect("onboarding:case-detail", pk=pk)
    messages.success(request, done)
    return redirect("onboarding:case-detail", pk=pk)


@permission_required(Perm.VERIFY_APPLICATIONS)
@require_POST
def case_claim_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        form_class=VersionForm,
        form_name="version_form",
        action=lambda app, req, data: services.application_claim(
            application=app, actor=req.user, expected_version=data["version"]
        ),
        done=_("The case is assigned to you."),
    )


@permission_required(Perm.VERIFY_APPLICATIONS)
@reauthentication_required
@require_POST
def case_approve_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        form_class=VersionForm,
        form_name="version_form",
        action=lambda app, req, data: services.application_approve(
            application=app, actor=req.user, expected_version=data["version"]
        ),
        done=_("Your approval was recorded."),
    )


@permission_required(Perm.VERIFY_APPLICATIONS)
@reauthentication_required
@require_POST
def case_reject_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        form_class=RejectForm,
        form_name="reject_form",
        action=lambda app, req, data: services.application_reject(
            application=app,
            actor=req.user,
            reason=data["reason"],
            message=data["message"],
            expected_version=data["version"],
        ),
        done=_("The application was rejected and the applicant told."),
    )


@permission_required(Perm.VERIFY_APPLICATIONS)
@require_POST
def case_request_info_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        form_class=RequestInfoForm,
        form_name="info_form",
        action=lambda app, req, data: services.application_request_info(
            application=app,
            actor=req.user,
            question=data["question"],
            expected_version=data["version"],
        ),
        done=_("Your question was sent to the applicant."),
    )


@permission_required(Perm.VERIFY_APPLICATIONS)
@require_POST
def case_note_add_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        form_class=NoteForm,
        form_name="note_form",
        action=lambda app, req, data: services.application_note_add(
            application=app, actor=req.user, body=data["body"]
        ),
        done=_("Your note was added."),
    )


@permission_required(Perm.VERIFY_APPLICATIONS)
@require_POST
def case_confirmation_request_view(
    request: AuthedRequest, pk: int, kind: str
) -> HttpResponse:
    if kind not in (
        ConfirmationRequest.Kind.SUPERVISOR,
        ConfirmationRequest.Kind.REFEREE,
    ):
        raise Http404
    return _case_action(
        request,
        pk,
        form_class=VersionForm,
        form_name="version_form",
        action=lambda app, req, data: services.application_request_confirmation(
            application=app, actor=req.user, kind=kind
        ),
        done=_("The request was emailed."),
    )


def _join_decision(
    request: AuthedRequest, pk: int, *, decide: Callable[..., Any], done: str
) -> HttpResponse:
    application = _case_or_404(pk)
    join = selectors.application_join_request_get(application=application)
    if join is None:
        raise Http404
    try:
        decide(join=join, actor=request.user)
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("onboarding:case-detail", pk=pk)


@permission_required(Perm.VERIFY_APPLICATIONS)
@reauthentication_required
@require_POST
def case_join_approve_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The second sign-off on a claim to represent an existing organisation."""
    return _join_decision(
        request,
        pk,
        decide=services.organisation_join_approve,
        done=_("Your sign-off was recorded: they now represent the organisation."),
    )


@permission_required(Perm.VERIFY_APPLICATIONS)
@reauthentication_required
@require_POST
def case_join_refuse_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _join_decision(
        request,
        pk,
        decide=services.organisation_join_refuse,
        done=_("The request was refused; the applicant was told."),
    )


@permission_required(Perm.USE_PROVIDER_PORTAL)
def join_request_object_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """A representative reads a claim on their organisation and may object."""
    join = selectors.organisation_join_for_representative(user=request.user, pk=pk)
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


# --- Signed links ---------------------------------------------------------------


def _link_error(
    request: HttpRequest, exc: services.ConfirmationLinkError
) -> HttpResponse:
    return render(
        request,
        "onboarding/confirmation_error.html",
        {"error": str(exc), "no_longer_needed": exc.no_longer_needed},
        status=410 if exc.expired else 400,
    )


def confirmation_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public: a supervisor, referee or applicant answers through a signed link.

    Once the application is decided the link takes no answer.
    """
    try:
        confirmation = services.confirmation_load(token=token)
    except services.ConfirmationLinkError as exc:
        return _link_error(request, exc)
    form = ConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirmation_answer(
                token=token,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
            )
        except services.ConfirmationLinkError as exc:
            return _link_error(request, exc)
        return render(request, "onboarding/confirmation_done.html")
    return render(
        request,
        "onboarding/confirmation_form.html",
        {"confirmation": confirmation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- Yearly re-confirmation -------------------------------------------------------


def reconfirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public: a member confirms through the signed link they were emailed."""
    try:
        record = services.member_reconfirmation_load(token=token)
        if request.method == "POST":
            services.member_reconfirm(token=token)
            return render(request, "onboarding/confirmation_done.html")
    except services.ConfirmationLinkError as exc:
        return render(
            request,
            "onboarding/confirmation_error.html",
            {"error": str(exc)},
            status=410 if exc.expired else 400,
        )
    return render(request, "onboarding/reconfirm_form.html", {"record": record})


@permission_required(Perm.VERIFY_APPLICATIONS)
def member_paused_list_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.member_paused_list(), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "onboarding/members_paused.html", {"page_obj": page})


@permission_required(Perm.VERIFY_APPLICATIONS)
@reauthentication_required
@require_POST
def member_resume_view(request: AuthedRequest, pk: int) -> HttpResponse:
    record = selectors.member_paused_get(pk=pk)
    if record is None:
        raise Http404
    try:
        services.member_access_resume(record=record, actor=request.user)
        messages.success(
            request,
            _("Access restored for %(name)s.") % {"name": record.user},
        )
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
    return redirect("onboarding:member-paused-list")
