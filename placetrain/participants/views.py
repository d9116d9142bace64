from __future__ import annotations

import json

import rules
from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.activities.forms import QuickContactForm
from placetrain.activities.selectors import participant_timeline
from placetrain.lib.audit import SECTION_LABELS
from placetrain.lib.concurrency import EditConflict
from placetrain.lib.forms import conflict_rows
from placetrain.placements.selectors import language_plans_with_progress, participant_employments

from . import services
from .export import participant_record
from .forms import (
    ConsentForm,
    ParticipantFilterForm,
    ParticipantForm,
    SensitiveInfoForm,
    StatusForm,
    WithdrawConsentForm,
    WorkHistoryForm,
)
from .models import SensitiveInfo
from .selectors import participant_for_user, participant_list, workflow_summary

CHANGE = "participants.change_participant"


def _require_case_role(user) -> None:
    if not user.has_case_role:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def participant_list_view(request: HttpRequest) -> HttpResponse:
    """Filters by status, programme and specialist travel in the URL; a name search is POSTed,
    so names never reach URLs, server logs or browser history."""
    _require_case_role(request.user)
    if request.method == "POST":
        data = request.POST
    else:
        data = request.GET.copy()
        data.pop("q", None)
    filter_form = ParticipantFilterForm(data or None, user=request.user)
    qs = participant_list(request.user, filters=filter_form.filters())
    page = Paginator(qs, 50).get_page(data.get("side"))
    context = {
        "filter_form": filter_form,
        "page": page,
        "can_create": request.user.is_job_specialist or request.user.is_team_leader,
        "search_form_id": "deltakersok",
    }
    template = "participants/_list_rows.html" if request.htmx else "participants/list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def participant_create(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_job_specialist or request.user.is_team_leader):
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        participant = services.participant_create(
            user=request.user,
            data=form.model_data(),
            language_teachers=form.cleaned_data["language_teachers"],
        )
        messages.success(request, _("The participant is registered."))
        return redirect("participants:detail", pk=participant.pk)
    return render(request, "participants/form.html", {"form": form, "creating": True})


@login_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, section="overview")
    user = request.user
    can_case = rules.has_perm("participants.view_case", user, participant)
    context = {
        "participant": participant,
        "can_case": can_case,
        "can_change": rules.has_perm(CHANGE, user, participant),
        "can_sensitive": rules.has_perm("participants.view_sensitive", user, participant),
        "can_access_log": rules.has_perm("participants.view_access_log", user, participant),
        "can_delete": rules.has_perm("participants.delete_participant", user, participant),
        "teachers": list(participant.language_teachers.all()),
        "language_plans": list(
            language_plans_with_progress().filter(participant=participant).order_by("-created_at")
        ),
    }
    if can_case:
        context.update(
            workflow=workflow_summary(participant),
            placements=list(participant.placements.select_related("employer")),
            employments=list(participant_employments(participant)),
        )
        context.update(
            consents=list(participant.consents.all()),
            work_history=list(participant.work_history.all()),
            timeline=participant_timeline(participant),
            contact_form=QuickContactForm(participant=participant),
            status_form=StatusForm(initial={"status": participant.status}),
        )
    return render(request, "participants/detail.html", context)


