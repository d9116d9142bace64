"""Issue 7, point 1: stages and checklists follow the data. An item the record proves (a referral
with its order, a consent, an assessed Norwegian level, a vocational profile, a placement, a
mentor, a hire, a follow-up plan …) is ticked "from the record" with its source and link, and
unticked when the source goes; the specialist ticks the rest. The stage moves forward when a
placement starts or a hire is made, with a dated entry saying why; never backwards by itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.employment import services as employment_services
from placetrain.lib.dates import today
from placetrain.participants import services as participant_services
from placetrain.participants.models import (
    ChecklistItem,
    Evidence,
    Participant,
    Stage,
    StageChange,
)
from placetrain.participants.pages import checklist_evidence
from placetrain.participants.selectors import workflow_summary
from placetrain.placements import services as placement_services
from placetrain.placements.models import Meeting, Placement, TrainingTask
from tests.factories import (
    ConsentFactory,
    EmployerContactFactory,
    EmploymentFactory,
    FollowUpCheckinFactory,
    MeetingFactory,
    PlacementFactory,
    VocationalProfileFactory,
    answered_placement,
    started_placement,
)
from tests.html import parse

pytestmark = pytest.mark.usefixtures("english_pages")

# The default checklist's items (participants/migrations/0004) and what proves each.
ITEM = {
    Evidence.REFERRAL: "Henvisning med tydelig bestilling mottatt",
    Evidence.NORWEGIAN_LEVEL: "Norsknivå vurdert tidlig (ved behov)",
    Evidence.CONSENT: (
        "Samtykke innhentet: kontakt med andre tjenester og hva arbeidsgiver kan få vite"
    ),
    Evidence.PROFILE: "Yrkesprofil fylt ut sammen med deltakeren",
    Evidence.FIVE_WORKPLACES: "Deltakeren har navngitt fem arbeidsplasser hen vil jobbe på",
    Evidence.EARLY_PLACEMENT: "Matchet til en praksisplass innen 2 uker etter inntak",
    Evidence.AGREEMENT: "Avtale med arbeidsgiver: varighet, formål, kontaktperson og oppfølging",
    Evidence.MENTOR: "Fadder utpekt hos arbeidsgiver",
    Evidence.INTENTION_AGREEMENT: "Intensjonsavtale om ansettelse vurdert",
    Evidence.STARTUP_MEETING: "Oppstartsmøte holdt",
    Evidence.EARLY_EVALUATION: "Første evalueringsmøte på arbeidsplassen innen en måned",
    Evidence.TRAINING_PLAN: "Trinnvis opplæringsplan i bruk",
    Evidence.HIRE_OR_EVALUATED_END: "Ansettelse, eller avslutning med evaluering av hvorfor",
    Evidence.FOLLOW_UP_PLAN: "Etteroppfølging i minst ett år etter ansettelse planlagt",
}


def proven(client, participant) -> dict[str, tuple[str, list[str]]]:
    """The stages page's items ticked from the record: text -> (the source shown, its links)."""
    page = parse(client.get(reverse("participants:stage-list", args=[participant.pk])))
    found = {}
    for row in page.select("li[data-proven=true]"):
        box = row.one("input[type=checkbox]")
        assert "checked" in box and "disabled" in box  # ticked, and not the specialist's to untick
        source = row.one(".pt-muted")
        found[row.one("label").text] = (source.text, source.links)
    return found


def fresh(participant) -> Participant:
    return Participant.objects.get(pk=participant.pk)


class TestTheChecklistItemsTheRecordCanProve:
    def test_the_default_items_know_what_proves_them(self, db):
        linked = dict(ChecklistItem.objects.exclude(evidence="").values_list("evidence", "text"))
        assert linked == {code.value: text for code, text in ITEM.items()}

    def test_every_kind_of_proof_has_an_app_that_gives_it(self):
        covered = set().union(*(source.codes for source in checklist_evidence))
        assert covered == set(Evidence.values)

    def test_an_item_without_proof_is_still_the_specialists_to_tick(self, world, as_specialist):
        page = parse(
            as_specialist.get(reverse("participants:stage-list", args=[world.participant_a.pk]))
        )
        item = ChecklistItem.objects.get(text="Individuell plan (IP) vurdert")
        box = page.one(f"#sjekk-boks-{item.pk}")
        assert "disabled" not in box and "checked" not in box


