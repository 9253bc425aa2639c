"""Who may open the community pages: rows of the authorization matrix.

tests/test_access.py merges MATRIX, POST_MATRIX and URL_KWARGS from every app's
``access.py``; the columns are the personas of tests.conftest.PERSONAS:
anonymous, applicant, member, provider, verifier, catalogue editor, moderator,
admin. URL_KWARGS values are dicts, or callables that take the persona's user
(None when anonymous) and return the kwargs, building objects with factories.
"""

from tests.access_statuses import FORBIDDEN, FOUND, NOT_ALLOWED, NOT_FOUND, OK  # noqa: F401

# fmt: off
MATRIX = {
    "community:forum-index":      (FOUND, FOUND, OK,        FORBIDDEN, OK,        OK,        OK,        OK),
    "community:moderation-queue": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
}
POST_MATRIX: dict = {}
# fmt: on
URL_KWARGS: dict = {}
POST_DATA: dict = {}
