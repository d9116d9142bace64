"""The shortlist of a job analysis (issue 9, point 6): a candidate with a status and its
history, the employer's answer, reads of the candidates logged, colleagues' candidates
counted but not named; and the suggested candidates beside it."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from placetrain.lib.dates import today
from placetrain.matching.models import Candidate
from tests.factories import JobAnalysisFactory, ParticipantFactory, VocationalProfileFactory
from tests.html import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


@pytest.fixture
def analysis(world):
    return JobAnalysisFactory(employer=world.employer, title="Kassemedarbeider")


def page_of(client, analysis):
    return parse(client.get(reverse("employers:job-analysis-detail", args=[analysis.pk])))


def add(client, analysis, participant, **extra):
    return client.post(
        reverse("matching:candidate-add", args=[analysis.pk]),
        {"participant": participant.pk, **extra},
    )


def form_data(candidate, kind, **values):
    data = {"version": candidate.version, "on": today().isoformat(), **values}
    return {f"{kind}-{candidate.pk}-{name}": value for name, value in data.items()}


def test_a_suggested_participant_goes_on_the_shortlist_with_the_reasons(
    world, as_specialist, analysis
):
    VocationalProfileFactory(participant=world.participant_a, wished_occupations=["5223"])

    response = add(as_specialist, analysis, world.participant_a)

    assert response.status_code == 302
    assert response["Location"].endswith("#kandidatliste")
    candidate = Candidate.objects.get()
    assert candidate.status == Candidate.Status.CONSIDERED
    assert candidate.added_by == world.specialist_a
    assert candidate.score == sum(r["points"] for r in candidate.reasons)
    assert any("5223" in r["text"] for r in candidate.reasons)
    assert list(candidate.changes.values_list("status", flat=True)) == ["considered"]
    shortlist = page_of(as_specialist, analysis).by_id("kandidatliste")
    assert world.participant_a.full_name in shortlist.text


def test_the_same_participant_is_not_listed_twice(world, as_specialist, analysis):
    add(as_specialist, analysis, world.participant_a)

    response = add(as_specialist, analysis, world.participant_a)

    assert Candidate.objects.count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "The participant is already on this job's shortlist."


def test_adding_from_the_suggestions_leads_back_there(world, as_specialist, analysis):
    back = (
        reverse("participants:participant-detail", args=[world.participant_a.pk])
        + "?section=suggestions"
    )

    response = add(as_specialist, analysis, world.participant_a, next=back)

    assert response["Location"] == back


def test_not_relevant_needs_a_reason_and_each_step_is_dated_history(world, as_specialist, analysis):
    candidate = Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)
    url = reverse("matching:candidate-set-status", args=[candidate.pk])

    refused = as_specialist.post(url, form_data(candidate, "status", status="not_relevant"))

    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.CONSIDERED
    assert [str(m) for m in refused.wsgi_request._messages] == [
        "Say why the candidate is not relevant: the next colleague should know."
    ]

    as_specialist.post(url, form_data(candidate, "status", status="contacted"))
    candidate.refresh_from_db()
    as_specialist.post(
        url, form_data(candidate, "status", status="not_relevant", reason="Fikk annen jobb")
    )

    candidate.refresh_from_db()
    assert (candidate.status, candidate.reason) == ("not_relevant", "Fikk annen jobb")
    history = list(candidate.changes.order_by("pk").values_list("status", "reason"))
    assert history == [("contacted", ""), ("not_relevant", "Fikk annen jobb")]


def test_the_employers_answer_is_recorded(world, as_specialist, analysis):
    candidate = Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)

    as_specialist.post(
        reverse("matching:candidate-record-answer", args=[candidate.pk]),
        form_data(candidate, "answer", answer="yes", note="Vil møte henne tirsdag"),
    )

    candidate.refresh_from_db()
    assert candidate.employer_answer == Candidate.Answer.YES
    assert candidate.employer_answered_on == today()
    shortlist = page_of(as_specialist, analysis).by_id("kandidatliste").text
    assert "Vil møte henne tirsdag" in shortlist


def test_a_stale_page_does_not_overwrite_a_colleagues_change(world, client_for, analysis):
    candidate = Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)
    stale = form_data(candidate, "status", status="interested")
    url = reverse("matching:candidate-set-status", args=[candidate.pk])
    client_for(world.leader_a).post(url, form_data(candidate, "status", status="presented"))

    response = client_for(world.specialist_a).post(url, stale)

    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.PRESENTED
    assert "Someone changed this candidate" in str(list(response.wsgi_request._messages)[0])


def test_colleagues_candidates_are_counted_not_named(world, client_for, analysis):
    Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)
    Candidate.objects.create(job_analysis=analysis, participant=world.participant_b)

    shortlist = page_of(client_for(world.specialist_b), analysis).by_id("kandidatliste").text

    assert world.participant_b.full_name in shortlist
    assert world.participant_a.full_name not in shortlist
    assert "1 more candidate, followed by a colleague, is not shown." in shortlist


def test_every_participant_the_job_page_shows_is_logged_as_read(world, as_specialist, analysis):
    suggested = ParticipantFactory(specialist=world.specialist_a)
    VocationalProfileFactory(participant=suggested, wished_occupations=["5223"])
    Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    page = page_of(as_specialist, analysis)

    shown = {world.participant_a.pk, suggested.pk}
    assert suggested.full_name in page.by_id("kandidatforslag").text
    reads = LogEntry.objects.filter(pk__gt=before, action=LogEntry.Action.ACCESS)
    participant_reads = reads.filter(content_type__model="participant")
    assert {int(r.object_pk) for r in participant_reads} == shown
    assert {r.additional_data["section"] for r in participant_reads} == {"matching"}
    assert {r.actor_id for r in participant_reads} == {world.specialist_a.pk}
    assert all(r.object_repr == f"participant #{r.object_pk}" for r in participant_reads)
    # The shortlisted participant is not suggested again.
    assert world.participant_a.full_name not in page.by_id("kandidatforslag").text


def test_a_placement_planned_for_the_job_is_linked_to_the_candidacy(world, as_specialist, analysis):
    candidate = Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)

    as_specialist.post(
        reverse("placements:placement-plan", args=[world.participant_a.pk]),
        {
            "employer": world.employer.pk,
            "job_analysis": analysis.pk,
            "kind": "work_practice",
            "planned_start": today().isoformat(),
            "follow_up_by": world.specialist_a.pk,
        },
    )

    candidate.refresh_from_db()
    assert candidate.placement is not None
    assert candidate.placement.job_analysis == analysis
    shortlist = page_of(as_specialist, analysis).by_id("kandidatliste").text
    assert "The planned placement" in shortlist


def test_a_language_teacher_sees_no_shortlist_actions(world, client_for, analysis):
    world.participant_a.language_teachers.add(world.teacher)
    Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)

    page = page_of(client_for(world.teacher), analysis)

    assert page.by_id("kandidatforslag") is None
    assert not [f for f in page.forms if "/forslag/" in f.get("action", "")]
    assert world.participant_a.full_name not in page.text  # not among their taught
