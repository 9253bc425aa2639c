"""Helpers shared by the whole-site checks (HTML validity, the axe crawl)."""
