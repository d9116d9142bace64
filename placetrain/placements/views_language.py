"""Language plans (Snart Ansatt appendix 3). Case workers and the participant's assigned language
teachers reach them; a teacher reaches nothing else of the case, so every page here is careful
to show the placement only as its employer's name."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from placetrain.lib.audit import access_log
from placetrain.lib.concurrency import EditConflict
from placetrain.lib.forms import conflict_rows, show_problems
from placetrain.participants.selectors import participant_for_user

from . import services
from .forms_language import (
    GoalReachedForm,
    LanguageGoalForm,
    LanguageNoteForm,
    LanguageObservationForm,
    LanguagePlanForm,
)
from .models import LanguagePlan
from .selectors import language_participants_of, language_plan_for_user
from .services import WorkflowError

SECTION = "language-plan"


def _can_see_case(user, participant) -> bool:
    return rules.has_perm("participants.view_case", user, participant)


@login_required
def language_mine(request: HttpRequest) -> HttpResponse:
    """Min språkdeltakere: a language teacher's way in to the plans of their participants."""
    if not request.user.is_language_teacher:
        raise PermissionDenied
    participants = language_participants_of(request.user)
    return render(request, "placements/language/mine.html", {"participants": participants})


@login_required
@require_http_methods(["GET", "POST"])
def language_plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new language plan for participant ``pk``; ``?utplassering=<id>`` ties it to a placement."""
    participant = participant_for_user(
        request.user, pk, perm="placements.add_languageplan", section=SECTION
    )
    can_see_case = _can_see_case(request.user, participant)
    initial = {}
    if (
        request.user.is_language_teacher
        and participant.language_teachers.filter(pk=request.user.pk).exists()
    ):
        initial["teacher"] = request.user.pk
    placement_id = request.GET.get("utplassering", "")
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
        try:
            plan = services.language_plan_save(
                user=request.user, participant=participant, data=form.plan_data()
            )
        except WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The language plan is saved."))
            return redirect("placements:language-detail", pk=plan.pk)
    return render(
        request,
        "placements/language/form.html",
        {"form": form, "participant": participant, "creating": True, "can_see_case": can_see_case},
    )


@login_required
def language_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, section=SECTION)
    return render(request, "placements/language/detail.html", _detail_context(request, plan))


def _detail_context(request: HttpRequest, plan: LanguagePlan) -> dict:
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
def language_plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, section=SECTION)
    participant = plan.participant
    can_see_case = _can_see_case(request.user, participant)
    form = LanguagePlanForm(
        request.POST or None, instance=plan, participant=participant, can_see_case=can_see_case
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.language_plan_save(
                user=request.user,
                participant=participant,
                plan=plan,
                data=form.plan_data(),
                expected_version=form.expected_version(),
            )
        except EditConflict as exc:
            current_form = LanguagePlanForm(
                instance=exc.current, participant=participant, can_see_case=can_see_case
            )
            conflict = conflict_rows(exc, current_form)
            form.rebase_on(exc.current)
        except WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The language plan is saved."))
            return redirect("placements:language-detail", pk=plan.pk)
    return render(
        request,
        "placements/language/form.html",
        {
            "form": form,
            "participant": participant,
            "plan": plan,
            "conflict": conflict,
            "can_see_case": can_see_case,
        },
    )


def _item_page(request, plan, form, title: str) -> HttpResponse:
    """The add forms live on the plan's page; on bad input they come back on a page of their
    own with the errors and everything typed."""
    return render(
        request,
        "placements/language/item_form.html",
        {"plan": plan, "participant": plan.participant, "form": form, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def language_goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, section=SECTION)
    form = LanguageGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.language_goal_add(
                user=request.user,
                plan=plan,
                description=form.cleaned_data["description"],
                due_on=form.cleaned_data["due_on"],
            )
        except WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The sub-goal is added."))
            return redirect("placements:language-detail", pk=plan.pk)
    return _item_page(request, plan, form, _("Add a sub-goal"))


@login_required
@require_http_methods(["GET", "POST"])
def language_goal_reached(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk)
    goal = get_object_or_404(plan.goals, pk=goal_pk)
    # Logged only once the nested id is found: a 404 is not a read.
    access_log(user=request.user, instance=plan.participant, section=SECTION)
    form = GoalReachedForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        services.language_goal_set_reached(
            user=request.user, goal=goal, reached_on=form.cleaned_data["reached_on"]
        )
        messages.success(request, _("The sub-goal is marked as reached."))
        return redirect("placements:language-detail", pk=plan.pk)
    return _item_page(
        request, plan, form, _("Mark the sub-goal reached: %(goal)s") % {"goal": goal.description}
    )


@login_required
@require_http_methods(["GET", "POST"])
def language_observation_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, section=SECTION)
    form = LanguageObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.language_observation_add(
                user=request.user,
                plan=plan,
                observed_on=data["observed_on"],
                answers={k: data[k] for k in services.OBSERVATION_QUESTIONS},
            )
        except WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The observation is saved."))
            return redirect("placements:language-detail", pk=plan.pk)
    return _item_page(request, plan, form, _("Observation at the workplace"))


@login_required
@require_http_methods(["GET", "POST"])
def language_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = language_plan_for_user(request.user, pk, section=SECTION)
    form = LanguageNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.language_note_add(
                user=request.user,
                plan=plan,
                written_on=form.cleaned_data["written_on"],
                text=form.cleaned_data["text"],
            )
        except WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The progress note is saved."))
            return redirect("placements:language-detail", pk=plan.pk)
    return _item_page(request, plan, form, _("Add a progress note"))


urlpatterns = [
    path("sprakplan/mine/", language_mine, name="language-mine"),
    path("deltaker/<int:pk>/sprakplan/ny/", language_plan_create, name="language-create"),
    path("sprakplan/<int:pk>/", language_plan_detail, name="language-detail"),
    path("sprakplan/<int:pk>/endre/", language_plan_update, name="language-update"),
    path("sprakplan/<int:pk>/delmal/ny/", language_goal_add, name="language-goal-add"),
    path(
        "sprakplan/<int:pk>/delmal/<int:goal_pk>/nadd/",
        language_goal_reached,
        name="language-goal-reached",
    ),
    path(
        "sprakplan/<int:pk>/observasjon/ny/",
        language_observation_add,
        name="language-observation-add",
    ),
    path("sprakplan/<int:pk>/notat/ny/", language_note_add, name="language-note-add"),
]
