from django.urls import path

from . import views, workflow_views

app_name = "participants"

urlpatterns = [
    path("", views.participant_list_view, name="list"),
    path("ny/", views.participant_create, name="create"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/endre/", views.participant_update, name="update"),
    path("<int:pk>/slett/", views.participant_delete, name="delete"),
    path("<int:pk>/status/", views.participant_status, name="status"),
    path("<int:pk>/tidslinje/", views.participant_timeline_fragment, name="timeline"),
    path("<int:pk>/sensitivt/", views.sensitive_section, name="sensitive"),
    path("<int:pk>/tilgangslogg/", views.access_log_fragment, name="access-log"),
    path("<int:pk>/eksport/", views.participant_export, name="export"),
    path("<int:pk>/samtykker/ny/", views.consent_create, name="consent-create"),
    path(
        "<int:pk>/samtykker/<int:consent_pk>/trekk/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("<int:pk>/arbeidserfaring/ny/", views.work_history_create, name="work-create"),
    path(
        "<int:pk>/arbeidserfaring/<int:entry_pk>/slett/",
        views.work_history_delete,
        name="work-delete",
    ),
]

urlpatterns += workflow_views.urlpatterns
