"""The individual plan as a printable PDF (WeasyPrint), for the participant or for an employer.

The employer's copy is built from a narrower context, not by hiding parts of one context in
the template: a topic the participant has not consented to share never reaches the renderer.
The sensitive section (SensitiveInfo) is read by neither variant.
"""

from __future__ import annotations

from typing import Any

import weasyprint
from django.conf import settings
from django.db import models
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from placetrain.employment.selectors import current_employment
from placetrain.language.selectors import current_language_plan
from placetrain.participants.models import Consent, Participant, VocationalProfile

from .models import Placement

Row = tuple[str, Any]

# The topics of Consent.Topic, in the order their sections print.
TOPICS = [topic.value for topic in Consent.Topic]

PROFILE_GOALS = ("job_wishes", "work_environment")
PROFILE_SKILLS = ("strengths", "formal_skills", "informal_skills")
PROFILE_SUPPORT = (
    "support_physical",
    "support_psychological",
    "support_social",
    "support_language",
    "support_practical",
    "hours_capacity",
    "availability",
)


def consented_topics(participant: Participant) -> set[str]:
    """Topics an active (not withdrawn) consent about employers lets us share with them."""
    consents = participant.consents.filter(
        kind=Consent.Kind.EMPLOYER_DISCLOSURE, withdrawn_on__isnull=True
    )
    topics: set[str] = set()
    for consent in consents:
        topics.update(topic for topic in consent.topics or [] if topic in TOPICS)
    return topics


def current_placement(participant: Participant) -> Placement | None:
    """The started placement (the latest, if several), else the next planned one, else the
    latest ended one: after a hire the plan still shows the placement the job came from."""
    placements = list(participant.placements.select_related("employer", "mentor", "follow_up_by"))
    started = [p for p in placements if p.state == Placement.State.STARTED]
    if started:
        return max(started, key=lambda p: (p.started_on or p.planned_start, p.pk))
    planned = [p for p in placements if p.state == Placement.State.PLANNED]
    if planned:
        return min(planned, key=lambda p: (p.planned_start, p.pk))
    ended = [p for p in placements if p.state == Placement.State.ENDED]
    return max(ended, key=lambda p: (p.ended_on or p.planned_start, p.pk)) if ended else None


def _label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _rows(instance: models.Model | None, names: tuple[str, ...]) -> list[Row]:
    """(label, value) for the filled fields of ``names``, choices shown by their label."""
    if instance is None:
        return []
    rows = []
    for name in names:
        value = getattr(instance, name)
        if value in (None, ""):
            continue
        display = getattr(instance, f"get_{name}_display", None)
        if display:
            value = display()
        elif name == "hours_capacity":
            value = f"{value} %"
        rows.append((_label(type(instance), name), value))
    return rows


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _person(name: str, *details: str) -> str:
    return ", ".join(part for part in (name, *details) if part)


def _mentor(placement: Placement) -> str:
    """The mentor from the employer's contact persons, else as typed on the placement."""
    if placement.mentor_id:
        mentor = placement.mentor
        contact = placement.mentor_contact or _person(mentor.phone, mentor.email)
        return _person(mentor.name, mentor.role or placement.mentor_role, contact)
    return _person(placement.mentor_name, placement.mentor_role, placement.mentor_contact)


def _follow_up(placement: Placement) -> str:
    who = placement.follow_up_by.get_full_name() if placement.follow_up_by else ""
    every = (
        ngettext(
            "visits every %(days)d day",
            "visits every %(days)d days",
            placement.follow_up_every_days,
        )
        % {"days": placement.follow_up_every_days}
        if placement.follow_up_every_days
        else ""
    )
    return _person(who, every)


def placement_facts(placement: Placement, *, extension_count: int) -> list[Row]:
    """The practical facts an employer always gets: dates, hours, mentor, who follows up."""
    start = placement.started_on or placement.planned_start
    rows: list[Row] = [
        (_("Workplace"), placement.employer.name),
        (_("Type"), placement.get_kind_display()),
        (_("Start") if placement.started_on else _("Planned start"), _date(start)),
        (_("Planned end"), _date(placement.planned_end)),
    ]
    if extension_count:
        rows.append(
            (
                _("Extended"),
                ngettext("%(n)d time", "%(n)d times", extension_count) % {"n": extension_count},
            )
        )
    if placement.hours_per_week is not None:
        rows.append((_("Hours per week"), floatformat(placement.hours_per_week, -1)))
    if placement.percent_of_full_time is not None:
        rows.append((_("% of full time"), f"{placement.percent_of_full_time} %"))
    rows.append((_("Mentor (fadder)"), _mentor(placement)))
    rows.append((_("Follow-up from the service"), _follow_up(placement)))
    return [(label, value) for label, value in rows if value not in ("", None)]


