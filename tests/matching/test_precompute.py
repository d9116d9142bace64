"""The matching profile is computed when the record that feeds it is saved, not on every
suggestion: a new profile version, a language plan, the participant's level or place."""

from __future__ import annotations

import pytest
from django.urls import reverse

from placetrain.matching.models import MatchProfile, WishedWorkplace
from placetrain.matching.precompute import name_key, refresh_all
from placetrain.participants.models import Participant, VocationalProfile
from tests.factories import LanguagePlanFactory, VocationalProfileFactory

pytestmark = pytest.mark.django_db


def profile_of(participant) -> MatchProfile:
    return MatchProfile.objects.get(participant=participant)


def test_a_new_profile_version_is_read_at_once(world):
    p = world.participant_a
    VocationalProfileFactory(
        participant=p,
        number=1,
        wished_occupations=["5223", "4321"],
        job_wishes="Butikk og lager",
        desired_workplaces="Kiwi Sentrum AS\nRema 1000",
        support_physical="Tåler ikke tunge løft",
        hours_capacity=60,
    )

    found = profile_of(p)
    assert found.wish_units == " 5223 4321 "
    assert found.wish_minors == " 522 432 "
    assert found.wish_submajors == " 52 43 "
    assert "butikk" in found.words.split()
    assert found.needs_physical and not found.needs_psychological
    assert found.hours_capacity == 60
    names = set(WishedWorkplace.objects.filter(participant=p).values_list("name_key", flat=True))
    assert names == {"kiwi sentrum", "rema 1000"}

    VocationalProfileFactory(participant=p, number=2, wished_occupations=["9112"])
    assert profile_of(p).wish_units == " 9112 "
    assert not WishedWorkplace.objects.filter(participant=p).exists()


def test_a_language_plan_and_the_level_and_place_are_read(world):
    p = world.participant_a
    p.norwegian_level, p.municipality = "A2", "Tromsø"
    p.save()
    assert (profile_of(p).norwegian_level, profile_of(p).place_key) == ("A2", "tromsø")

    plan = LanguagePlanFactory(participant=p)
    assert profile_of(p).language_plan

    plan.delete()
    assert not profile_of(p).language_plan


def test_saving_other_fields_does_not_compute_it_again(world):
    p = world.participant_a
    before = profile_of(p).updated_at

    p.phone = "99887766"
    p.save(update_fields=["phone"])
    assert profile_of(p).updated_at == before

    p.municipality = "Bodø"
    p.save(update_fields=["municipality"])
    assert profile_of(p).updated_at > before


def test_an_ended_participant_is_not_active(world):
    p = world.participant_a
    p.status = "ended"
    p.save()
    assert not profile_of(p).active


def test_deleting_a_participant_with_a_language_plan_takes_the_profile_along(world, client_for):
    p = world.participant_a
    LanguagePlanFactory(participant=p)
    client_for(world.leader_a).post(reverse("participants:participant-delete", args=[p.pk]))

    assert not Participant.objects.filter(pk=p.pk).exists()
    assert not MatchProfile.objects.filter(participant_id=p.pk).exists()


def test_after_a_bulk_load_refresh_all_computes_every_profile(world):
    VocationalProfile.objects.bulk_create(
        [VocationalProfile(participant=world.participant_b, number=1, wished_occupations=["5120"])]
    )
    MatchProfile.objects.all().delete()

    count = refresh_all(world.org.pk)

    assert count == Participant.objects.filter(organisation=world.org).count()
    assert profile_of(world.participant_b).wish_units == " 5120 "


@pytest.mark.parametrize(
    ("name", "key"),
    [("Kiwi Sentrum AS", "kiwi sentrum"), ("  REMA   1000 ", "rema 1000"), ("Coop ASA", "coop")],
)
def test_names_are_compared_without_case_spacing_or_company_form(name, key):
    assert name_key(name) == key


def test_the_command_computes_them_all(world):
    from io import StringIO

    from django.core.management import call_command

    MatchProfile.objects.all().delete()
    out = StringIO()
    call_command("refresh_matching", stdout=out)

    assert MatchProfile.objects.count() == Participant.objects.count()
    assert str(Participant.objects.count()) in out.getvalue()
