"""One permission matrix: every URL in Django's resolver × every persona → the expected status.

The rule of the house: anonymous users are sent to the login page; anything outside the user's
scope answers 404 (its existence does not leak); 403 where the user can see the thing but may not
do this with it. A URL that is added without a row here fails
``test_every_url_in_the_resolver_has_a_row_in_the_matrix``.

Views that take GET are requested with GET; POST-only views are posted with empty data.
GET-only views (the PDF downloads) answer any POST with 405, before looking at the id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import rules
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment
from placetrain.language import services as language_services
from placetrain.lib.dates import today
from placetrain.matching.models import Candidate
from placetrain.participants import services as participant_services
from placetrain.participants.models import ChecklistItem, Stage, WorkHistoryEntry
from placetrain.participants.pages import participant_sections
from placetrain.participants.selectors import participants_visible_to
from placetrain.placements import services as placement_services
from placetrain.placements.models import Meeting, PlacementType, Purpose
from tests.conftest import PERSONAS
from tests.factories import (
    AgreementFactory,
    ConsentFactory,
    EmployerContactFactory,
    JobAnalysisFactory,
    NextStepFactory,
    ParticipantFactory,
)


@dataclass(frozen=True)
class Redirect:
    """A 302 whose Location resolves to the URL named ``to``."""

    to: str
    status: int = 302


OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
LOGIN = Redirect("accounts:login")
ADMIN_LOGIN = Redirect("admin:login")
MY_DAY = Redirect("activities:my-day")
PARTICIPANT = Redirect("participants:participant-detail")
EMPLOYER = Redirect("employers:employer-detail")
JOB_ANALYSIS = Redirect("employers:job-analysis-detail")
STAGES = Redirect("participants:stage-list")
PLACEMENT = Redirect("placements:placement-detail")

# Answer only to POST: requested with an empty POST body.
POST_ONLY = {
    "accounts:logout",
    "employers:employer-options",
    "activities:next-step-complete",
    "participants:participant-set-status",
    "participants:work-history-delete",
    "employers:contact-person-delete",
    "employers:job-analysis-visit",
    "matching:candidate-add",
    "matching:candidate-set-status",
    "matching:candidate-record-answer",
    "employers:agreement-delete",
    "set_language",
    "participants:participant-set-stage",
    "participants:checklist-tick",
    "placements:training-task-add",
    "placements:training-task-set-status",
    "placements:training-task-move",
    "employment:checkin-move",
}

# Answer only to GET (downloads): a POST is 405 for everyone logged in, whatever the id.
GET_ONLY = {
    "placements:mentor-choices",
    "placements:individual-plan",
    "placements:individual-plan-employer",
}

# The objects each URL's kwargs point at (attributes of the ``objects`` fixture); the pk, or
# another field after a dot ("profile.number").
URL_KWARGS = {
    "activities:contact-log": {"pk": "participant"},
    "activities:employer-contact-log": {"pk": "employer"},
    "activities:next-step-complete": {"pk": "next_step"},
    "participants:participant-detail": {"pk": "participant"},
    "participants:participant-update": {"pk": "participant"},
    "participants:participant-delete": {"pk": "participant"},
    "participants:participant-set-status": {"pk": "participant"},
    "participants:participant-timeline": {"pk": "participant"},
    "participants:sensitive-detail": {"pk": "participant"},
    "participants:sensitive-update": {"pk": "participant"},
    "participants:access-log-list": {"pk": "participant"},
    "participants:participant-export": {"pk": "participant"},
    "participants:consent-create": {"pk": "participant"},
    "participants:consent-withdraw": {"pk": "participant", "consent_pk": "consent"},
    "participants:work-history-create": {"pk": "participant"},
    "participants:work-history-delete": {"pk": "participant", "entry_pk": "work_entry"},
    "employers:employer-detail": {"pk": "employer"},
    "employers:employer-update": {"pk": "employer"},
    "employers:employer-timeline": {"pk": "employer"},
    "employers:employer-chain": {"pk": "employer"},
    "employers:employer-stage-change": {"pk": "employer"},
    "employers:agreement-create": {"pk": "employer"},
    "employers:agreement-update": {"pk": "employer", "agreement_pk": "agreement"},
    "employers:agreement-delete": {"pk": "employer", "agreement_pk": "agreement"},
    "employers:contact-person-create": {"pk": "employer"},
    "employers:contact-person-update": {"pk": "employer", "contact_pk": "contact_person"},
    "employers:contact-person-delete": {"pk": "employer", "contact_pk": "contact_person"},
    "employers:job-analysis-create": {"pk": "employer"},
    "employers:job-analysis-detail": {"pk": "job_analysis"},
    "employers:job-analysis-update": {"pk": "job_analysis"},
    "employers:job-analysis-visit": {"pk": "job_analysis"},
    "matching:candidate-add": {"pk": "job_analysis"},
    "matching:candidate-set-status": {"pk": "candidate"},
    "matching:candidate-record-answer": {"pk": "candidate"},
    # Stages, checklist and vocational profile
    "participants:stage-list": {"pk": "participant"},
    "participants:participant-set-stage": {"pk": "participant"},
    "participants:checklist-tick": {"pk": "participant", "item_pk": "checklist_item"},
    "participants:profile-detail": {"pk": "participant"},
    "participants:profile-update": {"pk": "participant"},
    "participants:profile-version-detail": {"pk": "participant", "number": "profile.number"},
    # Placements and their training plan
    "placements:placement-plan": {"pk": "participant"},
    "placements:placement-detail": {"pk": "placement"},
    "placements:placement-update": {"pk": "placement"},
    "placements:placement-start": {"pk": "placement"},
    "placements:placement-extend": {"pk": "placement"},
    "placements:placement-print-6h": {"pk": "placement"},
    "placements:placement-end": {"pk": "placement"},
    "placements:training-task-add": {"pk": "placement"},
    "placements:training-task-set-status": {"pk": "placement", "task_pk": "task"},
    "placements:training-task-move": {"pk": "placement", "task_pk": "task"},
    # Meetings
    "placements:meeting-plan": {"pk": "placement"},
    "placements:meeting-detail": {"pk": "meeting"},
    "placements:meeting-update": {"pk": "meeting"},
    "placements:meeting-hold": {"pk": "meeting"},
    # Language plans
    "language:language-plan-create": {"pk": "participant"},
    "language:language-plan-detail": {"pk": "language_plan"},
    "language:language-plan-update": {"pk": "language_plan"},
    "language:language-goal-add": {"pk": "language_plan"},
    "language:language-goal-set-reached": {"pk": "language_plan", "goal_pk": "language_goal"},
    "language:language-observation-add": {"pk": "language_plan"},
    "language:language-note-add": {"pk": "language_plan"},
    # Employment and follow-up
    "employment:employment-create": {"pk": "participant"},
    "employment:employment-detail": {"pk": "employment"},
    "employment:employment-end": {"pk": "employment"},
    "employment:checkin-record": {"pk": "checkin"},
    "employment:checkin-move": {"pk": "checkin"},
    # Printed documents
    "placements:individual-plan": {"pk": "participant"},
    "placements:individual-plan-employer": {"pk": "participant"},
}

# fmt: off
MATRIX = {
    # --- Min dag, contact log, next steps --------------------------------------------------
    "activities:my-day": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": OK,  # admin: the "no case role" page
    },
    "activities:contact-log": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "activities:employer-contact-log": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "activities:next-step-complete": {  # the step is specialist_a's own
        "anonymous": LOGIN, "specialist_a": MY_DAY, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": NOT_FOUND, "teacher": NOT_FOUND,
        "admin": NOT_FOUND,
    },
    # --- Accounts ------------------------------------------------------------------------------
    "accounts:login": {
        "anonymous": OK, "specialist_a": MY_DAY, "specialist_a2": MY_DAY, "specialist_b": MY_DAY,
        "leader_a": MY_DAY, "teacher": MY_DAY, "admin": MY_DAY,
    },
    "accounts:logout": {
        "anonymous": LOGIN, "specialist_a": LOGIN, "specialist_a2": LOGIN, "specialist_b": LOGIN,
        "leader_a": LOGIN, "teacher": LOGIN, "admin": LOGIN,
    },
    "accounts:preferences-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": OK,
    },
    # --- Participants (participant_a: specialist_a's, in team A, taught by teacher) -----------
    "participants:participant-list": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": FORBIDDEN,
    },
    "participants:participant-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": FORBIDDEN,
    },
    "participants:participant-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "participants:participant-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:participant-delete": {  # deleting is the team leader's call
        "anonymous": LOGIN, "specialist_a": FORBIDDEN, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:participant-set-status": {  # empty POST: the form comes back with its errors
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:participant-timeline": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:sensitive-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:sensitive-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:access-log-list": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:participant-export": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:consent-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:consent-withdraw": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:work-history-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:work-history-delete": {  # empty POST deletes the entry: back to the participant
        "anonymous": LOGIN, "specialist_a": PARTICIPANT, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": PARTICIPANT, "teacher": FORBIDDEN,
        "admin": NOT_FOUND,
    },
    # --- Stages, checklist, vocational profile: the case, not the teacher's -----------------
    "participants:stage-list": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    # empty POST: the page comes back with the form's errors
    "participants:participant-set-stage": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:checklist-tick": {  # empty POST asks "unticked": unchanged, back to stages
        "anonymous": LOGIN, "specialist_a": STAGES, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": STAGES, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:profile-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:profile-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:profile-version-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    # --- Placements: participant-level pages (the teacher sees the participant: 403) --------
    "employers:employer-options": {  # a form's employer search: who keeps cases
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": FORBIDDEN,
    },
    "placements:mentor-choices": {  # an employer's people, no participant: who plans placements
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": FORBIDDEN,
    },
    "placements:placement-plan": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employment:employment-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "placements:individual-plan": {  # a PDF download
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "placements:individual-plan-employer": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    # --- Placement, training plan, meetings, employment, check-ins: the case's own records ---
    # Outside the case scope for the teacher too: a placement is not the teacher's to know of.
    "placements:placement-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:placement-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:placement-start": {  # planned: the start form, naming what is missing
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:placement-extend": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:placement-print-6h": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:placement-end": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:training-task-add": {  # empty POST: the placement page with the task form's error
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    # empty POST: the placement page with the status form's error
    "placements:training-task-set-status": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    # empty POST: no direction, nothing moves, back to the placement
    "placements:training-task-move": {
        "anonymous": LOGIN, "specialist_a": PLACEMENT, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": PLACEMENT, "teacher": NOT_FOUND,
        "admin": NOT_FOUND,
    },
    "placements:meeting-plan": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:meeting-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:meeting-update": {  # not held yet: the form
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "placements:meeting-hold": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "employment:employment-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "employment:employment-end": {  # the job has not ended: the form
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "employment:checkin-record": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "employment:checkin-move": {  # empty POST: the check-in page with the move form's error
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    # --- Language plans: the case workers and the participant's assigned teacher -------------
    "language:taught-participant-list": {  # the teacher's own list
        "anonymous": LOGIN, "specialist_a": FORBIDDEN, "specialist_a2": FORBIDDEN,
        "specialist_b": FORBIDDEN, "leader_a": FORBIDDEN, "teacher": OK, "admin": FORBIDDEN,
    },
    "language:language-plan-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "language:language-plan-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "language:language-plan-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "language:language-goal-add": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "language:language-goal-set-reached": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "language:language-observation-add": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "language:language-note-add": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    # --- Employers: the organisation's register, read by every case role --------------------
    "employers:employer-list": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": FORBIDDEN,
    },
    "employers:employer-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": FORBIDDEN,
    },
    "employers:employer-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "employers:employer-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:employer-timeline": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "employers:employer-chain": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "employers:employer-stage-change": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:agreement-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:agreement-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:agreement-delete": {  # empty POST removes the agreement: back to the employer
        "anonymous": LOGIN, "specialist_a": EMPLOYER, "specialist_a2": EMPLOYER,
        "specialist_b": EMPLOYER, "leader_a": EMPLOYER, "teacher": FORBIDDEN,
        "admin": NOT_FOUND,
    },
    "employers:contact-person-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:contact-person-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:contact-person-delete": {  # empty POST removes the person: back to the employer
        "anonymous": LOGIN, "specialist_a": EMPLOYER, "specialist_a2": EMPLOYER,
        "specialist_b": EMPLOYER, "leader_a": EMPLOYER, "teacher": FORBIDDEN,
        "admin": NOT_FOUND,
    },
    "employers:job-analysis-create": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:job-analysis-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "employers:job-analysis-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "employers:job-analysis-visit": {  # empty POST: "give the date", back to the analysis
        "anonymous": LOGIN, "specialist_a": JOB_ANALYSIS, "specialist_a2": JOB_ANALYSIS,
        "specialist_b": JOB_ANALYSIS, "leader_a": JOB_ANALYSIS, "teacher": FORBIDDEN,
        "admin": NOT_FOUND,
    },
    # --- Matching: the shortlist of a job analysis (an empty POST: a message, back to it) -----
    "matching:candidate-add": {
        "anonymous": LOGIN, "specialist_a": JOB_ANALYSIS, "specialist_a2": JOB_ANALYSIS,
        "specialist_b": JOB_ANALYSIS, "leader_a": JOB_ANALYSIS, "teacher": FORBIDDEN,
        "admin": NOT_FOUND,
    },
    "matching:candidate-set-status": {  # participant_a's candidacy: their case workers only
        "anonymous": LOGIN, "specialist_a": JOB_ANALYSIS, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": JOB_ANALYSIS, "teacher": NOT_FOUND,
        "admin": NOT_FOUND,
    },
    "matching:candidate-record-answer": {
        "anonymous": LOGIN, "specialist_a": JOB_ANALYSIS, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": JOB_ANALYSIS, "teacher": NOT_FOUND,
        "admin": NOT_FOUND,
    },
    # --- Project-level URLs -------------------------------------------------------------------
    "set_language": {  # no language posted: nothing changes, back to the start page
        "anonymous": MY_DAY, "specialist_a": MY_DAY, "specialist_a2": MY_DAY,
        "specialist_b": MY_DAY, "leader_a": MY_DAY, "teacher": MY_DAY, "admin": MY_DAY,
    },
    "admin:index": {  # Django admin: is_staff only, everyone else to the admin's login
        "anonymous": ADMIN_LOGIN, "specialist_a": ADMIN_LOGIN, "specialist_a2": ADMIN_LOGIN,
        "specialist_b": ADMIN_LOGIN, "leader_a": ADMIN_LOGIN, "teacher": ADMIN_LOGIN,
        "admin": OK,
    },
    "healthz": {  # liveness probe: public, no data
        "anonymous": OK, "specialist_a": OK, "specialist_a2": OK, "specialist_b": OK,
        "leader_a": OK, "teacher": OK, "admin": OK,
    },
}
# fmt: on

# With team A's shared caseload switched on, specialist_a2 works participant_a's case too —
# stages, profile, placements and language plans included — but the sensitive section stays
# with the responsible specialist and the leader, and the teacher still reaches only the
# language plan.
# fmt: off
SHARED_CASELOAD_MATRIX = {
    "participants:participant-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": NOT_FOUND,
        "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
    "participants:participant-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": NOT_FOUND,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:participant-timeline": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": NOT_FOUND,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:sensitive-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": FORBIDDEN,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:sensitive-update": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": FORBIDDEN,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:participant-delete": {
        "anonymous": LOGIN, "specialist_a": FORBIDDEN, "specialist_a2": FORBIDDEN,
        "specialist_b": NOT_FOUND, "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:stage-list": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": NOT_FOUND,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "participants:profile-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": NOT_FOUND,
        "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
    },
    "placements:placement-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": NOT_FOUND,
        "leader_a": OK, "teacher": NOT_FOUND, "admin": NOT_FOUND,
    },
    "language:language-plan-detail": {
        "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": OK, "specialist_b": NOT_FOUND,
        "leader_a": OK, "teacher": OK, "admin": NOT_FOUND,
    },
}
# fmt: on


def _walk(patterns, namespace: str | None = None, prefix: str = ""):
    """Yield ``(name, route)`` for every URL pattern, names as ``namespace:name``."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern):
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, route, namespace


