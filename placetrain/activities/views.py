"""Min dag, the contact log (participant and employer) and ticking off next steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.employers.selectors import employer_for_user, employer_timeline
from placetrain.lib.access import allowed
from placetrain.lib.audit import Section
from placetrain.participants.pages import TIMELINE_SHOWN
from placetrain.participants.selectors import participant_for_user, participant_timeline

from . import selectors, services
from .forms import EmployerContactLogForm, QuickContactForm
from .selectors import next_step_for_user


@login_required
def my_day(request: AuthenticatedRequest) -> HttpResponse:
    if not allowed(request.user, "activities.view_my_day"):
        # Administrators without a case role land on their housekeeping page.
        return render(request, "activities/no_case_role.html")
    return render(request, "activities/my_day.html", selectors.my_day(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def contact_log(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Log a contact with or about a participant. HTMX posts get a fresh form back, and the
    refreshed timeline if the page shows it."""
    participant = participant_for_user(
        request.user, pk, perm="participants.change_participant", section=Section.CONTACT_LOG
    )
    form = QuickContactForm(request.POST or None, participant=participant)
    # Whether the page shows the timeline (it loads when scrolled to; the form includes the
    # loaded timeline's marker): only then is it sent back refreshed.
    shown = request.POST.get(TIMELINE_SHOWN) == "1"
    if request.method == "POST" and form.is_valid():
        services.contact_log(
            user=request.user,
            participant=participant,
            data=form.contact_data(),
            next_step=form.next_step(),
            submission=form.cleaned_data["submission"],
            steps=form.steps_tended(),
        )
        if request.htmx:
            context = {
                "participant": participant,
                "contact_form": QuickContactForm(participant=participant),
                "timeline_shown": shown,
            }
            if shown:  # refreshed in place; otherwise it loads, with the contact, when shown
                context["timeline"] = participant_timeline(participant)
            return render(request, "activities/_contact_saved.html", context)
        messages.success(request, _("The contact is logged."))
        return redirect("participants:participant-detail", pk=participant.pk)
    template = (
        "activities/_quick_contact_form.html" if request.htmx else "activities/contact_form.html"
    )
    return render(
        request, template, {"participant": participant, "contact_form": form, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_log(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm="employers.change_employer")
    form = EmployerContactLogForm(request.POST or None, employer=employer)
    if request.method == "POST" and form.is_valid():
        services.employer_contact_log(
            user=request.user,
            employer=employer,
            data=form.contact_data(),
            next_step=form.next_step(),
            submission=form.cleaned_data["submission"],
        )
        if request.htmx:
            return render(
                request,
                "employers/_timeline.html",
                {"employer": employer, "timeline": employer_timeline(employer, user=request.user)},
            )
        messages.success(request, _("The contact is logged."))
        return redirect("employers:employer-detail", pk=employer.pk)
    return render(request, "activities/contact_form.html", {"employer": employer, "form": form})


@login_required
@require_POST
def next_step_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    step = next_step_for_user(request.user, pk)
    services.next_step_complete(user=request.user, step=step)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Marked as done."))
    return redirect("activities:my-day")
