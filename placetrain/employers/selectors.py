"""Reads of employers, scoped to the user's organisation."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Employer


def employers_visible_to(user) -> QuerySet[Employer]:
    """The organisation's employer register, for anyone with a case role in it."""
    if not user.is_authenticated or not user.has_case_role or not user.organisation_id:
        return Employer.objects.none()
    return Employer.objects.filter(organisation_id=user.organisation_id)


def employer_for_user(user, pk: int, *, perm: str = "employers.view_employer") -> Employer:
    """404 outside the user's organisation; 403 where the user may see but not ``perm``."""
    employer = get_object_or_404(employers_visible_to(user), pk=pk)
    if not rules.has_perm(perm, user, employer):
        raise PermissionDenied
    return employer


def employer_list(user, *, query: str = "") -> QuerySet[Employer]:
    from placetrain.participants.selectors import participants_visible_to

    # Count only contacts the user could open: general ones and those about participants in
    # their case scope (the employer timeline hides the others, so the figures must too).
    visible = Q(contacts__participant__isnull=True) | Q(
        contacts__participant__in=participants_visible_to(user, include_teaching=False).values("pk")
    )
    qs = employers_visible_to(user).annotate(
        contact_count=Count("contacts", filter=visible, distinct=True),
        last_contact_at=Max("contacts__occurred_at", filter=visible),
    )
    query = query.strip()
    if query:
        digits = "".join(query.split())
        condition = Q(search_text__contains=query.casefold())
        if digits.isdigit():
            condition |= Q(org_number__startswith=digits)
        qs = qs.filter(condition)
    return qs.order_by("name", "pk")
