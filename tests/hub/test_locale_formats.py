"""Numbers, dates and plurals as each language writes them."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import polib
import pytest
from django.conf import settings
from django.utils import formats, translation

from onboarding.models import Signal
from tests.hub.test_i18n import CATALOGUE_DIRS
from tools_catalog.ratings import rating_average_summary

LANGUAGES = [code for code, _name in settings.LANGUAGES]
HAND_PLURAL = re.compile(r"\w\((?:s|es)\)")


def test_no_sentence_writes_its_plural_by_hand():
    """'(s)' reads badly in English and cannot be translated into Arabic's six
    forms or Russian's four: a count takes ngettext / {% blocktranslate count %}."""
    found = {
        entry.msgid
        for directory in CATALOGUE_DIRS
        for path in directory.glob("*/LC_MESSAGES/django.po")
        for entry in polib.pofile(str(path))
        if not entry.obsolete and HAND_PLURAL.search(entry.msgid)
    }
    assert not found


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "was rejected 1 time before."),
        ("en", 3, "was rejected 3 times before."),
        ("ru", 2, "уже отклонялся 2 раза."),
        ("ru", 5, "уже отклонялся 5 раз."),
        ("ar", 2, "مرتين من قبل."),
    ],
)
def test_signal_reasons_take_the_plural_of_their_count(language, count, expected):
    signal = Signal(code=Signal.Code.EARLIER_REJECTION, params={"count": count})
    with translation.override(language):
        assert signal.reason.endswith(expected)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_and_times_read_naturally_in_every_language(language):
    moment = datetime(2026, 12, 6, 17, 23, tzinfo=UTC)
    with translation.override(language):
        text = formats.date_format(moment, "DATETIME_FORMAT")
        sentence = f"{text}."
    assert "17:23" in text
    assert "2026" in text
    assert not re.search(r"[ap]\.m\.|\bPM\b|\bAM\b|م$", text)
    assert ".." not in sentence


def test_english_dates_are_international():
    moment = datetime(2026, 12, 6, 17, 23, tzinfo=UTC)
    with translation.override("en"):
        assert (
            formats.date_format(moment, "DATETIME_FORMAT") == "6 December 2026, 17:23"
        )
        assert formats.date_format(moment, "DATE_FORMAT") == "6 December 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "4.0 out of 5 (1 review)"),
        ("fr", "4,0 sur 5"),
        ("ru", "4,0"),
        ("es", "4,0"),
    ],
)
def test_ratings_use_the_languages_decimal_separator(language, expected):
    with translation.override(language):
        assert expected in rating_average_summary(Decimal("4.00"), 1)
