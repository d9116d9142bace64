"""The points of each matching signal, hand-set and documented, which an organisation may tune
(see lib/tunables.py): a suggestion's score is the sum of its reasons' points. The
participant's own wishes weigh most ("start with the participant"); a hard mismatch costs
enough to sink a suggestion without hiding it. Each value is a size; whether it adds or
subtracts is the signal's own (a cost is subtracted)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from placetrain.lib.tunables import Tunable, tunable

ORDER = 500  # after the other apps' settings in the list


def _weight(key: str, default: int, label: Promise | str) -> Tunable:
    return tunable(f"matching.{key}", default, label, minimum=0, maximum=200, order=ORDER)


WISH_UNIT = _weight(
    "wish_unit_group", 30, _("Matching: the occupation is one the participant wishes for")
)
WISH_MINOR = _weight(
    "wish_minor_group", 18, _("Matching: the occupation is in a wished occupation's minor group")
)
WISH_SUBMAJOR = _weight(
    "wish_sub_major_group",
    8,
    _("Matching: the occupation is in a wished occupation's sub-major group"),
)
OUTSIDE_WISHES = _weight(
    "outside_wishes", 5, _("Matching (cost): the occupation is none of the wished ones")
)
NAMED_WORKPLACE = _weight(
    "named_workplace", 40, _("Matching: the participant named the workplace themselves")
)
WORD = _weight(
    "shared_word", 4, _("Matching: each word of the wishes found in the job (at most three)")
)
LANGUAGE_MEETS = _weight(
    "language_meets", 10, _("Matching: the Norwegian level meets the requirement")
)
LANGUAGE_PLANNED = _weight(
    "language_gap_planned",
    4,
    _("Matching (cost): one level short, with a language plan running"),
)
LANGUAGE_ON_JOB = _weight(
    "language_gap_on_job",
    8,
    _("Matching (cost): one level short, and the job says it can be reached there"),
)
LANGUAGE_GAP = _weight(
    "language_gap_per_level",
    12,
    _("Matching (cost): each level short without a plan to close the gap"),
)
SCHEDULE_FITS = _weight("schedule_fits", 8, _("Matching: the working hours fit the availability"))
SCHEDULE_PARTLY = _weight(
    "schedule_partly", 10, _("Matching (cost): the working hours fit the availability only partly")
)
SCHEDULE_IMPOSSIBLE = _weight(
    "schedule_impossible",
    40,
    _("Matching (cost): the working hours are outside the availability (a hard mismatch)"),
)
DAYS_OUTSIDE = _weight(
    "days_outside", 10, _("Matching (cost): working days the participant is not available")
)
HOURS_FIT = _weight("hours_fit", 6, _("Matching: the hours per week fit the capacity"))
HOURS_OVER = _weight("hours_over", 10, _("Matching (cost): more hours per week than the capacity"))
SAME_MUNICIPALITY = _weight(
    "same_municipality", 8, _("Matching: the workplace is in the participant's municipality")
)
SAME_POSTAL_AREA = _weight(
    "same_postal_area", 4, _("Matching: the workplace is in the participant's postal area")
)
OTHER_MUNICIPALITY = _weight(
    "other_municipality", 4, _("Matching (cost): the workplace is in another municipality")
)
SUPPORT_ADAPTED = _weight(
    "support_adapted", 4, _("Matching: the workplace offers the adaptation a need asks for")
)
SUPPORT_CONFLICT = _weight(
    "support_conflict", 8, _("Matching (cost): a demand of the job meets a stated support need")
)
EMPLOYER_HIRES = _weight(
    "employer_hires", 6, _("Matching: placements at the employer have led to jobs")
)
FREE_LABOUR = _weight(
    "free_labour", 15, _("Matching (cost): the employer has the free-labour warning")
)
PARTNER = _weight("partner", 4, _("Matching: the employer is a partner"))

WEIGHTS: tuple[Tunable, ...] = (
    WISH_UNIT,
    WISH_MINOR,
    WISH_SUBMAJOR,
    OUTSIDE_WISHES,
    NAMED_WORKPLACE,
    WORD,
    LANGUAGE_MEETS,
    LANGUAGE_PLANNED,
    LANGUAGE_ON_JOB,
    LANGUAGE_GAP,
    SCHEDULE_FITS,
    SCHEDULE_PARTLY,
    SCHEDULE_IMPOSSIBLE,
    DAYS_OUTSIDE,
    HOURS_FIT,
    HOURS_OVER,
    SAME_MUNICIPALITY,
    SAME_POSTAL_AREA,
    OTHER_MUNICIPALITY,
    SUPPORT_ADAPTED,
    SUPPORT_CONFLICT,
    EMPLOYER_HIRES,
    FREE_LABOUR,
    PARTNER,
)


def defaults() -> dict[str, int]:
    return {w.key: w.default for w in WEIGHTS}
