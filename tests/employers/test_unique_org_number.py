"""One organisation number, one employer in the register: two people registering it at once
get one employer and one message, never a server error."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from placetrain.employers import services
from placetrain.employers.models import Employer
from placetrain.lib.services import WorkflowError
from tests.factories import EmployerFactory

NUMBER = "974760673"


def test_the_service_refuses_a_number_registered_meanwhile_with_a_message(world):
    """The form's check passed, then someone else saved the number: the database decides."""
    EmployerFactory(organisation=world.org, org_number=NUMBER, name="Først AS")

    with pytest.raises(WorkflowError) as caught:
        services.employer_create(
            user=world.specialist_a, data={"name": "Sist AS", "org_number": NUMBER}
        )

    assert caught.value.problems == {"org_number": str(services.DUPLICATE)}
    assert Employer.objects.filter(org_number=NUMBER).count() == 1


def test_an_edit_to_a_number_registered_meanwhile_is_refused_too(world):
    EmployerFactory(organisation=world.org, org_number=NUMBER)

    with pytest.raises(WorkflowError):
        services.employer_update(
            user=world.specialist_a,
            employer=world.employer,
            data={"org_number": NUMBER},
            expected_version=world.employer.version,
        )

    world.employer.refresh_from_db()
    assert world.employer.org_number == "923609016"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_give_one_employer_and_no_server_error(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two real connections writing at once")
    barrier = threading.Barrier(2, timeout=20)
    statuses: list[int] = []

    def register(user, name: str) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait()
            response = client.post(
                reverse("employers:employer-create"), {"name": name, "org_number": NUMBER}
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register, args=(world.specialist_a, "Alice AS")),
        threading.Thread(target=register, args=(world.leader_a, "Bob AS")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [200, 302], statuses  # one registered, one shown the message
    assert Employer.objects.filter(organisation=world.org, org_number=NUMBER).count() == 1
