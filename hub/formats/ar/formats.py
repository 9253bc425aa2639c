# Django's Arabic formats define the date and the time but no DATETIME_FORMAT,
# so a date with its time fell back to the American "N j, Y, P".
DATE_FORMAT = "j F، Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F، Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
