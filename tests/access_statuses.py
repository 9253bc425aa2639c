from http import HTTPStatus

OK = HTTPStatus.OK
FOUND = HTTPStatus.FOUND  # a redirect: to sign in, to the applicant's page, to MFA
FORBIDDEN = HTTPStatus.FORBIDDEN
NOT_FOUND = HTTPStatus.NOT_FOUND
NOT_ALLOWED = HTTPStatus.METHOD_NOT_ALLOWED
BAD_REQUEST = HTTPStatus.BAD_REQUEST
