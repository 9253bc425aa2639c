import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

LANGUAGES = ["ar", "zh_Hans", "fr", "ru", "es"]


class Command(BaseCommand):
    help = (
        "Extract one product app's strings (its code and templates) into "
        "<app>/locale/, leaving every other catalogue alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("apps", nargs="+", metavar="app")

    def handle(self, *args: object, **options: object) -> None:
        root = Path(settings.BASE_DIR)
        here = Path.cwd()
        for app in options["apps"]:  # type: ignore[attr-defined]
            directory = root / str(app)
            if not (directory / "apps.py").exists():
                raise CommandError(f"{app} is not an app of this project")
            (directory / "locale").mkdir(exist_ok=True)
            # makemessages walks the current directory and writes to the nearest
            # locale/: inside the app, that is the app's own catalogue.
            os.chdir(directory)
            try:
                call_command(
                    "makemessages", locale=LANGUAGES, no_obsolete=True, verbosity=0
                )
            finally:
                os.chdir(here)
            self.stdout.write(f"{app}: {directory / 'locale'}")
