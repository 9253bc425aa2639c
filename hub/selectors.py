from typing import Any

from core.discovery import app_modules

# Facts of the Hub itself, not counted from the database.
LANGUAGES = 6
WORKFLOW_STAGES = 8


def public_figures() -> dict[str, Any]:
    """Counts only, for the landing page; never anything about a person.

    Each app declares its counts in ``<app>/figures.py`` (``PUBLIC_FIGURES``).
    """
    figures: dict[str, Any] = {}
    for _app_config, module in app_modules("figures"):
        figures.update(
            {name: compute() for name, compute in module.PUBLIC_FIGURES.items()}
        )
    return {**figures, "languages": LANGUAGES, "stages": WORKFLOW_STAGES}
