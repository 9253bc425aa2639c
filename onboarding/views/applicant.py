"""The applicant's pages: the questionnaire, its status, answer, withdraw, restart."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import user_is_applicant
from onboarding import conf, selectors, services
from onboarding.forms import (
    AnswerForm,
    ApplicationForm,
    ProviderApplicationForm,
)
from onboarding.models import Application

Kind = Application.Kind


def _render_status(
    request: HttpRequest,
    application: Application,
    *,
    answer_form: AnswerForm,
    status: int = 200,
) -> HttpResponse:
    """The applicant's page once the application is submitted."""
    return render(
        request,
        "onboarding/application_status.html",
        {
            "application": application,
            "thread": application.messages.all(),
            "answer_form": answer_form,
            "sla_days": conf.sla_working_days(),
            "paused": selectors.member_is_paused(user=request.user),
            "can_restart": application.status in services.CLOSED_STATUSES,
        },
        status=status,
    )


def _application_page(request: HttpRequest, *, kind: str) -> HttpResponse:
    user = request.user
    if not user_is_applicant(user=user):
        return render(request, "onboarding/application_vetted.html")
    application = selectors.application_for_user(user=user)
    if application is not None and application.status != Application.Status.DRAFT:
        if request.method == "POST":
            messages.info(request, _("Your application was already submitted."))
            return redirect("onboarding:application")
        return _render_status(request, application, answer_form=AnswerForm())
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


def _own_application_or_404(request: HttpRequest) -> Application:
    application = selectors.application_for_user(user=request.user)
    if application is None:
        raise Http404
    return application


def _state_change(
    request: HttpRequest, change: Callable[[], object], done: str
) -> HttpResponse:
    """Run one applicant state change and report its outcome as a message."""
    try:
        change()
        messages.success(request, done)
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
    return redirect("onboarding:application")


def _own_state_change(
    request: HttpRequest, change: Callable[..., object], done: str
) -> HttpResponse:
    """Apply ``change`` to the applicant's own application."""
    application = _own_application_or_404(request)
    return _state_change(
        request, lambda: change(application=application, actor=request.user), done
    )


@login_required
@require_POST
def application_answer_view(request: HttpRequest) -> HttpResponse:
    application = _own_application_or_404(request)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_status(request, application, answer_form=form, status=400)
    return _state_change(
        request,
        lambda: services.application_answer(
            application=application,
            actor=request.user,  # type: ignore[arg-type]
            body=form.cleaned_data["body"],
        ),
        _("Thank you. Your answer was sent to the verifier."),
    )


@login_required
@require_POST
def application_withdraw_view(request: HttpRequest) -> HttpResponse:
    return _own_state_change(
        request, services.application_withdraw, _("Your application was withdrawn.")
    )


@login_required
@require_POST
def application_restart_view(request: HttpRequest) -> HttpResponse:
    """A closed (rejected, withdrawn, expired) application: start a new draft."""
    done = _("A new application was started from your earlier answers.")
    return _own_state_change(request, services.application_restart, done)