class TestTickedFromTheRecord:
    def test_a_referral_with_its_order(self, world, as_specialist):
        participant = world.participant_a
        Participant.objects.filter(pk=participant.pk).update(
            referral_date=dt.date(2026, 10, 5), referral_order="Avklaring og jobb i butikk"
        )

        source, links = proven(as_specialist, participant)[ITEM[Evidence.REFERRAL]]

        assert source == "From the record: Referral of 05.10.2026, with its order"
        assert links == [reverse("participants:participant-detail", args=[participant.pk])]

    def test_a_referral_without_its_order_proves_nothing(self, world, as_specialist):
        Participant.objects.filter(pk=world.participant_a.pk).update(
            referral_date=dt.date(2026, 10, 5), referral_order=" "
        )

        assert ITEM[Evidence.REFERRAL] not in proven(as_specialist, world.participant_a)

    def test_an_assessed_norwegian_level(self, world, as_specialist):
        Participant.objects.filter(pk=world.participant_a.pk).update(
            norwegian_level="A2", norwegian_level_date=dt.date(2026, 9, 1)
        )

        source, _links = proven(as_specialist, world.participant_a)[ITEM[Evidence.NORWEGIAN_LEVEL]]

        assert source == "From the record: Norwegian level A2, assessed 01.09.2026"

    def test_a_consent_until_it_is_withdrawn(self, world, as_specialist):
        consent = ConsentFactory(participant=world.participant_a)
        assert ITEM[Evidence.CONSENT] in proven(as_specialist, world.participant_a)

        participant_services.consent_withdraw(user=world.specialist_a, consent=consent, on=today())

        assert ITEM[Evidence.CONSENT] not in proven(as_specialist, world.participant_a)

    def test_a_vocational_profile_and_its_five_workplaces(self, world, as_specialist):
        VocationalProfileFactory(
            participant=world.participant_a, desired_workplaces="Kiwi\nRema\nCoop\nIKEA"
        )
        shown = proven(as_specialist, world.participant_a)
        assert shown[ITEM[Evidence.PROFILE]][1] == [
            reverse("participants:profile-detail", args=[world.participant_a.pk])
        ]
        assert ITEM[Evidence.FIVE_WORKPLACES] not in shown  # four are not five

        VocationalProfileFactory(
            participant=world.participant_a,
            desired_workplaces="Kiwi\nRema\nCoop\nIKEA\nSykehjemmet",
        )

        source, _ = proven(as_specialist, world.participant_a)[ITEM[Evidence.FIVE_WORKPLACES]]
        assert source == "From the record: 5 wished workplaces in the vocational profile"

    def test_a_placement_planned_within_two_weeks_of_the_referral(self, world, as_specialist):
        participant = world.participant_a
        Participant.objects.filter(pk=participant.pk).update(referral_date=today())
        placement = PlacementFactory(participant=participant, employer=world.employer)

        source, links = proven(as_specialist, participant)[ITEM[Evidence.EARLY_PLACEMENT]]

        assert source.startswith(f"From the record: Placement at {world.employer.name}, planned")
        assert links == [reverse("placements:placement-detail", args=[placement.pk])]

    def test_a_placement_planned_later_does_not_prove_an_early_match(self, world, as_specialist):
        participant = world.participant_a
        Participant.objects.filter(pk=participant.pk).update(
            referral_date=today() - dt.timedelta(days=30)
        )
        PlacementFactory(participant=participant, employer=world.employer)

        assert ITEM[Evidence.EARLY_PLACEMENT] not in proven(as_specialist, participant)

    def test_a_started_placement_proves_the_agreement_until_it_is_gone(self, world, as_specialist):
        placement = started_placement(world.participant_a, employer=world.employer)
        assert ITEM[Evidence.AGREEMENT] in proven(as_specialist, world.participant_a)
        assert ITEM[Evidence.TRAINING_PLAN] in proven(as_specialist, world.participant_a)

        Placement.objects.filter(pk=placement.pk).delete()

        shown = proven(as_specialist, world.participant_a)
        assert ITEM[Evidence.AGREEMENT] not in shown
        assert ITEM[Evidence.TRAINING_PLAN] not in shown

    def test_a_training_plan_on_a_planned_placement_is_not_in_use_yet(self, world, as_specialist):
        answered_placement(world.participant_a, employer=world.employer)
        assert TrainingTask.objects.exists()

        assert ITEM[Evidence.TRAINING_PLAN] not in proven(as_specialist, world.participant_a)

    def test_a_mentor_from_the_employers_people_or_typed(self, world, as_specialist):
        placement = PlacementFactory(participant=world.participant_a, employer=world.employer)
        assert ITEM[Evidence.MENTOR] not in proven(as_specialist, world.participant_a)

        placement.mentor = EmployerContactFactory(employer=world.employer)
        placement.save()

        source, _ = proven(as_specialist, world.participant_a)[ITEM[Evidence.MENTOR]]
        assert source == f"From the record: Mentor named for the placement at {world.employer.name}"

    def test_an_intention_agreement(self, world, as_specialist):
        PlacementFactory(
            participant=world.participant_a, employer=world.employer, intention_agreement=True
        )

        assert ITEM[Evidence.INTENTION_AGREEMENT] in proven(as_specialist, world.participant_a)

    def test_the_start_up_meeting_once_held(self, world, as_specialist):
        placement = started_placement(world.participant_a, employer=world.employer)
        meeting = MeetingFactory(placement=placement, kind=Meeting.Kind.STARTUP)
        assert ITEM[Evidence.STARTUP_MEETING] not in proven(as_specialist, world.participant_a)

        Meeting.objects.filter(pk=meeting.pk).update(held_on=today(), notes="Gikk bra")

        _source, links = proven(as_specialist, world.participant_a)[ITEM[Evidence.STARTUP_MEETING]]
        assert links == [reverse("placements:meeting-detail", args=[meeting.pk])]

    def test_an_evaluation_within_a_month_of_the_start_and_not_later(self, world, as_specialist):
        placement = started_placement(world.participant_a, employer=world.employer)
        late = placement.started_on + dt.timedelta(days=40)
        MeetingFactory(
            placement=placement, kind=Meeting.Kind.EVALUATION, held_on=late, notes="Sent"
        )
        assert ITEM[Evidence.EARLY_EVALUATION] not in proven(as_specialist, world.participant_a)

        MeetingFactory(
            placement=placement,
            kind=Meeting.Kind.EVALUATION,
            held_on=placement.started_on + dt.timedelta(days=20),
            notes="I tide",
        )

        assert ITEM[Evidence.EARLY_EVALUATION] in proven(as_specialist, world.participant_a)

    def test_a_hire_and_its_year_of_follow_up(self, world, as_specialist):
        job = employment_services.employment_create(
            user=world.specialist_a,
            participant=world.participant_a,
            data={"employer": world.employer, "started_on": today(), "percent_of_full_time": 50},
        )

        shown = proven(as_specialist, world.participant_a)
        assert shown[ITEM[Evidence.HIRE_OR_EVALUATED_END]][1] == [
            reverse("employment:employment-detail", args=[job.pk])
        ]
        assert shown[ITEM[Evidence.FOLLOW_UP_PLAN]][0].startswith("From the record: Follow-up")

    def test_a_follow_up_plan_shorter_than_a_year_is_not_enough(self, world, as_specialist):
        job = EmploymentFactory(participant=world.participant_a, employer=world.employer)
        FollowUpCheckinFactory(employment=job, due_on=job.started_on + dt.timedelta(days=180))

        shown = proven(as_specialist, world.participant_a)
        assert ITEM[Evidence.FOLLOW_UP_PLAN] not in shown
        assert ITEM[Evidence.HIRE_OR_EVALUATED_END] in shown

    def test_a_placement_ended_with_its_evaluation(self, world, as_specialist):
        PlacementFactory(
            started=True,
            participant=world.participant_a,
            employer=world.employer,
            state=Placement.State.ENDED,
            ended_on=today(),
            evaluation="Trivdes, men for lite tid til opplæring",
        )

        source, _ = proven(as_specialist, world.participant_a)[ITEM[Evidence.HIRE_OR_EVALUATED_END]]
        assert "ended, with its evaluation" in source

    def test_proven_items_count_as_done_on_the_participant_page(self, world):
        participant = world.participant_a
        Participant.objects.filter(pk=participant.pk).update(norwegian_level="B1")
        ConsentFactory(participant=participant)

        summary = workflow_summary(fresh(participant))

        assert summary["checklist_done"] == 2
        assert summary["checklist_total"] == ChecklistItem.objects.filter(stage=1).count()

    def test_another_participants_record_proves_nothing_here(self, world, as_specialist):
        other = PlacementFactory(employer=world.employer, intention_agreement=True).participant
        ConsentFactory(participant=other)
        VocationalProfileFactory(participant=other)

        assert proven(as_specialist, world.participant_a) == {}


