"""Planning a placement with its 6H answers, starting and extending it, its training plan, and
the 6H answers printed on one page for the start-up meeting."""

from __future__ import annotations

from functools import partial
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.accounts.models import User
from placetrain.employers.forms import VisitForm
from placetrain.employers.models import Employer, JobAnalysis
from placetrain.employers.selectors import employers_visible_to
from placetrain.employment.models import Employment
from placetrain.lib.access import rule_required
from placetrain.lib.audit import Section
from placetrain.lib.dates import today
from placetrain.lib.forms import Submitted, show_problems, submit
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import Participant, VocationalProfile
from placetrain.participants.selectors import participant_for_user

from .. import services
from ..forms.plan import (
    PlacementExtendForm,
    PlacementForm,
    PlacementStartForm,
    TrainingTaskForm,
    TrainingTaskStatusForm,
    as_id,
    mentor_choices_form,
)
from ..models import Placement
from ..pages import prefilled
from ..selectors import placement_for_user, placement_with_plan, training_task_for_user
from ..track_record import track_records

CHANGE = "placements.change_placement"
SECTION = Section.PLACEMENT
TRAINING_ANCHOR = "opplaering"


# --- helpers ---------------------------------------------------------------------------------


def _profile_url(participant: Participant) -> str:
    return reverse("participants:profile-detail", kwargs={"pk": participant.pk})


def _language_plan_url(placement: Placement) -> str:
    create = reverse("language:language-plan-create", kwargs={"pk": placement.participant_id})
    return f"{create}?placement={placement.pk}"


def missing_answers(placement: Placement) -> list[dict[str, Any]]:
    """The unanswered 6H questions, each with a link to where it is answered."""
    update = reverse("placements:placement-update", kwargs={"pk": placement.pk})
    detail = reverse("placements:placement-detail", kwargs={"pk": placement.pk})
    special = {
        "who": _profile_url(placement.participant),
        "training_plan": f"{detail}#{TRAINING_ANCHOR}",
        "language_plan": _language_plan_url(placement),
    }
    return [
        {"key": key, "message": message, "url": special.get(key, f"{update}#id_{key}")}
        for key, message in services.missing_6h(placement).items()
    ]


def _current_profile(placement: Placement) -> VocationalProfile | None:
    return (
        VocationalProfile.objects.filter(participant_id=placement.participant_id)
        .order_by("-number")
        .only("pk", "number", "created_at")
        .first()
    )


def track_record_context(user: User, employer: Employer | None) -> dict[str, Any]:
    """The employer's track record and free-labour warning where a placement there is planned:
    it informs the choice and blocks nothing."""
    if employer is None:
        return {"track_record": None}
    records = track_records([employer.pk], organisation_id=user.organisation_id, today=today())
    return {"track_record": records[employer.pk], "track_employer": employer}


def _chosen_employer(form: PlacementForm, saved: Employer | None = None) -> Employer | None:
    """The employer the form names: the one typed in if it is valid, the one a suggestion
    prefilled, else the saved one."""
    if form.is_bound:
        chosen = getattr(form, "cleaned_data", {}).get("employer")
    else:
        chosen = form.initial.get("employer")
        if chosen is not None and not isinstance(chosen, Employer):
            chosen = employers_visible_to(form.user).filter(pk=chosen).first()
    return chosen or saved


def _chosen_job(form: PlacementForm, saved: JobAnalysis | None = None) -> JobAnalysis | None:
    if form.is_bound:
        chosen = getattr(form, "cleaned_data", {}).get("job_analysis")
    else:
        pk = form.initial.get("job_analysis")
        chosen = form.fields["job_analysis"].queryset.filter(pk=pk).first() if pk else None
    return chosen or saved


def workplace_context(
    request: AuthenticatedRequest, employer: Employer | None, job: JobAnalysis | None
) -> dict[str, Any]:
    """Whether the workplace of a placement being planned has been visited (only then is it
    ready, Tromsøpakken), with what records the visit on the spot: the job's analysis, or the
    employer's first unvisited one, or a new analysis."""
    if employer is None:
        return {}
    if job is not None:
        unvisited = job if job.visited_on is None else None
    else:
        analyses = list(employer.job_analyses.order_by("-state", "pk")[:50])
        visited = any(a.visited_on for a in analyses)
        unvisited = None if visited else (analyses[0] if analyses else False)
    if unvisited is None:
        return {"workplace_visited": True}
    return {
        "workplace_visited": False,
        "visit_analysis": unvisited or None,
        "visit_employer": employer,
        "visit_form": VisitForm(initial={"visited_on": today()}),
        "visit_next": request.get_full_path(),
    }


