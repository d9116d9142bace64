"""The employer register: list, registration, the employer's page and its contact persons."""

from __future__ import annotations

from functools import partial
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.accounts.http import AuthenticatedRequest, fragment_or_page, safe_next
from placetrain.classifications.fields import unit_groups
from placetrain.lib.access import allowed, rule_required
from placetrain.lib.dates import today
from placetrain.lib.forms import Submitted, submit
from placetrain.lib.registry import shown_panels
from placetrain.lib.services import WorkflowError
from placetrain.lib.validators import normalise_org_number, org_number_is_valid

from . import selectors, services
from .forms import (
    AgreementForm,
    EmployerContactForm,
    EmployerForm,
    EmployerSearchForm,
    JobAnalysisForm,
    StageChangeForm,
    VisitForm,
    filled_from_register,
    found_employers,
)
from .models import Agreement, Employer, EmployerContact, JobAnalysis, Stage
from .pages import (
    ChainPage,
    EmployerPage,
    JobAnalysisPage,
    chain_panels,
    employer_panels,
    job_analysis_panels,
)
from .selectors import (
    agreement_for_user,
    contact_person_for_user,
    employer_for_user,
    job_analysis_for_user,
)

CHANGE = "employers.change_employer"
PAGE_SIZE = 50


@login_required
@rule_required("employers.list_employers")
@require_http_methods(["GET", "POST"])
def employer_list(request: AuthenticatedRequest) -> HttpResponse:
    """A search is POSTed, like the participant search: a sole proprietorship carries its
    owner's name, and names stay out of URLs, server logs and browser history."""
    data = request.POST if request.method == "POST" else None
    search = EmployerSearchForm(data or _filters_in_link(request), user=request.user)
    search.is_valid()  # a value not among the choices (an old link) drops that filter alone
    employers = selectors.employer_list(request.user, search.network())
    page_number = (data or request.GET).get("page")
    page = Paginator(employers, PAGE_SIZE).get_page(page_number)
    # Contact figures for this page's rows only, not for every employer before paging.
    rows = selectors.with_contact_figures(list(page.object_list), request.user)
    page.object_list = selectors.with_partnership_figures(rows, request.user)
    context = {
        "search": search,
        "page": page,
        "can_create": allowed(request.user, "employers.add_employer"),
        "search_form_id": "arbeidsgiversok",
    }
    template = "employers/_list_rows.html" if request.htmx else "employers/list.html"
    return render(request, template, context)


def _filters_in_link(request: AuthenticatedRequest) -> QueryDict | None:
    """The network filters of a link (``?stage=partner&owner=me``), never its search words:
    those are POSTed only, to stay out of URLs and logs."""
    filters = request.GET.copy()
    filters.pop("q", None)
    filters.pop("page", None)
    return filters or None


@login_required
@require_POST
@rule_required("employers.choose_employers")
def employer_options(request: AuthenticatedRequest) -> HttpResponse:
    """The employers matching what is typed in a form's employer search, as the options of its
    employer list (an HTMX fragment). POSTed: a sole proprietorship carries a person's name."""
    typed = next(
        (v for k, v in request.POST.items() if k.endswith("employer_search") and v.strip()), ""
    )
    visible = selectors.employers_visible_to(request.user)
    found = found_employers(visible, typed[:100]) if typed else []
    return render(request, "employers/_employer_options.html", {"employers": found})


@login_required
@rule_required("employers.add_employer")
@require_http_methods(["GET", "POST"])
def employer_create(request: AuthenticatedRequest) -> HttpResponse:
    url = reverse("employers:employer-create")
    if request.method == "POST" and "register_lookup" in request.POST:
        return _register_lookup(request, url, {"creating": True})
    form = EmployerForm(request.POST or None, user=request.user, lookup_url=url)
    if request.method == "POST" and form.is_valid():
        save = partial(services.employer_create, user=request.user, data=form.model_data())
        done = submit(form, save)
        if done.saved:
            messages.success(request, _("The employer is registered."))
            return redirect("employers:employer-detail", pk=done.result.pk)
    return render(request, "employers/form.html", {"form": form, "creating": True})


