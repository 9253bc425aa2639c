"""The translation mixin, now shared by every app: see ``core.translation``."""

from core.translation import TranslatedMixin

__all__ = ["TranslatedMixin"]
