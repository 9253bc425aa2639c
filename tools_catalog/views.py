import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from core.exports import csv_response
from onboarding import selectors as joins
from tools_catalog import conf, selectors, services, tray
from tools_catalog.attributes import card_facts, compare_rows, tool_groups
from tools_catalog.filters import ToolFilter
from tools_catalog.forms import (
    AdoptionForm,
    AnswerForm,
    CompareTrayForm,
    DecisionForm,
    ListingForm,
    NoteForm,
    QuestionForm,
    ReviewForm,
    ShortlistAddForm,
    ShortlistCreateForm,
)
from tools_catalog.models import ListingRevision, Tool

COMPARE_MIN, COMPARE_MAX = 2, 4


# --- Members: browse, tool, compare -------------------------------------------


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
    filterset.label_with_counts(browse.facets)
    paginator = Paginator(browse.tools, conf.page_size())
    if browse.total is not None:
        paginator.count = browse.total  # known from the facet counts: no COUNT(*)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.tools_cards_attach(page.object_list)
    for tool in page.object_list:
        tool.facts = card_facts(tool)  # type: ignore[attr-defined]
    active = [(f, v) for f, values in selected.items() for v in values]
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page,
        "query": query,
        "has_filters": bool(active or query),
        "active_count": len(active),
    }
    # A form with an error is rendered afresh, so its messages are never cached.
    return context, not filterset.has_errors()


@permission_required(Perm.USE_MEMBER_AREA)
@vary_on_headers("HX-Request")
def tool_list_view(request: AuthedRequest) -> HttpResponse:
    """The catalogue with facets, search and pages.

    The page's content depends only on the published catalogue, the language
    and the query string, never on the member (GET form, no CSRF token): its
    HTML is cached under the catalogue version (``tools_catalog.versioning``),
    so a repeated search costs a read of this process's memory, and a change to
    the catalogue is seen at once in the process that made it and within a
    second in the others.
    """
    version = selectors.catalogue_fingerprint()
    results_only = bool(request.htmx and not request.htmx.boosted)
    key = selectors.browse_cache_key(
        version=version,
        params=dict(request.GET.lists()),
        part="results" if results_only else "page",
    )
    html = selectors.browse_html_get(key)
    if html is None:
        context, cacheable = _browse_context(request, version)
        template = "tools_catalog/includes/browse.html"
        if results_only:
            template += "#results"
        html = _compact(render_to_string(template, context, request=request))
        if cacheable:
            selectors.browse_html_set(key, html)
    if results_only:
        return HttpResponse(html)
    # The compare tray is the member's own: rendered afresh, outside the
    # shared cached HTML, like the header's CSRF token.
    return render(
        request,
        "tools_catalog/tool_list.html",
        {
            "browse_html": mark_safe(html),  # noqa: S308 (our own rendered template)
            **_tray_context(request),
        },
    )


def _compact(html: str) -> str:
    """Each run of whitespace that holds a line break, as one line break: the
    template's indentation is a fifth of the browse page, and a line break
    renders as the space it replaces. Left alone if whitespace could matter."""
    if "<pre" in html or "<textarea" in html:
        return html
    return _BLANK_LINES.sub("\n", html)


_BLANK_LINES = re.compile(r"[ \t\r\f\v]*\n\s*")


# --- The compare tray (per member, in the session) ---------------------------


def _tray_context(request: AuthedRequest, *, tray_: tray.Tray | None = None) -> dict:
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


def _compare_url(tools: list[Tool]) -> str:
    return (
        reverse("tools_catalog:tool-compare")
        + "?tools="
        + ",".join(t.slug for t in tools)
    )


def _compare_count_error(count: int) -> str:
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
            error = _compare_count_error(len(tray_.tools))
            if not error:
                url = _compare_url(tray_.tools)
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


