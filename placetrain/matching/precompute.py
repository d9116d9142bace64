"""The participant's profile for matching, computed when their record is saved (the participant,
a new version of the vocational profile, a language plan) rather than on every suggestion: a
suggestion among thousands of participants then reads one row each, and SQL can filter on the
wishes before Python scores a bounded set."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Q

from placetrain.language.models import LanguagePlan
from placetrain.lib.dates import today
from placetrain.lib.words import stem_text
from placetrain.lib.worktime import level_rank, minutes
from placetrain.participants.models import Participant, Status, VocationalProfile

from .models import MatchProfile, WishedWorkplace

CHUNK = 2000
# "Kiwi AS" and "Kiwi" name the same workplace.
COMPANY_FORM = re.compile(r"\s+(as|asa|sa|ans|da|ba|ks|nuf)\.?$")


def name_key(name: str) -> str:
    """A workplace's or an employer's name as compared: case-folded, without the company form."""
    return COMPANY_FORM.sub("", " ".join(name.casefold().split()))


def delimited(codes: Iterable[str]) -> str:
    """Codes as stored for SQL's LIKE: " 5223 4321 " (empty when there are none)."""
    found = list(dict.fromkeys(codes))
    return f" {' '.join(found)} " if found else ""


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh_profiles(participant_ids: Iterable[int]) -> int:
    """Compute (again) the matching profiles of these participants: a constant number of
    queries per chunk of 2 000. Returns how many were written."""
    ids = sorted(set(participant_ids))
    for chunk in _chunks(ids):
        with transaction.atomic():
            _refresh(chunk)
    return len(ids)


def refresh_all(organisation_id: int | None = None) -> int:
    """Every participant's profile (after a bulk load: the demo, a benchmark, an import)."""
    people = Participant.objects.all()
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    return refresh_profiles(people.values_list("pk", flat=True))


def _refresh(ids: list[int]) -> None:
    people = Participant.objects.filter(pk__in=ids).values(
        "pk", "status", "norwegian_level", "municipality", "postal_code"
    )
    current: dict[int, VocationalProfile] = {}
    for profile in VocationalProfile.objects.filter(participant_id__in=ids).order_by(
        "participant_id", "-number"
    ):
        current.setdefault(profile.participant_id, profile)
    day = today()
    planned = set(
        LanguagePlan.objects.filter(participant_id__in=ids)
        .filter(Q(final_goal_by__isnull=True) | Q(final_goal_by__gte=day))
        .values_list("participant_id", flat=True)
    )
    profiles, workplaces = [], []
    for person in people:
        pk = person["pk"]
        found = current.get(pk)
        codes = [c for c in (found.wished_occupations if found else []) if c]
        profiles.append(
            MatchProfile(
                participant_id=pk,
                active=person["status"] != Status.ENDED,
                wish_units=delimited(codes),
                wish_minors=delimited(c[:3] for c in codes),
                wish_submajors=delimited(c[:2] for c in codes),
                words=stem_text(f"{found.job_wishes}\n{found.interests}") if found else "",
                available_days=found.available_days if found else 0,
                available_from=found.available_from if found else None,
                available_until=found.available_until if found else None,
                hours_capacity=found.hours_capacity if found else None,
                needs_physical=bool(found and found.support_physical.strip()),
                needs_psychological=bool(found and found.support_psychological.strip()),
                needs_language=bool(found and found.support_language.strip()),
                norwegian_level=person["norwegian_level"] or "",
                level_rank=level_rank(person["norwegian_level"] or ""),
                from_minute=minutes(found.available_from)
                if found and found.available_from
                else None,
                until_minute=(
                    minutes(found.available_until) if found and found.available_until else None
                ),
                language_plan=pk in planned,
                place_key=(person["municipality"] or "").strip().casefold(),
                postal_code=person["postal_code"] or "",
            )
        )
        if found:
            workplaces += [
                WishedWorkplace(participant_id=pk, name_key=name_key(w)[:200], name=w[:200])
                for w in found.workplaces
                if name_key(w)
            ]
    MatchProfile.objects.filter(participant_id__in=ids).delete()
    WishedWorkplace.objects.filter(participant_id__in=ids).delete()
    MatchProfile.objects.bulk_create(profiles)
    WishedWorkplace.objects.bulk_create(workplaces)
