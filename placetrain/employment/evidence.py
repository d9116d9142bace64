"""What the jobs prove of the checklist: follow-up check-ins planned for at least a year after
the hire (registered in ``participants.pages.checklist_evidence``; one query)."""

from __future__ import annotations

import datetime as dt

from django.db.models import DateField, ExpressionWrapper, F, Max
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placetrain.participants.models import Evidence, Participant
from placetrain.participants.pages import EvidenceSource, Proof, checklist_evidence

from .models import Employment

# The 12-month check-in of the default plan falls a year after the start; a few days' slack
# for a plan made by hand.
A_YEAR = dt.timedelta(days=360)


def prove(participant: Participant, wanted: set[str]) -> dict[str, Proof]:
    year_after_start = ExpressionWrapper(F("started_on") + A_YEAR, output_field=DateField())
    job = (
        Employment.objects.filter(participant=participant)
        .annotate(last_checkin=Max("checkins__due_on"))
        .filter(last_checkin__gte=year_after_start)
        .select_related("employer")
        .order_by("started_on", "pk")
        .first()
    )
    if job is None:
        return {}
    label = _("Follow-up planned until %(day)s after the hire at %(employer)s") % {
        "day": date_format(job.last_checkin, "SHORT_DATE_FORMAT"),
        "employer": job.employer.name,
    }
    url = reverse("employment:employment-detail", kwargs={"pk": job.pk})
    return {Evidence.FOLLOW_UP_PLAN: Proof(label, url)}


checklist_evidence.register(
    "employment", EvidenceSource(frozenset({Evidence.FOLLOW_UP_PLAN}), prove), order=30
)
