"""The compare tray: the tools a member picked to compare, kept in their session.

It follows the member from page to page (browse, tool pages, compare) and works
as a plain form without JavaScript. It is per member, so views render it
*outside* the browse page's shared cached HTML (``views.tool_list_view``), and
it holds only tool ids: every page reads the tools afresh, so a tool withdrawn
or archived meanwhile leaves the tray with a message instead of a broken
comparison.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _

from tools_catalog import selectors
from tools_catalog.models import Tool

SESSION_KEY = "tools_catalog_compare_tray"
# Room to pick a few more than can be compared at once (2 to 4), then narrow
# down; the bound keeps the session small whatever is posted.
TRAY_MAX = 10


@dataclass
class Tray:
    tools: list[Tool] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [t.pk for t in self.tools]


def _ids(session: SessionBase) -> list[int]:
    raw = session.get(SESSION_KEY)
    ids: list[int] = []
    for value in raw if isinstance(raw, list) else []:
        if isinstance(value, int) and value not in ids:
            ids.append(value)
    return ids[:TRAY_MAX]


def _save(session: SessionBase, ids: list[int]) -> None:
    if ids:
        session[SESSION_KEY] = ids[:TRAY_MAX]
    else:
        session.pop(SESSION_KEY, None)


def tray_load(session: SessionBase) -> Tray:
    """The tray's published tools (one query, none when it is empty); a tool
    no longer published is dropped from the session with a notice."""
    ids = _ids(session)
    tools, gone = selectors.tools_for_tray(ids=ids)
    notices = [
        _(
            "%(tool)s is no longer in the catalogue, so it was taken out of "
            "your compare tray."
        )
        % {"tool": tool.name}
        for tool in gone
    ]
    if [t.pk for t in tools] != ids:
        _save(session, [t.pk for t in tools])
    return Tray(tools=tools, notices=notices)


def tray_add(session: SessionBase, tray: Tray, *, ids: Iterable[int]) -> list[str]:
    """Add the published tools among ``ids``; what happened, as notices."""
    wanted = [pk for pk in dict.fromkeys(ids) if pk not in tray.ids]
    found, _gone = selectors.tools_for_tray(ids=wanted)
    notices: list[str] = []
    if len(found) < len(wanted):
        notices.append(
            _("A tool you ticked is no longer in the catalogue and was not added.")
        )
    room = TRAY_MAX - len(tray.tools)
    if len(found) > room:
        notices.append(
            _(
                "The compare tray holds %(max)s tools at most: remove some "
                "before adding more."
            )
            % {"max": TRAY_MAX}
        )
        found = found[: max(room, 0)]
    tray.tools.extend(found)
    _save(session, tray.ids)
    return notices


def tray_remove(session: SessionBase, tray: Tray, *, pk: int) -> None:
    tray.tools = [t for t in tray.tools if t.pk != pk]
    _save(session, tray.ids)


def tray_clear(session: SessionBase, tray: Tray) -> None:
    tray.tools = []
    _save(session, [])