def _resolver_urls() -> tuple[set[str], list[str]]:
    """The named URLs under test, and the routes of non-admin URLs that have no name."""
    names, unnamed = set(), []
    for name, route, namespace in _walk(get_resolver().url_patterns):
        in_admin = namespace is not None and namespace.split(":")[0] == "admin"
        if in_admin and name != "admin:index":
            continue
        if name is None:
            unnamed.append(route)
        else:
            names.add(name)
    return names, unnamed


@pytest.fixture
def objects(world):
    """What the URLs' kwargs point at: participant_a and the nested things of its case.

    participant_a has a vocational profile, a planned placement at the world's employer with a
    training task and a planned meeting, a language plan (taught by world.teacher, who is
    assigned to participant_a) with a sub-goal, and a job with its follow-up check-ins."""
    participant, specialist = world.participant_a, world.specialist_a
    profile = participant_services.profile_update(
        user=specialist,
        participant=participant,
        data={"job_wishes": "Butikk", "strengths": "Punktlig"},
        based_on=None,
    )
    placement = placement_services.placement_plan(
        user=specialist,
        participant=participant,
        data={
            "employer": world.employer,
            "kind": PlacementType.WORK_TRAINING,
            "planned_start": today() + dt.timedelta(days=7),
            "purpose": Purpose.PAID_JOB,
            "goal": "Fast jobb i butikk",
        },
    )
    language_plan = language_services.language_plan_create(
        user=specialist,
        participant=participant,
        data={"placement": placement, "teacher": world.teacher, "final_goal": "B1 muntlig"},
    )
    employment = employment_services.employment_create(
        user=specialist,
        participant=participant,
        data={
            "employer": world.employer,
            "kind": Employment.Kind.PART_TIME,
            "started_on": today() - dt.timedelta(days=10),
            "percent_of_full_time": 60,
        },
    )
    return SimpleNamespace(
        participant=participant,
        employer=world.employer,
        consent=ConsentFactory(participant=participant),
        work_entry=WorkHistoryEntry.objects.create(
            participant=participant, workplace="Kiwi Sentrum"
        ),
        next_step=NextStepFactory(participant=participant, owner=specialist),
        contact_person=EmployerContactFactory(employer=world.employer),
        job_analysis=(analysis := JobAnalysisFactory(employer=world.employer)),
        candidate=Candidate.objects.create(job_analysis=analysis, participant=participant),
        agreement=AgreementFactory(employer=world.employer),
        checklist_item=ChecklistItem.objects.create(
            stage=Stage.SUPPORT, text="Avtal oppfølging med arbeidsgiver", order=99
        ),
        profile=profile,
        placement=placement,
        task=placement_services.training_task_add(
            user=specialist, placement=placement, description="Fylle varer"
        ),
        meeting=placement_services.meeting_plan(
            user=specialist,
            placement=placement,
            data={
                "kind": Meeting.Kind.STARTUP,
                "planned_at": timezone.now() + dt.timedelta(days=3),
            },
        ),
        language_plan=language_plan,
        language_goal=language_services.language_goal_add(
            user=world.teacher, plan=language_plan, description="Småprat i lunsjen", due_on=None
        ),
        employment=employment,
        checkin=employment.checkins.order_by("due_on", "pk").first(),
    )


