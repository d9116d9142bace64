"""Only configuration is in the admin (programme list); case data never is."""

from django.contrib import admin

from .models import Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "active"]
    list_filter = ["organisation", "active"]
