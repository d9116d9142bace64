"""Object rules for the place-train workflow. Placements are part of the case; a language
teacher reaches only the language plans of the participants assigned to them."""

from __future__ import annotations

import rules

from placetrain.accounts.rules import is_language_teacher
from placetrain.participants.rules import teaches, works_the_case


@rules.predicate
def works_the_placement_case(user, placement) -> bool:
    return works_the_case.test(user, placement.participant)


@rules.predicate
def teaches_participant_of(user, plan) -> bool:
    return teaches.test(user, plan.participant)


@rules.predicate
def works_the_plan_case(user, plan) -> bool:
    return works_the_case.test(user, plan.participant)


rules.add_perm("placements.view_placement", works_the_placement_case)
rules.add_perm("placements.change_placement", works_the_placement_case)
rules.add_perm(
    "placements.change_languageplan",
    works_the_plan_case | (is_language_teacher & teaches_participant_of),
)
# Making a language plan: the case workers, and the teachers assigned to the participant
# (the object is the participant).
rules.add_perm("placements.add_languageplan", works_the_case | (is_language_teacher & teaches))
