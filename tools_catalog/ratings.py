"""Ratings written as the active language writes them: its decimal separator,
its plural forms ("1 review", "2 reviews"; Arabic has six, Russian three)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

MAX_RATING = 5


def _average(value: Decimal | float | int) -> str:
    """One decimal, localised: "4.0" in English, "4,0" in French."""
    return number_format(Decimal(str(value)), decimal_pos=1)


def rating_out_of_five(rating: int) -> str:
    """One member's rating: "4 out of 5", "4 sur 5", "4 de 5"."""
    return gettext("%(rating)s out of 5") % {"rating": number_format(rating)}


def rating_average_summary(average: Decimal | float | None, count: int) -> str:
    """An average with the number of reviews: "4.0 out of 5 (1 review)"."""
    if not count or average is None:
        return gettext("No reviews yet")
    return ngettext(
        "%(average)s out of 5 (%(count)s review)",
        "%(average)s out of 5 (%(count)s reviews)",
        count,
    ) % {"average": _average(average), "count": number_format(count)}


def rating_stars_label(rating: int) -> str:
    """A choice of the review form: "1 star", "4 stars"."""
    return ngettext("%(count)s star", "%(count)s stars", rating) % {
        "count": number_format(rating)
    }
