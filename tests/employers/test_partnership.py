"""The partnership pipeline: an employer's stage with its dated history, the responsible
colleague, agreements, and the employer list as the team's network (filters, days since
contact, the quiet partner)."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from placetrain.accounts.models import OrganisationSetting
from placetrain.activities import services as activities
from placetrain.activities.models import Contact
from placetrain.employers import services
from placetrain.employers.models import Agreement, Employer, PartnershipStageChange, Stage
from placetrain.employers.tunables import PARTNER_QUIET_DAYS
from placetrain.lib.concurrency import EditConflict
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from tests.factories import AgreementFactory, ContactFactory, EmployerFactory, UserFactory
from tests.html import parse


def stage_url(employer) -> str:
    return reverse("employers:employer-stage-change", args=[employer.pk])


def stage_data(employer, **overrides) -> dict:
    data = {
        "fase-stage": Stage.ASSESSING,
        "fase-reason": "",
        "fase-on": today().isoformat(),
        "fase-version": employer.version,
    }
    data.update({f"fase-{k}": v for k, v in overrides.items()})
    return data


def listed(response) -> list[str]:
    return [e.name for e in response.context["page"].object_list]


# --- the stage and its history ----------------------------------------------------------------


class TestStageChange:
    def test_it_moves_the_stage_and_writes_a_dated_history(self, world, as_specialist):
        employer = world.employer
        yesterday = today() - dt.timedelta(days=1)

        response = as_specialist.post(stage_url(employer), stage_data(employer, on=yesterday))

        assert response.status_code == 302
        employer.refresh_from_db()
        assert employer.stage == Stage.ASSESSING
        assert employer.version == 2
        change = PartnershipStageChange.objects.get(employer=employer)
        assert (change.stage, change.changed_on, change.changed_by) == (
            Stage.ASSESSING,
            yesterday,
            world.specialist_a,
        )
        page = as_specialist.get(reverse("employers:employer-detail", args=[employer.pk]))
        history = parse(page).one("#samarbeid-historikk").text
        assert yesterday.strftime("%d.%m.%Y") in history
        assert "Vurderes" in history

    @pytest.mark.parametrize("stage", [Stage.PAUSED, Stage.NOT_RELEVANT])
    def test_pausing_or_setting_aside_without_a_reason_is_refused_at_the_field(
        self, world, as_specialist, stage
    ):
        employer = world.employer

        response = as_specialist.post(stage_url(employer), stage_data(employer, stage=stage))

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["reason"]
        assert "Si hvorfor" in str(response.context["form"].errors["reason"])
        employer.refresh_from_db()
        assert employer.stage == Stage.NEW
        assert not PartnershipStageChange.objects.exists()

    def test_pausing_with_a_reason_keeps_the_reason_on_the_employer(self, world, as_specialist):
        employer = world.employer

        as_specialist.post(
            stage_url(employer),
            stage_data(employer, stage=Stage.PAUSED, reason="Omorganiserer til høsten"),
        )

        employer.refresh_from_db()
        assert (employer.stage, employer.stage_reason) == (Stage.PAUSED, "Omorganiserer til høsten")

    def test_a_stale_version_is_an_edit_conflict_and_nothing_is_overwritten(self, world):
        employer = world.employer
        services.employer_update(
            user=world.specialist_a2,
            employer=Employer.objects.get(pk=employer.pk),
            data={"notes": "Ny leder"},
            expected_version=1,
        )

        with pytest.raises(EditConflict):
            services.employer_stage_change(
                user=world.specialist_a,
                employer=employer,
                stage=Stage.PARTNER,
                on=today(),
                expected_version=1,
            )
        employer.refresh_from_db()
        assert (employer.stage, employer.notes) == (Stage.NEW, "Ny leder")
        assert not PartnershipStageChange.objects.exists()

    def test_the_page_shows_the_conflict_and_keeps_what_was_chosen(self, world, as_specialist):
        employer = world.employer
        data = stage_data(employer, stage=Stage.PARTNER)
        Employer.objects.filter(pk=employer.pk).update(version=5)

        response = as_specialist.post(stage_url(employer), data)

        assert response.status_code == 200
        assert response.context["conflict"] is not None
        assert parse(response).value("fase-version") == "5"

    def test_a_day_before_the_latest_change_or_in_the_future_is_refused(self, world):
        employer = world.employer
        services.employer_stage_change(
            user=world.specialist_a,
            employer=employer,
            stage=Stage.ASSESSING,
            on=today(),
            expected_version=1,
        )
        for day in (today() - dt.timedelta(days=3), today() + dt.timedelta(days=1)):
            with pytest.raises(WorkflowError) as refused:
                services.employer_stage_change(
                    user=world.specialist_a,
                    employer=employer,
                    stage=Stage.PARTNER,
                    on=day,
                    expected_version=employer.version,
                )
            assert list(refused.value.problems) == ["on"]

    def test_the_change_is_on_the_employers_timeline(self, world, as_specialist):
        services.employer_stage_change(
            user=world.specialist_a,
            employer=world.employer,
            stage=Stage.TO_CONTACT,
            on=today(),
            expected_version=1,
        )

        response = as_specialist.get(
            reverse("employers:employer-timeline", args=[world.employer.pk])
        )

        assert "Skal kontaktes" in response.content.decode()

    def test_a_teacher_reads_the_stage_but_cannot_change_it(self, world, client_for):
        client = client_for(world.teacher)
        page = client.get(reverse("employers:employer-detail", args=[world.employer.pk]))
        assert page.context["stage_form"] is None
        assert client.post(stage_url(world.employer), stage_data(world.employer)).status_code == 403


# --- owner, needs, next action ----------------------------------------------------------------


class TestPartnershipFields:
    def edit(self, client, employer, **fields):
        data = {"name": employer.name, "org_number": employer.org_number, "version": 1, **fields}
        return client.post(reverse("employers:employer-update", args=[employer.pk]), data)

    def test_owner_needs_and_next_action_are_saved_from_the_employer_form(
        self, world, as_specialist
    ):
        due = today() + dt.timedelta(days=7)
        response = self.edit(
            as_specialist,
            world.employer,
            owner=world.specialist_a2.pk,
            needs="«Vi trenger folk som kan kjøre truck om sommeren»",
            next_action="Ring butikksjefen",
            next_action_on=due.isoformat(),
        )

        assert response.status_code == 302
        employer = Employer.objects.get(pk=world.employer.pk)
        assert employer.owner == world.specialist_a2
        assert employer.needs.startswith("«Vi trenger")
        assert (employer.next_action, employer.next_action_on) == ("Ring butikksjefen", due)

    def test_a_language_teacher_or_a_user_of_another_organisation_is_no_owner(
        self, world, other_org, as_specialist
    ):
        for user in (world.teacher, world.other_specialist):
            response = self.edit(as_specialist, world.employer, owner=user.pk)
            assert response.status_code == 200
            assert list(response.context["form"].errors) == ["owner"]
        assert Employer.objects.get(pk=world.employer.pk).owner is None

    def test_the_service_refuses_an_owner_outside_the_organisation(self, world, other_org):
        with pytest.raises(WorkflowError) as refused:
            services.employer_update(
                user=world.specialist_a,
                employer=world.employer,
                data={"owner": world.other_specialist},
                expected_version=1,
            )
        assert list(refused.value.problems) == ["owner"]

    def test_an_edit_from_a_page_opened_before_a_contact_keeps_the_new_last_contact(self, world):
        employer = Employer.objects.get(pk=world.employer.pk)  # the page's copy, opened before
        activities.employer_contact_log(
            user=world.specialist_a2, employer=world.employer, data=_contact_data()
        )

        services.employer_update(
            user=world.specialist_a, employer=employer, data={"notes": "x"}, expected_version=1
        )

        assert Employer.objects.get(pk=employer.pk).last_contact_on == today()


# --- agreements --------------------------------------------------------------------------------


class TestAgreements:
    def url(self, employer) -> str:
        return reverse("employers:agreement-create", args=[employer.pk])

    def test_it_adds_an_agreement_shown_as_active(self, world, as_specialist):
        response = as_specialist.post(
            self.url(world.employer),
            {"kind": Agreement.Kind.FRAMEWORK, "valid_from": "2026-01-01", "notes": "10 plasser"},
        )

        assert response.status_code == 302
        agreement = Agreement.objects.get(employer=world.employer)
        assert agreement.kind == Agreement.Kind.FRAMEWORK
        page = as_specialist.get(reverse("employers:employer-detail", args=[world.employer.pk]))
        text = parse(page).one("#avtaler").text
        assert "Rammeavtale om praksisplasser" in text
        assert "Aktiv" in text

    def test_an_end_before_the_start_is_refused_at_the_end_date_with_what_was_typed(
        self, world, as_specialist
    ):
        response = as_specialist.post(
            self.url(world.employer),
            {"kind": Agreement.Kind.IA, "valid_from": "2026-03-01", "valid_to": "2026-02-01"},
        )

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["valid_to"]
        assert "Sluttdatoen kan ikke være før startdatoen" in str(
            response.context["form"].errors["valid_to"]
        )
        page = parse(response)
        assert page.value("valid_from") == "2026-03-01"
        assert "id_valid_to_error" in page.ids
        assert not Agreement.objects.exists()

    def test_the_service_refuses_an_end_before_the_start(self, world):
        with pytest.raises(WorkflowError) as refused:
            services.agreement_create(
                user=world.specialist_a,
                employer=world.employer,
                data={
                    "kind": Agreement.Kind.IA,
                    "valid_from": dt.date(2026, 3, 1),
                    "valid_to": dt.date(2026, 2, 1),
                },
            )
        assert list(refused.value.problems) == ["valid_to"]

    def test_status_is_upcoming_active_or_ended(self, world):
        agreement = AgreementFactory.build(
            valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 6, 30)
        )
        assert agreement.status_on(dt.date(2025, 12, 31)) == Agreement.Status.UPCOMING
        assert agreement.status_on(dt.date(2026, 6, 30)) == Agreement.Status.ACTIVE
        assert agreement.status_on(dt.date(2026, 7, 1)) == Agreement.Status.ENDED

    def test_it_edits_and_removes_an_agreement(self, world, as_specialist):
        agreement = AgreementFactory(employer=world.employer)
        url = reverse("employers:agreement-update", args=[world.employer.pk, agreement.pk])

        as_specialist.post(
            url,
            {
                "kind": Agreement.Kind.IA,
                "valid_from": agreement.valid_from.isoformat(),
                "valid_to": today().isoformat(),
                "version": 1,
            },
        )
        agreement.refresh_from_db()
        assert (agreement.kind, agreement.valid_to, agreement.version) == (
            Agreement.Kind.IA,
            today(),
            2,
        )
        delete = reverse("employers:agreement-delete", args=[world.employer.pk, agreement.pk])
        assert as_specialist.post(delete).status_code == 302
        assert not Agreement.objects.exists()


# --- last contact kept from the contact log ----------------------------------------------------


def _contact_data(**overrides) -> dict:
    data = {
        "channel": Contact.Channel.PHONE,
        "counterpart": Contact.Counterpart.EMPLOYER,
        "occurred_at": timezone.now(),
        "duration_minutes": 15,
        "note": "Ringte",
    }
    data.update(overrides)
    return data


class TestLastContact:
    def test_logging_and_deleting_contacts_keeps_the_latest_date(self, world):
        employer = world.employer
        older = activities.employer_contact_log(
            user=world.specialist_a,
            employer=employer,
            data=_contact_data(occurred_at=timezone.now() - dt.timedelta(days=20)),
        )
        employer.refresh_from_db()
        assert employer.last_contact_on == today() - dt.timedelta(days=20)

        newer = activities.contact_log(
            user=world.specialist_a,
            participant=world.participant_a,
            data=_contact_data(employer=employer, occurred_at=timezone.now()),
        )
        employer.refresh_from_db()
        assert employer.last_contact_on == today()

        activities.contact_delete(user=world.specialist_a, contact=newer)
        employer.refresh_from_db()
        assert employer.last_contact_on == today() - dt.timedelta(days=20)

        activities.contact_delete(user=world.specialist_a, contact=older)
        employer.refresh_from_db()
        assert employer.last_contact_on is None

    def test_the_migration_backfills_the_latest_contact_in_local_time(self, world):
        # 23:30 UTC on 31 December is already 1 January in Oslo.
        moment = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
        ContactFactory(participant=world.participant_a, employer=world.employer, occurred_at=moment)
        migration = importlib.import_module("placetrain.employers.migrations.0007_partnership")

        migration.backfill_last_contact(apps, None)

        assert Employer.objects.get(pk=world.employer.pk).last_contact_on == dt.date(2026, 1, 1)


# --- the network: the employer list -----------------------------------------------------------


@pytest.fixture
def network(world, other_org):
    """Employers in several stages, owners, industries and municipalities; contacted long ago,
    lately or never."""
    make = EmployerFactory
    long_ago = today() - dt.timedelta(days=90)
    return {
        "quiet": make(
            organisation=world.org,
            name="Stille Partner AS",
            stage=Stage.PARTNER,
            owner=world.specialist_a,
            municipality="Tromsø",
            industry_code_id="47.111",
            last_contact_on=long_ago,
        ),
        "busy": make(
            organisation=world.org,
            name="Aktiv Partner AS",
            stage=Stage.PARTNER,
            owner=world.specialist_a2,
            municipality="Bodø",
            industry_code_id="56.101",
            last_contact_on=today() - dt.timedelta(days=5),
        ),
        "never": make(
            organisation=world.org,
            name="Ukontaktet AS",
            stage=Stage.TO_CONTACT,
            municipality="Tromsø",
            industry_code_id="56.101",
        ),
        "paused": make(
            organisation=world.org,
            name="Pause AS",
            stage=Stage.PAUSED,
            owner=world.specialist_a,
            municipality="Alta",
            last_contact_on=long_ago - dt.timedelta(days=30),
        ),
    }


class TestNetworkList:
    url = staticmethod(lambda: reverse("employers:employer-list"))

    def test_it_filters_by_stage(self, network, as_specialist):
        response = as_specialist.get(self.url(), {"stage": Stage.PARTNER})
        assert listed(response) == ["Aktiv Partner AS", "Stille Partner AS"]

    def test_it_filters_by_owner_me_nobody_and_a_colleague(self, world, network, as_specialist):
        assert listed(as_specialist.get(self.url(), {"owner": "me"})) == [
            "Pause AS",
            "Stille Partner AS",
        ]
        assert listed(as_specialist.get(self.url(), {"owner": "nobody"})) == [
            "Rema Elvestad AS",
            "Ukontaktet AS",
        ]
        colleague = as_specialist.get(self.url(), {"owner": world.specialist_a2.pk})
        assert listed(colleague) == ["Aktiv Partner AS"]

    def test_it_filters_by_industry_division_and_offers_only_the_divisions_in_use(
        self, network, as_specialist
    ):
        response = as_specialist.get(self.url(), {"industry": "56"})

        assert listed(response) == ["Aktiv Partner AS", "Ukontaktet AS"]
        offered = [value for value, _label in response.context["search"].fields["industry"].choices]
        assert offered == ["", "47", "56"]

    def test_it_filters_by_municipality(self, network, as_specialist):
        response = as_specialist.get(self.url(), {"municipality": "Tromsø"})
        assert listed(response) == ["Stille Partner AS", "Ukontaktet AS"]
        offered = response.context["search"].fields["municipality"].choices
        assert [v for v, _ in offered] == ["", "Alta", "Bodø", "Tromsø"]  # not Nabokommunen's

    def test_the_filters_combine_with_a_posted_search(self, network, as_specialist):
        response = as_specialist.post(self.url(), {"q": "partner", "owner": "me"})
        assert listed(response) == ["Stille Partner AS"]

    def test_an_unknown_filter_value_is_dropped_not_an_error_page(self, network, as_specialist):
        response = as_specialist.get(self.url(), {"stage": "bogus", "owner": "me"})
        assert response.status_code == 200
        assert listed(response) == ["Pause AS", "Stille Partner AS"]

    def test_it_sorts_by_days_since_contact_never_contacted_first(self, network, as_specialist):
        response = as_specialist.get(self.url(), {"sort": "contact"})

        assert listed(response) == [
            "Rema Elvestad AS",
            "Ukontaktet AS",
            "Pause AS",
            "Stille Partner AS",
            "Aktiv Partner AS",
        ]
        shown = {e.name: e.days_since_contact for e in response.context["page"].object_list}
        assert shown["Stille Partner AS"] == 90
        assert shown["Ukontaktet AS"] is None

    def test_a_partner_not_contacted_for_60_days_is_highlighted_with_text(
        self, network, as_specialist
    ):
        response = as_specialist.get(self.url())

        quiet = {e.name for e in response.context["page"].object_list if e.is_quiet}
        assert quiet == {"Stille Partner AS"}  # not the paused one, not the partner seen lately
        badges = parse(response).select("[data-kind=quiet-partner]")
        assert len(badges) == 1
        assert "uten kontakt i 60 dager" in badges[0].text

    def test_the_highlight_follows_the_organisations_setting(self, world, network, as_specialist):
        OrganisationSetting.objects.create(
            organisation=world.org, key=PARTNER_QUIET_DAYS.key, value=3
        )

        response = as_specialist.get(self.url())

        quiet = {e.name for e in response.context["page"].object_list if e.is_quiet}
        assert quiet == {"Stille Partner AS", "Aktiv Partner AS"}
        assert "uten kontakt i 3 dager" in response.content.decode()

    def test_another_organisations_setting_does_not_apply(self, world, network, as_specialist):
        OrganisationSetting.objects.create(
            organisation=world.other_org, key=PARTNER_QUIET_DAYS.key, value=3
        )
        response = as_specialist.get(self.url())
        quiet = {e.name for e in response.context["page"].object_list if e.is_quiet}
        assert quiet == {"Stille Partner AS"}

    def test_the_owner_filter_offers_only_colleagues_who_keep_the_register(
        self, world, network, as_specialist
    ):
        inactive = UserFactory(team=world.team_a, is_job_specialist=True, is_active=False)
        response = as_specialist.get(self.url())
        offered = {v for v, _ in response.context["search"].fields["owner"].choices}
        assert str(world.specialist_a2.pk) in offered
        assert str(world.teacher.pk) not in offered
        assert str(inactive.pk) not in offered
