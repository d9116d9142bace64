"""Reads of employers, scoped to the user's organisation."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from placetrain.accounts.models import User
from placetrain.lib.audit import Section, access_log
from placetrain.lib.registry import TimelineItem, merged_timeline
from placetrain.participants.models import Participant
from placetrain.participants.selectors import scope

from .models import Employer, EmployerContact, JobAnalysis, RegisterUnit
from .pages import timeline_sources

VIEW = "employers.view_employer"


def employers_visible_to(user: User | Any) -> QuerySet[Employer]:
    """The organisation's employer register, for anyone with a case role in it."""
    if not user.is_authenticated or not user.has_case_role or not user.organisation_id:
        return Employer.objects.none()
    return Employer.objects.filter(organisation_id=user.organisation_id)


def employer_for_user(
    user: User, pk: int, *, perm: str = VIEW, section: Section | None = None
) -> Employer:
    """The one way to fetch an employer: 404 outside the user's organisation, 403 where the
    user may see it but ``perm`` is not theirs; with ``section`` the read is access-logged."""
    employer = get_object_or_404(employers_visible_to(user), pk=pk)
    if not rules.has_perm(perm, user, employer):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=employer, section=section)
    return employer


def contact_person_for_user(
    user: User,
    pk: int,
    *,
    employer_pk: int,
    perm: str = VIEW,
    section: Section | None = None,
) -> EmployerContact:
    """A contact person of employer ``employer_pk``, scoped and checked like the employer:
    404 outside the user's organisation or under another employer, 403 without ``perm``."""
    contact = get_object_or_404(
        EmployerContact.objects.filter(employer__in=employers_visible_to(user)).select_related(
            "employer"
        ),
        pk=pk,
        employer_id=employer_pk,
    )
    if not rules.has_perm(perm, user, contact.employer):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=contact.employer, section=section)
    return contact


def with_contact_figures(employers: list[Employer], user: User) -> list[Employer]:
    """Set ``contact_count`` and ``last_contact_at`` on the employers of one page of the list,
    counting only contacts the user could open: general ones and those about participants in
    their case scope (the employer timeline hides the others, so the figures must too). One
    query over these employers' contacts, not over every contact of the organisation, grouped
    on the contact's own employer column (the contact model is the activities app's, above
    this one: reached through the relation)."""
    contacts = Employer.contacts.field.model._default_manager
    # "About someone in scope" as membership in the scope's ids (a few thousand at most), not
    # a join on each contact's participant, and in the aggregates' FILTER, not the WHERE (where
    # SQLite would walk every general contact through the participant index): the figures come
    # from the (employer, occurred_at, participant) index alone.
    in_scope = Participant.objects.filter(scope(user, include_teaching=False)).values("pk")
    visible = Q(participant__isnull=True) | Q(participant_id__in=in_scope)
    figures = {
        row["employer_id"]: row
        for row in contacts.filter(employer_id__in=[e.pk for e in employers])
        .order_by()
        .values("employer_id")
        .annotate(
            count=Count("employer_id", filter=visible), last=Max("occurred_at", filter=visible)
        )
    }
    for employer in employers:
        found = figures.get(employer.pk, {})
        shown: Any = employer  # attributes for the template, not fields
        shown.contact_count = found.get("count", 0)
        shown.last_contact_at = found.get("last")
    return employers


def employer_list(user: User, *, query: str = "") -> QuerySet[Employer]:
    return matching(employers_visible_to(user), query).order_by("name", "pk")


def matching(employers: QuerySet[Employer], query: str) -> QuerySet[Employer]:
    """The employers whose name or industry holds ``query`` (case-folded, as stored in
    ``search_text``), or whose organisation number starts with its digits."""
    query = query.strip()
    if not query:
        return employers
    condition = Q(search_text__contains=query.casefold())
    digits = "".join(query.split())
    if digits.isdigit():
        condition |= Q(org_number__startswith=digits)
    return employers.filter(condition)


def employer_timeline(employer: Employer, *, user: User) -> list[TimelineItem]:
    """What happened with the employer, newest first; each app contributes its entries."""
    return merged_timeline(timeline_sources, employer, user)


def register_unit(org_number: str) -> RegisterUnit | None:
    """Enhetsregisteret's unit with this number, as last imported (public data)."""
    return RegisterUnit.objects.filter(org_number=org_number).first() if org_number else None


def register_units_of(employer: Employer) -> tuple[RegisterUnit | None, RegisterUnit | None]:
    """The employer's unit in the register and, for a workplace (sub-unit), its main unit
    (the chain): one query."""
    number = employer.org_number
    units = {
        u.org_number: u
        for u in RegisterUnit.objects.filter(
            Q(org_number=number)
            | Q(
                org_number__in=RegisterUnit.objects.filter(org_number=number).values(
                    "parent_org_number"
                )
            )
        )
    }
    unit = units.get(number)
    return unit, units.get(unit.parent_org_number) if unit and unit.parent_org_number else None


def employer_chain(user: User, head: RegisterUnit | None) -> QuerySet[Employer]:
    """The employers of the user's organisation in the chain of main unit ``head`` (by the
    register): the main unit and its workplaces; none when the register knows no chain."""
    if head is None:
        return Employer.objects.none()
    workplaces = RegisterUnit.objects.filter(parent_org_number=head.org_number)
    return employers_visible_to(user).filter(
        Q(org_number=head.org_number) | Q(org_number__in=workplaces.values("org_number"))
    )


def job_analysis_for_user(
    user: User, pk: int, *, perm: str = VIEW, section: Section | None = None
) -> JobAnalysis:
    """A job analysis, scoped and checked as its employer: 404 outside the user's organisation,
    403 without ``perm`` on the employer."""
    analysis = get_object_or_404(
        JobAnalysis.objects.filter(employer__in=employers_visible_to(user)).select_related(
            "employer", "occupation", "visited_by"
        ),
        pk=pk,
    )
    if not rules.has_perm(perm, user, analysis.employer):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=analysis.employer, section=section)
    return analysis


def job_analyses_of(employer: Employer) -> QuerySet[JobAnalysis]:
    """The employer's job analyses, open ones first, with their occupations (one query)."""
    return employer.job_analyses.select_related("occupation").order_by("-state", "title", "pk")


def workplace_visited(employer_id: int) -> bool:
    """Whether a specialist has visited the employer's workplace (a job analysis with a visit
    date): only then does it count as ready for a placement (Tromsøpakken)."""
    return JobAnalysis.objects.filter(employer_id=employer_id, visited_on__isnull=False).exists()
