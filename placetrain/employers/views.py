from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.activities.forms import EmployerContactLogForm
from placetrain.activities.selectors import employer_timeline
from placetrain.lib.concurrency import EditConflict
from placetrain.lib.forms import conflict_rows

from . import services
from .forms import EmployerContactForm, EmployerForm, EmployerSearchForm
from .selectors import employer_for_user, employer_list

CHANGE = "employers.change_employer"


@login_required
def employer_list_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_case_role:
        raise PermissionDenied
    search = EmployerSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    page = Paginator(employer_list(request.user, query=query), 50).get_page(request.GET.get("side"))
    context = {
        "search": search,
        "page": page,
        "can_create": request.user.is_job_specialist or request.user.is_team_leader,
    }
    template = "employers/_list_rows.html" if request.htmx else "employers/list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_job_specialist or request.user.is_team_leader):
        raise PermissionDenied
    form = EmployerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        employer = services.employer_create(user=request.user, data=form.model_data())
        messages.success(request, _("The employer is registered."))
        return redirect("employers:detail", pk=employer.pk)
    return render(request, "employers/form.html", {"form": form, "creating": True})


@login_required
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk)
    can_change = rules.has_perm(CHANGE, request.user, employer)
    return render(
        request,
        "employers/detail.html",
        {
            "employer": employer,
            "people": list(employer.people.all()),
            "timeline": employer_timeline(employer, user=request.user),
            "can_change": can_change,
            "contact_form": EmployerContactLogForm(employer=employer) if can_change else None,
        },
    )


@login_required
def employer_timeline_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk)
    return render(
        request,
        "employers/_timeline.html",
        {"employer": employer, "timeline": employer_timeline(employer, user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_update(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    saved_name = employer.name  # the form's validation writes typed values onto it
    form = EmployerForm(request.POST or None, instance=employer, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                user=request.user,
                employer=employer,
                data=form.model_data(),
                expected_version=form.expected_version(),
            )
        except EditConflict as exc:
            conflict = conflict_rows(exc, EmployerForm(instance=exc.current, user=request.user))
            form.rebase_on(exc.current)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("employers:detail", pk=employer.pk)
    return render(
        request,
        "employers/form.html",
        {"form": form, "employer": employer, "conflict": conflict, "saved_name": saved_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_person_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    return _contact_person_form(request, employer, None)


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_person_update(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    contact = get_object_or_404(employer.people, pk=contact_pk)
    return _contact_person_form(request, employer, contact)


def _contact_person_form(request: HttpRequest, employer, contact) -> HttpResponse:
    form = EmployerContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.employer_contact_save(
            user=request.user, employer=employer, data=form.cleaned_data, contact=contact
        )
        messages.success(request, _("The contact person is saved."))
        return redirect("employers:detail", pk=employer.pk)
    return render(
        request,
        "employers/contact_person_form.html",
        {"form": form, "employer": employer, "contact": contact},
    )


@login_required
@require_POST
def employer_contact_person_delete(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    contact = get_object_or_404(employer.people, pk=contact_pk)
    try:
        services.employer_contact_delete(user=request.user, contact=contact)
    except services.ContactInUse:
        messages.error(
            request,
            _(
                "This person is the mentor of a placement under way. Choose another mentor for "
                "that placement first."
            ),
        )
    else:
        messages.success(request, _("The contact person is removed."))
    return redirect("employers:detail", pk=employer.pk)
