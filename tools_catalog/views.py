from django.http import HttpResponse
from django.shortcuts import render

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest


@permission_required(Perm.USE_MEMBER_AREA)
def tool_list_view(request: AuthedRequest) -> HttpResponse:
    return render(request, "tools_catalog/tool_list.html")


@permission_required(Perm.USE_PROVIDER_PORTAL)
def provider_portal_view(request: AuthedRequest) -> HttpResponse:
    return render(request, "tools_catalog/provider_portal.html")


@permission_required(Perm.EDIT_CATALOGUE)
def listing_review_queue_view(request: AuthedRequest) -> HttpResponse:
    return render(request, "tools_catalog/review_queue.html")
