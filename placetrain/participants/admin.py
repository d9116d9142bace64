"""Only configuration is in the admin (programme list, stage checklists); case data never is."""

from django.contrib import admin

from placetrain.accounts.admin import OrganisationScopedAdmin

from .models import ChecklistItem, Programme


@admin.register(Programme)
class ProgrammeAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation", "active"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter), "active"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    """The activities of each EUSE stage. Retire an item by unticking "active" rather than
    deleting it: deleting also deletes every participant's tick on it. "Ticked from the record
    by" names what in the record proves an item, so the system ticks it."""

    list_display = ["text", "stage", "order", "active", "evidence"]
    list_editable = ["order", "active"]
    list_filter = ["stage", "active", "evidence"]
    search_fields = ["text"]
    ordering = ["stage", "order", "pk"]
