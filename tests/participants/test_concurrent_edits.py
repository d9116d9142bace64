"""Two people editing the same record from the same starting version: the first save wins, the
second is shown what changed and keeps everything typed, and only a deliberate re-submit
overwrites. Covers participants, employers and the sensitive section."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse

from placetrain.employers import services as employer_services
from placetrain.employers.models import Employer
from placetrain.lib.concurrency import EditConflict
from placetrain.participants import services
from placetrain.participants.models import Participant, SensitiveInfo
from tests.html import parse

# --- what the edit form would submit, and the conflict table --------------------------------


def submitted(response) -> dict[str, list[str]]:
    """What a browser would submit from the page's edit form (the one with the version)."""
    return parse(response).form(containing="version").data


def conflict_rows(response) -> list[tuple[str, ...]]:
    """(label, saved value now) for each row of the conflict section, as the user sees them."""
    return [tuple(row) for row in parse(response).one("section.pt-conflict").rows]


# --- participants -----------------------------------------------------------------------------


class TestParticipantEditConflict:
    def url(self, world) -> str:
        return reverse("participants:participant-update", args=[world.participant_a.pk])

    def test_it_saves_the_first_of_two_edits_from_the_same_version(self, world, client_for):
        first_tab = submitted(client_for(world.leader_a).get(self.url(world)))
        assert first_tab["version"] == ["1"]
        first_tab["phone"] = ["99999999"]
        response = client_for(world.specialist_a).post(self.url(world), first_tab)
        assert response.status_code == 302
        participant = Participant.objects.get(pk=world.participant_a.pk)
        assert participant.phone == "99999999"
        assert participant.version == 2

    def test_it_shows_the_second_edit_what_changed_and_saves_nothing_of_it(self, world, client_for):
        alice, bob = world.specialist_a, world.leader_a
        original = Participant.objects.get(pk=world.participant_a.pk)
        alice_form = submitted(client_for(alice).get(self.url(world)))
        bob_form = submitted(client_for(bob).get(self.url(world)))

        alice_form["phone"] = ["99999999"]
        assert client_for(alice).post(self.url(world), alice_form).status_code == 302

        bob_form["municipality"] = ["Løten"]
        bob_form["mother_tongue"] = ["Somali"]
        response = client_for(bob).post(self.url(world), bob_form)

        assert response.status_code == 200
        phone_label = response.context["form"]["phone"].label
        assert conflict_rows(response) == [(phone_label, "99999999")]
        assert response.context["conflict"] == [{"label": phone_label, "value": "99999999"}]
        # Bob's typed values are still in the form, on top of the new version.
        shown = submitted(response)
        assert shown["municipality"] == ["Løten"]
        assert shown["mother_tongue"] == ["Somali"]
        assert shown["phone"] == [original.phone]
        assert shown["version"] == ["2"]
        # Nothing of Bob's is saved.
        participant = Participant.objects.get(pk=world.participant_a.pk)
        assert participant.municipality == original.municipality
        assert participant.mother_tongue == original.mother_tongue
        assert participant.phone == "99999999"
        assert participant.version == 2

    def test_it_saves_deliberately_when_the_re_rendered_form_is_submitted(self, world, client_for):
        alice, bob = world.specialist_a, world.leader_a
        alice_form = submitted(client_for(alice).get(self.url(world)))
        bob_form = submitted(client_for(bob).get(self.url(world)))
        alice_form["phone"] = ["99999999"]
        client_for(alice).post(self.url(world), alice_form)
        bob_form["municipality"] = ["Løten"]
        conflict = client_for(bob).post(self.url(world), bob_form)
        assert conflict.status_code == 200

        again = client_for(bob).post(self.url(world), submitted(conflict))

        assert again.status_code == 302
        participant = Participant.objects.get(pk=world.participant_a.pk)
        assert participant.municipality == "Løten"
        # Bob saw the phone change and kept his own value: that overwrite is deliberate.
        assert [participant.phone] == bob_form["phone"]
        assert participant.version == 3

    def test_it_refuses_an_edit_started_two_versions_ago(self, world, client_for):
        alice = client_for(world.specialist_a)
        stale = submitted(alice.get(self.url(world)))
        for phone in ("11111111", "22222222"):
            fresh = submitted(alice.get(self.url(world)))
            fresh["phone"] = [phone]
            assert alice.post(self.url(world), fresh).status_code == 302
        stale["address"] = ["Gamlevegen 2"]
        response = alice.post(self.url(world), stale)
        assert response.status_code == 200
        assert [value for _label, value in conflict_rows(response)] == ["22222222"]
        assert submitted(response)["version"] == ["3"]
        assert Participant.objects.get(pk=world.participant_a.pk).address != "Gamlevegen 2"


