from django.urls import path

from . import views

app_name = "language"

# Under /praksis/ where they have always been (the paths users know).
urlpatterns = [
    path("sprakplan/mine/", views.taught_participant_list, name="taught-participant-list"),
    path(
        "deltaker/<int:pk>/sprakplan/ny/",
        views.language_plan_create,
        name="language-plan-create",
    ),
    path("sprakplan/<int:pk>/", views.language_plan_detail, name="language-plan-detail"),
    path("sprakplan/<int:pk>/endre/", views.language_plan_update, name="language-plan-update"),
    path("sprakplan/<int:pk>/delmal/ny/", views.language_goal_add, name="language-goal-add"),
    path(
        "sprakplan/<int:pk>/delmal/<int:goal_pk>/nadd/",
        views.language_goal_set_reached,
        name="language-goal-set-reached",
    ),
    path(
        "sprakplan/<int:pk>/observasjon/ny/",
        views.language_observation_add,
        name="language-observation-add",
    ),
    path("sprakplan/<int:pk>/notat/ny/", views.language_note_add, name="language-note-add"),
]
