from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self) -> None:
        # The outbox enqueues and delivers tasks by name: every app's tasks.py is
        # registered with Celery in every process (web processes run them eagerly
        # without a broker), as a worker's start-up would.
        autodiscover_modules("tasks")