def _stage_links(tool: Tool) -> list[tuple[str, str]]:
    links = []
    for stage in tool.stages.all():
        try:
            url = reverse("learning_centre:stage-detail", kwargs={"key": stage.key})
        except NoReverseMatch:
            url = reverse("tools_catalog:tool-list") + "?stage=" + stage.key
        links.append((stage.local_name, url))
    return links


def _tool_context(request: AuthedRequest, tool: Tool, **forms: object) -> dict:
    can_moderate = request.user.has_perm("tools_catalog.moderate_review")
    reviews = list(
        selectors.tool_reviews(
            user=request.user, tool=tool, include_hidden=can_moderate
        )[:20]
    )
    own_review = next((r for r in reviews if getattr(r, "is_mine", 0)), None)
    reviewers = selectors.reviewers_describe(user_ids=[r.author_id for r in reviews])
    for review in reviews:
        review.reviewer = reviewers.get(review.author_id)  # type: ignore[attr-defined]
    buckets, own_status = selectors.tool_adoption_buckets(user=request.user, tool=tool)
    context: dict[str, object] = {
        "tool": tool,
        "groups": tool_groups(tool),
        "stage_links": _stage_links(tool),
        "reviews": [r for r in reviews if can_moderate or not r.hidden],
        "can_moderate": can_moderate,
        "questions": selectors.tool_questions(tool=tool)[:20],
        "related": selectors.tool_related(tool=tool),
        "adoption_buckets": buckets,
        "review_form": ReviewForm(
            instance=own_review,
            initial=None
            if own_review
            else {"show_name": selectors.member_shows_name(user=request.user)},
        ),
        "question_form": QuestionForm(),
        "adoption_form": AdoptionForm(initial={"status": own_status}),
        "shortlist_form": ShortlistAddForm(
            shortlists=selectors.shortlist_list(user=request.user)
        ),
    }
    tray_context = _tray_context(request)
    context.update(tray_context, in_tray=tool.pk in tray_context["tray"].ids)
    context.update(forms)
    return context


@permission_required(Perm.USE_MEMBER_AREA)
def tool_detail_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = selectors.tool_get(user=request.user, slug=slug)
    services.tool_view_count(tool=tool)
    return render(
        request, "tools_catalog/tool_detail.html", _tool_context(request, tool)
    )


