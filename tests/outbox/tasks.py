"""A task for the outbox tests: counts its runs in the cache-free way, a list."""

from celery import shared_task

RUNS: list[dict[str, object]] = []


@shared_task(acks_late=True)
def record_run(**kwargs: object) -> None:
    RUNS.append(kwargs)
