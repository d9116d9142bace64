"""Suggestions, both ways: job analyses and network employers for a participant, participants
for a job analysis. SQL filters the candidates and orders them by the signals that weigh most
(the wishes, a named workplace, the place), Python scores a bounded set of them with every rule
(``scoring.py``), and the best are shown with their reasons. A constant number of queries,
whatever the size of the register or the caseload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Greatest, Least, Substr
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.shortcuts import get_object_or_404

from placetrain.accounts.models import User
from placetrain.accounts.settings import values_for
from placetrain.employers.models import Employer, JobAnalysis, Stage
from placetrain.employers.selectors import employers_visible_to
from placetrain.lib.dates import today
from placetrain.lib.weekdays import ALL_DAYS
from placetrain.lib.words import stored
from placetrain.lib.worktime import DAY_MINUTES, level_rank, minutes, shift_minutes
from placetrain.participants.models import Participant
from placetrain.participants.selectors import scope
from placetrain.placements.track_record import TrackRecord, track_records

from . import tunables as T
from .models import Candidate, MatchProfile, WishedWorkplace
from .precompute import name_key, refresh_profiles
from .scoring import FULL_TIME_HOURS, Job, Person, Record, Suggestion, job_hours, score

# How many candidates SQL hands to the scoring: enough that the best by every rule are among
# them (the signals SQL orders by are the heaviest), few enough to score in milliseconds.
CANDIDATES = 100
SHOWN = 20
# What a suggestion does not read of a job analysis and its employer (fewer columns to fetch and
# turn into objects, for a hundred candidates per call).
JOB_NOT_READ = (
    "developed_from",
    "training",
    "trainer",
    "measures",
    "address",
    "visited_by",
    "created_by",
    "created_at",
    "updated_at",
    "employer__address",
    "employer__notes",
    "employer__industry",
    "employer__industry_code",
    "employer__employees",
    "employer__search_text",
    "employer__needs",
    "employer__next_action",
    "employer__stage_reason",
    "employer__created_at",
    "employer__updated_at",
    "occupation__title_en",
    "occupation__parent",
)
# Employers the team has set aside are not suggested.
SET_ASIDE = (Stage.PAUSED, Stage.NOT_RELEVANT)


def weights_for(user: User) -> dict[str, int]:
    return values_for(user.organisation_id, *T.WEIGHTS)


def profile_for(participant: Participant) -> tuple[MatchProfile, list[tuple[str, str]]]:
    """The participant's matching profile and named workplaces (computed now if missing, as
    for a participant saved before matching existed)."""
    found = MatchProfile.objects.filter(participant_id=participant.pk).first()
    if found is None:
        refresh_profiles([participant.pk])
        found = MatchProfile.objects.get(participant_id=participant.pk)
    places = list(
        WishedWorkplace.objects.filter(participant_id=participant.pk)
        .order_by("pk")
        .values_list("name_key", "name")
    )
    return found, places


def person_of(profile: MatchProfile, workplaces: list[tuple[str, str]]) -> Person:
    return Person(
        wish_units=frozenset(profile.wish_units.split()),
        wish_minors=frozenset(profile.wish_minors.split()),
        wish_submajors=frozenset(profile.wish_submajors.split()),
        words=tuple(stored(profile.words)),
        workplaces=tuple(key for key, _name in workplaces),
        workplace_names=tuple(name or key for key, name in workplaces),
        available_days=profile.available_days,
        available_from=profile.available_from,
        available_until=profile.available_until,
        hours_capacity=profile.hours_capacity,
        needs_physical=profile.needs_physical,
        needs_psychological=profile.needs_psychological,
        needs_language=profile.needs_language,
        norwegian_level=profile.norwegian_level,
        language_plan=profile.language_plan,
        place_key=profile.place_key,
        postal_code=profile.postal_code,
    )


def job_of(analysis: JobAnalysis) -> Job:
    """The facts of a job analysis (its employer and occupation loaded with it)."""
    employer = analysis.employer
    return Job(
        occupations=((analysis.occupation_id, analysis.occupation.title),),
        words=tuple(stored(analysis.match_text)),
        employer_key=name_key(employer.name),
        norwegian_level=analysis.norwegian_level,
        level_reachable_on_job=analysis.level_reachable_on_job,
        days=analysis.days,
        shift=analysis.shift,
        starts_at=analysis.starts_at,
        ends_at=analysis.ends_at,
        hours_per_week=float(analysis.hours_per_week) if analysis.hours_per_week else None,
        adaptations=frozenset(analysis.adaptations),
        pace=analysis.pace,
        noise=analysis.noise,
        customer_contact=analysis.customer_contact,
        physical_demands=bool(analysis.physical_demands.strip()),
        place_key=analysis.place_key or employer.municipality.strip().casefold(),
        place_name=analysis.municipality or employer.municipality,
        postal_code=analysis.postal_code or employer.postal_code,
        partner=employer.stage == Stage.PARTNER,
        visited=analysis.visited_on is not None,
    )


def employer_job(employer: Employer, occupations: list[tuple[str, str]], words: str) -> Job:
    """The facts of an employer without an open job analysis: its earlier analyses'
    occupations and words, its place and its stage."""
    return Job(
        occupations=tuple(occupations),
        words=tuple(stored(words)),
        employer_key=name_key(employer.name),
        place_key=employer.municipality.strip().casefold(),
        place_name=employer.municipality,
        postal_code=employer.postal_code,
        partner=employer.stage == Stage.PARTNER,
    )


def record_of(found: TrackRecord | None) -> Record | None:
    if found is None:
        return None
    basis = found.free_labour_basis
    return Record(
        ended=found.ended,
        hired=found.hired_from_placements,
        free_labour=found.free_labour,
        unpaid_endings=basis.unpaid_endings,
        months=basis.months,
    )


def _records(
    employer_ids: set[int], organisation_id: int | None, day: dt.date
) -> dict[int, Record]:
    if organisation_id is None or not employer_ids:
        return {}
    found = track_records(employer_ids, organisation_id=organisation_id, today=day, lengths=False)
    return {pk: r for pk, rec in found.items() if (r := record_of(rec)) is not None}


def _ranked(suggestions: list[Suggestion], key: Any, limit: int) -> list[Suggestion]:
    suggestions.sort(key=lambda s: (-s.score, key(s)))
    return suggestions[:limit]


# --- for a participant: job analyses ---------------------------------------------------------


def _job_coarse(person: Person, workplaces: list[str], w: dict[str, int]) -> Any:
    """The part of the score SQL can compute: the wishes, a named workplace, the place."""
    wish = Case(
        When(occupation_id__in=list(person.wish_units), then=Value(w[T.WISH_UNIT.key])),
        When(minor__in=list(person.wish_minors), then=Value(w[T.WISH_MINOR.key])),
        When(submajor__in=list(person.wish_submajors), then=Value(w[T.WISH_SUBMAJOR.key])),
        default=Value(0),
        output_field=IntegerField(),
    )
    named = Q(pk__in=[])
    for place in workplaces:
        named |= Q(employer__search_text__contains=place)
    coarse = wish + Case(
        When(named, then=Value(w[T.NAMED_WORKPLACE.key])),
        default=Value(0),
        output_field=IntegerField(),
    )
    if person.place_key:
        coarse = coarse + _points(Q(place_key=person.place_key), w[T.SAME_MUNICIPALITY.key])
    return coarse + _job_fit(person, w)


def _points(condition: Any, points: int, otherwise: int = 0) -> Case:
    return Case(
        When(condition, then=Value(points)), default=Value(otherwise), output_field=IntegerField()
    )


def _int(expression: Any) -> Any:
    return ExpressionWrapper(expression, output_field=IntegerField())


def _col(name: str) -> Any:
    return Cast(F(name), IntegerField())


def _inside(start: Any, end: Any, low: Any, high: Any) -> Any:
    """SQL for scoring._overlap: minutes of [start, end) inside [low, high), that day and the
    next (a night shift)."""
    zero, day = Value(0), Value(DAY_MINUTES)
    today_part = Greatest(zero, _int(Least(end, high) - Greatest(start, low)))
    next_part = Greatest(
        zero, _int(Least(end, _int(high + day)) - Greatest(start, _int(low + day)))
    )
    return _int(today_part + next_part)


def _job_fit(person: Person, w: dict[str, int]) -> Any:
    """The rules SQL can judge of a job from its precomputed columns: the Norwegian level, the
    working hours and days, the hours a week, a partner employer (as scoring.py does)."""
    fit: Any = _points(Q(employer__stage=Stage.PARTNER), w[T.PARTNER.key])
    rank = level_rank(person.norwegian_level)
    if rank:
        levels = [
            When(level_rank=0, then=Value(0)),
            When(level_rank__lte=rank, then=Value(w[T.LANGUAGE_MEETS.key])),
        ]
        if person.language_plan:
            levels.append(When(level_rank=rank + 1, then=Value(-w[T.LANGUAGE_PLANNED.key])))
        levels.append(
            When(
                level_rank=rank + 1,
                level_reachable_on_job=True,
                then=Value(-w[T.LANGUAGE_ON_JOB.key]),
            )
        )
        gap = _int(_col("level_rank") - Value(rank))
        fit = fit + Case(
            *levels, default=_int(gap * Value(-w[T.LANGUAGE_GAP.key])), output_field=IntegerField()
        )
    if person.available_from and person.available_until:
        low, high = minutes(person.available_from), minutes(person.available_until)
        length = _int(_col("end_minute") - _col("start_minute"))
        inside = _inside(_col("start_minute"), _col("end_minute"), Value(low), Value(high))
        fit = fit + Case(
            When(start_minute__isnull=True, then=Value(0)),
            When(
                Q(start_minute__gte=low, end_minute__lte=high), then=Value(w[T.SCHEDULE_FITS.key])
            ),
            When(
                GreaterThanOrEqual(_int(inside * Value(2)), length),
                then=Value(-w[T.SCHEDULE_PARTLY.key]),
            ),
            default=Value(-w[T.SCHEDULE_IMPOSSIBLE.key]),
            output_field=IntegerField(),
        )
    if person.available_days:
        outside = ALL_DAYS & ~person.available_days
        fit = fit + Case(
            When(
                GreaterThan(F("days").bitand(outside), Value(0)), then=Value(-w[T.DAYS_OUTSIDE.key])
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    if person.hours_capacity is not None:
        capacity = FULL_TIME_HOURS * person.hours_capacity / 100 * 1.1
        fit = fit + Case(
            When(hours_per_week__isnull=True, then=Value(0)),
            When(hours_per_week__lte=capacity, then=Value(w[T.HOURS_FIT.key])),
            default=Value(-w[T.HOURS_OVER.key]),
            output_field=IntegerField(),
        )
    return fit


def open_jobs(user: User) -> QuerySet[JobAnalysis]:
    """The open job analyses of the user's organisation at employers not set aside."""
    return JobAnalysis.objects.filter(
        state=JobAnalysis.State.OPEN, employer__in=employers_visible_to(user)
    ).exclude(employer__stage__in=SET_ASIDE)


