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


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_administrator and user.is_staff)


# The administrator role keeps the housekeeping in Administration (the admin site asks Django's
# permission names): users, teams and the organisation, never deleting them (deactivate a user,
# rename a team), and the organisation's settings. The admin classes keep them inside their own
# organisation.
rules.add_perm("accounts", is_administrator)  # the app shows in Administration
for _model in ("user", "team", "organisation", "organisationsetting"):
    rules.add_perm(f"accounts.view_{_model}", is_administrator)
    rules.add_perm(f"accounts.change_{_model}", is_administrator)
rules.add_perm("accounts.add_user", is_administrator)
rules.add_perm("accounts.add_team", is_administrator)
# The organisation's own thresholds and weights: back to the default is deleting the choice.
rules.add_perm("accounts.add_organisationsetting", is_administrator)
rules.add_perm("accounts.delete_organisationsetting", is_administrator)
