"""Demo data of the catalogue, for ``manage.py seed_demo``; safe to run again."""

from typing import Any

from accounts.models import User
from tools_catalog.demo_catalogue import load_demo_catalogue
from tools_catalog.models import Provider
from tools_catalog.services import provider_representative_add


def seed(stdout: Any) -> None:
    result = load_demo_catalogue()
    stdout.write(
        f"  catalogue: {result.tools} tools from {result.providers} providers "
        f"({result.created} new), marked as demo content; {result.vetted} vetted "
        "by editor@hub.example"
    )
    # The demo provider account represents one organisation, to try the portal.
    representative = User.objects.filter(email="provider@hub.example").first()
    provider = Provider.objects.filter(slug="thorn").first()
    if representative is not None and provider is not None:
        provider_representative_add(actor=None, provider=provider, user=representative)
        stdout.write(f"  provider@hub.example represents {provider.name}")
