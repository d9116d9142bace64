"""A Django superuser (an operator's account) has no case role: the rules, not Django's model
permissions, decide every page, so being a superuser opens no case data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def superuser(world):
    return UserFactory(
        username="drift", team=None, organisation=world.org, is_superuser=True, is_staff=True
    )


@pytest.mark.parametrize(
    ("name", "kwargs", "status"),
    [
        ("participants:participant-list", {}, 403),
        ("participants:participant-create", {}, 403),
        ("employers:employer-list", {}, 403),
        ("employers:employer-create", {}, 403),
        ("language:taught-participant-list", {}, 403),
        ("participants:participant-detail", {"pk": "participant_a"}, 404),
        ("employers:employer-detail", {"pk": "employer"}, 404),
    ],
)
def test_a_superuser_without_a_case_role_gets_no_case_page(
    world, client_for, superuser, name, kwargs, status
):
    args = {key: getattr(world, value).pk for key, value in kwargs.items()}

    response = client_for(superuser).get(reverse(name, kwargs=args))

    assert response.status_code == status


def test_a_superuser_lands_on_the_no_case_role_page(client_for, superuser):
    response = client_for(superuser).get(reverse("activities:my-day"))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "activities/no_case_role.html"
