"""Permission checks for views without an object (lists, registration forms).

They ask only the project's rules (django-rules' permission set), never Django's model
permissions: ``user.has_perm`` would let a Django superuser through every check and costs
queries for everyone a rule refuses. A superuser has no case role, so no case data."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import rules
from django.core.exceptions import PermissionDenied


def allowed(user: Any, perm: str, obj: Any = None) -> bool:
    """Whether the project's rules give ``user`` the permission ``perm`` (on ``obj``)."""
    return bool(rules.has_perm(perm, user, obj))


def rule_required(perm: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Answer 403 unless the rules give the request's user ``perm``. Put it under
    ``login_required``, which sends anonymous users to the login page first."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not allowed(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
