from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.selectors import user_is_applicant
from accounts.types import AuthedRequest


@login_required
def application_view(request: HttpRequest) -> HttpResponse:
    """The applicant's own page: where their application stands.

    Every signed-in user may open it; members see that they are already vetted.
    """
    return render(
        request,
        "onboarding/application.html",
        {"is_applicant": user_is_applicant(user=request.user)},
    )


@permission_required(Perm.VERIFY_APPLICATIONS)
def verification_queue_view(request: AuthedRequest) -> HttpResponse:
    return render(request, "onboarding/verification_queue.html")