def _url(name: str, objects) -> str:
    kwargs = {}
    for key, spec in URL_KWARGS.get(name, {}).items():
        attr, _dot, field = spec.partition(".")
        kwargs[key] = getattr(getattr(objects, attr), field or "pk")
    return reverse(name, kwargs=kwargs)


def _request(client, name: str, url: str):
    return client.post(url, {}) if name in POST_ONLY else client.get(url)


def _assert_status(response, expected, url: str) -> None:
    status = expected.status if isinstance(expected, Redirect) else expected
    assert response.status_code == status, f"{url}: expected {status}, got {response.status_code}"
    if isinstance(expected, Redirect):
        location = urlsplit(response["Location"])
        assert resolve(location.path).view_name == expected.to, response["Location"]
        if expected in (LOGIN, ADMIN_LOGIN) and "next" in parse_qs(location.query):
            assert parse_qs(location.query)["next"] == [url]


def test_every_url_in_the_resolver_has_a_row_in_the_matrix():
    names, _unnamed = _resolver_urls()
    missing = sorted(names - MATRIX.keys())
    assert not missing, f"URLs without a row in the permission matrix: {missing}"


def test_every_row_in_the_matrix_is_a_url_in_the_resolver():
    names, _unnamed = _resolver_urls()
    stale = sorted(MATRIX.keys() - names)
    assert not stale, f"Matrix rows for URLs that no longer exist: {stale}"


