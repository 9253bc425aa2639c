"""The browse page: filters, search and facets, with its HTML cache."""

import re
from functools import partial

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.vary import vary_on_headers

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from tools_catalog import cache, conf, selectors
from tools_catalog.attributes import card_facts
from tools_catalog.filters import ToolFilter
from tools_catalog.views.compare import tray_context

# --- Members: browse, tool, compare -------------------------------------------

BROWSE_TEMPLATE = "tools_catalog/includes/browse.html"


def _browse_context(request: AuthedRequest, version: str) -> tuple[dict, bool]:
    """What the browse fragment shows, and whether its HTML may be cached."""
    vocabulary = selectors.facet_vocabulary(version=version)
    filterset = ToolFilter(request.GET or None, vocabulary=vocabulary)
    selected = filterset.selected() if request.GET else {}
    query = filterset.query_value() if request.GET else ""
    sort = filterset.sort_value() if request.GET else ""
    browse = selectors.tool_browse(
        user=request.user,
        selected=selected,
        query=query,
        sort=sort or ("relevance" if query else "name"),
        vocabulary=vocabulary,
        version=version,
    )
    page = Paginator(browse.tools, conf.page_size()).get_page(request.GET.get("page"))
    for tool in page:
        # Worked out only when the card is not in the fragment cache yet.
        tool.facts = partial(card_facts, tool, deployments=tool.card_deployments)  # type: ignore[attr-defined]
    active = [(f, v) for f, values in selected.items() for v in values]
    context = {
        "form": filterset.form,
        "facets": filterset.facet_fields(browse.facets),
        "page_obj": page,
        "params": request.GET,
        "version": version,
        "language": get_language() or "",
        "query": query,
        "has_filters": bool(active or query),
        "active_count": len(active),
    }
    # A form with an error is rendered afresh, so its messages are never cached;
    # so is a query string with an invented parameter or page number, lest one
    # member fill every process's memory and the shared cache with pages.
    known = set(request.GET) <= {*filterset.form.fields, "page"}
    real_page = request.GET.get("page", "1") == str(page.number)
    return context, known and real_page and not filterset.has_errors()


def browse_html_render(context: dict, *, results_only: bool) -> str:
    """The browse fragment's HTML, rendered WITHOUT the request: no user,
    session, CSRF token or messages can reach it, so it may be shared by every
    member (``tools_catalog.cache``). With htmx, the results and every facet's
    counts (swapped out of band)."""
    if results_only:
        html = render_to_string(BROWSE_TEMPLATE + "#results", context)
        html += render_to_string(BROWSE_TEMPLATE + "#counts", context)
    else:
        html = render_to_string(BROWSE_TEMPLATE, context)
    return _compact(html)


@permission_required(Perm.USE_MEMBER_AREA)
@vary_on_headers("HX-Request")
def tool_list_view(request: AuthedRequest) -> HttpResponse:
    """The catalogue with facets, search and pages.

    The page's content depends only on the published catalogue, the language
    and the query string, never on the member (GET form, no CSRF token): its
    HTML is cached under the catalogue version (``tools_catalog.cache``), so a
    repeated search costs a read of this process's memory, and a change to
    the catalogue is seen at once in the process that made it and within a
    second in the others.
    """
    version = selectors.catalogue_fingerprint()
    results_only = bool(request.htmx and not request.htmx.boosted)
    key = cache.browse_html_key(
        version=version,
        language=get_language() or "",
        params=dict(request.GET.lists()),
        part="results" if results_only else "page",
    )
    html = cache.browse_html_get(key)
    if html is None:
        context, cacheable = _browse_context(request, version)
        html = browse_html_render(context, results_only=results_only)
        if cacheable:
            cache.browse_html_set(key, html)
    if results_only:
        return HttpResponse(html)
    # The compare tray is the member's own: rendered afresh, outside the
    # shared cached HTML, like the header's CSRF token.
    # The page around it, compacted on its own (the browse HTML already is):
    # the layout's indentation is a twentieth of the page.
    shell = render_to_string(
        "tools_catalog/tool_list.html",
        {"browse_html": mark_safe(_SLOT), **tray_context(request)},  # noqa: S308
        request=request,
    )
    before, _slot, after = _SHELL_BLANKS.sub("\n", shell).partition(_SLOT)
    return HttpResponse(before + html + after)


def _compact(html: str) -> str:
    """Each run of whitespace that holds a line break, as one line break: the
    template's indentation is a fifth of the browse page, and a line break
    renders as the space it replaces. Left alone if whitespace could matter."""
    if "<pre" in html or "<textarea" in html:
        return html
    return _BLANK_LINES.sub("\n", html)


_BLANK_LINES = re.compile(r"[ \t\r\f\v]*\n\s*")
# Indentation after a line break, in the page around the browse HTML (no
# <pre> or <textarea> there: the header, the tray, messages).
_SHELL_BLANKS = re.compile(r"\n\s+")
_SLOT = "<!--browse-->"