def _compare_slugs(request: AuthedRequest) -> list[str]:
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
    slugs = _compare_slugs(request)
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
            {"error": error, **_tray_context(request)},
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
            **_tray_context(request),
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_review_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = selectors.tool_get(user=request.user, slug=slug)
    form = ReviewForm(
        request.POST, instance=selectors.member_review(user=request.user, tool=tool)
    )
    if form.is_valid():
        review = services.review_save(
            author=request.user, tool=tool, **form.cleaned_data
        )
        if review.pending:
            messages.success(
                request,
                _(
                    "Your review is saved. As it is your first, a moderator will "
                    "check it before other members see it."
                ),
            )
        else:
            messages.success(request, _("Your review is saved."))
        return redirect(tool)
    return _tool_form_error(request, tool, review_form=form)


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_question_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = selectors.tool_get(user=request.user, slug=slug)
    form = QuestionForm(request.POST)
    if form.is_valid():
        services.question_ask(
            author=request.user, tool=tool, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Your question was sent to the provider."))
        return redirect(tool)
    return _tool_form_error(request, tool, question_form=form)


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_adoption_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = selectors.tool_get(user=request.user, slug=slug)
    form = AdoptionForm(request.POST)
    if form.is_valid():
        services.adoption_set(
            member=request.user, tool=tool, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Your agency's status with this tool is saved."))
        return redirect(tool)
    return _tool_form_error(request, tool, adoption_form=form)


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_shortlist_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = selectors.tool_get(user=request.user, slug=slug)
    form = ShortlistAddForm(
        request.POST, shortlists=selectors.shortlist_list(user=request.user)
    )
    if form.is_valid():
        shortlist = form.cleaned_data["shortlist"] or services.shortlist_create(
            owner=request.user, name=form.cleaned_data["new_name"]
        )
        services.shortlist_tool_add(
            shortlist=shortlist, tool=tool, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("%(tool)s is on your shortlist %(shortlist)s.")
            % {"tool": tool.name, "shortlist": shortlist.name},
        )
        return redirect(tool)
    return _tool_form_error(request, tool, shortlist_form=form)


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def review_moderate_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Moderators and catalogue editors approve a waiting review, hide or
    restore one; from the queue (``next=queue``) they go back to it."""
    if not request.user.has_perm("tools_catalog.moderate_review"):
        raise PermissionDenied
    review = selectors.review_for_moderation_get(pk=pk)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.review_approve(actor=request.user, review=review)
            messages.success(
                request, _("The review is approved: members see it and it counts.")
            )
        elif action == "restore":
            services.review_restore(actor=request.user, review=review)
            messages.success(request, _("The review is visible again."))
        else:
            services.review_hide(actor=request.user, review=review)
            messages.success(
                request,
                _("The review is hidden from members and left out of the rating."),
            )
    except services.ModerationError as exc:
        messages.error(request, str(exc))
    if request.POST.get("next") == "queue":
        return redirect("tools_catalog:review-moderation-queue")
    if review.tool.status == Tool.Status.PUBLISHED:
        return redirect(review.tool)
    return redirect("tools_catalog:tool-list")


@permission_required(Perm.USE_MEMBER_AREA)
def review_moderation_queue_view(request: AuthedRequest) -> HttpResponse:
    """Members' first reviews waiting for a moderator, with approve and hide."""
    if not request.user.has_perm("tools_catalog.moderate_review"):
        raise PermissionDenied
    page = Paginator(selectors.review_moderation_queue(), 25).get_page(
        request.GET.get("page")
    )
    reviewers = selectors.reviewers_describe(user_ids=[r.author_id for r in page])
    for review in page:
        review.reviewer = reviewers.get(review.author_id)  # type: ignore[attr-defined]
    return render(
        request, "tools_catalog/review_moderation_queue.html", {"page_obj": page}
    )


def _tool_form_error(
    request: AuthedRequest, tool: Tool, **forms: object
) -> HttpResponse:
    """Re-render the tool page with the failing form, keeping what was typed."""
    context = _tool_context(request, tool, **forms)
    return render(request, "tools_catalog/tool_detail.html", context, status=400)


# --- Shortlists -------------------------------------------------------------


@permission_required(Perm.USE_MEMBER_AREA)
def shortlist_list_view(request: AuthedRequest) -> HttpResponse:
    form = ShortlistCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shortlist = services.shortlist_create(
            owner=request.user, name=form.cleaned_data["name"]
        )
        return redirect("tools_catalog:shortlist-detail", pk=shortlist.pk)
    page = Paginator(selectors.shortlist_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "tools_catalog/shortlist_list.html", {"page_obj": page, "form": form}
    )


@permission_required(Perm.USE_MEMBER_AREA)
def shortlist_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    shortlist = selectors.shortlist_get(user=request.user, pk=pk)
    items = selectors.shortlist_items(shortlist=shortlist)
    if request.GET.get("format") == "csv":
        rows = [
            [
                i.tool.name,
                i.tool.provider.name,
                i.tool.get_cost_model_display(),
                i.note,
                request.build_absolute_uri(i.tool.get_absolute_url()),
            ]
            for i in items
        ]
        return csv_response(
            filename=f"shortlist-{shortlist.pk}.csv",
            header=[
                _("Tool"),
                _("Provider"),
                _("Cost for law enforcement"),
                _("Note"),
                _("Link"),
            ],
            rows=rows,
        )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    picked = _compare_slugs(request) if request.GET.get("compare") else []
    if request.GET.get("compare"):
        tools = [i.tool for i in items if i.tool.slug in picked]
        error = _compare_count_error(len(tools))
        gone = [t for t in tools if t.status != Tool.Status.PUBLISHED]
        if gone:
            error = _(
                "%(tool)s is no longer in the catalogue and cannot be compared."
            ) % {"tool": gone[0].name}
        if not error:
            return redirect(_compare_url(tools))
        messages.error(request, error)
    elif COMPARE_MIN <= len(page) <= COMPARE_MAX and not page.has_other_pages():
        picked = [i.tool.slug for i in page]  # a short list: all, ready to compare
    return render(
        request,
        "tools_catalog/shortlist_detail.html",
        {
            "shortlist": shortlist,
            "page_obj": page,
            "note_forms": [
                (i, NoteForm(initial={"note": i.note}, prefix=f"i{i.pk}")) for i in page
            ],
            "picked": picked,
        },
        status=400 if request.GET.get("compare") else 200,
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def shortlist_item_view(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.shortlist_item_get(user=request.user, pk=pk)
    if "remove" in request.POST:
        services.shortlist_item_remove(item=item)
        messages.success(request, _("Removed from the shortlist."))
    else:
        form = NoteForm(request.POST, prefix=f"i{item.pk}")
        if form.is_valid():
            services.shortlist_item_note_set(item=item, note=form.cleaned_data["note"])
            messages.success(request, _("Note saved."))
        else:
            messages.error(
                request, _("The note is too long (2,000 characters at most).")
            )
    return redirect("tools_catalog:shortlist-detail", pk=item.shortlist_id)


# --- Provider portal --------------------------------------------------------


@permission_required(Perm.USE_PROVIDER_PORTAL)
def provider_portal_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.provider_tools(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    for tool in page:
        tool.state = selectors.listing_state(  # type: ignore[attr-defined]
            tool_status=tool.status,
            revision_status=tool.open_revision_status,  # type: ignore[attr-defined]
        )
    return render(
        request,
        "tools_catalog/provider_portal.html",
        {
            "providers": selectors.provider_list_for_user(user=request.user),
            "page_obj": page,
            "questions": [
                (q, AnswerForm(prefix=f"q{q.pk}"))
                for q in selectors.provider_questions(user=request.user)[:20]
            ],
            "reviews": selectors.provider_reviews(user=request.user)[:20],
            # A claim on an organisation waits for staff; until then, nothing of it.
            "my_join_requests": joins.organisation_join_list_for_applicant(
                user=request.user
            ),
            "join_requests": joins.organisation_join_list_for_representative(
                user=request.user
            ),
        },
    )


@permission_required(Perm.USE_PROVIDER_PORTAL)
def provider_tool_create_view(request: AuthedRequest) -> HttpResponse:
    """A new draft; a representative of several organisations chooses which."""
    providers = list(selectors.provider_list_for_user(user=request.user))
    if not providers:
        raise Http404
    form = ListingForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        provider = form.cleaned_data.pop("provider", None) or providers[0]
        tool = services.tool_draft_create(
            actor=request.user, provider=provider, cleaned=form.cleaned_data
        )
        messages.success(request, _("Draft saved. Submit it when it is ready."))
        return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)
    return render(
        request,
        "tools_catalog/provider_tool_form.html",
        {"form": form, "provider": providers[0] if len(providers) == 1 else None},
    )


State = selectors.ListingState
# A listing in these states is shown read-only: no form that would refuse to save.
_READ_ONLY_STATES = (State.IN_REVIEW, State.REJECTED, State.ARCHIVED)


def _read_only_message(state: str, *, revision: bool) -> str:
    if state == State.IN_REVIEW and revision:
        return _(
            "This listing cannot be edited while an editor reviews it. Withdraw "
            "your changes to edit them again."
        )
    if state == State.IN_REVIEW:
        return _(
            "This listing cannot be edited while an editor reviews it. Withdraw "
            "it from review to change it."
        )
    if state == State.REJECTED:
        return _(
            "A rejected listing cannot be edited. Contact the Hub team if you "
            "think this is a mistake."
        )
    return _(
        "An archived listing cannot be edited. To list it again, contact the Hub team."
    )


def _listing_rows(values: dict) -> list[tuple[str, str]]:
    """Every listing field with its label and its value in human words."""
    shown = selectors.listing_values_labelled([values])[0]
    return [
        (_field_label(field), shown.get(field, ""))
        for field in (*services.LISTING_TEXT_FIELDS, *services.LISTING_M2M_FIELDS)
        if field in values
    ]


@permission_required(Perm.USE_PROVIDER_PORTAL)
def provider_tool_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """One listing as its state allows: a form for a draft, a listing sent back
    and a published listing (whose changes go to the editors as a revision);
    read-only, with the reason, while in review, rejected or archived."""
    tool = selectors.provider_tool_get(user=request.user, pk=pk)
    if not request.user.has_perm("tools_catalog.change_listing", tool):
        raise Http404
    open_revision = (
        selectors.provider_tool_open_revision(tool=tool)
        if tool.status == Tool.Status.PUBLISHED
        else None
    )
    state = selectors.listing_state(
        tool_status=tool.status,
        revision_status=open_revision.status if open_revision else None,
    )
    read_only = state in _READ_ONLY_STATES
    form: ListingForm | None = None
    if read_only and request.method == "POST":
        messages.error(
            request, _read_only_message(state, revision=open_revision is not None)
        )
        return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)
    if not read_only:
        initial = open_revision.proposed if open_revision else None
        form = ListingForm(request.POST or None, instance=tool, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                if tool.status == Tool.Status.PUBLISHED:
                    services.revision_submit(
                        actor=request.user, tool=tool, cleaned=form.cleaned_data
                    )
                    messages.success(
                        request,
                        _(
                            "Your changes were sent to the editors. The live "
                            "listing changes when they approve them."
                        ),
                    )
                else:
                    services.tool_draft_update(
                        actor=request.user, tool=tool, cleaned=form.cleaned_data
                    )
                    messages.success(request, _("Draft saved."))
                return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)
            except services.ListingError as exc:
                form.add_error(None, str(exc))
        if request.method == "POST" and not form.is_valid():
            form.instance.refresh_from_db()
    shown = (
        open_revision.proposed if open_revision else services.tool_snapshot(tool=tool)
    )
    return render(
        request,
        "tools_catalog/provider_tool_form.html",
        {
            "form": form,
            "tool": tool,
            "provider": tool.provider,
            "state": state,
            "State": State,
            "open_revision": open_revision,
            "read_only_message": _read_only_message(
                state, revision=open_revision is not None
            )
            if read_only
            else "",
            "listing_rows": _listing_rows(shown) if read_only else [],
            "latest_comment": selectors.listing_latest_comment(tool=tool),
            "revisions": selectors.provider_tool_revisions(tool=tool)[:10],
            "can_submit": tool.status in services.EDITABLE_DRAFT_STATUSES,
            "can_withdraw": tool.status == Tool.Status.SUBMITTED,
            "can_withdraw_changes": open_revision is not None,
            "can_archive": tool.status in services.ARCHIVABLE_STATUSES,
        },
    )


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_tool_submit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    tool = selectors.provider_tool_get(user=request.user, pk=pk)
    try:
        services.tool_submit(actor=request.user, tool=tool)
        messages.success(request, _("Submitted. An editor will review your listing."))
    except services.ListingError as exc:
        messages.error(request, str(exc))
    return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_tool_withdraw_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """A listing waiting for review becomes a draft again; a published listing's
    proposed changes are withdrawn (it stays live as it is)."""
    tool = selectors.provider_tool_get(user=request.user, pk=pk)
    try:
        if tool.status == Tool.Status.PUBLISHED:
            services.revision_withdraw(actor=request.user, tool=tool)
            messages.success(
                request,
                _("Your changes are withdrawn; the published listing is unchanged."),
            )
        else:
            services.tool_withdraw(actor=request.user, tool=tool)
            messages.success(
                request, _("Withdrawn from review. The listing is a draft again.")
            )
    except services.ListingError as exc:
        messages.error(request, str(exc))
    return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_tool_archive_view(request: AuthedRequest, pk: int) -> HttpResponse:
    tool = selectors.provider_tool_get(user=request.user, pk=pk)
    try:
        services.tool_archive(actor=request.user, tool=tool)
        messages.success(
            request, _("The listing is archived: members no longer see it.")
        )
    except services.ListingError as exc:
        messages.error(request, str(exc))
    return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_question_answer_view(request: AuthedRequest, pk: int) -> HttpResponse:
    question = selectors.provider_question_get(user=request.user, pk=pk)
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        services.question_answer(
            actor=request.user, question=question, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Your answer is published to members."))
    else:
        messages.error(request, _("Write an answer of at most 5,000 characters."))
    return redirect("tools_catalog:provider-portal")


# --- Editors ----------------------------------------------------------------


@permission_required(Perm.EDIT_CATALOGUE)
def listing_review_queue_view(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "tools_catalog/review_queue.html",
        {
            "new_tools": selectors.review_queue_tools()[:100],
            "revisions": selectors.review_queue_revisions()[:100],
        },
    )


def _field_label(field: str) -> str:
    return str(ListingForm.base_fields[field].label or field)


def _diff_rows(before: dict, after: dict) -> list[dict]:
    """The changed fields, labelled and in the viewer's language (no raw codes)."""
    rows = services.listing_diff(before=before, after=after)
    shown_before, shown_after = selectors.listing_values_labelled([before, after])
    for row in rows:
        row["label"] = _field_label(row["field"])
        row["before"] = shown_before.get(row["field"], "")
        row["after"] = shown_after.get(row["field"], "")
    return rows


@permission_required(Perm.EDIT_CATALOGUE)
def listing_review_view(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    """The diff and the decision form while undecided; once decided, the
    decision instead of the form, and a POST deciding again changes nothing."""
    decision_record: ListingRevision | None
    if kind == "tool":
        tool = selectors.review_tool_get(pk=pk)
        revision: ListingRevision | None = None
        decided = tool.status != Tool.Status.SUBMITTED
        decision_record = selectors.listing_latest_decision(tool=tool)
        diff = _diff_rows({}, services.tool_snapshot(tool=tool))
    elif kind == "revision":
        revision = selectors.review_revision_get(pk=pk)
        tool = revision.tool
        decided = revision.status != ListingRevision.Status.SUBMITTED
        decision_record = revision
        # Once decided, what was proposed (the live listing may since include it).
        diff = _diff_rows(
            {} if decided else services.tool_snapshot(tool=tool), revision.proposed
        )
    else:
        raise Http404
    if decided and request.method == "POST":
        messages.error(
            request,
            _("This revision has already been decided; nothing was changed.")
            if revision is not None
            else _("This listing has already been decided; nothing was changed."),
        )
        return redirect("tools_catalog:listing-review", kind=kind, pk=pk)
    form = None if decided else DecisionForm(request.POST or None)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            if revision is None:
                services.listing_decide(
                    actor=request.user, tool=tool, **form.cleaned_data
                )
            else:
                services.revision_decide(
                    actor=request.user, revision=revision, **form.cleaned_data
                )
        except services.ListingError as exc:
            # Decided by someone else meanwhile: the page now shows their decision.
            messages.error(request, str(exc))
            return redirect("tools_catalog:listing-review", kind=kind, pk=pk)
        messages.success(
            request, _("Decision recorded; the provider will get an email.")
        )
        return redirect("tools_catalog:review-queue")
    return render(
        request,
        "tools_catalog/listing_review.html",
        {
            "tool": tool,
            "revision": revision,
            "diff": diff,
            "form": form,
            "decided": decided,
            "decision_record": decision_record if decided else None,
            "tool_state": selectors.listing_state(
                tool_status=tool.status, revision_status=None
            ),
        },
    )
