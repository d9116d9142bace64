"""Reading the organisation's chosen thresholds and weights (``lib/tunables.py``)."""

from __future__ import annotations

from placetrain.lib.tunables import Tunable, tunables

from .models import OrganisationSetting


def values_for(organisation_id: int | None, *wanted: Tunable) -> dict[str, int]:
    """The values of ``wanted`` (all declared settings if none named) for the organisation: the
    organisation's choice where it made one, else the default. One query."""
    wanted = wanted or tuple(tunables)
    values = {t.key: t.default for t in wanted}
    if organisation_id:
        chosen = OrganisationSetting.objects.filter(
            organisation_id=organisation_id, key__in=list(values)
        ).values_list("key", "value")
        values.update(chosen)
    return values


def value_for(organisation_id: int | None, setting: Tunable) -> int:
    return values_for(organisation_id, setting)[setting.key]
