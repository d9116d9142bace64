from django.urls import path

from .views import documents, ending, meetings, plan

app_name = "placements"

urlpatterns = [
    # The plan, its start and extensions, the training plan, the 6H page
    path("deltaker/<int:pk>/ny/", plan.placement_plan, name="placement-plan"),
    path("mentorer/", plan.mentor_choices, name="mentor-choices"),
    path("<int:pk>/", plan.placement_detail, name="placement-detail"),
    path("<int:pk>/endre/", plan.placement_update, name="placement-update"),
    path("<int:pk>/start/", plan.placement_start, name="placement-start"),
    path("<int:pk>/forleng/", plan.placement_extend, name="placement-extend"),
    path("<int:pk>/6h/", plan.placement_print_6h, name="placement-print-6h"),
    path("<int:pk>/opplaering/ny/", plan.training_task_add, name="training-task-add"),
    path(
        "<int:pk>/opplaering/<int:task_pk>/status/",
        plan.training_task_set_status,
        name="training-task-set-status",
    ),
    path(
        "<int:pk>/opplaering/<int:task_pk>/flytt/",
        plan.training_task_move,
        name="training-task-move",
    ),
    path("<int:pk>/avslutt/", ending.placement_end, name="placement-end"),
    # Meetings
    path("<int:pk>/moter/ny/", meetings.meeting_plan, name="meeting-plan"),
    path("mote/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("mote/<int:pk>/endre/", meetings.meeting_update, name="meeting-update"),
    path("mote/<int:pk>/holdt/", meetings.meeting_hold, name="meeting-hold"),
    # Printed documents
    path(
        "deltaker/<int:pk>/individuell-plan/",
        documents.individual_plan,
        name="individual-plan",
    ),
    path(
        "deltaker/<int:pk>/individuell-plan/arbeidsgiver/",
        documents.individual_plan_employer,
        name="individual-plan-employer",
    ),
]
