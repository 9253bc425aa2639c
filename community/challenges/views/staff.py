"""Staff pages of challenges (``Perm.RUN_CHALLENGES``); every write is audited."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community.challenges import selectors, services
from community.challenges.errors import ChallengeError
from community.challenges.forms import (
    ChallengeForm,
    CriterionFormSet,
    JudgeAssignForm,
    ResultsForm,
    criteria_initial,
)
from community.challenges.views.lookups import (
    staff_challenge_or_404 as _staff_challenge_or_404,
)
from community.models import Challenge


@permission_required(Perm.RUN_CHALLENGES)
def challenge_staff_list_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.challenge_staff_list(), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "community/challenges/staff_list.html", {"page_obj": page})


def _challenge_form_page(
    request: AuthedRequest, challenge: Challenge | None
) -> HttpResponse:
    instance = challenge or Challenge()
    form = ChallengeForm(request.POST or None, instance=instance)
    formset = CriterionFormSet(
        request.POST or None,
        prefix="criteria",
        initial=criteria_initial(challenge) if challenge else None,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        criteria = [
            {
                "name": f.cleaned_data["name"],
                "description": f.cleaned_data.get("description", ""),
                "weight": f.cleaned_data["weight"],
            }
            for f in formset.forms
            if f.cleaned_data.get("name")
        ]
        try:
            saved = services.challenge_save(
                actor=request.user, challenge=form.save(commit=False), criteria=criteria
            )
        except ChallengeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The challenge is saved."))
            return redirect("community:challenge-judges", slug=saved.slug)
    return render(
        request,
        "community/challenges/challenge_form.html",
        {"form": form, "formset": formset, "challenge": challenge},
    )


@permission_required(Perm.RUN_CHALLENGES)
def challenge_create_view(request: AuthedRequest) -> HttpResponse:
    return _challenge_form_page(request, None)


@permission_required(Perm.RUN_CHALLENGES)
def challenge_edit_view(request: AuthedRequest, slug: str) -> HttpResponse:
    return _challenge_form_page(request, _staff_challenge_or_404(slug))


@permission_required(Perm.RUN_CHALLENGES)
@require_POST
def challenge_publish_view(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = _staff_challenge_or_404(slug)
    try:
        services.challenge_publish(actor=request.user, challenge=challenge)
    except ChallengeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The challenge is published."))
    return redirect("community:challenge-judges", slug=challenge.slug)


@permission_required(Perm.RUN_CHALLENGES)
def challenge_judges_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """The challenge's staff page: publish, and assign or remove judges."""
    challenge = _staff_challenge_or_404(slug)
    form = JudgeAssignForm(
        request.POST or None, candidates=selectors.judge_candidates()
    )
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                services.judge_remove(
                    actor=request.user,
                    challenge=challenge,
                    judge_id=int(request.POST["remove"])
                    if request.POST["remove"].isdigit()
                    else 0,
                )
            except ChallengeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The judge is removed."))
            return redirect("community:challenge-judges", slug=challenge.slug)
        if form.is_valid():
            try:
                services.judge_assign(
                    actor=request.user,
                    challenge=challenge,
                    user=form.cleaned_data["user"],
                )
            except ChallengeError as error:
                form.add_error("user", str(error))
            else:
                messages.success(request, _("The judge is assigned."))
                return redirect("community:challenge-judges", slug=challenge.slug)
    return render(
        request,
        "community/challenges/challenge_judges.html",
        {
            "challenge": challenge,
            "form": form,
            "judges": selectors.judges_of(challenge=challenge),
            "criteria": selectors.criteria_of(challenge=challenge),
        },
    )


@permission_required(Perm.RUN_CHALLENGES)
def challenge_results_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """The weighted ranking as it stands; publishing it is audited."""
    challenge = _staff_challenge_or_404(slug)
    form = ResultsForm(
        request.POST or None, initial={"summary": challenge.results_summary}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.results_publish(
                actor=request.user,
                challenge=challenge,
                summary=form.cleaned_data["summary"],
            )
        except ChallengeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The results are published."))
            return redirect("community:challenge-results", slug=challenge.slug)
    return render(
        request,
        "community/challenges/challenge_results.html",
        {
            "challenge": challenge,
            "form": form,
            "ranking": services.ranking_compute(challenge=challenge),
            "scores_missing": selectors.scores_missing(challenge=challenge),
            "criteria": list(selectors.criteria_of(challenge=challenge)),
        },
    )