def _job_candidates(
    user: User, person: Person, workplaces: list[str], w: dict[str, int]
) -> list[JobAnalysis]:
    return list(
        open_jobs(user)
        .annotate(
            minor=Substr("occupation_id", 1, 3),
            submajor=Substr("occupation_id", 1, 2),
        )
        .annotate(coarse=_job_coarse(person, workplaces, w))
        .select_related("employer", "occupation")
        .defer(*JOB_NOT_READ)
        .order_by("-coarse", "pk")[:CANDIDATES]
    )


def _scored_jobs(
    person: Person, candidates: list[JobAnalysis], records: dict[int, Record], w: dict[str, int]
) -> list[Suggestion]:
    suggestions = []
    for analysis in candidates:
        job = job_of(analysis)
        reasons = score(person, job, records.get(analysis.employer_id), w)
        suggestions.append(Suggestion(target=analysis, reasons=reasons, unvisited=not job.visited))
    return suggestions


def suggest_jobs(user: User, participant: Participant, *, limit: int = SHOWN) -> list[Suggestion]:
    """The open job analyses (vacancies and developed jobs) that fit ``participant`` best,
    each with its reasons. Eight queries."""
    return suggestions_for(user, participant, jobs=limit, employers=0)[0]


def suggestions_for(
    user: User, participant: Participant, *, jobs: int = SHOWN, employers: int = 10
) -> tuple[list[Suggestion], list[Suggestion]]:
    """The best job analyses and network employers for ``participant``, from one reading of
    their profile, the weights and the employers' track records: ten queries for both."""
    profile, workplaces = profile_for(participant)
    person = person_of(profile, workplaces)
    w = weights_for(user)
    keys = list(person.workplaces)
    job_candidates = _job_candidates(user, person, keys, w) if jobs else []
    network = _employer_candidates(user, person, profile, keys) if employers else []
    earlier, words = _earlier_analyses({e.pk for e in network})
    records = _records(
        {a.employer_id for a in job_candidates} | {e.pk for e in network},
        user.organisation_id,
        today(),
    )
    found_jobs = _scored_jobs(person, job_candidates, records, w)
    found_employers = [
        Suggestion(
            target=e,
            reasons=score(
                person,
                employer_job(e, earlier.get(e.pk, []), words.get(e.pk, "")),
                records.get(e.pk),
                w,
            ),
        )
        for e in network
    ]
    return (
        _ranked(found_jobs, lambda s: s.target.pk, jobs),
        _ranked(found_employers, lambda s: s.target.name, employers),
    )


