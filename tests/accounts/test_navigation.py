"""The main menu: each role sees its way in, and the current page is marked for screen readers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.html import parse

MENU = {
    "participants": "participants:participant-list",
    "employers": "employers:employer-list",
    "language": "language:taught-participant-list",
    "admin": "admin:index",
}


def menu(response):
    return parse(response).one("nav.pt-nav")


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("specialist_a", {"participants", "employers"}, {"language", "admin"}),
        ("teacher", {"participants", "employers", "language"}, {"admin"}),
        ("admin", {"admin"}, {"participants", "employers", "language"}),
    ],
)
def test_each_role_sees_its_way_in(world, client_for, persona, shown, hidden):
    links = menu(client_for(world.user(persona)).get(reverse("accounts:preferences-update"))).links

    for entry in shown:
        assert reverse(MENU[entry]) in links, entry
    for entry in hidden:
        assert reverse(MENU[entry]) not in links, entry


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("teacher", "language:taught-participant-list"),
        ("specialist_a", "accounts:preferences-update"),
        ("specialist_a", "participants:participant-list"),
    ],
)
def test_the_current_page_is_marked_in_the_menu(world, client_for, persona, name):
    response = client_for(world.user(persona)).get(reverse(name))

    current = [link["href"] for link in menu(response).select("a[aria-current=page]")]
    assert current == [reverse(name)]