def _register_lookup(
    request: AuthenticatedRequest,
    url: str,
    context: dict[str, Any],
    employer: Employer | None = None,
) -> HttpResponse:
    """The form again with Enhetsregisteret's values in the fields left empty (what was typed
    stays, the version the edit started from too), and what the register says of the unit."""
    typed = {name: request.POST.get(name, "") for name in [*EmployerForm.Meta.fields, "version"]}
    number = normalise_org_number(typed["org_number"])
    valid = org_number_is_valid(number)
    unit = selectors.register_unit(number) if valid else None
    values, filled = filled_from_register(typed, unit)
    form = EmployerForm(initial=values, instance=employer, user=request.user, lookup_url=url)
    lookup = {
        "number": number,
        "valid": valid,
        "unit": unit,
        "filled": [str(form.fields[name].label) for name in filled],
    }
    context = {**context, "form": form, "employer": employer, "lookup": lookup}
    return render(request, "employers/form.html", context)


@login_required
def employer_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The employer's page: the facts and contact persons beside what other apps show here
    (the contact log form); the timeline loads when it scrolls into view (the busiest employers
    have tens of thousands of entries, and most visits are for the facts)."""
    employer = employer_for_user(request.user, pk)
    can_change = rules.has_perm(CHANGE, request.user, employer)
    page = EmployerPage(user=request.user, employer=employer, can_change=can_change)
    unit, main_unit = selectors.register_units_of(employer)
    return render(
        request,
        "employers/detail.html",
        {
            "employer": employer,
            "days_since_contact": selectors.days_since_contact(employer, today()),
            "stage_form": StageChangeForm(employer=employer) if can_change else None,
            "stage_history": selectors.stage_history(employer),
            "agreements": selectors.agreements_of(employer),
            "register_unit": unit,
            "main_unit": main_unit,
            "people": list(employer.people.all()),
            "job_analyses": list(selectors.job_analyses_of(employer)),
            "timeline_url": reverse("employers:employer-timeline", args=[employer.pk]),
            "can_change": can_change,
            "panels": shown_panels(employer_panels, page=page),
        },
    )


@login_required
def employer_timeline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The timeline: the entries alone for HTMX (the employer's page loads them when they scroll
    into view), a page of its own otherwise (the page's link without JavaScript)."""
    employer = employer_for_user(request.user, pk)
    return fragment_or_page(
        request,
        "employers/_timeline.html",
        "employers/timeline.html",
        {
            "employer": employer,
            "timeline": selectors.employer_timeline(employer, user=request.user),
        },
    )


