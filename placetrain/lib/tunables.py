"""Thresholds and weights an organisation may set for itself (a partner "not contacted" after
how many days, when an employer earns the free-labour warning, the matching's points per
signal). Each app declares its own with ``tunable(...)`` in the module that uses it; the values
an organisation chose are kept by ``accounts.OrganisationSetting`` and read with
``accounts.settings.values_for``; the declared default holds where none was chosen."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from .registry import Registry


@dataclass(frozen=True)
class Tunable:
    key: str
    default: int
    label: Promise | str
    help_text: Promise | str = ""
    minimum: int = 0
    maximum: int = 1000


tunables: Registry[Tunable] = Registry("organisation settings")


def tunable(
    key: str,
    default: int,
    label: Promise | str,
    *,
    help_text: Promise | str = "",
    minimum: int = 0,
    maximum: int = 1000,
    order: int = 100,
) -> Tunable:
    """Declare a setting: its stable key (``app.name``), default and the bounds a value must
    keep (checked where an administrator sets it)."""
    if not minimum <= default <= maximum:
        raise ValueError(f"The default of {key} is outside its bounds.")
    entry = Tunable(key, default, label, help_text, minimum, maximum)
    return tunables.register(key, entry, order=order)
