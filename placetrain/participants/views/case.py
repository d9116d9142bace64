"""The participant's record: list, registration, the page, edits, status, the sensitive section,
the access log, the export, consents and work history."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import rules
from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.accounts.http import AuthenticatedRequest, fragment_or_page, wants_fragment
from placetrain.lib.access import allowed, rule_required
from placetrain.lib.audit import Section, access_log, action_label, section_label
from placetrain.lib.forms import Submitted, submit
from placetrain.lib.registry import shown_panels

from .. import selectors, services
from ..export import participant_record
from ..forms.case import (
    ConsentForm,
    ParticipantFilterForm,
    ParticipantForm,
    SensitiveInfoForm,
    StatusForm,
    WithdrawConsentForm,
    WorkHistoryForm,
)
from ..models import Participant, SensitiveInfo
from ..pages import (
    DETAILS,
    OVERVIEW,
    PageSection,
    ParticipantPage,
    participant_panels,
    participant_sections,
)
from ..selectors import participant_for_user

CHANGE = "participants.change_participant"
VIEW_CASE = "participants.view_case"
PAGE_SIZE = 50
ACCESS_LOG_PAGE_SIZE = 100


@login_required
@rule_required("participants.list_participants")
@require_http_methods(["GET", "POST"])
def participant_list(request: AuthenticatedRequest) -> HttpResponse:
    """Filters by status, programme and specialist travel in the URL; a name search is POSTed,
    so names never reach URLs, server logs or browser history."""
    if request.method == "POST":
        data = request.POST
    else:
        data = request.GET.copy()
        data.pop("q", None)
    filter_form = ParticipantFilterForm(data or None, user=request.user)
    qs = selectors.participant_list(request.user, filters=filter_form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(data.get("page"))
    # The last contact for this page's rows only, not aggregated over the whole scope first.
    page.object_list = selectors.with_last_contact(list(page.object_list))
    context = {
        "filter_form": filter_form,
        "page": page,
        "can_create": allowed(request.user, "participants.add_participant"),
        "search_form_id": "deltakersok",
    }
    template = "participants/_list_rows.html" if request.htmx else "participants/list.html"
    return render(request, template, context)


@login_required
@rule_required("participants.add_participant")
@require_http_methods(["GET", "POST"])
def participant_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ParticipantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        participant = services.participant_create(
            user=request.user,
            data=form.model_data(),
            language_teachers=form.cleaned_data["language_teachers"],
        )
        messages.success(request, _("The participant is registered."))
        return redirect("participants:participant-detail", pk=participant.pk)
    return render(request, "participants/form.html", {"form": form, "creating": True})


@login_required
def participant_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The participant page: a compact header (name, status, stage, phone, the responsible
    specialist, what needs attention now) over one section at a time, named by ``?section=``
    (the overview when none is named). An HTMX request gets the section alone; either way the
    read is logged under the section's own access-log section."""
    participant = participant_for_user(request.user, pk)
    user = request.user
    page = ParticipantPage(
        user=user,
        participant=participant,
        can_case=rules.has_perm(VIEW_CASE, user, participant),
        can_change=rules.has_perm(CHANGE, user, participant),
    )
    shown = selectors.participant_page_sections(page)
    key = request.GET.get("section") or shown[0][0]
    section = participant_sections.get(key)
    if section is None:
        raise Http404
    if key not in dict(shown):
        raise PermissionDenied  # the teacher sees the participant, not this part of the case
    # Logged once the section is known to be the user's: a 403 is not a read.
    access_log(user=user, instance=participant, section=section.audit)
    context = {
        "participant": participant,
        "can_case": page.can_case,
        "can_change": page.can_change,
        "section": key,
        "section_label": section.label,
        "sections": _section_links(participant, shown, current=key),
        "panels": shown_panels(
            [p for p in participant_panels if (p.place or OVERVIEW) == key], page=page
        ),
    }
    if not wants_fragment(request):
        context["alerts"] = selectors.participant_attention(page) if page.can_case else []
    return fragment_or_page(
        request, "participants/_section.html", "participants/detail.html", context
    )


def _section_links(
    participant: Participant, shown: list[tuple[str, PageSection]], *, current: str
) -> list[dict[str, Any]]:
    """The page's menu: every section the user may open, the first at the page's own address."""
    base = reverse("participants:participant-detail", args=[participant.pk])
    return [
        {
            "key": key,
            "label": section.label,
            "url": base if index == 0 else f"{base}?section={key}",
            "current": key == current,
        }
        for index, (key, section) in enumerate(shown)
    ]