@login_required
def employer_chain(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The organisation's employers in the same chain as this one (by Enhetsregisteret: the
    main unit and its workplaces), with their contact figures, as the list shows them, and
    what other apps show of the chain as a whole (its combined track record)."""
    employer = employer_for_user(request.user, pk)
    unit, main_unit = selectors.register_units_of(employer)
    head = main_unit or (unit if unit and unit.kind == unit.Kind.MAIN else None)
    chain = selectors.employer_chain(request.user, head).order_by("name", "pk")
    page = Paginator(chain, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_contact_figures(list(page.object_list), request.user)
    chain_page = ChainPage(user=request.user, employer=employer, employers=chain)
    return render(
        request,
        "employers/chain.html",
        {
            "employer": employer,
            "head": head,
            "page": page,
            "panels": shown_panels(chain_panels, page=chain_page) if head else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    saved_name = employer.name  # the form's validation writes typed values onto it
    url = reverse("employers:employer-update", args=[employer.pk])
    if request.method == "POST" and "register_lookup" in request.POST:
        return _register_lookup(request, url, {"saved_name": saved_name}, employer)
    form = EmployerForm(request.POST or None, instance=employer, user=request.user, lookup_url=url)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.employer_update,
            user=request.user,
            employer=employer,
            data=form.model_data(),
            expected_version=form.expected_version(),
        )
        done = submit(
            form,
            save,
            current_form=lambda current: EmployerForm(instance=current, user=request.user),
        )
        if done.saved:
            messages.success(request, _("Your changes are saved."))
            return redirect("employers:employer-detail", pk=employer.pk)
    return render(
        request,
        "employers/form.html",
        {"form": form, "employer": employer, "conflict": done.conflict, "saved_name": saved_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_person_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    form = EmployerContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_person_create(
            user=request.user, employer=employer, data=_person_data(form)
        )
        messages.success(request, _("The contact person is saved."))
        return redirect("employers:employer-detail", pk=employer.pk)
    return _person_page(request, employer, form)


@login_required
@require_http_methods(["GET", "POST"])
def contact_person_update(request: AuthenticatedRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = contact_person_for_user(request.user, contact_pk, employer_pk=pk, perm=CHANGE)
    form = EmployerContactForm(request.POST or None, instance=contact)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.contact_person_update,
            user=request.user,
            contact=contact,
            data=_person_data(form),
            expected_version=form.expected_version(),
        )
        done = submit(
            form, save, current_form=lambda current: EmployerContactForm(instance=current)
        )
        if done.saved:
            messages.success(request, _("The contact person is saved."))
            return redirect("employers:employer-detail", pk=contact.employer_id)
    return _person_page(request, contact.employer, form, contact=contact, conflict=done.conflict)


def _person_data(form: EmployerContactForm) -> dict:
    return {name: form.cleaned_data[name] for name in EmployerContactForm.Meta.fields}


def _person_page(
    request: AuthenticatedRequest,
    employer: Employer,
    form: EmployerContactForm,
    *,
    contact: EmployerContact | None = None,
    conflict: list | None = None,
) -> HttpResponse:
    return render(
        request,
        "employers/contact_person_form.html",
        {"form": form, "employer": employer, "contact": contact, "conflict": conflict},
    )


@login_required
@require_POST
def contact_person_delete(request: AuthenticatedRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = contact_person_for_user(request.user, contact_pk, employer_pk=pk, perm=CHANGE)
    try:
        services.contact_person_delete(user=request.user, contact=contact)
    except WorkflowError as exc:
        for message in exc.problems.values():
            messages.error(request, message)
    else:
        messages.success(request, _("The contact person is removed."))
    return redirect("employers:employer-detail", pk=contact.employer_id)


# --- the partnership: stage and agreements ----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def employer_stage_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move the partnership to another stage: the small form on the employer's page posts here;
    this page shows it again with what is missing (a reason for pausing, a date), or alone."""
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    form = StageChangeForm(request.POST or None, employer=employer)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.employer_stage_change,
            user=request.user,
            employer=employer,
            stage=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
            expected_version=form.cleaned_data["version"],
        )
        done = submit(
            form,
            save,
            current_form=_stage_as_saved,
        )
        if done.saved:
            messages.success(
                request,
                _("The partnership is now at the stage: %(stage)s.")
                % {"stage": employer.get_stage_display()},
            )
            return redirect("employers:employer-detail", pk=employer.pk)
    return render(
        request,
        "employers/stage_form.html",
        {"form": form, "employer": employer, "conflict": done.conflict},
    )


def _stage_as_saved(current: Employer) -> StageChangeForm:
    """The stage form on the employer as saved now, for the conflict table: its stage and
    reason as they stand, not the next stage the form suggests."""
    form = StageChangeForm(
        employer=current,
        initial={"stage": current.stage, "reason": current.stage_reason, "on": today()},
    )
    form.fields["stage"].choices = Stage.choices
    return form


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.agreement_create, user=request.user, employer=employer, data=form.model_data()
        )
        if submit(form, save).saved:
            messages.success(request, _("The agreement is saved."))
            return redirect("employers:employer-detail", pk=employer.pk)
    return _agreement_page(request, employer, form)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_update(request: AuthenticatedRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = agreement_for_user(request.user, agreement_pk, employer_pk=pk, perm=CHANGE)
    form = AgreementForm(request.POST or None, instance=agreement)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.agreement_update,
            user=request.user,
            agreement=agreement,
            data=form.model_data(),
            expected_version=form.expected_version(),
        )
        done = submit(form, save, current_form=lambda current: AgreementForm(instance=current))
        if done.saved:
            messages.success(request, _("The agreement is saved."))
            return redirect("employers:employer-detail", pk=agreement.employer_id)
    return _agreement_page(
        request, agreement.employer, form, agreement=agreement, conflict=done.conflict
    )


