"""Object rules for participants. Scope for lists lives in selectors.participants_visible_to;
these predicates must agree with it (tests/accounts/test_permission_matrix.py checks both)."""

from __future__ import annotations

import rules

from placetrain.accounts.rules import (
    has_case_role,
    is_administrator,
    is_language_teacher,
    works_cases,
)


@rules.predicate
def is_responsible(user, participant) -> bool:
    return bool(user.is_job_specialist and participant.specialist_id == user.pk)


@rules.predicate
def leads_team_of(user, participant) -> bool:
    return bool(user.is_team_leader and user.team_id and participant.team_id == user.team_id)


@rules.predicate
def shares_caseload_with(user, participant) -> bool:
    return bool(
        user.is_job_specialist
        and user.team_id
        and participant.team_id == user.team_id
        and participant.team.shared_caseload
    )


@rules.predicate
def teaches(user, participant) -> bool:
    return participant.language_teachers.filter(pk=user.pk).exists()


works_the_case = is_responsible | leads_team_of | shares_caseload_with

# Without an object: the participant list (scoped by the selector) and registering a new one.
rules.add_perm("participants.list_participants", has_case_role)
rules.add_perm("participants.add_participant", works_cases)
rules.add_perm("participants.view_participant", works_the_case | (is_language_teacher & teaches))
# The full case (timeline, consents, work history, contacts, export) — not for language teachers.
rules.add_perm("participants.view_case", works_the_case)
rules.add_perm("participants.change_participant", works_the_case)
rules.add_perm("participants.view_sensitive", is_responsible | leads_team_of)
rules.add_perm("participants.change_sensitive", is_responsible | leads_team_of)
rules.add_perm("participants.view_access_log", is_responsible | leads_team_of)
rules.add_perm("participants.delete_participant", leads_team_of)

# Administration: the programme list and the stages' checklists belong to the administrator
# role (README: "Administrators edit the checklists in Administration").
rules.add_perm("participants", is_administrator)
for _model in ("programme", "checklistitem"):
    rules.add_perm(f"participants.view_{_model}", is_administrator)
    rules.add_perm(f"participants.add_{_model}", is_administrator)
    rules.add_perm(f"participants.change_{_model}", is_administrator)
