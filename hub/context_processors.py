from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from hub.navigation import nav_items_for, nav_key


def site(request: HttpRequest) -> dict[str, Any]:
    # Lazy: pages without a header (emails, fragments) run no permission query.
    nav_items = SimpleLazyObject(lambda: nav_items_for(request.user))
    return {
        "nav_items": nav_items,
        "staff_nav_items": SimpleLazyObject(
            lambda: tuple(item for item in nav_items if item.staff)
        ),
        # The header's links are cached under it (templates/includes/header.html).
        "nav_key": SimpleLazyObject(lambda: nav_key(tuple(nav_items))),
        "demo_mode": settings.HUB_DEMO_MODE,
        "mfa_enforced": settings.HUB_MFA_REQUIRED,
        "contact_email": settings.HUB_CONTACT_EMAIL,
    }
