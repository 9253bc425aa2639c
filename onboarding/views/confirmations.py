"""Public: the signed confirmation links (supervisor, referee, work email)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onboarding import services
from onboarding.forms import (
    ConfirmationForm,
)
from onboarding.models import Application

Kind = Application.Kind


def _link_error(
    request: HttpRequest, exc: services.ConfirmationLinkError
) -> HttpResponse:
    return render(
        request,
        "onboarding/confirmation_error.html",
        {"error": str(exc), "no_longer_needed": exc.no_longer_needed},
        status=410 if exc.expired else 400,
    )


def confirmation_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public: a supervisor, referee or applicant answers through a signed link.

    Once the application is decided the link takes no answer.
    """
    try:
        confirmation = services.confirmation_load(token=token)
    except services.ConfirmationLinkError as exc:
        return _link_error(request, exc)
    form = ConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirmation_answer(
                token=token,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
            )
        except services.ConfirmationLinkError as exc:
            return _link_error(request, exc)
        return render(request, "onboarding/confirmation_done.html")
    return render(
        request,
        "onboarding/confirmation_form.html",
        {"confirmation": confirmation, "form": form},
        status=400 if request.method == "POST" else 200,
    )
