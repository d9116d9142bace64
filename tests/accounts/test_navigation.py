"""The main menu: each role sees its way in, and the current page is marked for screen readers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

MENU = {
    "participants": "participants:participant-list",
    "employers": "employers:employer-list",
    "language": "language:taught-participant-list",
    "admin": "admin:index",
}


def menu_links(html: str) -> list[str]:
    nav = re.search(r'<nav aria-label="[^"]*" class="pt-nav">(.*?)</nav>', html, re.S)
    assert nav, "no main menu on the page"
    return re.findall(r'<a href="([^"]+)"', nav.group(1))


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("specialist_a", {"participants", "employers"}, {"language", "admin"}),
        ("teacher", {"participants", "employers", "language"}, {"admin"}),
        ("admin", {"admin"}, {"participants", "employers", "language"}),
    ],
)
def test_each_role_sees_its_way_in(world, client_for, persona, shown, hidden):
    html = client_for(world.user(persona)).get(reverse("accounts:preferences-update"))
    links = menu_links(html.content.decode())

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
    html = client_for(world.user(persona)).get(reverse(name)).content.decode()

    current = re.findall(r'<a href="([^"]+)" aria-current="page"', html)
    assert current == [reverse(name)]
