"""Writes of providers and their representatives."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from accounts.services import audit_event_record
from tools_catalog.audit import CatalogueAction
from tools_catalog.models import (
    Provider,
)
from tools_catalog.selectors import provider_named
from tools_catalog.services.errors import ProviderNameTakenError
from tools_catalog.services.listings import unique_slug

# --- Providers ---------------------------------------------------------------


@transaction.atomic
def provider_create(
    *,
    actor: User | None,
    name: str,
    website: str,
    country: str,
    provider_type: str,
    description: str = "",
    is_demo: bool = False,
) -> Provider:
    """Create a provider. ProviderNameTakenError if one of the same name (any case
    or width) exists: it is never handed back, as that would attach whoever
    named it to someone else's organisation."""
    existing = provider_named(name=name)
    if existing is not None:
        raise ProviderNameTakenError(existing)
    provider = Provider(
        name=name.strip(),
        slug=unique_slug(Provider, name),
        website=website,
        country=country,
        provider_type=provider_type,
        description=description,
        is_demo=is_demo,
    )
    provider.full_clean()
    provider.save()
    audit_event_record(
        actor=actor,
        action=CatalogueAction.PROVIDER_CREATED,
        target=provider,
        after={"name": provider.name, "country": str(provider.country)},
    )
    return provider


@transaction.atomic
def provider_representative_add(
    *, actor: User | None, provider: Provider, user: User
) -> None:
    """Make ``user`` a representative of ``provider``; a no-op if they are one."""
    if provider.representatives.filter(pk=user.pk).exists():
        return
    provider.representatives.add(user)
    audit_event_record(
        actor=actor,
        action=CatalogueAction.PROVIDER_REPRESENTATIVE_ADDED,
        target=provider,
        after={"user_id": user.pk},
    )
