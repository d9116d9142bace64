"""Writes to a user's own account."""

from __future__ import annotations

from placetrain.lib.services import service

from .models import User


@service
def preferences_update(*, user: User, language: str) -> User:
    """Save the user's own choices (the language of the pages)."""
    user.language = language
    user.save(update_fields=["language"])
    return user
