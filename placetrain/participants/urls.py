from django.urls import path

from .views import case, workflow

app_name = "participants"

urlpatterns = [
    path("", case.participant_list, name="participant-list"),
    path("ny/", case.participant_create, name="participant-create"),
    path("<int:pk>/", case.participant_detail, name="participant-detail"),
    path("<int:pk>/endre/", case.participant_update, name="participant-update"),
    path("<int:pk>/slett/", case.participant_delete, name="participant-delete"),
    path("<int:pk>/status/", case.participant_set_status, name="participant-set-status"),
    path("<int:pk>/tidslinje/", case.participant_timeline, name="participant-timeline"),
    path("<int:pk>/sensitivt/", case.sensitive_detail, name="sensitive-detail"),
    path("<int:pk>/sensitivt/endre/", case.sensitive_update, name="sensitive-update"),
    path("<int:pk>/tilgangslogg/", case.access_log_list, name="access-log-list"),
    path("<int:pk>/eksport/", case.participant_export, name="participant-export"),
    path("<int:pk>/samtykker/ny/", case.consent_create, name="consent-create"),
    path(
        "<int:pk>/samtykker/<int:consent_pk>/trekk/",
        case.consent_withdraw,
        name="consent-withdraw",
    ),
    path("<int:pk>/arbeidserfaring/ny/", case.work_history_create, name="work-history-create"),
    path(
        "<int:pk>/arbeidserfaring/<int:entry_pk>/slett/",
        case.work_history_delete,
        name="work-history-delete",
    ),
    # Stages, checklist and vocational profile
    path("<int:pk>/trinn/", workflow.stage_list, name="stage-list"),
    path("<int:pk>/trinn/endre/", workflow.participant_set_stage, name="participant-set-stage"),
    path(
        "<int:pk>/trinn/sjekkliste/<int:item_pk>/",
        workflow.checklist_tick,
        name="checklist-tick",
    ),
    path("<int:pk>/yrkesprofil/", workflow.profile_detail, name="profile-detail"),
    path("<int:pk>/yrkesprofil/endre/", workflow.profile_update, name="profile-update"),
    path(
        "<int:pk>/yrkesprofil/versjon/<int:number>/",
        workflow.profile_version_detail,
        name="profile-version-detail",
    ),
]