class TestParticipantUpdateService:
    def test_it_raises_edit_conflict_with_the_changed_fields(self, world):
        participant = world.participant_a
        services.participant_update(
            user=world.specialist_a,
            participant=Participant.objects.get(pk=participant.pk),
            data={"phone": "99999999", "municipality": "Hamar"},
            expected_version=1,
        )
        with pytest.raises(EditConflict) as caught:
            services.participant_update(
                user=world.leader_a,
                participant=Participant.objects.get(pk=participant.pk),
                data={"address": "Storgata 9"},
                expected_version=1,
            )
        assert sorted(caught.value.changed_fields) == ["municipality", "phone"]
        assert caught.value.current.pk == participant.pk
        assert caught.value.current.version == 2
        assert Participant.objects.get(pk=participant.pk).address != "Storgata 9"

    def test_it_keeps_names_out_of_the_conflict_message(self, world):
        participant = world.participant_a
        services.participant_update(
            user=world.specialist_a,
            participant=Participant.objects.get(pk=participant.pk),
            data={"first_name": "Hemmelig"},
            expected_version=1,
        )
        with pytest.raises(EditConflict) as caught:
            services.participant_update(
                user=world.specialist_a,
                participant=Participant.objects.get(pk=participant.pk),
                data={"first_name": "Annen"},
                expected_version=1,
            )
        assert str(caught.value) == f"edit conflict on participant #{participant.pk}"
        assert "Hemmelig" not in str(caught.value)

    def test_it_lists_only_fields_changed_after_the_users_version(self, world):
        pk = world.participant_a.pk
        services.participant_update(
            user=world.specialist_a,
            participant=Participant.objects.get(pk=pk),
            data={"phone": "11111111"},
            expected_version=1,
        )
        services.participant_update(
            user=world.specialist_a,
            participant=Participant.objects.get(pk=pk),
            data={"address": "Storgata 9"},
            expected_version=2,
        )
        with pytest.raises(EditConflict) as caught:
            services.participant_update(
                user=world.leader_a,
                participant=Participant.objects.get(pk=pk),
                data={"municipality": "Løten"},
                expected_version=2,
            )
        assert caught.value.changed_fields == ["address"]

    @pytest.mark.django_db(transaction=True)
    def test_it_lets_exactly_one_of_two_simultaneous_saves_through(self, world):
        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL: row locks between two real connections")
        pk = world.participant_a.pk
        barrier = threading.Barrier(2, timeout=20)
        real_claim = services.claim_version
        outcomes: dict[str, object] = {}

        def claim_together(instance, expected_version):
            barrier.wait()  # both transactions are open: now race for the row
            return real_claim(instance, expected_version)

        def edit(name: str, user, data: dict) -> None:
            try:
                services.participant_update(
                    user=user,
                    participant=Participant.objects.get(pk=pk),
                    data=data,
                    expected_version=1,
                )
                outcomes[name] = "saved"
            except Exception as exc:  # every outcome is checked below
                outcomes[name] = exc
            finally:
                connection.close()

        edits = {
            "alice": (world.specialist_a, {"phone": "11111111"}),
            "bob": (world.leader_a, {"municipality": "Løten"}),
        }
        with mock.patch.object(services, "claim_version", claim_together):
            threads = [
                threading.Thread(target=edit, args=(name, user, data))
                for name, (user, data) in edits.items()
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads)

        winners = [name for name, outcome in outcomes.items() if outcome == "saved"]
        losers = [name for name, outcome in outcomes.items() if outcome != "saved"]
        assert len(winners) == 1, outcomes
        assert len(losers) == 1, outcomes
        conflict = outcomes[losers[0]]
        assert isinstance(conflict, EditConflict), repr(conflict)
        assert conflict.changed_fields == list(edits[winners[0]][1])

        participant = Participant.objects.get(pk=pk)
        assert participant.version == 2
        for field, value in edits[winners[0]][1].items():
            assert getattr(participant, field) == value
        for field, value in edits[losers[0]][1].items():
            assert getattr(participant, field) != value


# --- employers -------------------------------------------------------------------------------


