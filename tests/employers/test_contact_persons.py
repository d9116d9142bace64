"""Contact persons of an employer: a mentor of a placement under way cannot be deleted (it
would silently take a 6H answer off the placement)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from placetrain.employers.models import EmployerContact
from placetrain.placements.models import Placement
from tests.factories import EmployerContactFactory, answered_placement, started_placement

pytestmark = pytest.mark.usefixtures("english_pages")


def planned(world, **overrides) -> Placement:
    return answered_placement(world.participant_a, employer=world.employer, **overrides)


def started(world, **overrides) -> Placement:
    return started_placement(world.participant_a, employer=world.employer, **overrides)


class TestDeletingAMentor:
    def delete_url(self, person) -> str:
        return reverse("employers:contact-person-delete", args=[person.employer_id, person.pk])

    def test_deleting_the_mentor_of_a_started_placement_is_refused(self, world, as_specialist):
        mentor = EmployerContactFactory(employer=world.employer, name="Turid Fadderstad")
        placement = started(world, mentor=mentor, mentor_name="")

        response = as_specialist.post(self.delete_url(mentor), follow=True)

        assert EmployerContact.objects.filter(pk=mentor.pk).exists()
        assert Placement.objects.get(pk=placement.pk).mentor_id == mentor.pk
        shown = [str(m) for m in response.context["messages"]]
        assert shown == [
            "This person is the mentor of a placement under way. Choose another mentor for "
            "that placement first."
        ]

    def test_a_contact_person_who_mentors_no_placement_under_way_can_be_deleted(
        self, world, as_specialist
    ):
        mentor = EmployerContactFactory(employer=world.employer)
        planned(world, mentor=mentor, mentor_name="")  # not started: its gate asks again

        response = as_specialist.post(self.delete_url(mentor))

        assert response.status_code == 302
        assert not EmployerContact.objects.filter(pk=mentor.pk).exists()