def _training_context(
    placement: Placement,
    *,
    can_change: bool,
    task_form: TrainingTaskForm | None = None,
    status_form: tuple[int, TrainingTaskStatusForm] | None = None,
) -> dict[str, Any]:
    tasks = list(placement.tasks.all())
    if can_change:
        for task in tasks:
            if status_form and status_form[0] == task.pk:
                task.status_form = status_form[1]
            else:
                task.status_form = TrainingTaskStatusForm(
                    prefix=f"oppgave-{task.pk}", initial={"status": task.status}
                )
    return {
        "placement": placement,
        "tasks": tasks,
        "can_change": can_change,
        "task_form": task_form or TrainingTaskForm(prefix="ny-oppgave"),
    }


def _render_detail(
    request: AuthenticatedRequest, placement: Placement, **training: Any
) -> HttpResponse:
    can_change = rules.has_perm(CHANGE, request.user, placement)
    placement_with_plan(placement)
    extensions = list(placement.extensions.all())
    employment = Employment.objects.filter(placement=placement).first()
    context = {
        **_training_context(placement, can_change=can_change, **training),
        "participant": placement.participant,
        "profile": _current_profile(placement),
        "extensions": extensions,
        "original_end": extensions[0].previous_end if extensions else placement.planned_end,
        "missing": missing_answers(placement) if placement.state == Placement.State.PLANNED else [],
        "meetings": list(placement.meetings.select_related("created_by")),
        "language_plans": list(placement.language_plans.all()),
        "employment": employment,
        "employment_url": (
            reverse("employment:employment-detail", kwargs={"pk": employment.pk})
            if employment
            else ""
        ),
    }
    if placement.state == Placement.State.PLANNED:
        context.update(track_record_context(request.user, placement.employer))
        context.update(workplace_context(request, placement.employer, placement.job_analysis))
    return render(request, "placements/plan/detail.html", context)


def _training_response(
    request: AuthenticatedRequest, placement: Placement, **training: Any
) -> HttpResponse:
    """HTMX gets the refreshed training plan; a plain browser goes back to the page."""
    if request.htmx:
        context = _training_context(placement, can_change=True, **training)
        if placement.state == Placement.State.PLANNED:
            # The first task answers a 6H question: refresh the list of missing answers too.
            context.update(oob_missing=True, missing=missing_answers(placement))
        return render(request, "placements/plan/_training_plan.html", context)
    if training:  # a refused form without JavaScript: the whole page with what was typed
        return _render_detail(request, placement, **training)
    detail = reverse("placements:placement-detail", kwargs={"pk": placement.pk})
    return redirect(f"{detail}#{TRAINING_ANCHOR}")


# --- the plan --------------------------------------------------------------------------------


