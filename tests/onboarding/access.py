"""Who may open the onboarding pages: rows of the authorization matrix.

tests/test_access.py merges MATRIX, POST_MATRIX and URL_KWARGS from every app's
``access.py``; the columns are the personas of tests.conftest.PERSONAS:
anonymous, applicant, member, provider, verifier, catalogue editor, moderator,
admin. URL_KWARGS values are dicts, or callables that take the persona's user
(None when anonymous) and return the kwargs, building objects with factories.
"""

from tests.access_statuses import FORBIDDEN, FOUND, NOT_ALLOWED, NOT_FOUND, OK  # noqa: F401

# fmt: off
MATRIX = {
    "onboarding:application":     (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "onboarding:case-list":       (FOUND, FOUND, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN),
}
POST_MATRIX: dict = {}
# fmt: on
URL_KWARGS: dict = {}
POST_DATA: dict = {}
