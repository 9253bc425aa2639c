"""App settings, read at call time so tests can override them."""

from django.conf import settings


def edit_window_minutes() -> int:
    return int(getattr(settings, "HUB_COMMUNITY_EDIT_WINDOW_MINUTES", 30))


def posts_per_window() -> tuple[int, int]:
    """(posts, seconds): how many posts a member may make in a rolling window."""
    return tuple(getattr(settings, "HUB_COMMUNITY_POST_RATE", (6, 600)))


def flags_per_window() -> tuple[int, int]:
    return tuple(getattr(settings, "HUB_COMMUNITY_FLAG_RATE", (10, 3600)))


def directory_requests_per_window() -> tuple[int, int]:
    """(requests, seconds): directory searches, result pages and profile views."""
    return tuple(getattr(settings, "HUB_COMMUNITY_DIRECTORY_RATE", (30, 600)))


def directory_requests_per_day() -> tuple[int, int]:
    """A second, longer window: slow and steady cannot list the directory either."""
    return tuple(getattr(settings, "HUB_COMMUNITY_DIRECTORY_DAILY_RATE", (300, 86400)))


def contact_requests_per_window() -> tuple[int, int]:
    return tuple(getattr(settings, "HUB_COMMUNITY_CONTACT_RATE", (10, 86400)))


def posts_per_page() -> int:
    return int(getattr(settings, "HUB_COMMUNITY_POSTS_PER_PAGE", 25))


def reminder_hours() -> int:
    return int(getattr(settings, "HUB_COMMUNITY_REMINDER_HOURS", 24))


def site_url(path: str) -> str:
    """An absolute link for emails and calendar files."""
    from outbox.emails import email_url

    return email_url(path)