class TestEmployerEditConflict:
    def url(self, world) -> str:
        return reverse("employers:employer-update", args=[world.employer.pk])

    def test_it_shows_the_second_edit_what_changed_and_saves_nothing_of_it(self, world, client_for):
        alice, bob = world.specialist_a, world.leader_a
        alice_form = submitted(client_for(alice).get(self.url(world)))
        bob_form = submitted(client_for(bob).get(self.url(world)))
        assert bob_form["version"] == ["1"]

        alice_form["name"] = ["Rema 1000 Elvestad AS"]
        assert client_for(alice).post(self.url(world), alice_form).status_code == 302

        bob_form["industry"] = ["Dagligvare"]
        bob_form["notes"] = ["Trenger fadder på lageret"]
        response = client_for(bob).post(self.url(world), bob_form)

        assert response.status_code == 200
        name_label = response.context["form"]["name"].label
        assert conflict_rows(response) == [(name_label, "Rema 1000 Elvestad AS")]
        shown = submitted(response)
        assert shown["industry"] == ["Dagligvare"]
        assert shown["notes"] == ["Trenger fadder på lageret"]
        assert shown["version"] == ["2"]
        employer = Employer.objects.get(pk=world.employer.pk)
        assert employer.name == "Rema 1000 Elvestad AS"
        assert employer.industry == ""
        assert employer.notes == ""
        assert employer.version == 2

    def test_it_saves_deliberately_when_the_re_rendered_form_is_submitted(self, world, client_for):
        alice, bob = world.specialist_a, world.leader_a
        alice_form = submitted(client_for(alice).get(self.url(world)))
        bob_form = submitted(client_for(bob).get(self.url(world)))
        alice_form["name"] = ["Rema 1000 Elvestad AS"]
        client_for(alice).post(self.url(world), alice_form)
        bob_form["industry"] = ["Dagligvare"]
        conflict = client_for(bob).post(self.url(world), bob_form)
        assert conflict.status_code == 200

        again = client_for(bob).post(self.url(world), submitted(conflict))

        assert again.status_code == 302
        employer = Employer.objects.get(pk=world.employer.pk)
        assert employer.industry == "Dagligvare"
        assert employer.name == "Rema Elvestad AS"  # Bob kept his value, knowingly
        assert employer.version == 3

    def test_the_service_raises_edit_conflict_with_the_changed_fields(self, world):
        pk = world.employer.pk
        employer_services.employer_update(
            user=world.specialist_a,
            employer=Employer.objects.get(pk=pk),
            data={"industry": "Bygg"},
            expected_version=1,
        )
        with pytest.raises(EditConflict) as caught:
            employer_services.employer_update(
                user=world.leader_a,
                employer=Employer.objects.get(pk=pk),
                data={"notes": "Ny"},
                expected_version=1,
            )
        assert caught.value.changed_fields == ["industry"]
        assert Employer.objects.get(pk=pk).notes == ""


# --- the sensitive section --------------------------------------------------------------------


class TestSensitiveEditConflict:
    def url(self, world) -> str:
        return reverse("participants:sensitive-update", args=[world.participant_a.pk])

    def test_it_shows_the_second_edit_what_changed_and_saves_nothing_of_it(self, world, client_for):
        alice, bob = world.specialist_a, world.leader_a
        alice_form = submitted(client_for(alice).get(self.url(world)))
        bob_form = submitted(client_for(bob).get(self.url(world)))
        assert bob_form["health"] == ["Astma"]
        assert bob_form["version"] == ["1"]

        alice_form["health"] = ["Astma, bruker inhalator"]
        assert client_for(alice).post(self.url(world), alice_form).status_code == 302

        bob_form["housing"] = ["Kommunal leilighet"]
        response = client_for(bob).post(self.url(world), bob_form)

        assert response.status_code == 200
        health_label = response.context["form"]["health"].label
        assert conflict_rows(response) == [(health_label, "Astma, bruker inhalator")]
        shown = submitted(response)
        assert shown["housing"] == ["Kommunal leilighet"]
        assert shown["health"] == ["Astma"]
        assert shown["version"] == ["2"]
        info = SensitiveInfo.objects.get(participant=world.participant_a)
        assert info.health == "Astma, bruker inhalator"
        assert info.housing == ""
        assert info.version == 2

    def test_it_saves_deliberately_when_the_re_rendered_form_is_submitted(self, world, client_for):
        alice, bob = world.specialist_a, world.leader_a
        alice_form = submitted(client_for(alice).get(self.url(world)))
        bob_form = submitted(client_for(bob).get(self.url(world)))
        alice_form["health"] = ["Astma, bruker inhalator"]
        client_for(alice).post(self.url(world), alice_form)
        bob_form["housing"] = ["Kommunal leilighet"]
        conflict = client_for(bob).post(self.url(world), bob_form)
        assert conflict.status_code == 200

        again = client_for(bob).post(self.url(world), submitted(conflict))

        assert again.status_code == 302
        info = SensitiveInfo.objects.get(participant=world.participant_a)
        assert info.housing == "Kommunal leilighet"
        assert info.health == "Astma"
        assert info.version == 3

    def test_the_service_raises_edit_conflict_with_the_changed_fields(self, world):
        participant = world.participant_a
        services.sensitive_update(
            user=world.specialist_a,
            participant=participant,
            data={"substance_use": "Ingen"},
            expected_version=1,
        )
        with pytest.raises(EditConflict) as caught:
            services.sensitive_update(
                user=world.leader_a,
                participant=participant,
                data={"housing": "Bostedsløs"},
                expected_version=1,
            )
        assert caught.value.changed_fields == ["substance_use"]
        assert SensitiveInfo.objects.get(participant=participant).housing == ""
