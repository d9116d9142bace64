from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.my_day_view, name="my-day"),
    path(
        "deltakere/<int:pk>/kontakt/ny/",
        views.participant_contact_create,
        name="participant-contact-create",
    ),
    path(
        "arbeidsgivere/<int:pk>/kontakt/ny/",
        views.employer_contact_create,
        name="employer-contact-create",
    ),
    path("neste-steg/<int:pk>/utfort/", views.next_step_done, name="next-step-done"),
]
