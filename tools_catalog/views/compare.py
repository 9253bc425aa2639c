""""""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from core.exports import csv_response
from tools_catalog import selectors, services, tray
from tools_catalog.attributes import compare_rows
from tools_catalog.forms import (
    CompareTrayForm,
)
from tools_catalog.models import Tool

COMPARE_MIN, COMPARE_MAX = 2, 4


# --- The compare tray (per member, in the session) ---------------------------


def tray_context(request: AuthedRequest, *, tray_: tray.Tray | None = None) -> dict:
    """The tray for a page that shows it; tools that left the catalogue leave
    the tray with a message."""
    if tray_ is None:
        tray_ = tray.tray_load(request.session)
        for notice in tray_.notices:
            messages.warning(request, notice)
    return {"tray": tray_, "tray_next": request.get_full_path()}


def _next_url(request: AuthedRequest, value: str) -> str:
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("tools_catalog:tool-list")


def compare_url(tools: list[Tool]) -> str:
    return (
        reverse("tools_catalog:tool-compare")
        + "?tools="
        + ",".join(t.slug for t in tools)
    )


def compare_count_error(count: int) -> str:
    """Why ``count`` tools cannot be compared; "" when they can."""
    if count == 0:
        return _("Nothing to compare yet: tick “Compare” on 2 to 4 tools.")
    if count < COMPARE_MIN:
        return _("Add at least one more tool: a comparison needs 2 to 4 tools.")
    if count > COMPARE_MAX:
        return ngettext(
            "You picked %(count)s tool; at most 4 can be compared side by side. "
            "Take some out and compare again.",
            "You picked %(count)s tools; at most 4 can be compared side by side. "
            "Take some out and compare again.",
            count,
        ) % {"count": count}
    return ""


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def compare_tray_view(request: AuthedRequest) -> HttpResponse:
    """Add ticked tools to the tray, take one out, empty it, or compare it.

    Without JavaScript each button posts the form and comes back to the page
    (``next``) with a message; with htmx only the tray is swapped, and its
    status line says what happened. Nothing is lost on bad input.
    """
    tray_ = tray.tray_load(request.session)
    notices = [(messages.WARNING, n) for n in tray_.notices]
    form = CompareTrayForm(request.POST)
    next_url = _next_url(request, str(request.POST.get("next", "")))
    if not form.is_valid():
        notices.append(
            (messages.ERROR, _("That was not understood; your tray is unchanged."))
        )
        return _tray_response(request, tray_, notices, next_url)
    data = form.cleaned_data
    if data["drop"]:
        removed = [t for t in tray_.tools if t.pk == data["drop"]]
        tray.tray_remove(request.session, tray_, pk=data["drop"])
        if removed:
            notices.append(
                (
                    messages.SUCCESS,
                    _("%(tool)s is out of your compare tray.")
                    % {"tool": removed[0].name},
                )
            )
    elif data["command"] == CompareTrayForm.Command.CLEAR:
        tray.tray_clear(request.session, tray_)
        notices.append((messages.SUCCESS, _("Your compare tray is empty.")))
    else:
        before = len(tray_.tools)
        for notice in tray.tray_add(request.session, tray_, ids=data["tools"]):
            notices.append((messages.WARNING, notice))
        added = len(tray_.tools) - before
        if data["command"] == CompareTrayForm.Command.COMPARE:
            error = compare_count_error(len(tray_.tools))
            if not error:
                url = compare_url(tray_.tools)
                if request.htmx:
                    return HttpResponseClientRedirect(url)
                return redirect(url)
            notices.append((messages.ERROR, error))
        elif added:
            notices.append(
                (
                    messages.SUCCESS,
                    ngettext(
                        "%(count)s tool added to your compare tray.",
                        "%(count)s tools added to your compare tray.",
                        added,
                    )
                    % {"count": added},
                )
            )
        elif not data["tools"]:
            notices.append(
                (messages.ERROR, _("Tick “Compare” on a tool first, then add it."))
            )
    return _tray_response(request, tray_, notices, next_url)


def _tray_response(
    request: AuthedRequest,
    tray_: tray.Tray,
    notices: list[tuple[int, str]],
    next_url: str,
) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "tools_catalog/includes/compare_tray.html#swap",
            {
                "tray": tray_,
                "tray_next": next_url,
                "tray_notices": [text for _level, text in notices],
            },
        )
    for level, text in notices:
        messages.add_message(request, level, text)
    return redirect(next_url)


def compare_slugs(request: AuthedRequest) -> list[str]:
    raw = request.GET.getlist("tools")
    slugs: list[str] = []
    for value in raw:
        for slug in value.split(","):
            slug = slug.strip()[:220]
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs[:50]


@permission_required(Perm.USE_MEMBER_AREA)
def tool_compare_view(request: AuthedRequest) -> HttpResponse:
    slugs = compare_slugs(request)
    error = ""
    tools: list[Tool] = []
    if not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
        error = _("Choose between 2 and 4 tools to compare.")
    else:
        tools = selectors.tools_for_compare(slugs=slugs)
        if len(tools) != len(slugs):
            error = _("Some of these tools are not in the catalogue: check the link.")
    if error:
        return render(
            request,
            "tools_catalog/tool_compare.html",
            {"error": error, **tray_context(request)},
            status=400,
        )
    groups = compare_rows(tools)
    if request.GET.get("format") == "csv":
        rows = [
            [group, row.label, *(c.text for c in row.cells)]
            for group, group_rows in groups
            for row in group_rows
        ]
        return csv_response(
            filename="tools-compare.csv",
            header=[_("Group"), _("Attribute"), *(t.name for t in tools)],
            rows=rows,
        )
    services.tools_compare_count(tools=tools)
    return render(
        request,
        "tools_catalog/tool_compare.html",
        {
            "tools": tools,
            "groups": groups,
            "slugs": ",".join(t.slug for t in tools),
            **tray_context(request),
        },
    )
