"""Role predicates shared by the apps' object rules."""

from __future__ import annotations

import rules


@rules.predicate
def is_language_teacher(user) -> bool:
    return bool(user.is_authenticated and user.is_language_teacher)


@rules.predicate
def has_case_role(user) -> bool:
    return bool(user.is_authenticated and user.has_case_role)


@rules.predicate
def works_cases(user) -> bool:
    """Job specialists and team leaders: they register participants and keep the employer
    register (language teachers read it)."""
    return bool(user.is_authenticated and (user.is_job_specialist or user.is_team_leader))
