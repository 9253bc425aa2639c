from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind a permission check: the user is signed in."""

    user: User
    htmx: HtmxDetails
