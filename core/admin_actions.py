"""Helpers for Django admin actions shared by several apps."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _


def decide_one(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: Any,
    decide: Callable[..., object],
    refused: type[Exception],
    row_arg: str,
) -> None:
    """Call ``decide(actor=..., <row_arg>=row)`` on the one selected row; report
    ``refused`` as an error."""
    if queryset.count() != 1:
        model_admin.message_user(
            request, _("Decide one request at a time."), messages.ERROR
        )
        return
    try:
        decide(actor=request.user, **{row_arg: queryset.get()})
    except refused as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    else:
        model_admin.message_user(request, _("Decision recorded."), messages.SUCCESS)
