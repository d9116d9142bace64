"""Object rules for placements: part of the participant's case. A language teacher reaches
none of it (their way in is the language plans)."""

from __future__ import annotations

import rules

from placetrain.accounts.rules import works_cases
from placetrain.participants.rules import works_the_case


@rules.predicate
def works_the_placement_case(user, placement) -> bool:
    return works_the_case.test(user, placement.participant)


rules.add_perm("placements.view_placement", works_the_placement_case)
rules.add_perm("placements.change_placement", works_the_placement_case)
# Planning a placement (the object is the participant).
rules.add_perm("placements.add_placement", works_the_case)
# The plan form's helpers that show no participant (the mentor list of a chosen employer).
rules.add_perm("placements.plan_placements", works_cases)
