"""The advisory board and partners shown on the landing page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class PartnerKind(models.TextChoices):
    ADVISORY_BOARD = "advisory_board", _("Advisory board")
    PARTNER = "partner", _("Partner")
    SUPPORTER = "supporter", _("Supporter")


class Partner(models.Model):
    """The advisory board and partners on the landing page (edited in the admin)."""

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind)
    country = CountryField(_("country"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["kind", "position", "name"]

    def __str__(self) -> str:
        return self.name