def test_every_url_outside_the_admin_has_a_name():
    _names, unnamed = _resolver_urls()
    assert not unnamed, f"Unnamed URLs cannot be held to the matrix: {unnamed}"


def test_every_row_gives_a_status_for_every_persona():
    incomplete = {
        name: sorted(set(PERSONAS) ^ row.keys())
        for name, row in MATRIX.items()
        if set(row) != set(PERSONAS)
    }
    assert not incomplete


def test_kwargs_and_post_only_list_name_only_urls_in_the_matrix():
    assert URL_KWARGS.keys() <= MATRIX.keys()
    assert POST_ONLY <= MATRIX.keys()
    assert GET_ONLY <= MATRIX.keys()
    assert not POST_ONLY & GET_ONLY
    assert SHARED_CASELOAD_MATRIX.keys() <= MATRIX.keys()


def test_every_kwarg_of_a_url_points_at_an_object(world, objects):
    """A row whose kwargs are missing would fail to reverse; one pointing at nothing would 404."""
    for name in MATRIX:
        for spec in URL_KWARGS.get(name, {}).values():
            attr, _dot, field = spec.partition(".")
            assert getattr(getattr(objects, attr), field or "pk") is not None, (name, spec)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_persona_gets_the_expected_status(name, persona, world, objects, client_for):
    client = client_for(world.user(persona))
    url = _url(name, objects)
    _assert_status(_request(client, name, url), MATRIX[name][persona], url)


