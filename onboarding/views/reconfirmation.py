"""Yearly re-confirmation: the member's link and the paused members' list."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.reauthentication import reauthentication_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from onboarding import selectors, services
from onboarding.models import Application

Kind = Application.Kind


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
