from django.urls import path

from . import views

app_name = "employers"

urlpatterns = [
    path("", views.employer_list_view, name="list"),
    path("ny/", views.employer_create, name="create"),
    path("<int:pk>/", views.employer_detail, name="detail"),
    path("<int:pk>/endre/", views.employer_update, name="update"),
    path("<int:pk>/tidslinje/", views.employer_timeline_fragment, name="timeline"),
    path(
        "<int:pk>/kontaktpersoner/ny/", views.employer_contact_person_create, name="person-create"
    ),
    path(
        "<int:pk>/kontaktpersoner/<int:contact_pk>/endre/",
        views.employer_contact_person_update,
        name="person-update",
    ),
    path(
        "<int:pk>/kontaktpersoner/<int:contact_pk>/slett/",
        views.employer_contact_person_delete,
        name="person-delete",
    ),
]
