from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.my_day, name="my-day"),
    path("deltakere/<int:pk>/kontakt/ny/", views.contact_log, name="contact-log"),
    path(
        "arbeidsgivere/<int:pk>/kontakt/ny/",
        views.employer_contact_log,
        name="employer-contact-log",
    ),
    path("neste-steg/<int:pk>/utfort/", views.next_step_complete, name="next-step-complete"),
]
