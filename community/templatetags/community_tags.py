import zoneinfo
from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.timezones import time_zone_place

register = template.Library()


def zone_or_utc(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_text(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    local = timezone.localtime(moment, zone)
    when = formats.date_format(local, "DATETIME_FORMAT")
    # The zone's city in the reader's language ("Londres"), not its IANA key.
    place = time_zone_place(zone.key)
    if not place:
        return f"{when} ({local.tzname()})"
    return f"{when} ({local.tzname()}, {place})"


@register.filter
def iso_datetime(moment: datetime | None) -> str:
    """A machine-readable time for ``<time datetime>`` (HTML allows no microseconds)."""
    if moment is None:
        return ""
    return moment.isoformat(timespec="seconds")


@register.simple_tag
def event_time(moment: datetime, viewer_zone: str, event_zone: str) -> SafeString:
    """The time in the viewer's zone; the event's own zone beside it when different."""
    viewer = zone_or_utc(viewer_zone)
    own = zone_or_utc(event_zone)
    mine = format_html(
        '<time datetime="{}">{}</time>',
        iso_datetime(moment),
        local_text(moment, viewer),
    )
    if own.key == viewer.key:
        return mine
    return format_html(
        '{} <span class="event-zone">{}</span>',
        mine,
        _("(%(time)s, event time)") % {"time": local_text(moment, own)},
    )