def six_h_answers(
    placement: Placement, profile: VocationalProfile | None, *, tasks: list, extension_count: int
) -> list[Row]:
    """The six questions every placement answers (DOMAIN §3.2), as printed for the start-up."""
    if profile:
        saved = timezone.localtime(profile.created_at).date()
        who = _("Vocational profile of %(date)s.") % {"date": _date(saved)}
        if profile.strengths:
            # Outside the f-string: xgettext does not look inside f-strings.
            strengths_label = _("Strengths")
            who = f"{who} {strengths_label}: {profile.strengths}"
    else:
        who = _("No vocational profile yet.")
    why = "\n".join(
        part
        for part in (
            placement.get_purpose_display() if placement.purpose else "",
            placement.goal,
            *(f"– {goal}" for goal in placement.sub_goal_list),
        )
        if part
    )
    how = [_follow_up(placement), _("Mentor (fadder)") + ": " + (_mentor(placement) or "–")]
    how.append(
        ngettext("Training plan: %(n)d task", "Training plan: %(n)d tasks", len(tasks))
        % {"n": len(tasks)}
    )
    if placement.language_plan_needed:
        how.append(_("Language plan: yes"))
    if placement.follow_up_plan:
        how.append(placement.follow_up_plan)
    start = placement.started_on or placement.planned_start
    how_long = f"{_date(start)} – {_date(placement.planned_end) or '?'}"
    if extension_count:
        extended = ngettext("extended %(n)d time", "extended %(n)d times", extension_count)
        how_long += f" ({extended % {'n': extension_count}})"
    return [
        (_("Who?"), who),
        (_("Why?"), why),
        (_("Where?"), _person(placement.employer.name) + "\n" + placement.why_here),
        (_("How?"), "\n".join(part for part in how if part)),
        (_("How long?"), how_long),
        (_("What after?"), placement.next_step_after),
    ]


Role = tuple[str, str, str]


def _roles(participant: Participant, placement: Placement | None) -> list[Role]:
    """Who does what: the specialist, whoever else follows up, and the mentor."""
    specialist = participant.specialist
    roles: list[Role] = [
        (
            _("Job specialist"),
            specialist.get_full_name(),
            _("Responsible for the plan; follows up the participant and the employer."),
        )
    ]
    if placement is None:
        return roles
    if placement.follow_up_by and placement.follow_up_by_id != specialist.pk:
        roles.append(
            (_("Follow-up"), placement.follow_up_by.get_full_name(), _follow_up(placement))
        )
    if _mentor(placement):
        roles.append(
            (_("Mentor (fadder)"), _mentor(placement), _("Trains the participant at work."))
        )
    return roles


def _goals(profile: VocationalProfile | None, placement: Placement | None) -> dict[str, Any]:
    goals = _rows(profile, PROFILE_GOALS)
    if placement and placement.purpose:
        goals.append((_("Purpose of the placement"), placement.get_purpose_display()))
    if placement and placement.goal:
        goals.append((_("Goal of the placement"), placement.goal))
    return {"goals": goals, "sub_goals": placement.sub_goal_list if placement else []}


def _language(participant: Participant, roles: list[Role]) -> dict[str, Any]:
    """The Norwegian level and the language plan; the teachers join the roles."""
    plan = current_language_plan(participant)
    for teacher in participant.language_teachers.all():
        roles.append(
            (
                _("Language teacher"),
                teacher.get_full_name(),
                _("Norwegian training at the workplace."),
            )
        )
    level = participant.get_norwegian_level_display() if participant.norwegian_level else ""
    return {
        "language": {"level": level, "plan": plan, "goals": list(plan.goals.all()) if plan else []}
    }


