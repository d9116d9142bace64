"""The places on the placement pages that higher apps fill in (see lib/registry.py).

* ``plan_prefills``: functions ``(user, participant, query) -> dict | None`` giving the plan
  form's initial values from the address the planning was opened with (e.g. a suggestion's
  job analysis: its employer, the job, and the match's reasons as "why this employer"). The
  first that answers wins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import QueryDict

from placetrain.accounts.models import User
from placetrain.lib.registry import Registry
from placetrain.participants.models import Participant

plan_prefills: Registry[Callable[[User, Participant, QueryDict], dict[str, Any] | None]] = Registry(
    "placement plan prefills"
)


def prefilled(user: User, participant: Participant, query: QueryDict) -> dict[str, Any]:
    for prefill in plan_prefills:
        found = prefill(user, participant, query)
        if found:
            return found
    return {}
