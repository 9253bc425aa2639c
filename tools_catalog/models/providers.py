"""Providers: the organisations that list tools."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tools_catalog.names import KEY_MAX_LENGTH, provider_name_key


class Provider(models.Model):
    class Type(models.TextChoices):
        COMPANY = "company", _("Company")
        NON_PROFIT = "non_profit", _("Non-profit")
        ACADEMIC = "academic", _("Academic")
        GOVERNMENT = "government", _("Government")

    name = models.CharField(_("name"), max_length=200)
    # What the name looks like (tools_catalog.names): finds look-alike names.
    name_key = models.CharField(
        max_length=KEY_MAX_LENGTH, db_index=True, editable=False, default=""
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    provider_type = models.CharField(
        _("type"), max_length=20, choices=Type.choices, default=Type.COMPANY
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="provider_organisations", blank=True
    )

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = provider_name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)
