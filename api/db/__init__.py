"""Persistence: models, engine and sessions, repositories (which flush, never commit)."""