# The participant page's sections (``?section=<key>``, the same URL): those of the case for
# whoever sees the case; the language plans and the details for the language teacher too (who
# sees the participant, so the case's sections are 403); a section that does not exist is 404.
# A section registered without a row fails ``test_every_section_has_a_row``.
# fmt: off
CASE_SECTION = {
    "anonymous": LOGIN, "specialist_a": OK, "specialist_a2": NOT_FOUND, "specialist_b": NOT_FOUND,
    "leader_a": OK, "teacher": FORBIDDEN, "admin": NOT_FOUND,
}
TAUGHT_SECTION = {**CASE_SECTION, "teacher": OK}
SECTION_MATRIX = {
    "overview": CASE_SECTION,
    "placements": CASE_SECTION,
    "suggestions": CASE_SECTION,
    "jobs": CASE_SECTION,
    "language": TAUGHT_SECTION,
    "details": TAUGHT_SECTION,
    "no-such-section": {
        "anonymous": LOGIN, "specialist_a": NOT_FOUND, "specialist_a2": NOT_FOUND,
        "specialist_b": NOT_FOUND, "leader_a": NOT_FOUND, "teacher": NOT_FOUND,
        "admin": NOT_FOUND,
    },
}
# fmt: on
NOT_A_SECTION = {"no-such-section"}


