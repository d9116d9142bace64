"""The request type of views behind ``login_required``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request from a logged-in staff member (``login_required`` has let it through), with
    django-htmx's ``request.htmx``."""

    user: User  # type: ignore[assignment]
    htmx: Any
