from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """Work that must happen, recorded in the same transaction as its cause.

    The broker is only a way to deliver it quickly. If the broker is down when the
    transaction commits, the row stays pending and the sweeper sends it later;
    ``delivered_at`` is set once the task has run, so it never runs twice.
    """

    task_name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    # Optional: the same key twice records one message (e.g. "welcome-email:42").
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_sent_at = models.DateTimeField(
        _("last sent to the broker"), null=True, blank=True
    )
    # A worker running it holds it until then; a crash lets the sweeper retry.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            # The sweeper's query: undelivered, oldest first.
            models.Index(
                fields=["created_at"],
                condition=models.Q(delivered_at__isnull=True),
                name="outbox_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_name}#{self.pk}"
