from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from core.charts import bar_chart
from learning_centre import conf, selectors, services
from learning_centre.filters import ResourceFilter
from learning_centre.forms import QuizForm, ReadinessForm
from learning_centre.models import (
    LearningPath,
    Module,
    ReadinessDimension,
    Resource,
)


def _path_or_404(request: AuthedRequest, slug: str) -> LearningPath:
    path = selectors.path_get(user=request.user, slug=slug)
    if path is None:
        raise Http404
    return path


def _module_or_404(
    request: AuthedRequest, slug: str, pk: int
) -> tuple[LearningPath, Module]:
    path = _path_or_404(request, slug)
    module = selectors.module_get(path=path, pk=pk)
    if module is None:
        raise Http404
    return path, module


def _language() -> str:
    return (translation.get_language() or "en").lower()


def _attach_versions(resources: list[Resource]) -> list[Resource]:
    language = _language()
    for resource in resources:
        resource.shown = resource.version_for(language)  # type: ignore[attr-defined]
    return resources


@permission_required(Perm.USE_MEMBER_AREA)
def overview_view(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "learning_centre/overview.html",
        {"stages": selectors.stage_list()},
    )


@permission_required(Perm.USE_MEMBER_AREA)
def stage_detail_view(request: AuthedRequest, key: str) -> HttpResponse:
    stage = selectors.stage_get(key=key)
    if stage is None:
        raise Http404
    stages = list(selectors.stage_list())
    index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
    context = {
        "stage": stage,
        "previous_stage": stages[index - 1] if index > 0 else None,
        "next_stage": stages[index + 1] if index + 1 < len(stages) else None,
        "stage_tools": selectors.stage_tools(stage=stage),
        "resources": _attach_versions(selectors.resources_for_stage(stage=stage)),
        "forum_category": selectors.stage_forum_category(stage=stage),
    }
    return render(request, "learning_centre/stage_detail.html", context)


def wellbeing_view(request: HttpRequest) -> HttpResponse:
    """Public on purpose: anyone who works with abuse material may need it."""
    return render(request, "learning_centre/wellbeing.html")


@permission_required(Perm.USE_MEMBER_AREA)
@vary_on_headers("HX-Request")
def resource_list_view(request: AuthedRequest) -> HttpResponse:
    filterset = ResourceFilter(
        request.GET, queryset=selectors.resource_list(user=request.user)
    )
    page = Paginator(filterset.qs, conf.resources_per_page()).get_page(
        request.GET.get("page")
    )
    _attach_versions(list(page.object_list))
    template = "learning_centre/resource_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"filterset": filterset, "page_obj": page})


@permission_required(Perm.USE_MEMBER_AREA)
def resource_detail_view(request: AuthedRequest, slug: str) -> HttpResponse:
    resource = selectors.resource_get(user=request.user, slug=slug)
    if resource is None:
        raise Http404
    version = resource.version_for(_language())
    return render(
        request,
        "learning_centre/resource_detail.html",
        {
            "resource": resource,
            "version": version,
            "fallback": version is not None and version.language != _language(),
        },
    )


# --- Learning paths ----------------------------------------------------------


def _module_states(modules: list[Module], done: set[int]) -> list[dict[str, object]]:
    return [
        {
            "module": module,
            "done": module.pk in done,
            "locked": module.requires_id is not None and module.requires_id not in done,
        }
        for module in modules
    ]


@permission_required(Perm.USE_MEMBER_AREA)
def path_list_view(request: AuthedRequest) -> HttpResponse:
    paths = list(selectors.path_list(user=request.user))
    done = selectors.completed_module_ids_for_paths(user=request.user)
    rows = []
    for path in paths:
        modules = list(path.modules.all())
        rows.append(
            {
                "path": path,
                "total": len(modules),
                "done": sum(1 for m in modules if m.pk in done),
            }
        )
    return render(request, "learning_centre/path_list.html", {"rows": rows})


