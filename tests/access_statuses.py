"""The statuses of the authorization matrix, and how its rows are written.

tests/test_access.py merges MATRIX, POST_MATRIX, POST_DATA and URL_KWARGS from
every app's ``tests/<app>/access.py``; the columns are the personas of
tests.conftest.PERSONAS: anonymous, applicant, member, provider, verifier,
catalogue editor, moderator, admin. URL_KWARGS values are dicts, or callables that
take the persona's user (None when anonymous) and return the kwargs, building
objects with factories.
"""

from http import HTTPStatus

OK = HTTPStatus.OK
FOUND = HTTPStatus.FOUND  # a redirect: to sign in, to the applicant's page, to MFA
FORBIDDEN = HTTPStatus.FORBIDDEN
NOT_FOUND = HTTPStatus.NOT_FOUND
NOT_ALLOWED = HTTPStatus.METHOD_NOT_ALLOWED
BAD_REQUEST = HTTPStatus.BAD_REQUEST
