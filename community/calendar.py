"""iCalendar files: one per event, and a member's private feed."""

from collections.abc import Iterable
from datetime import UTC, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar
from icalendar import Event as IcsEvent

from community import conf
from community.models import Event, Recurrence

PRODID = "-//Safer Children Hub//Community events//EN"


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def recurrence_rule(event: Event) -> dict[str, object] | None:
    """The RRULE of a repeating event, counted from its first meeting.

    DTSTART is in UTC, so "the same weekday" is the weekday in UTC; a monthly
    meeting in the last week of its month repeats on the month's last weekday.
    """
    if not event.recurrence or not event.recurrence_count:
        return None
    if event.recurrence == Recurrence.WEEKLY:
        return {"freq": "weekly", "count": event.recurrence_count}
    start = event.starts_at.astimezone(UTC)
    nth = (start.day - 1) // 7 + 1
    weekday = WEEKDAYS[start.weekday()]
    return {
        "freq": "monthly",
        "byday": f"{-1 if nth == 5 else nth}{weekday}",
        "count": event.recurrence_count,
    }


def _vevent(event: Event, *, with_link: bool) -> IcsEvent:
    """One event in the active language (``calendar_build`` sets it)."""
    title = str(event.localised("title"))
    item = IcsEvent()
    item.add("uid", f"event-{event.pk}@safer-children-hub")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", title)
    url = conf.site_url(event.get_absolute_url())
    item.add("url", url)
    description = str(event.localised("description"))
    if with_link and event.online_url:
        description += "\n\n" + _("Join online: %(url)s") % {"url": event.online_url}
    item.add("description", f"{description}\n\n{url}")
    item.add("location", event.venue or _("Online"))
    rule = recurrence_rule(event)
    if rule:
        item.add("rrule", rule)
    for before in (timedelta(days=1), timedelta(hours=1)):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", title)
        alarm.add("trigger", -before)
        item.add_component(alarm)
    return item


def calendar_build(
    events: Iterable[Event], *, with_links: bool, name: str, language: str
) -> bytes:
    """An iCalendar file in ``language`` (the requester's or the subscriber's):
    titles, descriptions and links to the event pages."""
    with translation.override(language):
        return _calendar_build(events, with_links=with_links, name=name)


def _calendar_build(events: Iterable[Event], *, with_links: bool, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, with_link=with_links))
    return calendar.to_ical()
