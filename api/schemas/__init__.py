"""Pydantic v2 request and response models (never ORM classes)."""
