from __future__ import annotations

import rules

from placetrain.accounts.rules import has_case_role, works_with_employers


@rules.predicate
def same_organisation(user, employer) -> bool:
    return employer.organisation_id == user.organisation_id


rules.add_perm("employers.view_employer", has_case_role & same_organisation)
rules.add_perm("employers.change_employer", works_with_employers & same_organisation)
