"""Language plans (Snart Ansatt appendix 3). Case workers and the participant's assigned language
teachers reach them; a teacher reaches nothing else of the case, so every page here is careful
to show the placement only as its employer's name."""

from __future__ import annotations

from functools import partial

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.accounts.models import User
from placetrain.lib.access import rule_required
from placetrain.lib.audit import Section
from placetrain.lib.forms import Submitted, submit
from placetrain.participants.models import Participant
from placetrain.participants.selectors import participant_for_user

from . import services
from .forms import (
    GoalReachedForm,
    LanguageGoalForm,
    LanguageNoteForm,
    LanguageObservationForm,
    LanguagePlanForm,
)
from .models import LanguagePlan
from .selectors import language_goal_for_user, language_plan_for_user, participants_taught_by

SECTION = Section.LANGUAGE_PLAN
CHANGE = "language.change_languageplan"


def _can_see_case(user: User, participant: Participant) -> bool:
    return rules.has_perm("participants.view_case", user, participant)


@login_required
@rule_required("language.list_taught_participants")
def taught_participant_list(request: AuthenticatedRequest) -> HttpResponse:
    """Min språkdeltakere: a language teacher's way in to the plans of their participants."""
    participants = participants_taught_by(request.user)
    return render(request, "language/taught_participant_list.html", {"participants": participants})


@login_required
@require_http_methods(["GET", "POST"])
def language_plan_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A new language plan for participant ``pk``; ``?placement=<id>`` ties it to a placement."""
    participant = participant_for_user(
        request.user, pk, perm="language.add_languageplan", section=SECTION
    )
    can_see_case = _can_see_case(request.user, participant)
    # What the record knows is offered, not asked again: the assessed Norwegian level.
    initial: dict[str, object] = {"current_level": participant.norwegian_level}
    # A default, not a permission: a language teacher making a plan is its teacher.
    is_teacher = request.user.is_language_teacher
    if is_teacher and participant.language_teachers.filter(pk=request.user.pk).exists():
        initial["teacher"] = request.user.pk
    placement_id = request.GET.get("placement", "")
    if can_see_case and placement_id.isdigit():
        initial["placement"] = int(placement_id)
    form = LanguagePlanForm(
        request.POST or None,
        instance=LanguagePlan(participant=participant),
        initial=initial,
        participant=participant,
        can_see_case=can_see_case,
    )
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            lambda: services.language_plan_create(
                user=request.user, participant=participant, data=form.plan_data()
            ),
        )
        if done.saved:
            messages.success(request, _("The language plan is saved."))
            return redirect("language:language-plan-detail", pk=done.result.pk)
    return render(
        request,
        "language/form.html",
        {"form": form, "participant": participant, "creating": True, "can_see_case": can_see_case},
    )


@login_required
def language_plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, section=SECTION)
    return render(request, "language/detail.html", _detail_context(request, plan))


def _detail_context(request: AuthenticatedRequest, plan: LanguagePlan) -> dict:
    return {
        "plan": plan,
        "participant": plan.participant,
        "can_see_case": _can_see_case(request.user, plan.participant),
        "goals": list(plan.goals.all()),
        "observations": list(plan.observations.select_related("observed_by")),
        "notes": list(plan.notes.select_related("written_by")),
        "goal_form": LanguageGoalForm(),
        "observation_form": LanguageObservationForm(),
        "note_form": LanguageNoteForm(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def language_plan_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    participant = plan.participant
    can_see_case = _can_see_case(request.user, participant)
    form = LanguagePlanForm(
        request.POST or None, instance=plan, participant=participant, can_see_case=can_see_case
    )
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            lambda: services.language_plan_update(
                user=request.user,
                plan=plan,
                data=form.plan_data(),
                expected_version=form.expected_version(),
            ),
            current_form=lambda current: LanguagePlanForm(
                instance=current, participant=participant, can_see_case=can_see_case
            ),
        )
        if done.saved:
            messages.success(request, _("The language plan is saved."))
            return redirect("language:language-plan-detail", pk=plan.pk)
    return render(
        request,
        "language/form.html",
        {
            "form": form,
            "participant": participant,
            "plan": plan,
            "conflict": done.conflict,
            "can_see_case": can_see_case,
        },
    )


def _item_page(
    request: AuthenticatedRequest, plan: LanguagePlan, form: object, title: str
) -> HttpResponse:
    """The add forms live on the plan's page; on bad input they come back on a page of their
    own with the errors and everything typed."""
    return render(
        request,
        "language/item_form.html",
        {"plan": plan, "participant": plan.participant, "form": form, "title": title},
    )


def _item_saved(request: AuthenticatedRequest, plan: LanguagePlan, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("language:language-plan-detail", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def language_goal_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    form = LanguageGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save = partial(
            services.language_goal_add,
            user=request.user,
            plan=plan,
            description=data["description"],
            due_on=data["due_on"],
        )
        if submit(form, save).saved:
            return _item_saved(request, plan, _("The sub-goal is added."))
    return _item_page(request, plan, form, _("Add a sub-goal"))


@login_required
@require_http_methods(["GET", "POST"])
def language_goal_set_reached(request: AuthenticatedRequest, pk: int, goal_pk: int) -> HttpResponse:
    goal = language_goal_for_user(request.user, goal_pk, plan_pk=pk, section=SECTION)
    plan = goal.plan
    form = GoalReachedForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        services.language_goal_set_reached(
            user=request.user, goal=goal, reached_on=form.cleaned_data["reached_on"]
        )
        return _item_saved(request, plan, _("The sub-goal is marked as reached."))
    return _item_page(
        request, plan, form, _("Mark the sub-goal reached: %(goal)s") % {"goal": goal.description}
    )


@login_required
@require_http_methods(["GET", "POST"])
def language_observation_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    form = LanguageObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save = partial(
            services.language_observation_add,
            user=request.user,
            plan=plan,
            observed_on=data["observed_on"],
            answers={k: data[k] for k in services.OBSERVATION_QUESTIONS},
        )
        if submit(form, save).saved:
            return _item_saved(request, plan, _("The observation is saved."))
    return _item_page(request, plan, form, _("Observation at the workplace"))


@login_required
@require_http_methods(["GET", "POST"])
def language_note_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    form = LanguageNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save = partial(
            services.language_note_add,
            user=request.user,
            plan=plan,
            written_on=data["written_on"],
            text=data["text"],
        )
        if submit(form, save).saved:
            return _item_saved(request, plan, _("The progress note is saved."))
    return _item_page(request, plan, form, _("Add a progress note"))