# --- for a participant: network employers ------------------------------------------------------


def suggest_employers(user: User, participant: Participant, *, limit: int = 10) -> list[Suggestion]:
    """Employers of the team's network without an open job analysis (those show as jobs) that
    fit ``participant``: named by the participant, in an industry where they wished to work
    (by earlier analyses), or nearby."""
    return suggestions_for(user, participant, jobs=0, employers=limit)[1]


def _employer_candidates(
    user: User, person: Person, profile: MatchProfile, workplaces: list[str]
) -> list[Employer]:
    codes = list(person.wish_units)
    minors = list(person.wish_minors)
    analysed = JobAnalysis.objects.filter(employer=OuterRef("pk"))
    fitting: Any = Q(pk__in=[])
    for place in workplaces:
        fitting |= Q(search_text__contains=place)
    if codes or minors:
        fitting |= Exists(
            analysed.annotate(minor=Substr("occupation_id", 1, 3)).filter(
                Q(occupation_id__in=codes) | Q(minor__in=minors)
            )
        )
    if person.place_key:
        fitting |= Q(municipality__iexact=profile.place_key)
    return list(
        employers_visible_to(user)
        .exclude(stage__in=SET_ASIDE)
        .exclude(Exists(analysed.filter(state=JobAnalysis.State.OPEN)))
        .filter(fitting)
        .order_by(Case(When(stage=Stage.PARTNER, then=0), default=1), "-last_contact_on", "pk")[
            :CANDIDATES
        ]
    )