class TestTheStageFollowsTheRecord:
    def test_a_placement_start_moves_the_participant_to_stage_5_saying_why(self, world):
        participant = world.participant_a
        assert participant.stage == Stage.ENGAGEMENT
        placement = answered_placement(participant, employer=world.employer)

        placement_services.placement_start(
            user=world.specialist_a, placement=placement, started_on=placement.planned_start
        )

        assert fresh(participant).stage == Stage.SUPPORT
        change = participant.stage_changes.get()
        assert (change.stage, change.cause, change.changed_on, change.changed_by) == (
            Stage.SUPPORT,
            StageChange.Cause.PLACEMENT_STARTED,
            placement.planned_start,
            world.specialist_a,
        )
        assert change.note == world.employer.name

    def test_a_hire_moves_the_participant_to_stage_5_saying_why(self, world):
        participant = world.participant_a
        Participant.objects.filter(pk=participant.pk).update(stage=Stage.PROFILE)

        employment_services.employment_create(
            user=world.specialist_a,
            participant=fresh(participant),
            data={"employer": world.employer, "started_on": today(), "percent_of_full_time": 40},
        )

        assert fresh(participant).stage == Stage.SUPPORT
        assert participant.stage_changes.get().cause == StageChange.Cause.HIRED

    def test_a_participant_there_already_gets_no_second_entry(self, world):
        participant = world.participant_a
        started_placement(participant, employer=world.employer)

        employment_services.employment_create(
            user=world.specialist_a,
            participant=fresh(participant),
            data={"employer": world.employer, "started_on": today(), "percent_of_full_time": 40},
        )

        assert participant.stage_changes.count() == 1

    def test_the_system_never_moves_a_stage_back(self, world):
        participant = world.participant_a
        Participant.objects.filter(pk=participant.pk).update(stage=Stage.SUPPORT)

        moved = participant_services.participant_advance_stage(
            user=world.specialist_a,
            participant=fresh(participant),
            stage=Stage.EMPLOYER,
            on=today(),
            cause=StageChange.Cause.PLACEMENT_STARTED,
        )

        assert moved is None
        assert fresh(participant).stage == Stage.SUPPORT
        assert not participant.stage_changes.exists()

    def test_the_history_says_the_system_moved_it_and_why(self, world, as_specialist):
        started_placement(world.participant_a, employer=world.employer)

        page = parse(
            as_specialist.get(reverse("participants:stage-list", args=[world.participant_a.pk]))
        )

        history = page.one("#trinn-historikk-tittel").parent.text
        assert "moved by the system: A placement started" in history
        assert world.employer.name in history

    def test_the_seeds_case_no_longer_stays_in_stage_2_through_a_placement_and_a_hire(self, world):
        participant = world.participant_a
        participant_services.participant_set_stage(
            user=world.specialist_a, participant=participant, stage=Stage.PROFILE, on=today()
        )
        started_placement(participant, employer=world.employer)
        employment_services.employment_create(
            user=world.specialist_a,
            participant=fresh(participant),
            data={"employer": world.employer, "started_on": today(), "percent_of_full_time": 50},
        )

        assert fresh(participant).stage == Stage.SUPPORT
        assert [c.cause for c in participant.stage_changes.order_by("pk")] == [
            StageChange.Cause.PERSON,
            StageChange.Cause.PLACEMENT_STARTED,
        ]
