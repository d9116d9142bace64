"""The employer register: create, edit, list and search, contact persons; bad input refused
next to its field with everything typed kept."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from placetrain.employers.models import Employer, EmployerContact
from tests.factories import EmployerContactFactory, EmployerFactory, OrganisationFactory
from tests.html import parse

PAYLOAD = "<script>alert(1)</script>"


def assert_refused_next_to(response, name: str, typed: str) -> None:
    """A 200 re-render with the error on ``name`` only, shown by the field, typed value kept."""
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [name]
    page = parse(response)
    assert f"id_{name}_error" in page.ids
    assert page.field(name).get("aria-invalid") == "true"
    assert page.value(name) == typed


def employer_data(**overrides) -> dict:
    data = {
        "name": "Kiwi Storgata",
        "org_number": "974760673",
        "industry": "Dagligvare",
        "address": "Storgata 3",
        "postal_code": "2317",
        "municipality": "Hamar",
        "notes": "Spør etter butikksjefen",
    }
    data.update(overrides)
    return data


def names_listed(response) -> list[str]:
    return [e.name for e in response.context["page"].object_list]


# --- create -----------------------------------------------------------------------------------


class TestEmployerCreate:
    url = staticmethod(lambda: reverse("employers:employer-create"))

    def test_it_registers_an_employer_in_the_users_organisation(self, world, as_specialist):
        response = as_specialist.post(self.url(), employer_data())
        employer = Employer.objects.get(name="Kiwi Storgata")
        assert response.status_code == 302
        assert response.url == reverse("employers:employer-detail", args=[employer.pk])
        assert employer.organisation == world.org
        assert employer.org_number == "974760673"
        assert employer.version == 1

    def test_it_stores_the_org_number_without_the_spaces_people_type(self, world, as_specialist):
        response = as_specialist.post(self.url(), employer_data(org_number=" 974 760 673 "))
        assert response.status_code == 302
        assert Employer.objects.get(name="Kiwi Storgata").org_number == "974760673"

    @pytest.mark.parametrize(
        "typed",
        [
            "974760674",  # wrong check digit
            "97476067",  # 8 digits
            "9747606730",  # 10 digits
            "97476067A",  # a letter
            "974-760-673",  # dashes are not spaces
            "000003000",  # check digit would be 10
            "",
        ],
    )
    def test_it_refuses_an_invalid_org_number_and_keeps_what_was_typed(
        self, world, as_specialist, typed
    ):
        response = as_specialist.post(self.url(), employer_data(org_number=typed))
        assert_refused_next_to(response, "org_number", typed)
        page = parse(response)
        assert page.value("name") == "Kiwi Storgata"
        assert page.value("notes") == "Spør etter butikksjefen"
        assert not Employer.objects.filter(name="Kiwi Storgata").exists()

    def test_it_refuses_an_org_number_already_registered_in_the_organisation(
        self, world, as_specialist
    ):
        typed = "923 609 016"  # world.employer, typed with spaces
        response = as_specialist.post(self.url(), employer_data(org_number=typed))
        assert_refused_next_to(response, "org_number", typed)
        assert Employer.objects.filter(organisation=world.org, org_number="923609016").count() == 1

    def test_it_allows_an_org_number_registered_by_another_organisation(self, world, as_specialist):
        EmployerFactory(organisation=OrganisationFactory(), org_number="974760673")
        response = as_specialist.post(self.url(), employer_data())
        assert response.status_code == 302
        assert Employer.objects.filter(org_number="974760673").count() == 2

    @pytest.mark.parametrize(
        ("name", "typed"),
        [
            ("name", ""),
            ("name", "N" * 201),
            ("postal_code", "23A7"),
            ("postal_code", "۲۳۱۷"),  # Persian digits
            ("name", "Kiwi\u202eatagrotS"),
            ("org_number", "٩٧٤٧٦٠٦٧٣"),
            ("notes", "n" * 4001),
        ],
    )
    def test_it_refuses_other_bad_input_next_to_its_field(self, world, as_specialist, name, typed):
        response = as_specialist.post(self.url(), employer_data(**{name: typed}))
        assert_refused_next_to(response, name, typed)
        assert not Employer.objects.filter(org_number="974760673").exists()

    def test_it_escapes_a_script_in_the_name_on_the_detail_page_and_the_list(
        self, world, as_specialist
    ):
        as_specialist.post(self.url(), employer_data(name=PAYLOAD, industry=PAYLOAD))
        employer = Employer.objects.get(org_number="974760673")
        for url in (
            reverse("employers:employer-detail", args=[employer.pk]),
            reverse("employers:employer-list"),
        ):
            html = as_specialist.get(url).content.decode()
            assert PAYLOAD not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- edit -------------------------------------------------------------------------------------


class TestEmployerEdit:
    def url(self, employer) -> str:
        return reverse("employers:employer-update", args=[employer.pk])

    def test_it_saves_an_edit_and_keeps_its_own_org_number(self, world, as_specialist):
        data = employer_data(name="Rema 1000 Elvestad", org_number="923 609 016", version="1")
        response = as_specialist.post(self.url(world.employer), data)
        assert response.status_code == 302
        employer = Employer.objects.get(pk=world.employer.pk)
        assert employer.name == "Rema 1000 Elvestad"
        assert employer.org_number == "923609016"
        assert employer.version == 2

    def test_it_refuses_to_take_another_employers_org_number(self, world, as_specialist):
        other = EmployerFactory(organisation=world.org, org_number="974760673")
        data = employer_data(name="Rema 1000 Elvestad", org_number="923609016", version="1")
        response = as_specialist.post(self.url(other), data)
        assert_refused_next_to(response, "org_number", "923609016")
        assert parse(response).value("name") == "Rema 1000 Elvestad"
        other.refresh_from_db()
        assert other.org_number == "974760673"
        assert other.version == 1

    def test_it_refuses_an_invalid_org_number_on_edit(self, world, as_specialist):
        data = employer_data(org_number="923609017", version="1")
        response = as_specialist.post(self.url(world.employer), data)
        assert_refused_next_to(response, "org_number", "923609017")
        assert parse(response).value("version") == "1"
        assert Employer.objects.get(pk=world.employer.pk).org_number == "923609016"

    def test_it_does_not_open_an_employer_of_another_organisation(self, world, as_specialist):
        theirs = EmployerFactory(organisation=OrganisationFactory(), org_number="974760673")
        response = as_specialist.post(self.url(theirs), employer_data(version="1"))
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.name != "Kiwi Storgata"


# --- list and search ------------------------------------------------------------------------


class TestEmployerList:
    url = staticmethod(lambda: reverse("employers:employer-list"))

    @pytest.fixture
    def register(self, world):
        EmployerFactory(organisation=world.org, name="Kiwi Storgata", org_number="974760673")
        EmployerFactory(
            organisation=world.org, name="Hamar Bygg AS", org_number="971526920", industry="Bygg"
        )
        EmployerFactory(organisation=OrganisationFactory(), name="Kiwi Annenby")
        return world

    def test_it_lists_the_organisations_employers_only(self, register, as_specialist):
        response = as_specialist.get(self.url())
        assert response.status_code == 200
        assert names_listed(response) == ["Hamar Bygg AS", "Kiwi Storgata", "Rema Elvestad AS"]
        assert "Kiwi Annenby" not in response.content.decode()

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("kiwi", ["Kiwi Storgata"]),
            ("REMA elvestad", ["Rema Elvestad AS"]),
            ("bygg", ["Hamar Bygg AS"]),  # name and industry both match: listed once
            ("923609016", ["Rema Elvestad AS"]),
            ("923 609 016", ["Rema Elvestad AS"]),
            ("9745", []),
            ("97", ["Hamar Bygg AS", "Kiwi Storgata"]),
            ("974 76", ["Kiwi Storgata"]),
            ("ingen slik", []),
        ],
    )
    def test_it_searches_by_name_industry_and_org_number_digits(
        self, register, as_specialist, query, expected
    ):
        response = as_specialist.post(self.url(), {"q": query})
        assert names_listed(response) == expected

    def test_it_does_not_match_org_numbers_in_the_middle(self, register, as_specialist):
        response = as_specialist.post(self.url(), {"q": "609016"})
        assert names_listed(response) == []

    def test_it_returns_only_the_rows_to_an_htmx_search(self, register, as_specialist):
        response = as_specialist.post(self.url(), {"q": "kiwi"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert [t.name for t in response.templates][0] == "employers/_list_rows.html"
        assert "<html" not in html
        assert "Kiwi Storgata" in html
        assert "Rema Elvestad AS" not in html

    def test_it_keeps_the_search_typed_in_the_box(self, register, as_specialist):
        response = as_specialist.post(self.url(), {"q": "Kiwi <b>"})
        assert parse(response).value("q") == "Kiwi <b>"
        assert "Kiwi <b>" not in response.content.decode()


# --- contact persons ----------------------------------------------------------------------


class TestContactPersons:
    def create_url(self, employer) -> str:
        return reverse("employers:contact-person-create", args=[employer.pk])

    def update_url(self, person) -> str:
        return reverse("employers:contact-person-update", args=[person.employer_id, person.pk])

    def delete_url(self, person) -> str:
        return reverse("employers:contact-person-delete", args=[person.employer_id, person.pk])

    def person_data(self, **overrides) -> dict:
        data = {
            "name": "Kari Nordmann",
            "role": "Butikksjef",
            "phone": "90112233",
            "email": "kari@example.org",
            "is_mentor": "on",
        }
        data.update(overrides)
        return data

    def test_it_adds_a_contact_person(self, world, as_specialist):
        response = as_specialist.post(self.create_url(world.employer), self.person_data())
        assert response.status_code == 302
        person = EmployerContact.objects.get(employer=world.employer)
        assert (person.name, person.role, person.is_mentor) == (
            "Kari Nordmann",
            "Butikksjef",
            True,
        )
        detail = as_specialist.get(reverse("employers:employer-detail", args=[world.employer.pk]))
        assert "Kari Nordmann" in detail.content.decode()

    @pytest.mark.parametrize(
        ("name", "typed"),
        [("name", ""), ("email", "kari@"), ("phone", "9" * 31), ("name", "K" * 201)],
    )
    def test_it_refuses_a_bad_contact_person_and_keeps_what_was_typed(
        self, world, as_specialist, name, typed
    ):
        response = as_specialist.post(
            self.create_url(world.employer), self.person_data(**{name: typed})
        )
        assert_refused_next_to(response, name, typed)
        assert parse(response).value("role") == "Butikksjef"
        assert not EmployerContact.objects.filter(employer=world.employer).exists()

    def test_it_edits_a_contact_person(self, world, as_specialist):
        person = EmployerContactFactory(employer=world.employer, name="Kari Nordmann")
        response = as_specialist.post(
            self.update_url(person), self.person_data(role="Daglig leder", is_mentor="")
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.role == "Daglig leder"
        assert person.is_mentor is False
        assert EmployerContact.objects.filter(employer=world.employer).count() == 1

    def test_it_shows_the_contact_person_in_the_edit_form(self, world, as_specialist):
        person = EmployerContactFactory(employer=world.employer, name="Kari Nordmann")
        response = as_specialist.get(self.update_url(person))
        assert parse(response).value("name") == "Kari Nordmann"

    def test_it_removes_a_contact_person(self, world, as_specialist):
        person = EmployerContactFactory(employer=world.employer)
        keep = EmployerContactFactory(employer=world.employer)
        response = as_specialist.post(self.delete_url(person))
        assert response.status_code == 302
        assert list(EmployerContact.objects.filter(employer=world.employer)) == [keep]

    def test_it_refuses_to_remove_with_a_get(self, world, as_specialist):
        person = EmployerContactFactory(employer=world.employer)
        response = as_specialist.get(self.delete_url(person))
        assert response.status_code == 405
        assert EmployerContact.objects.filter(pk=person.pk).exists()

    def test_it_does_not_reach_another_employers_contact_person_through_this_one(
        self, world, as_specialist
    ):
        other = EmployerFactory(organisation=world.org, org_number="974760673")
        theirs = EmployerContactFactory(employer=other, name="Ola Nordmann")
        edit = reverse("employers:contact-person-update", args=[world.employer.pk, theirs.pk])
        delete = reverse("employers:contact-person-delete", args=[world.employer.pk, theirs.pk])
        assert as_specialist.post(edit, self.person_data()).status_code == 404
        assert as_specialist.post(delete).status_code == 404
        theirs.refresh_from_db()
        assert theirs.name == "Ola Nordmann"

    def test_it_escapes_a_script_in_a_contact_persons_name(self, world, as_specialist):
        as_specialist.post(self.create_url(world.employer), self.person_data(name=PAYLOAD))
        html = as_specialist.get(reverse("employers:employer-detail", args=[world.employer.pk]))
        html = html.content.decode()
        assert PAYLOAD not in html
        assert len(re.findall(re.escape("&lt;script&gt;alert(1)&lt;/script&gt;"), html)) >= 1


def test_an_employer_search_keeps_the_name_out_of_the_url(world, as_specialist):
    """Sole proprietorships carry a person's name: the search is POSTed, and a name in the
    URL (an old bookmark, a typed address) is not searched for."""
    EmployerFactory(organisation=world.org, name="Kari Nordmann ENK", org_number="974760673")
    url = reverse("employers:employer-list")

    page = parse(as_specialist.get(url))
    form = page.form(id="arbeidsgiversok")
    assert form["method"] == "post"
    assert names_listed(as_specialist.get(url, {"q": "Nordmann"})) == [
        "Kari Nordmann ENK",
        "Rema Elvestad AS",
    ]
    searched = as_specialist.post(url, {"q": "Nordmann"})
    assert names_listed(searched) == ["Kari Nordmann ENK"]
    assert "Nordmann" not in searched.wsgi_request.get_full_path()