def _earlier_analyses(
    employer_ids: set[int],
) -> tuple[dict[int, list[tuple[str, str]]], dict[int, str]]:
    """The occupations and the words of these employers' job analyses, open or not."""
    earlier: dict[int, list[tuple[str, str]]] = {}
    words: dict[int, str] = {}
    if not employer_ids:
        return earlier, words
    for employer_id, code, title, text in JobAnalysis.objects.filter(
        employer_id__in=employer_ids
    ).values_list("employer_id", "occupation_id", "occupation__title", "match_text"):
        earlier.setdefault(employer_id, []).append((code, title))
        words[employer_id] = words.get(employer_id, "") + text
    return earlier, words


# --- for a job analysis: participants --------------------------------------------------------


def _person_coarse(job: Job, w: dict[str, int]) -> Any:
    code = job.occupations[0][0]
    wish = Case(
        When(wish_units__contains=f" {code} ", then=Value(w[T.WISH_UNIT.key])),
        When(wish_minors__contains=f" {code[:3]} ", then=Value(w[T.WISH_MINOR.key])),
        When(wish_submajors__contains=f" {code[:2]} ", then=Value(w[T.WISH_SUBMAJOR.key])),
        default=Value(0),
        output_field=IntegerField(),
    )
    key = job.employer_key
    theirs = WishedWorkplace.objects.filter(participant_id=OuterRef("participant_id"))
    # As scoring.names_match: the name the participant gave is part of the employer's name,
    # or (three letters or more) the employer's name is part of it.
    named: Any = Exists(theirs.alias(employer=Value(key)).filter(employer__contains=F("name_key")))
    if len(key) >= 3:
        named = named | Exists(theirs.filter(name_key__contains=key))
    coarse = wish + Case(
        When(named, then=Value(w[T.NAMED_WORKPLACE.key])),
        default=Value(0),
        output_field=IntegerField(),
    )
    if job.place_key:
        coarse = coarse + _points(Q(place_key=job.place_key), w[T.SAME_MUNICIPALITY.key])
    return coarse + _person_fit(job, w)


