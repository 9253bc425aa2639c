# International English, 24-hour clock: "6 December 2026, 17:23". Django's
# American defaults ("Dec. 6, 2026, 5:23 a.m.") read oddly to most members and
# end a sentence in "a.m.." when followed by a full stop.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
