"""Administrators' housekeeping: users, teams and organisations. No case data is registered here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Team, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "shared_caseload"]
    list_filter = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
    list_filter = ["team", "is_job_specialist", "is_team_leader", "is_language_teacher"]
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
