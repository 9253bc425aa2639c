"""The actions a verifier takes on a case: one table, one view.

Each row names the form that carries the POST, the service it calls and what
the verifier is told; ``reauthenticate`` rows ask the verifier to confirm who
they are first. Every action answers with the case page: a 400 re-rendering the
form when it is invalid, otherwise a redirect with what happened.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from accounts.reauthentication import reauthentication_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from onboarding import selectors, services
from onboarding.forms import NoteForm, RejectForm, RequestInfoForm, VersionForm
from onboarding.models import Application, ConfirmationRequest, OrganisationJoinRequest
from onboarding.views.cases import case_or_404, render_case

# (application, actor, cleaned form data, the URL's other arguments)
Run = Callable[[Application, User, dict[str, Any], dict[str, Any]], object]


@dataclass(frozen=True)
class CaseAction:
    path: str  # under the case's URL; the URL's name is ``case-<key>``
    run: Run
    done: Any  # a lazy translation, read in the request's language
    form_class: type[forms.Form] | None = VersionForm
    form_name: str = "version_form"
    reauthenticate: bool = False
    kinds: tuple[str, ...] = ()  # values the URL's ``kind`` may take


def _join_decision(decide: Callable[..., object]) -> Run:
    def run(
        application: Application, actor: User, data: dict[str, Any], url: dict[str, Any]
    ) -> object:
        join: OrganisationJoinRequest | None = selectors.application_join_request_get(
            application=application
        )
        if join is None:
            raise Http404
        return decide(join=join, actor=actor)

    return run


CASE_ACTIONS: dict[str, CaseAction] = {
    "claim": CaseAction(
        path="claim/",
        run=lambda app, actor, data, url: services.application_claim(
            application=app, actor=actor, expected_version=data["version"]
        ),
        done=gettext_lazy("The case is assigned to you."),
    ),
    "approve": CaseAction(
        path="approve/",
        run=lambda app, actor, data, url: services.application_approve(
            application=app, actor=actor, expected_version=data["version"]
        ),
        done=gettext_lazy("Your approval was recorded."),
        reauthenticate=True,
    ),
    "reject": CaseAction(
        path="reject/",
        run=lambda app, actor, data, url: services.application_reject(
            application=app,
            actor=actor,
            reason=data["reason"],
            message=data["message"],
            expected_version=data["version"],
        ),
        done=gettext_lazy("The application was rejected and the applicant told."),
        form_class=RejectForm,
        form_name="reject_form",
        reauthenticate=True,
    ),
    "request-info": CaseAction(
        path="request-info/",
        run=lambda app, actor, data, url: services.application_request_info(
            application=app,
            actor=actor,
            question=data["question"],
            template=data.get("template"),
            expected_version=data["version"],
        ),
        done=gettext_lazy("Your question was sent to the applicant."),
        form_class=RequestInfoForm,
        form_name="info_form",
    ),
    "note-add": CaseAction(
        path="notes/",
        run=lambda app, actor, data, url: services.application_note_add(
            application=app, actor=actor, body=data["body"]
        ),
        done=gettext_lazy("Your note was added."),
        form_class=NoteForm,
        form_name="note_form",
    ),
    "confirmation-request": CaseAction(
        path="confirmation/<slug:kind>/",
        run=lambda app, actor, data, url: services.application_request_confirmation(
            application=app, actor=actor, kind=url["kind"]
        ),
        done=gettext_lazy("The request was emailed."),
        kinds=(ConfirmationRequest.Kind.SUPERVISOR, ConfirmationRequest.Kind.REFEREE),
    ),
    # The second sign-off on a claim to represent an existing organisation.
    "join-approve": CaseAction(
        path="join/approve/",
        run=_join_decision(services.organisation_join_approve),
        done=gettext_lazy(
            "Your sign-off was recorded: they now represent the organisation."
        ),
        form_class=None,
        reauthenticate=True,
    ),
    "join-refuse": CaseAction(
        path="join/refuse/",
        run=_join_decision(services.organisation_join_refuse),
        done=gettext_lazy("The request was refused; the applicant was told."),
        form_class=None,
        reauthenticate=True,
    ),
}


def case_action_view(
    request: AuthedRequest, pk: int, *, action: str, **url: Any
) -> HttpResponse:
    """Run ``CASE_ACTIONS[action]`` on case ``pk`` (reached through ``case_action``)."""
    spec = CASE_ACTIONS[action]
    if "kind" in url and url["kind"] not in spec.kinds:
        raise Http404
    application = case_or_404(pk)
    data: dict[str, Any] = {}
    if spec.form_class is not None:
        form = spec.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please correct the answers marked below."))
            return render_case(
                request, application, status=400, **{spec.form_name: form}
            )
        data = form.cleaned_data
    try:
        spec.run(application, request.user, data, url)
    except services.ApplicationStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, str(spec.done))
    return redirect("onboarding:case-detail", pk=pk)


def case_action(action: str) -> Callable[..., HttpResponse]:
    """The view for one row: permission first, then reauthentication where the
    row asks for it, then POST only (an anonymous POST is sent to sign in)."""

    def view(request: AuthedRequest, pk: int, **url: Any) -> HttpResponse:
        return case_action_view(request, pk, action=action, **url)

    view.__name__ = view.__qualname__ = f"case_{action.replace('-', '_')}_view"
    guarded: Callable[..., HttpResponse] = require_POST(view)
    if CASE_ACTIONS[action].reauthenticate:
        guarded = reauthentication_required(guarded)
    return permission_required(Perm.VERIFY_APPLICATIONS)(guarded)