def test_every_section_has_a_row():
    assert sorted(SECTION_MATRIX.keys() - NOT_A_SECTION) == sorted(participant_sections.keys())
    assert all(set(row) == set(PERSONAS) for row in SECTION_MATRIX.values())


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("section", sorted(SECTION_MATRIX))
def test_each_section_of_the_participant_page_answers_as_the_matrix_says(
    section, persona, htmx, world, objects, client_for
):
    client = client_for(world.user(persona))
    url = f"{_url('participants:participant-detail', objects)}?section={section}"
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    _assert_status(client.get(url, **headers), SECTION_MATRIX[section][persona], url)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
@pytest.mark.parametrize("name", sorted(POST_ONLY - {"set_language"}))
def test_post_only_urls_answer_405_to_get(name, persona, world, objects, client_for):
    client = client_for(world.user(persona))
    assert client.get(_url(name, objects)).status_code == 405


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
@pytest.mark.parametrize("name", sorted(GET_ONLY))
def test_get_only_urls_answer_405_to_post(name, persona, world, objects, client_for):
    client = client_for(world.user(persona))
    assert client.post(_url(name, objects), {}).status_code == 405


REFUSED = sorted(
    (name, persona)
    for name, row in MATRIX.items()
    if name not in POST_ONLY
    for persona, expected in row.items()
    if expected in (FORBIDDEN, NOT_FOUND)
)