def _agreement_page(
    request: AuthenticatedRequest,
    employer: Employer,
    form: AgreementForm,
    *,
    agreement: Agreement | None = None,
    conflict: list | None = None,
) -> HttpResponse:
    return render(
        request,
        "employers/agreement_form.html",
        {"form": form, "employer": employer, "agreement": agreement, "conflict": conflict},
    )


@login_required
@require_POST
def agreement_delete(request: AuthenticatedRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = agreement_for_user(request.user, agreement_pk, employer_pk=pk, perm=CHANGE)
    services.agreement_delete(user=request.user, agreement=agreement)
    messages.success(request, _("The agreement is removed."))
    return redirect("employers:employer-detail", pk=agreement.employer_id)


# --- job analyses ----------------------------------------------------------------------------


def _job_analysis_page(
    request: AuthenticatedRequest,
    form: JobAnalysisForm,
    employer: Employer,
    *,
    analysis: JobAnalysis | None = None,
    conflict: list | None = None,
) -> HttpResponse:
    return render(
        request,
        "employers/job_analysis_form.html",
        {
            "form": form,
            "employer": employer,
            "analysis": analysis,
            "conflict": conflict,
            "occupations": unit_groups(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def job_analysis_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = employer_for_user(request.user, pk, perm=CHANGE)
    form = JobAnalysisForm(request.POST or None, employer=employer)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.job_analysis_create,
            user=request.user,
            employer=employer,
            data=form.model_data(),
        )
        done = submit(form, save)
        if done.saved:
            messages.success(request, _("The job analysis is saved."))
            return redirect("employers:job-analysis-detail", pk=done.result.pk)
    return _job_analysis_page(request, form, employer)


@login_required
@require_http_methods(["GET", "POST"])
def job_analysis_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    analysis = job_analysis_for_user(request.user, pk, perm=CHANGE)
    form = JobAnalysisForm(request.POST or None, instance=analysis)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.job_analysis_update,
            user=request.user,
            analysis=analysis,
            data=form.model_data(),
            expected_version=form.expected_version(),
        )
        done = submit(form, save, current_form=lambda current: JobAnalysisForm(instance=current))
        if done.saved:
            messages.success(request, _("Your changes are saved."))
            return redirect("employers:job-analysis-detail", pk=analysis.pk)
    return _job_analysis_page(
        request, form, analysis.employer, analysis=analysis, conflict=done.conflict
    )


@login_required
def job_analysis_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The job analysis, with what other apps show beside it (suggested candidates and the
    shortlist)."""
    analysis = job_analysis_for_user(request.user, pk)
    can_change = rules.has_perm(CHANGE, request.user, analysis.employer)
    page = JobAnalysisPage(user=request.user, analysis=analysis, can_change=can_change)
    return render(
        request,
        "employers/job_analysis_detail.html",
        {
            "analysis": analysis,
            "employer": analysis.employer,
            "can_change": can_change,
            "visit_form": VisitForm(initial={"visited_on": today()}) if can_change else None,
            "panels": shown_panels(job_analysis_panels, page=page),
        },
    )


@login_required
@require_POST
def job_analysis_visit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record the workplace visit on the spot (from the job analysis or while planning a
    placement there), then back to where the user was (``next``, on this site only)."""
    analysis = job_analysis_for_user(request.user, pk, perm=CHANGE)
    form = VisitForm(request.POST)
    back = safe_next(request, reverse("employers:job-analysis-detail", args=[analysis.pk]))
    if form.is_valid():
        try:
            services.job_analysis_record_visit(
                user=request.user, analysis=analysis, on=form.cleaned_data["visited_on"]
            )
        except WorkflowError as exc:
            for message in exc.problems.values():
                messages.error(request, message)
        else:
            messages.success(request, _("The visit is recorded: the workplace is ready."))
    else:
        messages.error(request, _("Give the date of the visit."))
    return redirect(back)
