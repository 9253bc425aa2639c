from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, seed_accounts


class Command(BaseCommand):
    help = "Load the demo data, with one account for every role. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.HUB_ALLOW_DEMO_DATA:
            raise CommandError(
                "seed_demo is refused with these settings: demo accounts have a "
                "published password. It runs under hub.settings.local only."
            )
        self.stdout.write("Demo accounts:")
        for account, created in seed_accounts():
            state = "created" if created else "exists"
            self.stdout.write(f"  {account.label:<17} {account.email:<24} ({state})")
        self.stdout.write(f"  Password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
