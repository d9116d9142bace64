"""What every page's main menu needs to know about the user, from the rules (no queries)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from placetrain.lib.access import allowed


def menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": {}}
    return {
        "menu": {
            "case_work": allowed(user, "participants.list_participants"),
            "teaching": allowed(user, "language.list_taught_participants"),
            "administration": bool(user.is_administrator and user.is_staff),
        }
    }