def _person_fit(job: Job, w: dict[str, int]) -> Any:
    """The rules SQL can judge of a participant for this job from their profile's columns:
    the Norwegian level (and a language plan), the availability, the capacity."""
    fit: Any = Value(0)
    required = level_rank(job.norwegian_level)
    if required:
        reachable = Q(level_rank=required - 1) if job.level_reachable_on_job else Q(pk__in=[])
        fit = fit + Case(
            When(level_rank=0, then=Value(0)),
            When(level_rank__gte=required, then=Value(w[T.LANGUAGE_MEETS.key])),
            When(
                Q(level_rank=required - 1, language_plan=True),
                then=Value(-w[T.LANGUAGE_PLANNED.key]),
            ),
            When(reachable, then=Value(-w[T.LANGUAGE_ON_JOB.key])),
            default=_int(
                _int(Value(required) - _col("level_rank")) * Value(-w[T.LANGUAGE_GAP.key])
            ),
            output_field=IntegerField(),
        )
    start, end = shift_minutes(job_hours(job))
    if start is not None and end is not None:
        inside = _inside(Value(start), Value(end), _col("from_minute"), _col("until_minute"))
        fit = fit + Case(
            When(Q(from_minute__isnull=True) | Q(until_minute__isnull=True), then=Value(0)),
            When(
                Q(from_minute__lte=start, until_minute__gte=end), then=Value(w[T.SCHEDULE_FITS.key])
            ),
            When(
                GreaterThanOrEqual(_int(inside * Value(2)), Value(end - start)),
                then=Value(-w[T.SCHEDULE_PARTLY.key]),
            ),
            default=Value(-w[T.SCHEDULE_IMPOSSIBLE.key]),
            output_field=IntegerField(),
        )
    if job.days:
        outside = _int(Value(job.days) - _int(_col("available_days").bitand(job.days)))
        fit = fit + Case(
            When(available_days=0, then=Value(0)),
            When(GreaterThan(outside, Value(0)), then=Value(-w[T.DAYS_OUTSIDE.key])),
            default=Value(0),
            output_field=IntegerField(),
        )
    if job.hours_per_week is not None:
        needed = job.hours_per_week / (FULL_TIME_HOURS * 1.1) * 100
        fit = fit + Case(
            When(hours_capacity__isnull=True, then=Value(0)),
            When(hours_capacity__gte=needed, then=Value(w[T.HOURS_FIT.key])),
            default=Value(-w[T.HOURS_OVER.key]),
            output_field=IntegerField(),
        )
    return fit