@pytest.mark.parametrize(("name", "persona"), REFUSED)
def test_a_refused_persona_is_refused_the_same_way_on_post(
    name, persona, world, objects, client_for
):
    """Forms that answer GET with 403/404 must not accept the POST either (GET-only views
    refuse every POST with 405, before looking at the id)."""
    client = client_for(world.user(persona))
    url = _url(name, objects)
    expected = 405 if name in GET_ONLY else MATRIX[name][persona]
    assert client.post(url, {}).status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(SHARED_CASELOAD_MATRIX))
def test_a_shared_caseload_opens_the_case_to_the_team(name, persona, world, objects, client_for):
    world.team_a.shared_caseload = True
    world.team_a.save()
    client = client_for(world.user(persona))
    url = _url(name, objects)
    _assert_status(client.get(url), SHARED_CASELOAD_MATRIX[name][persona], url)


@pytest.mark.parametrize("shared_caseload", [False, True])
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_object_rules_agree_with_the_list_scope(persona, shared_caseload, world):
    """The selector (lists, 404s) and the rules (403s) must draw the same line."""
    world.team_a.shared_caseload = shared_caseload
    world.team_a.save()
    user = world.user(persona)
    # Someone else's participant in team A, not taught by the teacher.
    other_in_team_a = ParticipantFactory(specialist=world.leader_a, programme=world.programme)
    everyone = [world.participant_a, world.participant_b, other_in_team_a]
    visible = set(participants_visible_to(user))
    case_scope = set(participants_visible_to(user, include_teaching=False))
    for participant in everyone:
        assert rules.has_perm("participants.view_participant", user, participant) == (
            participant in visible
        ), participant
        assert rules.has_perm("participants.view_case", user, participant) == (
            participant in case_scope
        ), participant


@pytest.mark.parametrize("name", sorted(n for n in MATRIX if n not in POST_ONLY))
def test_no_page_a_logged_in_user_sees_is_cached(name, world, objects, client_for):
    """Participant data (and the names leading to it) stay out of browser and proxy caches."""
    persona = next(
        (p for p in ("specialist_a", "leader_a", "teacher", "admin") if MATRIX[name][p] == OK),
        None,
    )
    if persona is None:
        pytest.skip("no persona reads this page with a 200")
    response = client_for(world.user(persona)).get(_url(name, objects))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"], name
    assert "private" in response["Cache-Control"], name
