"""The catalogue's service errors; their messages are shown to the user."""

from __future__ import annotations

from tools_catalog.models import (
    Provider,
)


class ListingError(Exception):
    """An illegal listing transition; the message is shown to the user."""


class TermMergeError(Exception):
    """An illegal merge of vocabulary terms; the message is shown to the editor."""


class ModerationError(Exception):
    """An illegal review moderation (hiding a hidden review); shown to the user."""


class ProviderNameTakenError(Exception):
    """An organisation of that name is on the Hub already: nobody joins it by
    naming it (onboarding files a join request that staff sign off instead)."""

    def __init__(self, provider: Provider) -> None:
        super().__init__(f"An organisation called {provider.name!r} exists already.")
        self.provider = provider
