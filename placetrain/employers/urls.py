from django.urls import path

from . import views

app_name = "employers"

urlpatterns = [
    path("", views.employer_list, name="employer-list"),
    path("ny/", views.employer_create, name="employer-create"),
    path("valg/", views.employer_options, name="employer-options"),
    path("<int:pk>/", views.employer_detail, name="employer-detail"),
    path("<int:pk>/endre/", views.employer_update, name="employer-update"),
    path("<int:pk>/tidslinje/", views.employer_timeline, name="employer-timeline"),
    path("<int:pk>/kjede/", views.employer_chain, name="employer-chain"),
    path("<int:pk>/fase/", views.employer_stage_change, name="employer-stage-change"),
    path("<int:pk>/avtaler/ny/", views.agreement_create, name="agreement-create"),
    path(
        "<int:pk>/avtaler/<int:agreement_pk>/endre/",
        views.agreement_update,
        name="agreement-update",
    ),
    path(
        "<int:pk>/avtaler/<int:agreement_pk>/slett/",
        views.agreement_delete,
        name="agreement-delete",
    ),
    path(
        "<int:pk>/kontaktpersoner/ny/",
        views.contact_person_create,
        name="contact-person-create",
    ),
    path(
        "<int:pk>/kontaktpersoner/<int:contact_pk>/endre/",
        views.contact_person_update,
        name="contact-person-update",
    ),
    path(
        "<int:pk>/kontaktpersoner/<int:contact_pk>/slett/",
        views.contact_person_delete,
        name="contact-person-delete",
    ),
    path("<int:pk>/jobbanalyser/ny/", views.job_analysis_create, name="job-analysis-create"),
    path("jobbanalyser/<int:pk>/", views.job_analysis_detail, name="job-analysis-detail"),
    path("jobbanalyser/<int:pk>/endre/", views.job_analysis_update, name="job-analysis-update"),
    path("jobbanalyser/<int:pk>/besok/", views.job_analysis_visit, name="job-analysis-visit"),
]
