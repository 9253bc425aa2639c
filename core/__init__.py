"""Shared utilities at the bottom of the dependency ladder.

Markdown sanitising, text and bidi helpers, form fields, CSV exports, rate limits
and the Redis cache backend: small modules any app may import. Nothing here
imports ``hub`` or a product app (import-linter checks it).
"""
