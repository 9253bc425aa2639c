from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD
from core.discovery import app_modules
from core.sites import site_record_sync


def demo_seeders() -> list[tuple[str, object]]:
    """``(app label, demo module)`` for every installed app with a ``demo.py``.

    A demo module has ``seed(stdout) -> None``. Its app declares ``demo_order`` on
    its AppConfig: seeders run in that order (later apps build on earlier ones,
    e.g. the catalogue's providers on the accounts).
    """
    found = []
    for app_config, module in app_modules("demo"):
        if not hasattr(app_config, "demo_order"):
            raise ImproperlyConfigured(
                f"{app_config.name}.demo exists, but {type(app_config).__name__} "
                "declares no demo_order."
            )
        found.append((app_config.demo_order, app_config.label, module))
    return [(label, module) for _order, label, module in sorted(found)]


class Command(BaseCommand):
    help = "Load the demo data, with one account for every role. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.HUB_ALLOW_DEMO_DATA:
            raise CommandError(
                "seed_demo is refused with these settings: demo accounts have a "
                "published password. It runs under hub.settings.local only."
            )
        site_record_sync(site_model=Site)
        self.stdout.write(f"Site: {Site.objects.get_current().domain}")
        for label, module in demo_seeders():
            self.stdout.write(f"Seeding {label}…")
            module.seed(self.stdout)  # type: ignore[attr-defined]
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