def _ensure_profiles(user: User) -> None:
    """Compute the profiles missing among the participants the user may see (participants
    saved before matching existed): one query when none is missing, as is usual."""
    missing = list(
        Participant.objects.filter(scope(user, include_teaching=False))
        .active()
        .filter(match_profile__isnull=True)
        .values_list("pk", flat=True)[:5000]
    )
    if missing:
        refresh_profiles(missing)


def suggest_participants(
    user: User, analysis: JobAnalysis, *, limit: int = SHOWN
) -> list[Suggestion]:
    """The participants in the user's case scope who fit the job analysis best, each with its
    reasons; ``target`` is the participant. Nine queries."""
    _ensure_profiles(user)
    job = job_of(analysis)
    w = weights_for(user)
    candidates = list(
        MatchProfile.objects.filter(scope(user, include_teaching=False, path="participant__"))
        .filter(active=True)
        .annotate(coarse=_person_coarse(job, w))
        .select_related("participant")
        .order_by("-coarse", "participant_id")[:CANDIDATES]
    )
    places: dict[int, list[tuple[str, str]]] = {}
    for participant_id, key, name in (
        WishedWorkplace.objects.filter(participant_id__in=[c.participant_id for c in candidates])
        .order_by("pk")
        .values_list("participant_id", "name_key", "name")
    ):
        places.setdefault(participant_id, []).append((key, name))
    record = _records({analysis.employer_id}, user.organisation_id, today()).get(
        analysis.employer_id
    )
    suggestions = [
        Suggestion(
            target=c.participant,
            reasons=score(person_of(c, places.get(c.participant_id, [])), job, record, w),
            unvisited=not job.visited,
        )
        for c in candidates
    ]
    return _ranked(suggestions, lambda s: s.target.pk, limit)


# --- the shortlist ---------------------------------------------------------------------------


def shortlist(analysis: JobAnalysis, user: User) -> list[Candidate]:
    """The job analysis's candidates the user may see (others are counted, not named)."""
    return list(
        analysis.candidates.filter(scope(user, include_teaching=False, path="participant__"))
        .select_related("participant", "placement")
        .prefetch_related("changes")
        .order_by(
            Case(When(status=Candidate.Status.NOT_RELEVANT, then=1), default=0),
            "-score",
            "pk",
        )
    )


def candidate_for_user(user: User, pk: int) -> Candidate:
    """A candidate on a shortlist: 404 unless both the job analysis's employer and the
    participant are in the user's scope."""
    return get_object_or_404(
        Candidate.objects.filter(
            scope(user, include_teaching=False, path="participant__"),
            job_analysis__employer__in=employers_visible_to(user),
        ).select_related("job_analysis__employer", "participant"),
        pk=pk,
    )


# --- one pair ------------------------------------------------------------------------------------


def suggestion_for_job(user: User, participant: Participant, analysis: JobAnalysis) -> Suggestion:
    """The participant against one job analysis, with every reason (e.g. to carry into the
    placement planned from it)."""
    profile, workplaces = profile_for(participant)
    job = job_of(analysis)
    record = _records({analysis.employer_id}, user.organisation_id, today()).get(
        analysis.employer_id
    )
    reasons = score(person_of(profile, workplaces), job, record, weights_for(user))
    return Suggestion(target=analysis, reasons=reasons, unvisited=not job.visited)


def suggestion_for_employer(user: User, participant: Participant, employer: Employer) -> Suggestion:
    profile, workplaces = profile_for(participant)
    earlier, words = _earlier_analyses({employer.pk})
    job = employer_job(employer, earlier.get(employer.pk, []), words.get(employer.pk, ""))
    record = _records({employer.pk}, user.organisation_id, today()).get(employer.pk)
    reasons = score(person_of(profile, workplaces), job, record, weights_for(user))
    return Suggestion(target=employer, reasons=reasons)
