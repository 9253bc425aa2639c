from django.http import HttpResponse
from django.shortcuts import render

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest


@permission_required(Perm.USE_MEMBER_AREA)
def forum_index_view(request: AuthedRequest) -> HttpResponse:
    return render(request, "community/forum_index.html")


@permission_required(Perm.MODERATE_COMMUNITY)
def moderation_queue_view(request: AuthedRequest) -> HttpResponse:
    return render(request, "community/moderation_queue.html")
