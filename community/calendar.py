"""iCalendar files: one per event, and a member's private feed."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar
from icalendar import Event as IcsEvent

from community import conf
from community.models import Event

PRODID = "-//Safer Children Hub//Community events//EN"


def _vevent(event: Event, *, with_link: bool) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", f"event-{event.pk}@safer-children-hub")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.title)
    url = conf.site_url(event.get_absolute_url())
    item.add("url", url)
    description = event.description
    if with_link and event.online_url:
        description += "\n\n" + _("Join online: %(url)s") % {"url": event.online_url}
    item.add("description", f"{description}\n\n{url}")
    item.add("location", event.venue or _("Online"))
    for before in (timedelta(days=1), timedelta(hours=1)):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.title)
        alarm.add("trigger", -before)
        item.add_component(alarm)
    return item


def calendar_build(events: Iterable[Event], *, with_links: bool, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, with_link=with_links))
    return calendar.to_ical()
