"""Role predicates shared by the apps' object rules."""

from __future__ import annotations

import rules


@rules.predicate
def is_job_specialist(user) -> bool:
    return bool(user.is_authenticated and user.is_job_specialist)


@rules.predicate
def is_team_leader(user) -> bool:
    return bool(user.is_authenticated and user.is_team_leader)


@rules.predicate
def is_language_teacher(user) -> bool:
    return bool(user.is_authenticated and user.is_language_teacher)


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_administrator)


@rules.predicate
def has_case_role(user) -> bool:
    return bool(user.is_authenticated and user.has_case_role)


@rules.predicate
def works_with_employers(user) -> bool:
    """Specialists and leaders keep the employer register; teachers may read it."""
    return bool(user.is_authenticated and (user.is_job_specialist or user.is_team_leader))
