from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest


@permission_required(Perm.USE_MEMBER_AREA)
def overview_view(request: AuthedRequest) -> HttpResponse:
    return render(request, "learning_centre/overview.html")


def wellbeing_view(request: HttpRequest) -> HttpResponse:
    """Public on purpose: anyone who works with abuse material may need it."""
    return render(request, "learning_centre/wellbeing.html")
