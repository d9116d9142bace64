"""The one mechanism every write goes through.

A service is a keyword-only function named ``<noun>_<verb>`` that takes the acting ``user``.
``@service`` runs it in ``transaction.atomic`` and makes that user the author of every change
history row written meanwhile — from a page, a management command, the API or a cron job alike.
Without it, history gets its author only from the request middleware, and a command's writes
would have no actor at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver

P = ParamSpec("P")
R = TypeVar("R")

# Every service, by dotted name: tests hold each of them to the actor rule.
SERVICES: dict[str, Callable[..., Any]] = {}

_acting_user: ContextVar[Any] = ContextVar("placetrain_acting_user", default=None)


class WorkflowError(Exception):
    """A rule of the method refused the action; ``problems`` says what is missing, per field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems))  # field names only: this may reach a log
        self.problems = problems


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Make ``user`` the author of the change history written inside the block. Nested blocks
    restore the outer author on exit (auditlog's own ``set_actor`` does not)."""
    token = _acting_user.set(user if getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _acting_user.reset(token)


@receiver(pre_save, sender=LogEntry, dispatch_uid="placetrain-acting-user")
def _author_from_service(sender: type[LogEntry], instance: LogEntry, **kwargs: Any) -> None:
    user = _acting_user.get()
    if user is not None and instance.actor_id is None:
        instance.actor = user


def service(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` atomically, with its ``user`` keyword argument as the history's author."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if "user" not in kwargs:
            raise TypeError(f"{func.__qualname__} needs the acting user as user=...")
        with transaction.atomic(), acting_as(kwargs["user"]):
            return func(*args, **kwargs)

    SERVICES[f"{func.__module__}.{func.__qualname__}"] = wrapper
    wrapper.is_service = True  # type: ignore[attr-defined]
    return wrapper
