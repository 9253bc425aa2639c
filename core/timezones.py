"""The time-zone picker: canonical zones, grouped by region, named in the reader's
language, the member's likely zones first.

The zones are CLDR's (through Babel): one per place people live, with today's
IANA names (``Asia/Kolkata``, ``Europe/Kyiv``), so legacy aliases such as
``W-SU``, ``Zulu``, ``US/Eastern`` or ``Asia/Calcutta`` are not offered. A value
saved earlier that is no longer offered stays selectable, so a form never
silently changes it.
"""

import zoneinfo
from functools import cache

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils.translation import get_language, gettext, gettext_lazy, to_locale

UTC = "UTC"
# The first part of a zone name, as a region: a CLDR territory (named by Babel in
# every language) or, for the two oceans CLDR has no region for, our own words.
REGION_TERRITORIES = {
    "Africa": "002",
    "America": "019",
    "Antarctica": "AQ",
    "Asia": "142",
    "Europe": "150",
    "Arctic": "150",
    "Australia": "009",
    "Pacific": "009",
}
OCEANS = {
    "Atlantic": gettext_lazy("Atlantic Ocean"),
    "Indian": gettext_lazy("Indian Ocean"),
}

Choice = tuple[str, str]
Group = tuple[str, list[Choice]]


@cache
def _zone_territories() -> dict[str, str]:
    """Each canonical zone and the territory (country) it belongs to."""
    available = zoneinfo.available_timezones()
    zones: dict[str, str] = {}
    for territory, names in get_global("territory_zones").items():
        for name in names:
            region = name.split("/", 1)[0]
            if name in available and (region in REGION_TERRITORIES or region in OCEANS):
                zones.setdefault(name, territory)
    return zones


def time_zone_names() -> frozenset[str]:
    """Every zone the picker offers (``UTC`` included)."""
    return frozenset(_zone_territories()) | {UTC}


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language))
    except ValueError:
        return Locale.parse("en")


def _region_label(zone: str, locale: Locale) -> str:
    region = zone.split("/", 1)[0]
    if region in OCEANS:
        return str(OCEANS[region])
    return str(locale.territories.get(REGION_TERRITORIES.get(region, ""), region))


@cache
def _labelled_zones(language: str) -> tuple[tuple[str, str, str], ...]:
    """(zone, label, region label) for every zone, labels in ``language``:
    "Paris (France)", "نيويورك (الولايات المتحدة)"."""
    locale = _locale(language)
    rows = []
    for zone, territory in _zone_territories().items():
        city = get_timezone_location(zone, locale=locale, return_city=True)
        country = locale.territories.get(territory, territory)
        label = city if city == country else f"{city} ({country})"
        rows.append((zone, label, _region_label(zone, locale)))
    rows.sort(key=lambda row: (row[2].casefold(), row[1].casefold()))
    return tuple(rows)


def time_zone_label(zone: str) -> str:
    """A zone's readable name in the active language (its IANA name if unknown)."""
    if zone == UTC:
        return gettext("Coordinated Universal Time (UTC)")
    for name, label, _region in _labelled_zones(get_language() or "en"):
        if name == zone:
            return label
    return zone


def time_zone_place(zone: str) -> str:
    """What to write beside a time's abbreviation ("BST, London (United
    Kingdom)"): the zone's place; nothing for UTC, whose abbreviation says it
    all (its label, "Coordinated Universal Time (UTC)", would say it twice)."""
    if zone in (UTC, "Etc/UTC"):
        return ""
    return time_zone_label(zone)


def time_zone_choices(*, country: str = "", current: str = "") -> list[Choice | Group]:
    """Grouped choices for a ``forms.ChoiceField`` (rendered as ``<optgroup>``s).

    UTC first, then the zones of ``country`` (the member's, if known) under
    "Your country", then every other zone by region, by name. ``current``, a
    zone saved earlier that is no longer offered (an alias), is kept at the top.
    """
    choices: list[Choice | Group] = [(UTC, time_zone_label(UTC))]
    if current and current not in time_zone_names():
        choices.append((current, current))
    likely: list[Choice] = []
    regions: dict[str, list[Choice]] = {}
    territories = _zone_territories()
    for zone, label, region in _labelled_zones(get_language() or "en"):
        if country and territories[zone] == country.upper():
            likely.append((zone, label))
        else:
            regions.setdefault(region, []).append((zone, label))
    if likely:
        choices.append((gettext("Your country"), likely))
    choices.extend(regions.items())
    return choices