@permission_required(Perm.USE_MEMBER_AREA)
def path_detail_view(request: AuthedRequest, slug: str) -> HttpResponse:
    path = _path_or_404(request, slug)
    modules = list(path.modules.all())
    done = selectors.completed_module_ids(user=request.user, path=path)
    return render(
        request,
        "learning_centre/path_detail.html",
        {
            "path": path,
            "states": _module_states(modules, done),
            "complete": bool(modules) and len(done) == len(modules),
            "certificate": selectors.certificate_for(user=request.user, path=path),
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def path_restart_view(request: AuthedRequest, slug: str) -> HttpResponse:
    path = _path_or_404(request, slug)
    services.path_restart(user=request.user, path=path)
    messages.success(
        request, gettext("Your progress is cleared. Work through the path again.")
    )
    return redirect(path)


@permission_required(Perm.USE_MEMBER_AREA)
def path_download_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """The whole path as one HTML file with no styles, scripts or external links
    to load, sent as an attachment: it reads offline in any browser."""
    path = _path_or_404(request, slug)
    html = render_to_string(
        "learning_centre/path_offline.html",
        {"path": path, "modules": selectors.path_modules(path=path)},
        request=request,
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    filename = f"{slugify(path.slug)}-{_language()}.html"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required(Perm.USE_MEMBER_AREA)
def module_detail_view(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    path, module = _module_or_404(request, slug, pk)
    done = selectors.completed_module_ids(user=request.user, path=path)
    locked = module.requires_id is not None and module.requires_id not in done
    form = QuizForm(request.POST or None, module=module)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.quiz_submit(
                user=request.user, module=module, answers=form.answers()
            )
        except services.LearningError as error:
            messages.error(request, str(error))
            return redirect(path)
        if result.passed:
            done.add(module.pk)
    feedback = {f.question_id: f for f in result.feedback} if result else {}
    questions = [
        {"question": q, "field": form[f"q{q.pk}"], "feedback": feedback.get(q.pk)}
        for q in form.questions
    ]
    return render(
        request,
        "learning_centre/module_detail.html",
        {
            "path": path,
            "module": module,
            "locked": locked,
            "done": module.pk in done,
            "form": form,
            "questions": questions,
            "result": result,
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def module_complete_view(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    path, module = _module_or_404(request, slug, pk)
    try:
        certificate = services.module_complete(user=request.user, module=module)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect(path)
    messages.success(request, gettext("Module completed."))
    if certificate is not None:
        return redirect(certificate)
    return redirect(path)


def certificate_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone with the link can check a certificate. Codes are unguessable."""
    certificate = selectors.certificate_get(code=code)
    if certificate is None:
        raise Http404
    return render(
        request,
        "learning_centre/certificate_detail.html",
        {
            "certificate": certificate,
            "expired": certificate.expires_at is not None
            and certificate.expires_at <= timezone.now(),
        },
    )


# --- Readiness ---------------------------------------------------------------


@permission_required(Perm.USE_MEMBER_AREA)
def readiness_view(request: AuthedRequest) -> HttpResponse:
    questions = selectors.readiness_questions()
    form = ReadinessForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.readiness_submit(
                user=request.user, answers=form.answers()
            )
        except services.ReadinessAnswerError as error:
            form.add_error(None, str(error))
        else:
            return redirect("learning_centre:readiness-result", pk=assessment.pk)
    return render(
        request,
        "learning_centre/readiness.html",
        {
            "form": form,
            "history": selectors.readiness_history(user=request.user),
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
def readiness_result_view(request: AuthedRequest, pk: int) -> HttpResponse:
    assessment = selectors.readiness_get(user=request.user, pk=pk)
    if assessment is None:
        raise Http404
    labels = dict(ReadinessDimension.choices)
    rows = [(str(labels[d]), v) for d, v in assessment.scores.items() if d in labels]
    bars, height = bar_chart(rows)
    weakest = sorted(assessment.scores.items(), key=lambda item: item[1])
    low = [d for d, v in weakest if v < 75 and d in labels] or [weakest[0][0]]
    found = selectors.resources_for_dimensions(dimensions=low)
    recommendations = [
        {
            "label": labels[d],
            "score": assessment.scores[d],
            "resources": _attach_versions(found.get(d, [])),
        }
        for d in low
    ]
    return render(
        request,
        "learning_centre/readiness_result.html",
        {
            "assessment": assessment,
            "rows": rows,
            "bars": bars,
            "chart_height": height,
            "recommendations": recommendations,
        },
    )
