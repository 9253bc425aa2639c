"""Writes of the community app, split by sub-domain."""
