from django.urls import path

from . import views

app_name = "employment"

# Under /praksis/ with the placements they usually follow (the paths users know).
urlpatterns = [
    path("deltaker/<int:pk>/ansettelse/ny/", views.employment_create, name="employment-create"),
    path("ansettelse/<int:pk>/", views.employment_detail, name="employment-detail"),
    path("ansettelse/<int:pk>/avslutt/", views.employment_end, name="employment-end"),
    path("oppfolging/<int:pk>/", views.checkin_record, name="checkin-record"),
    path("oppfolging/<int:pk>/flytt/", views.checkin_move, name="checkin-move"),
]
