import logging
from collections.abc import Callable

from django.db.models import Count, Q

from accounts.models import User
from accounts.roles import Role

logger = logging.getLogger(__name__)


def _count_or_none(name: str, compute: Callable[[], int]) -> int | None:
    """Another app's figure; None (not shown) while that app is not there yet."""
    try:
        return compute()
    except (ImportError, LookupError, AttributeError) as error:
        logger.warning("public figures: %s unavailable: %s", name, error)
        return None


def _countries() -> int:
    from onboarding.selectors import member_counts_by_country

    return len([code for code, n in member_counts_by_country() if code and n])


def _tools() -> int:
    from tools_catalog.models import Tool

    return Tool.objects.published().count()


def _providers() -> int:
    from tools_catalog.models import Provider, Tool

    return (
        Provider.objects.filter(pk__in=Tool.objects.published().values("provider"))
        .distinct()
        .count()
    )


def _resources() -> int:
    from learning_centre.selectors import resource_count

    return resource_count()


def public_figures() -> dict[str, int | None]:
    """Counts only, for the landing page; never anything about a person."""
    counts = User.objects.aggregate(
        members=Count("pk", filter=Q(is_active=True, groups__name=Role.MEMBER))
    )
    return {
        "members": counts["members"],
        "countries": _count_or_none("countries", _countries),
        "tools": _count_or_none("tools", _tools),
        "providers": _count_or_none("providers", _providers),
        "resources": _count_or_none("resources", _resources),
        "languages": 6,
        "stages": 8,
    }
