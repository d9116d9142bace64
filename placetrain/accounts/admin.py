"""Administrators' housekeeping: users, teams and organisations. No case data is registered here.

An administrator keeps their own organisation only; a Django superuser (the operator of an
installation that serves several offices) keeps them all. Nobody but a superuser hands out
superuser status or Django's raw permissions."""

from __future__ import annotations

from typing import Any

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from placetrain.lib.tunables import tunables

from .models import Organisation, OrganisationSetting, Team, User


class OrganisationScopedAdmin(admin.ModelAdmin):
    """Lists, change pages and choices limited to the administrator's organisation."""

    organisation_lookup = "organisation"  # how the model reaches its organisation

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        user = request.user
        if user.is_superuser:
            return qs
        return qs.filter(**{self.organisation_lookup: getattr(user, "organisation_id", None)})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        user = request.user
        if not user.is_superuser:
            own = getattr(user, "organisation_id", None)
            if db_field.related_model is Organisation:
                kwargs["queryset"] = Organisation.objects.filter(pk=own)
            elif db_field.related_model is Team:
                kwargs["queryset"] = Team.objects.filter(organisation_id=own)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    list_display = ["name"]
    organisation_lookup = "pk"


@admin.register(Team)
class TeamAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation", "shared_caseload"]
    # Related-only: the filter offers what the (scoped) list holds, not every organisation.
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]


class OrganisationSettingForm(forms.ModelForm):
    """A setting chosen among those the apps declare, kept within the bounds it declares."""

    key = forms.ChoiceField(label=_("setting"), choices=())

    class Meta:
        model = OrganisationSetting
        fields = ["organisation", "key", "value"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(t.key, t.label) for t in tunables]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        setting = tunables.get(data.get("key", ""))
        value = data.get("value")
        if setting and value is not None and not setting.minimum <= value <= setting.maximum:
            self.add_error(
                "value",
                _("Choose a value from %(minimum)d to %(maximum)d.")
                % {"minimum": setting.minimum, "maximum": setting.maximum},
            )
        return data


@admin.register(OrganisationSetting)
class OrganisationSettingAdmin(OrganisationScopedAdmin):
    """Thresholds and weights the organisation chose; the declared default holds for the rest."""

    form = OrganisationSettingForm
    list_display = ["key", "value", "organisation"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.organisation_id = getattr(request.user, "organisation_id", None)
        super().save_model(request, obj, form, change)


# Only a superuser may make superusers or give Django's raw permissions and groups.
SUPERUSER_ONLY = ("is_superuser", "groups", "user_permissions")
# Nobody but a superuser changes their own roles, team, organisation or access: an
# administrator giving themselves a case role would read case data (and the sensitive section).
OWN_ACCESS = (
    "organisation",
    "team",
    "is_job_specialist",
    "is_team_leader",
    "is_language_teacher",
    "is_administrator",
    "is_staff",
    "is_active",
)


@admin.register(User)
class UserAdmin(OrganisationScopedAdmin, BaseUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "team",
        "is_job_specialist",
        "is_team_leader",
        "is_language_teacher",
        "is_administrator",
        "is_active",
    ]
    list_filter = [
        ("team", admin.RelatedOnlyFieldListFilter),
        "is_job_specialist",
        "is_team_leader",
        "is_language_teacher",
    ]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Placetrain"),
            {
                "fields": (
                    "organisation",
                    "team",
                    "phone",
                    "language",
                    "is_job_specialist",
                    "is_team_leader",
                    "is_language_teacher",
                    "is_administrator",
                )
            },
        ),
    )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in SUPERUSER_ONLY]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return (*readonly, *OWN_ACCESS)
        return readonly

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not request.user.is_superuser and obj.organisation_id is None:
            # A user the administrator creates belongs to the administrator's organisation.
            obj.organisation_id = getattr(request.user, "organisation_id", None)
        super().save_model(request, obj, form, change)


# The change history (auditlog's list, for superusers): its summary of a change is English and
# names the fields by their code names; here it is bokmål and names them as the forms do.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ChangeHistoryAdmin(LogEntryAdmin):
    @admin.display(description=_("Changes"))
    def msg_short(self, obj: LogEntry) -> str:
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        names = [str(get_field_verbose_name(obj, name)) for name in obj.changes_dict]
        return ngettext(
            "%(count)d change: %(fields)s", "%(count)d changes: %(fields)s", len(names)
        ) % {"count": len(names), "fields": ", ".join(names)}
