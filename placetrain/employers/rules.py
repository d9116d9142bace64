from __future__ import annotations

import rules

from placetrain.accounts.rules import has_case_role, works_cases


@rules.predicate
def same_organisation(user, employer) -> bool:
    return employer.organisation_id == user.organisation_id


# The organisation's register: every case role reads it, specialists and leaders keep it.
rules.add_perm("employers.list_employers", has_case_role)
rules.add_perm("employers.add_employer", works_cases)
rules.add_perm("employers.view_employer", has_case_role & same_organisation)
rules.add_perm("employers.change_employer", works_cases & same_organisation)
# An employer search in a form (the contact form, a placement plan, a hire): who keeps cases.
rules.add_perm("employers.choose_employers", works_cases)
