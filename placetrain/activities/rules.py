"""Object rules for the contact log and next steps."""

from __future__ import annotations

import rules

from placetrain.accounts.rules import has_case_role


@rules.predicate
def owns(user, step) -> bool:
    return step.owner_id == user.pk


# Min dag is every user's start page; without a case role it says what to do instead.
rules.add_perm("activities.view_my_day", has_case_role)
rules.add_perm("activities.change_nextstep", has_case_role & owns)