@login_required
def participant_timeline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The timeline: the entries alone for HTMX (the overview loads them when they scroll into
    view), a page of its own otherwise (the overview's link without JavaScript)."""
    participant = participant_for_user(request.user, pk, perm=VIEW_CASE, section=Section.TIMELINE)
    return fragment_or_page(
        request,
        "participants/_timeline.html",
        "participants/timeline.html",
        {"participant": participant, "timeline": selectors.participant_timeline(participant)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE, section=Section.EDIT)
    saved_name = participant.full_name  # the form's validation writes typed values onto it
    form = ParticipantForm(request.POST or None, instance=participant, user=request.user)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.participant_update,
            user=request.user,
            participant=participant,
            data=form.model_data(),
            expected_version=form.expected_version(),
            language_teachers=form.cleaned_data["language_teachers"],
        )
        done = submit(
            form,
            save,
            current_form=lambda current: ParticipantForm(instance=current, user=request.user),
        )
        if done.saved:
            messages.success(request, _("Your changes are saved."))
            return redirect("participants:participant-detail", pk=participant.pk)
    context = {"form": form, "participant": participant, "saved_name": saved_name}
    return render(request, "participants/form.html", {**context, "conflict": done.conflict})


@login_required
@require_http_methods(["GET", "POST"])
def participant_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(
        request.user, pk, perm="participants.delete_participant", section=Section.DELETE
    )
    if request.method == "POST":
        services.participant_delete(user=request.user, participant=participant)
        messages.success(request, _("The participant is deleted."))
        return redirect("participants:participant-list")
    return render(request, "participants/confirm_delete.html", {"participant": participant})


@login_required
@require_POST
def participant_set_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE, section=Section.STATUS)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.participant_set_status(
            user=request.user,
            participant=participant,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The status is changed."))
        return _to_details(participant)
    return render(
        request, "participants/status_form.html", {"form": form, "participant": participant}
    )


def _to_details(participant: Participant) -> HttpResponse:
    """Back to the section of the page where the change shows (status, consents, work)."""
    url = reverse("participants:participant-detail", args=[participant.pk])
    return redirect(f"{url}?section={DETAILS}")


def _sensitive_info(participant: Participant) -> SensitiveInfo:
    return SensitiveInfo.objects.filter(participant=participant).first() or SensitiveInfo(
        participant=participant
    )


@login_required
def sensitive_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The sensitive section: shown only on request, its own page, its own access-log section."""
    participant = participant_for_user(
        request.user, pk, perm="participants.view_sensitive", section=Section.SENSITIVE
    )
    template = "participants/_sensitive.html" if request.htmx else "participants/sensitive.html"
    context = {
        "participant": participant,
        "info": _sensitive_info(participant),
        "can_change": rules.has_perm("participants.change_sensitive", request.user, participant),
    }
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def sensitive_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(
        request.user, pk, perm="participants.change_sensitive", section=Section.SENSITIVE
    )
    info = _sensitive_info(participant)
    form = SensitiveInfoForm(request.POST or None, instance=info)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.sensitive_update,
            user=request.user,
            participant=participant,
            data={k: form.cleaned_data[k] for k in SensitiveInfoForm.Meta.fields},
            expected_version=form.expected_version(),
        )
        done = submit(form, save, current_form=lambda current: SensitiveInfoForm(instance=current))
        if done.saved:
            messages.success(request, _("The sensitive section is saved."))
            return redirect("participants:sensitive-detail", pk=participant.pk)
    return render(
        request,
        "participants/sensitive_form.html",
        {"participant": participant, "form": form, "conflict": done.conflict},
    )


@login_required
def access_log_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(
        request.user, pk, perm="participants.view_access_log", section=Section.ACCESS_LOG
    )
    rows = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(participant),
        object_pk=str(participant.pk),
    ).order_by("-pk")
    # Paged by "older than": every read adds a row at the top, so page numbers would shift.
    before = request.GET.get("before", "")
    if before.isascii() and before.isdigit():
        rows = rows.filter(pk__lt=int(before))
    entries = list(rows.select_related("actor")[: ACCESS_LOG_PAGE_SIZE + 1])
    older = entries[ACCESS_LOG_PAGE_SIZE - 1].pk if len(entries) > ACCESS_LOG_PAGE_SIZE else None
    entries = entries[:ACCESS_LOG_PAGE_SIZE]
    for entry in entries:
        entry.action_label = action_label(entry.action)
        section = (entry.additional_data or {}).get("section")
        if section:
            entry.what = section_label(section)
        else:
            entry.what = ", ".join(
                _field_label(participant, name) for name in (entry.changes or {})
            )
    template = "participants/_access_log.html" if request.htmx else "participants/access_log.html"
    context = {
        "participant": participant,
        "entries": entries,
        "older": older,
        "paged": bool(before),
    }
    return render(request, template, context)


def _field_label(instance: Participant, name: str) -> str:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the entry was written
        return name
    return str(getattr(field, "verbose_name", name))


@login_required
def participant_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The participant's record as JSON (for an access request, GDPR art. 15)."""
    participant = participant_for_user(request.user, pk, perm=VIEW_CASE, section=Section.EXPORT)
    record = participant_record(
        participant,
        include_sensitive=rules.has_perm("participants.view_sensitive", request.user, participant),
    )
    body = json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().strftime("%Y%m%d")
    # The file name carries the record id, never the person's name.
    response["Content-Disposition"] = (
        f'attachment; filename="deltaker-{participant.pk}-{stamp}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE, section=Section.CONSENTS)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_create(user=request.user, participant=participant, data=form.cleaned_data)
        messages.success(request, _("The consent is recorded."))
        return _to_details(participant)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": participant, "title": _("Record consent")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: AuthenticatedRequest, pk: int, consent_pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    consent = get_object_or_404(participant.consents, pk=consent_pk, withdrawn_on__isnull=True)
    # Logged once the nested id is found: a 404 is not a read.
    access_log(user=request.user, instance=participant, section=Section.CONSENTS)
    form = WithdrawConsentForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.consent_withdraw,
            user=request.user,
            consent=consent,
            on=form.cleaned_data["on"],
        )
        if submit(form, save).saved:
            messages.success(request, _("The consent is marked as withdrawn."))
            return _to_details(participant)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": participant, "title": _("Withdraw consent")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_history_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE, section=Section.WORK_HISTORY)
    form = WorkHistoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.work_history_create(
            user=request.user, participant=participant, data=form.cleaned_data
        )
        messages.success(request, _("The work history is updated."))
        return _to_details(participant)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": participant, "title": _("Add work experience")},
    )


@login_required
@require_POST
def work_history_delete(request: AuthenticatedRequest, pk: int, entry_pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    entry = get_object_or_404(participant.work_history, pk=entry_pk)
    services.work_history_delete(user=request.user, entry=entry)
    messages.success(request, _("The work history entry is removed."))
    return _to_details(participant)
