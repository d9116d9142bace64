"""Norwegian identifiers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_check_digit(first_eight: str) -> int | None:
    """The check digit the Brønnøysund register gives the first eight digits of an
    organisation number (mod 11, weights 3 2 7 6 5 4 3 2); None where it would be 10: such
    numbers are never issued."""
    total = sum(int(d) * w for d, w in zip(first_eight, ORG_NUMBER_WEIGHTS, strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else check


def org_number_is_valid(value: str) -> bool:
    """True if ``value`` is a 9-digit Norwegian organisation number with a valid mod-11 check
    digit."""
    if len(value) != 9 or not (value.isascii() and value.isdigit()):
        return False
    return org_number_check_digit(value[:8]) == int(value[8])


def normalise_org_number(value: str) -> str:
    """Strip the spaces people type in organisation numbers ("923 609 016")."""
    return normalise_digits(value)


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


# Characters that change the direction text is shown in without being seen themselves (the
# "Trojan source" trick): a name holding them reads differently on screen than it is stored.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def validate_no_direction_controls(value: str) -> None:
    """Refuse invisible bidirectional control characters (U+202E and friends) in a name."""
    if any(character in BIDI_CONTROLS for character in value or ""):
        raise ValidationError(
            _(
                "The text holds invisible characters that change its writing direction. "
                "Type it again without them."
            ),
            code="direction_controls",
        )


def normalise_digits(value: str) -> str:
    """Digits as people type them: spaces, non-breaking spaces and the like taken out."""
    return "".join((value or "").split())


def validate_postal_code(value: str) -> None:
    """A Norwegian postal code: exactly four ASCII digits (Arabic-Indic digits count as digits
    for Python's isdigit, but not in Posten's register)."""
    if value and not (len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValidationError(_("A Norwegian postal code has 4 digits."), code="postal_code")
