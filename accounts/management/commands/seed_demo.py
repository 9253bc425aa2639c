from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD

# Each app that has demo data has a ``demo.py`` with ``seed(stdout) -> None``;
# they run in this order (later apps build on earlier ones).
DEMO_APPS = ("accounts", "learning_centre", "tools_catalog", "onboarding", "community")


class Command(BaseCommand):
    help = "Load the demo data, with one account for every role. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.HUB_ALLOW_DEMO_DATA:
            raise CommandError(
                "seed_demo is refused with these settings: demo accounts have a "
                "published password. It runs under hub.settings.local only."
            )
        for app in DEMO_APPS:
            if find_spec(f"{app}.demo") is None:
                continue
            self.stdout.write(f"Seeding {app}…")
            import_module(f"{app}.demo").seed(self.stdout)
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