def _consented_sections(
    participant: Participant,
    *,
    show: set[str],
    profile: VocationalProfile | None,
    placement: Placement | None,
    roles: list[Role],
    for_employer: bool,
) -> dict[str, Any]:
    """The sections of the topics in ``show``; an employer's copy reads nothing else."""
    sections: dict[str, Any] = {}
    if "goals" in show:
        sections.update(_goals(profile, placement))
    if "workplaces" in show:
        # Other employers the participant names: on the employer's copy only with consent.
        sections["workplaces"] = profile.workplaces if profile else []
    if "language" in show:
        sections.update(_language(participant, roles))
    if "work_history" in show:
        sections["work_history"] = list(participant.work_history.all())
        sections["skills"] = _rows(profile, PROFILE_SKILLS)
    if "support_needs" in show:
        # Barriers (health, housing, debt...) are part of the participant's own plan only.
        names = PROFILE_SUPPORT if for_employer else (*PROFILE_SUPPORT, "barriers")
        sections["support"] = _rows(profile, names)
    if "education" in show:
        sections["education"] = participant.education
    return sections


def _job_for(
    participant: Participant, placement: Placement | None, *, for_employer: bool
) -> tuple[Any, list[Any]]:
    """The current job and its open check-ins; the employer's copy is for the placement's
    employer, so a job elsewhere is not theirs to know."""
    employment, open_checkins = current_employment(participant)
    elsewhere = bool(employment and placement and employment.employer_id != placement.employer_id)
    if for_employer and elsewhere:
        return None, []
    return employment, open_checkins


def individual_plan_context(participant: Participant, *, for_employer: bool) -> dict[str, Any]:
    """Everything the plan prints, in a fixed number of queries. For an employer only the
    topics of active consents are read at all; the 6H notes and next steps stay internal."""
    show = consented_topics(participant) if for_employer else set(TOPICS)
    placement = current_placement(participant)
    employment, open_checkins = _job_for(participant, placement, for_employer=for_employer)
    profile = participant.profiles.order_by("-number").first()
    tasks = list(placement.tasks.all()) if placement else []
    extension_count = placement.extensions.count() if placement else 0
    roles = _roles(participant, placement)

    context: dict[str, Any] = {
        "participant": participant,
        "for_employer": for_employer,
        "printed_on": timezone.localdate(),
        "placement": placement,
        "placement_ended": bool(placement and placement.state == Placement.State.ENDED),
        # The job and its follow-up dates are practical facts the employer shares.
        "employment": employment,
        "open_checkins": open_checkins,
        "facts": placement_facts(placement, extension_count=extension_count) if placement else [],
        "tasks": tasks,
        "specialist": participant.specialist,
        "hidden_topics": [Consent.Topic(t).label for t in TOPICS if t not in show],
        # Sections left None are not printed; each is filled only when it may be.
        **dict.fromkeys(
            (
                "goals",
                "workplaces",
                "language",
                "work_history",
                "support",
                "education",
                "six_h",
                "next_steps",
            )
        ),
    }
    context.update(
        _consented_sections(
            participant,
            show=show,
            profile=profile,
            placement=placement,
            roles=roles,
            for_employer=for_employer,
        )
    )
    if not for_employer:
        context["six_h"] = (
            six_h_answers(placement, profile, tasks=tasks, extension_count=extension_count)
            if placement
            else []
        )
        context["next_steps"] = list(
            participant.next_steps.open().select_related("owner").order_by("due_on", "pk")
        )
    context["roles"] = roles
    return context


def _fetch_nothing() -> weasyprint.URLFetcher:
    # The plan is self-contained: user text is escaped by the template, and the renderer may
    # not reach the network or the file system even if something slipped through.
    return weasyprint.URLFetcher(allowed_protocols={"data"})


def render_pdf(html: str) -> bytes:
    document = weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=_fetch_nothing()
    )
    return document.write_pdf()


def individual_plan_pdf(participant: Participant, *, for_employer: bool) -> bytes:
    """The individual plan as PDF bytes, in the active language."""
    context = individual_plan_context(participant, for_employer=for_employer)
    html = render_to_string("placements/documents/individual_plan.html", context)
    return render_pdf(html)


def individual_plan_filename(participant: Participant, *, for_employer: bool) -> str:
    """No names in file names: they end up in download folders, mail and logs."""
    suffix = "-arbeidsgiver" if for_employer else ""
    return f"individuell-plan-{participant.pk}{suffix}.pdf"
