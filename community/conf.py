"""The community's settings (declared in hub/settings/base.py), read at call time."""

from django.conf import settings

from core.sites import site_url as _hub_site_url


def edit_window_minutes() -> int:
    return int(settings.HUB_COMMUNITY_EDIT_WINDOW_MINUTES)


def posts_per_window() -> tuple[int, int]:
    """(posts, seconds): how many posts a member may make in a rolling window."""
    return tuple(settings.HUB_COMMUNITY_POST_RATE)


def flags_per_window() -> tuple[int, int]:
    return tuple(settings.HUB_COMMUNITY_FLAG_RATE)


def directory_requests_per_window() -> tuple[int, int]:
    """(requests, seconds): directory searches, result pages and profile views."""
    return tuple(settings.HUB_COMMUNITY_DIRECTORY_RATE)


def directory_requests_per_day() -> tuple[int, int]:
    """A second, longer window: slow and steady cannot list the directory either."""
    return tuple(settings.HUB_COMMUNITY_DIRECTORY_DAILY_RATE)


def contact_requests_per_window() -> tuple[int, int]:
    return tuple(settings.HUB_COMMUNITY_CONTACT_RATE)


def posts_per_page() -> int:
    return int(settings.HUB_COMMUNITY_POSTS_PER_PAGE)


def reminder_hours() -> int:
    return int(settings.HUB_COMMUNITY_REMINDER_HOURS)


def site_url(path: str) -> str:
    """An absolute link for emails and calendar files (``core.sites.site_url``)."""
    return _hub_site_url(path)


def attachment_max_bytes() -> int:
    return int(settings.HUB_CHALLENGE_ATTACHMENT_MAX_MB) * 1024 * 1024
