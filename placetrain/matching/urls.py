from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("jobbanalyse/<int:pk>/kandidater/", views.candidate_add, name="candidate-add"),
    path("kandidat/<int:pk>/status/", views.candidate_set_status, name="candidate-set-status"),
    path("kandidat/<int:pk>/svar/", views.candidate_record_answer, name="candidate-record-answer"),
]
