"""The place-train workflow's URLs, one list per area (each view module owns its patterns)."""

from . import views_documents, views_ending, views_language, views_meetings, views_plan

app_name = "placements"

urlpatterns = [
    *views_plan.urlpatterns,
    *views_language.urlpatterns,
    *views_meetings.urlpatterns,
    *views_ending.urlpatterns,
    *views_documents.urlpatterns,
]
