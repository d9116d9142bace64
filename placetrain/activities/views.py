from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.employers.selectors import employer_for_user
from placetrain.participants.selectors import participant_for_user

from . import services
from .forms import EmployerContactLogForm, QuickContactForm
from .models import NextStep
from .selectors import employer_timeline, my_day, participant_timeline


@login_required
def my_day_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_case_role:
        # Administrators without a case role land on their housekeeping page.
        return render(request, "activities/no_case_role.html")
    return render(request, "activities/my_day.html", my_day(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def participant_contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a contact with or about a participant. HTMX posts get the refreshed timeline back."""
    participant = participant_for_user(
        request.user, pk, perm="participants.change_participant", section="contact-log"
    )
    form = QuickContactForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        services.contact_log(
            user=request.user,
            participant=participant,
            data=form.contact_data(),
            next_step=form.next_step(),
        )
        if request.htmx:
            return render(
                request,
                "activities/_contact_saved.html",
                {
                    "participant": participant,
                    "contact_form": QuickContactForm(participant=participant),
                    "timeline": participant_timeline(participant),
                },
            )
        messages.success(request, _("The contact is logged."))
        return redirect("participants:detail", pk=participant.pk)
    template = (
        "activities/_quick_contact_form.html" if request.htmx else "activities/contact_form.html"
    )
    return render(
        request, template, {"participant": participant, "contact_form": form, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm="employers.change_employer")
    form = EmployerContactLogForm(request.POST or None, employer=employer)
    if request.method == "POST" and form.is_valid():
        services.contact_log(
            user=request.user,
            employer=employer,
            data=form.contact_data(),
            next_step=form.next_step(),
        )
        if request.htmx:
            return render(
                request,
                "employers/_timeline.html",
                {"employer": employer, "timeline": employer_timeline(employer, user=request.user)},
            )
        messages.success(request, _("The contact is logged."))
        return redirect("employers:detail", pk=employer.pk)
    return render(request, "activities/contact_form.html", {"employer": employer, "form": form})


@login_required
@require_POST
def next_step_done(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_case_role:
        raise PermissionDenied
    # Next steps belong to their owner: anyone else's answers 404.
    step = get_object_or_404(NextStep.objects.open(), pk=pk, owner_id=request.user.pk)
    services.next_step_complete(user=request.user, step=step)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Marked as done."))
    return redirect("activities:my-day")
