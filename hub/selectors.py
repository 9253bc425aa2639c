from django.db.models import Count, Q

from accounts.models import User
from accounts.roles import Role


def public_figures() -> dict[str, int]:
    """Counts only, for the landing page; never anything about a person."""
    counts = User.objects.aggregate(
        members=Count("pk", filter=Q(is_active=True, groups__name=Role.MEMBER))
    )
    return {"members": counts["members"], "languages": 6, "stages": 8}
