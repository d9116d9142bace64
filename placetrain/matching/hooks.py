"""Matching on the other apps' pages: the participant's "Suggestions" section, suggested
candidates and the shortlist on a job analysis, a plan form filled in from a suggestion; and
the precomputed profiles kept current when a record that feeds them is saved."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from placetrain.accounts.models import User
from placetrain.employers.models import JobAnalysis
from placetrain.employers.pages import JobAnalysisPage, job_analysis_panels
from placetrain.employers.selectors import employers_visible_to
from placetrain.language.models import LanguagePlan
from placetrain.lib.audit import Section, access_log_many
from placetrain.lib.registry import Panel
from placetrain.participants.models import Participant, VocationalProfile
from placetrain.participants.pages import (
    PageSection,
    ParticipantPage,
    participant_panels,
    participant_sections,
)
from placetrain.placements.models import Placement
from placetrain.placements.pages import plan_prefills

from . import selectors
from .forms import AnswerForm, CandidateStatusForm
from .models import Candidate
from .precompute import refresh_profiles

SECTION = "suggestions"
# The participant's fields a matching profile reads: saving others (e.g. a contact's date)
# does not compute it again.
READ_FIELDS = {"status", "norwegian_level", "municipality", "postal_code"}
SHOWN_JOBS = 10
SHOWN_EMPLOYERS = 5
SHOWN_CANDIDATES = 10


# --- keeping the profiles current -------------------------------------------------------------


@receiver(post_save, sender=Participant, dispatch_uid="matching-participant")
def _participant_saved(
    sender: Any, instance: Participant, update_fields: Any, **kwargs: Any
) -> None:
    if update_fields and not READ_FIELDS & set(update_fields):
        return
    refresh_profiles([instance.pk])


@receiver(post_save, sender=VocationalProfile, dispatch_uid="matching-profile")
def _profile_saved(sender: Any, instance: VocationalProfile, **kwargs: Any) -> None:
    refresh_profiles([instance.participant_id])


@receiver(post_save, sender=LanguagePlan, dispatch_uid="matching-language-plan")
def _language_plan_saved(sender: Any, instance: LanguagePlan, **kwargs: Any) -> None:
    refresh_profiles([instance.participant_id])


@receiver(post_delete, sender=LanguagePlan, dispatch_uid="matching-language-plan-gone")
def _language_plan_deleted(
    sender: Any, instance: LanguagePlan, origin: Any = None, **kw: Any
) -> None:
    # Not when the plan goes with its participant: the profile goes too.
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if model is LanguagePlan:
        refresh_profiles([instance.participant_id])


@receiver(post_save, sender=Placement, dispatch_uid="matching-placement")
def _placement_saved(sender: Any, instance: Placement, **kwargs: Any) -> None:
    """A placement planned from a job analysis: the participant's candidacy for that job (if
    any) points at it, so the shortlist shows the placement."""
    if instance.job_analysis_id:
        Candidate.objects.filter(
            job_analysis_id=instance.job_analysis_id,
            participant_id=instance.participant_id,
            placement__isnull=True,
        ).update(placement=instance)


# --- the participant's suggestions ----------------------------------------------------------


def _suggestions_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_case:
        return None
    user, participant = page.user, page.participant
    jobs, employers = selectors.suggestions_for(
        user, participant, jobs=SHOWN_JOBS, employers=SHOWN_EMPLOYERS
    )
    plan = reverse("placements:placement-plan", args=[participant.pk])
    for s in jobs:
        s.plan_url = f"{plan}?job_analysis={s.target.pk}"  # type: ignore[attr-defined]
    for s in employers:
        s.plan_url = f"{plan}?employer={s.target.pk}"  # type: ignore[attr-defined]
    return {
        "participant": participant,
        "jobs": jobs,
        "employers": employers,
        "can_change": page.can_change,
        "next": f"{reverse('participants:participant-detail', args=[participant.pk])}"
        f"?section={SECTION}",
    }


participant_sections.register(
    SECTION,
    PageSection(pgettext_lazy("participant page section", "Suggestions"), Section.MATCHING),
    order=35,
)
participant_panels.register(
    "suggestions",
    Panel("matching/_participant_suggestions.html", _suggestions_panel, place=SECTION),
    order=35,
)


# --- the job analysis's candidates and shortlist ------------------------------------------------


def _candidates_panel(*, page: JobAnalysisPage) -> dict[str, Any] | None:
    if not page.can_change or not page.user.has_case_role:
        return None
    analysis = page.analysis
    listed = set(analysis.candidates.values_list("participant_id", flat=True))
    found = [
        s
        for s in selectors.suggest_participants(page.user, analysis, limit=SHOWN_CANDIDATES * 2)
        if s.target.pk not in listed
    ][:SHOWN_CANDIDATES]
    # The names and the reasons (from their profiles) are reads of these participants.
    access_log_many(user=page.user, instances=[s.target for s in found], section=Section.MATCHING)
    return {"analysis": analysis, "suggestions": found}


def _shortlist_panel(*, page: JobAnalysisPage) -> dict[str, Any] | None:
    if not page.user.has_case_role:
        return None
    analysis = page.analysis
    candidates = selectors.shortlist(analysis, page.user)
    total = analysis.candidates.count()
    access_log_many(
        user=page.user, instances=[c.participant for c in candidates], section=Section.MATCHING
    )
    plan = "placements:placement-plan"
    for c in candidates:
        c.plan_url = f"{reverse(plan, args=[c.participant_id])}?job_analysis={analysis.pk}"  # type: ignore[attr-defined]
        if page.can_change:
            c.status_form = CandidateStatusForm(candidate=c)  # type: ignore[attr-defined]
            c.answer_form = AnswerForm(candidate=c)  # type: ignore[attr-defined]
    return {
        "analysis": analysis,
        "candidates": candidates,
        "hidden": total - len(candidates),
        "can_change": page.can_change,
    }


job_analysis_panels.register(
    "shortlist", Panel("matching/_shortlist.html", _shortlist_panel), order=10
)
job_analysis_panels.register(
    "candidates", Panel("matching/_candidates.html", _candidates_panel), order=20
)


# --- a placement planned from a suggestion --------------------------------------------------------


def _prefill(user: User, participant: Participant, query: QueryDict) -> dict[str, Any] | None:
    """``?job_analysis=<pk>`` (a job) or ``?employer=<pk>`` (a network employer): the
    employer, the job, and the match's reasons as the 6H "why this employer" answer."""
    job_pk, employer_pk = query.get("job_analysis", ""), query.get("employer", "")
    if job_pk.isdigit():
        analysis = (
            JobAnalysis.objects.filter(employer__in=employers_visible_to(user), pk=int(job_pk))
            .select_related("employer", "occupation")
            .first()
        )
        if analysis is None:
            return None
        suggestion = selectors.suggestion_for_job(user, participant, analysis)
        return {
            "employer": analysis.employer_id,
            "job_analysis": analysis.pk,
            "why_here": _why(analysis.title, suggestion.as_text()),
        }
    if employer_pk.isdigit():
        employer = employers_visible_to(user).filter(pk=int(employer_pk)).first()
        if employer is None:
            return None
        suggestion = selectors.suggestion_for_employer(user, participant, employer)
        return {"employer": employer.pk, "why_here": _why(employer.name, suggestion.as_text())}
    return None


WHY_AT_MOST = 2000  # the answer's length


def _why(what: str, reasons: str) -> str:
    text = _("Suggested match for %(what)s:\n%(reasons)s") % {"what": what, "reasons": reasons}
    return text[:WHY_AT_MOST]


plan_prefills.register("matching", _prefill)