@login_required
def participant_timeline_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(
        request.user, pk, perm="participants.view_case", section="timeline"
    )
    return render(
        request,
        "participants/_timeline.html",
        {"participant": participant, "timeline": participant_timeline(participant)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_update(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE, section="edit")
    saved_name = participant.full_name  # the form's validation writes typed values onto it
    form = ParticipantForm(request.POST or None, instance=participant, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                user=request.user,
                participant=participant,
                data=form.model_data(),
                expected_version=form.expected_version(),
                language_teachers=form.cleaned_data["language_teachers"],
            )
        except EditConflict as exc:
            conflict = conflict_rows(exc, ParticipantForm(instance=exc.current, user=request.user))
            form.rebase_on(exc.current)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("participants:detail", pk=participant.pk)
    return render(
        request,
        "participants/form.html",
        {"form": form, "participant": participant, "conflict": conflict, "saved_name": saved_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_delete(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm="participants.delete_participant")
    if request.method == "POST":
        services.participant_delete(user=request.user, participant=participant)
        messages.success(request, _("The participant is deleted."))
        return redirect("participants:list")
    return render(request, "participants/confirm_delete.html", {"participant": participant})


@login_required
@require_POST
def participant_status(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE)
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
        return redirect("participants:detail", pk=participant.pk)
    return render(
        request, "participants/status_form.html", {"form": form, "participant": participant}
    )


@login_required
@require_http_methods(["GET", "POST"])
def sensitive_section(request: HttpRequest, pk: int) -> HttpResponse:
    """The sensitive section: its own page, its own access-log section."""
    participant = participant_for_user(
        request.user, pk, perm="participants.view_sensitive", section="sensitive"
    )
    info = SensitiveInfo.objects.filter(participant=participant).first() or SensitiveInfo(
        participant=participant
    )
    editing = request.method == "POST" or request.GET.get("endre") == "1"
    form = SensitiveInfoForm(request.POST or None, instance=info)
    conflict = None
    if request.method == "POST":
        if not rules.has_perm("participants.change_sensitive", request.user, participant):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.sensitive_update(
                    user=request.user,
                    participant=participant,
                    data={k: form.cleaned_data[k] for k in SensitiveInfoForm.Meta.fields},
                    expected_version=form.expected_version(),
                )
            except EditConflict as exc:
                conflict = conflict_rows(exc, SensitiveInfoForm(instance=exc.current))
                form.rebase_on(exc.current)
            else:
                messages.success(request, _("The sensitive section is saved."))
                return redirect("participants:sensitive", pk=participant.pk)
    template = "participants/_sensitive.html" if request.htmx else "participants/sensitive.html"
    return render(
        request,
        template,
        {
            "participant": participant,
            "info": info,
            "form": form,
            "editing": editing,
            "conflict": conflict,
        },
    )


@login_required
def access_log_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(
        request.user, pk, perm="participants.view_access_log", section="access-log"
    )
    entries = list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(participant),
            object_pk=str(participant.pk),
        )
        .select_related("actor")
        .order_by("-timestamp")[:200]
    )
    for entry in entries:
        section = (entry.additional_data or {}).get("section")
        if section:
            entry.what = SECTION_LABELS.get(section, section)
        else:
            entry.what = ", ".join(
                _field_label(participant, name) for name in (entry.changes or {})
            )
    template = "participants/_access_log.html" if request.htmx else "participants/access_log.html"
    return render(request, template, {"participant": participant, "entries": entries})


def _field_label(instance, name: str) -> str:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the entry was written
        return name
    return str(getattr(field, "verbose_name", name))


@login_required
def participant_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's record as JSON (for an access request, GDPR art. 15)."""
    participant = participant_for_user(
        request.user, pk, perm="participants.view_case", section="export"
    )
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
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_record(user=request.user, participant=participant, data=form.cleaned_data)
        messages.success(request, _("The consent is recorded."))
        return redirect("participants:detail", pk=participant.pk)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": participant, "title": _("Record consent")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    consent = get_object_or_404(participant.consents, pk=consent_pk, withdrawn_on__isnull=True)
    form = WithdrawConsentForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        services.consent_withdraw(user=request.user, consent=consent, on=form.cleaned_data["on"])
        messages.success(request, _("The consent is marked as withdrawn."))
        return redirect("participants:detail", pk=participant.pk)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": participant, "title": _("Withdraw consent")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_history_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    form = WorkHistoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.work_history_add(
            user=request.user, participant=participant, data=form.cleaned_data
        )
        messages.success(request, _("The work history is updated."))
        return redirect("participants:detail", pk=participant.pk)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": participant, "title": _("Add work experience")},
    )


@login_required
@require_POST
def work_history_delete(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    entry = get_object_or_404(participant.work_history, pk=entry_pk)
    services.work_history_remove(user=request.user, entry=entry)
    messages.success(request, _("The work history entry is removed."))
    return redirect("participants:detail", pk=participant.pk)
