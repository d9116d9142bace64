"""The request type of views behind ``login_required``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request from a logged-in staff member (``login_required`` has let it through), with
    django-htmx's ``request.htmx``."""

    user: User  # type: ignore[assignment]
    htmx: Any


def wants_fragment(request: AuthenticatedRequest) -> bool:
    """HTMX asks for a piece of the page (but not when it restores history: then it needs all)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def fragment_or_page(
    request: AuthenticatedRequest, fragment: str, page: str, context: dict[str, Any]
) -> HttpResponse:
    """HTMX gets the fragment, anyone else (and HTMX restoring history) the whole page."""
    response = render(request, fragment if wants_fragment(request) else page, context)
    # The same address answers the whole page or the fragment: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where a form posted with ``next`` should lead back to: a path on this site only (never
    another host: an open redirect would lend our name to a phishing link)."""
    wanted = request.POST.get("next", "")
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback
