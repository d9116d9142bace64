"""Object rules for language plans: the participant's case workers, and the language teachers
assigned to the participant — who reach nothing else of the case."""

from __future__ import annotations

import rules

from placetrain.accounts.rules import is_language_teacher
from placetrain.participants.rules import teaches, works_the_case


@rules.predicate
def teaches_participant_of(user, plan) -> bool:
    return teaches.test(user, plan.participant)


@rules.predicate
def works_the_plan_case(user, plan) -> bool:
    return works_the_case.test(user, plan.participant)


works_or_teaches_the_plan = works_the_plan_case | (is_language_teacher & teaches_participant_of)

# "Mine språkdeltakere", a language teacher's own list.
rules.add_perm("language.list_taught_participants", is_language_teacher)
rules.add_perm("language.view_languageplan", works_or_teaches_the_plan)
rules.add_perm("language.change_languageplan", works_or_teaches_the_plan)
# Making a language plan (the object is the participant).
rules.add_perm("language.add_languageplan", works_the_case | (is_language_teacher & teaches))
