"""How people are shown in templates; a builtin library (settings.TEMPLATES).

``{{ user|display_name }}`` for anyone shown to someone else (their privacy
choice respected), ``{{ user|staff_label }}`` on staff screens only. Both come
isolated in ``<bdi>``; plain-text templates (emails) get the name from the view
or task through ``accounts.selectors`` instead.
"""

from django import template
from django.utils.safestring import SafeString

from accounts.models import User
from accounts.selectors import user_display_name, user_staff_label
from core.text import bidi_isolate

register = template.Library()


@register.filter
def display_name(user: User | None, show_name: bool | None = None) -> SafeString:
    return bidi_isolate(user_display_name(user, show_name=show_name))


@register.filter
def staff_label(user: User | None) -> SafeString:
    return bidi_isolate(user_staff_label(user))