@login_required
@require_GET
@rule_required("placements.plan_placements")
def mentor_choices(request: AuthenticatedRequest) -> HttpResponse:
    """The mentor list for the employer just chosen in the plan form (an HTMX fragment): its
    contact persons only, and none from an employer outside the user's organisation."""
    employer = (
        employers_visible_to(request.user).filter(pk=as_id(request.GET.get("employer"))).first()
    )
    form = mentor_choices_form(request.user, employer.pk if employer else None)
    # The chosen employer's track record goes with it, out of band, to its place in the form.
    context = {"form": form, "oob": True, **track_record_context(request.user, employer)}
    return render(request, "placements/plan/_mentor_choice.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def placement_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Plan a placement for the participant; the 6H answers may follow before the start."""
    participant = participant_for_user(
        request.user, pk, perm="placements.add_placement", section=SECTION
    )
    # Opened from a suggestion: its employer, the job and the match's reasons, not typed again.
    initial = prefilled(request.user, participant, request.GET) if request.method == "GET" else {}
    form = PlacementForm(
        request.POST or None, user=request.user, participant=participant, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.placement_plan,
            user=request.user,
            participant=participant,
            data=form.model_data(),
            mentor_as_contact=form.cleaned_data["mentor_as_contact"],
        )
        done = submit(form, save)
        if done.saved:
            messages.success(request, _("The placement is planned."))
            return redirect("placements:placement-detail", pk=done.result.pk)
    return render(
        request,
        "placements/plan/form.html",
        {
            "form": form,
            "participant": participant,
            "profile": participant.profiles.order_by("-number").first(),
            "profile_url": _profile_url(participant),
            "creating": True,
            **track_record_context(request.user, _chosen_employer(form)),
            **workplace_context(request, _chosen_employer(form), _chosen_job(form)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def placement_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = placement_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    participant = placement.participant
    saved_employer = placement.employer  # validation writes the typed values onto the instance
    form = PlacementForm(
        request.POST or None, instance=placement, user=request.user, participant=participant
    )
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.placement_update,
            user=request.user,
            placement=placement,
            data=form.model_data(),
            expected_version=form.expected_version(),
            mentor_as_contact=form.cleaned_data["mentor_as_contact"],
        )
        done = submit(
            form,
            save,
            current_form=lambda current: PlacementForm(
                instance=current, user=request.user, participant=participant
            ),
        )
        if done.saved:
            messages.success(request, _("Your changes are saved."))
            return redirect("placements:placement-detail", pk=placement.pk)
    return render(
        request,
        "placements/plan/form.html",
        {
            "form": form,
            "participant": participant,
            "placement": placement,
            "saved_employer": saved_employer,
            "profile": participant.profiles.order_by("-number").first(),
            "profile_url": _profile_url(participant),
            "conflict": done.conflict,
            **track_record_context(request.user, _chosen_employer(form, saved_employer)),
        },
    )


@login_required
def placement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """All facts of the placement, its 6H answers, what is missing, the training plan, the
    extensions, meetings and language plans, and the employment it led to."""
    placement = placement_for_user(request.user, pk, section=SECTION)
    return _render_detail(request, placement)


@login_required
def placement_print_6h(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The six questions and their answers on one printable page, for the start-up meeting."""
    placement = placement_with_plan(placement_for_user(request.user, pk, section=SECTION))
    return render(
        request,
        "placements/plan/print_6h.html",
        {
            "placement": placement,
            "participant": placement.participant,
            "profile": _current_profile(placement),
            "tasks": list(placement.tasks.all()),
            "language_plans": list(placement.language_plans.all()),
            "missing": missing_answers(placement)
            if placement.state == Placement.State.PLANNED
            else [],
            "printed_on": today(),
        },
    )


# --- start and extend ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def placement_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Start the placement. The page names every unanswered 6H question; the service refuses
    to start until there are none."""
    placement = placement_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    if placement.state != Placement.State.PLANNED:
        messages.info(request, _("This placement has already started."))
        return redirect("placements:placement-detail", pk=placement.pk)
    first_day = min(placement.planned_start, today())
    form = PlacementStartForm(request.POST or None, initial={"started_on": first_day})
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_start(
                user=request.user, placement=placement, started_on=form.cleaned_data["started_on"]
            )
        except WorkflowError as exc:
            unanswered = set(services.missing_6h(placement))
            if unanswered & set(exc.problems):
                # Each missing answer is listed below the form with a link to where it goes.
                form.add_error(
                    None,
                    _("The placement cannot start until all six questions are answered."),
                )
            show_problems(form, {k: v for k, v in exc.problems.items() if k not in unanswered})
        else:
            messages.success(
                request, _("The placement has started. The participant is now in placement.")
            )
            return redirect("placements:placement-detail", pk=placement.pk)
    return render(
        request,
        "placements/plan/start.html",
        {
            "placement": placement,
            "form": form,
            "missing": missing_answers(placement),
            **track_record_context(request.user, placement.employer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def placement_extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move a started placement's end; never silently: the reason is required and kept."""
    placement = placement_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    form = PlacementExtendForm(request.POST or None, initial={"new_end": placement.planned_end})
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.placement_extend,
            user=request.user,
            placement=placement,
            new_end=form.cleaned_data["new_end"],
            reason=form.cleaned_data["reason"],
        )
        if submit(form, save).saved:
            messages.success(request, _("The placement is extended."))
            url = reverse("placements:placement-detail", kwargs={"pk": placement.pk})
            return redirect(f"{url}#forlengelser")
    extensions = list(placement.extensions.select_related("extended_by"))
    return render(
        request,
        "placements/plan/extend.html",
        {
            "placement": placement,
            "form": form,
            "extensions": extensions,
            "original_end": extensions[0].previous_end if extensions else placement.planned_end,
        },
    )


# --- the training plan -----------------------------------------------------------------------


@login_required
@require_POST
def training_task_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = placement_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    form = TrainingTaskForm(request.POST, prefix="ny-oppgave")
    if not form.is_valid():
        return _training_response(request, placement, task_form=form)
    services.training_task_add(
        user=request.user, placement=placement, description=form.cleaned_data["description"]
    )
    if not request.htmx:
        messages.success(request, _("The task is added to the training plan."))
    return _training_response(request, placement)


@login_required
@require_POST
def training_task_set_status(request: AuthenticatedRequest, pk: int, task_pk: int) -> HttpResponse:
    task = training_task_for_user(
        request.user, task_pk, placement_pk=pk, perm=CHANGE, section=SECTION
    )
    placement = task.placement
    form = TrainingTaskStatusForm(request.POST, prefix=f"oppgave-{task.pk}")
    if not form.is_valid():
        return _training_response(request, placement, status_form=(task.pk, form))
    services.training_task_set_status(
        user=request.user, task=task, status=form.cleaned_data["status"], on=form.cleaned_data["on"]
    )
    if not request.htmx:
        messages.success(request, _("The task's status is saved."))
    return _training_response(request, placement)


@login_required
@require_POST
def training_task_move(request: AuthenticatedRequest, pk: int, task_pk: int) -> HttpResponse:
    task = training_task_for_user(
        request.user, task_pk, placement_pk=pk, perm=CHANGE, section=SECTION
    )
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.training_task_move(user=request.user, task=task, up=direction == "up")
    return _training_response(request, task.placement)
