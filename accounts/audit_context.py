"""The client IP of the request being served, for audit rows written by services.

Services never see the request; the middleware puts the IP here for the length of
one request, and ``audit_event_record`` reads it. Tasks run outside a request and
record no IP.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("audit_client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


@contextmanager
def client_ip_bound(ip: str | None) -> Iterator[None]:
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)
