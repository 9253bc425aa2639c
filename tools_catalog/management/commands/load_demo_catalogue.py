from django.core.management.base import BaseCommand

from tools_catalog.demo_catalogue import load_demo_catalogue


class Command(BaseCommand):
    help = "Load the demo AI tools catalogue (73 tools). Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        result = load_demo_catalogue()
        self.stdout.write(
            f"Demo catalogue: {result.tools} tools from {result.providers} providers "
            f"({result.created} new)."
        )
