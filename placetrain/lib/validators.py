"""Norwegian identifiers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_is_valid(value: str) -> bool:
    """True if ``value`` is a 9-digit Norwegian organisation number with a valid mod-11 check digit.

    The Brønnøysund register computes the check digit with weights 3 2 7 6 5 4 3 2; a
    remainder that gives check digit 10 is never issued, so such numbers are invalid.
    """
    if len(value) != 9 or not (value.isascii() and value.isdigit()):
        return False
    total = sum(int(d) * w for d, w in zip(value[:8], ORG_NUMBER_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[8])


def normalise_org_number(value: str) -> str:
    """Strip the spaces people type in organisation numbers ("923 609 016")."""
    return "".join(value.split())


def validate_org_number(value: str) -> None:
    value = normalise_org_number(value)
    if len(value) != 9 or not (value.isascii() and value.isdigit()):
        raise ValidationError(
            _("An organisation number has exactly 9 digits."), code="org_number_length"
        )
    if not org_number_is_valid(value):
        raise ValidationError(
            _("This organisation number is not valid (the check digit does not match)."),
            code="org_number_checksum",
        )
