from django.core.management.base import BaseCommand

from tools_catalog.services import vocabulary_load


class Command(BaseCommand):
    help = (
        "Create or update the curated vocabulary from "
        "tools_catalog/fixtures/vocabulary.yaml. Safe to run again."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = vocabulary_load()
        self.stdout.write(
            f"Vocabulary: {result.created} created, {result.updated} updated, "
            f"{result.merged} duplicates merged."
        )
