"""The staff dashboard's charts name things in the reader's language."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from community.selectors.events import recent_past_event_attendance
from tests.community.factories import EventFactory
from tests.tools_catalog.factories import CapabilityFactory, ToolFactory
from tools_catalog.selectors.figures import published_tool_counts_by_capability

pytestmark = pytest.mark.django_db


def test_tools_by_capability_are_named_in_the_readers_language():
    capability = CapabilityFactory(
        name="Hash matching", translations={"ar": {"name": "مطابقة البصمات"}}
    )
    ToolFactory(capabilities=[capability])
    with translation.override("ar"):
        assert published_tool_counts_by_capability() == [("مطابقة البصمات", 1)]
    with translation.override("en"):
        assert published_tool_counts_by_capability() == [("Hash matching", 1)]


def test_event_attendance_names_events_in_the_readers_language():
    start = timezone.now() - timedelta(days=3)
    EventFactory(
        title="Team meeting",
        translations={"ar": {"title": "لقاء الفريق"}},
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    with translation.override("ar"):
        [(name, _n)] = recent_past_event_attendance()
    assert name == "لقاء الفريق"
