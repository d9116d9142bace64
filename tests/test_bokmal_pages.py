"""Issue 7, point 14: no English in the Norwegian user interface. Every page (each case page,
each section of the participant page, the administration pages) is rendered in bokmål and its
visible text searched for English: the English texts of our catalogue and of Django's and the
libraries' (a string shown untranslated), and English words that only a hard-coded English
text would bring (a string that never went through gettext). Every field and model of our
apps has a translated name, as the access log and the administration pages show them."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.functional import Promise
from pypdf import PdfReader

from tests.factories import UserFactory
from tests.test_page_budgets import BUDGETS, SECTION_BUDGETS, _build, page_url

ROOT = Path(__file__).resolve().parent.parent
DJANGO = Path(django.__file__).parent
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
WORD = re.compile(r"[A-Za-zÆØÅæøå]+")

# Words that are English and not Norwegian: one of them in a bokmål page is an English text.
ENGLISH_WORDS = {
    "the", "and", "with", "your", "you", "this", "that", "these", "of", "please", "are",
    "save", "delete", "add", "change", "view", "show", "hide", "search", "select", "history",
    "home", "logout", "yes", "none", "filter", "toggle", "link", "name", "password", "staff",
    "active", "recent", "actions", "available", "organisation", "created", "updated",
}  # fmt: skip


def visible_text(html: str) -> str:
    """The text a reader sees (and a screen reader reads), without scripts and styles."""
    return SPACE.sub(" ", TAG.sub(" ", SCRIPT_OR_STYLE.sub(" ", html))).strip()


@cache
def english_texts() -> frozenset[str]:
    """The English source texts (of several words) of our catalogue and of Django's admin,
    auth and forms catalogues that have a bokmål text of their own."""
    catalogues = [
        ROOT / "locale/nb/LC_MESSAGES/django.po",
        DJANGO / "contrib/admin/locale/nb/LC_MESSAGES/django.po",
        DJANGO / "contrib/auth/locale/nb/LC_MESSAGES/django.po",
        DJANGO / "conf/locale/nb/LC_MESSAGES/django.po",
    ]
    texts = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            msgid = entry.msgid
            plain = "%" not in msgid and "{" not in msgid and "<" not in msgid
            if plain and entry.translated() and entry.msgstr != msgid and msgid.count(" ") >= 2:
                texts.add(msgid)
    return frozenset(texts)


def english_on(html: str) -> list[str]:
    text = visible_text(html)
    found = sorted(t for t in english_texts() if t in text)
    found += sorted({w for w in WORD.findall(text) if w.lower() in ENGLISH_WORDS})
    return found


@pytest.fixture(scope="module")
def case(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build(3)
        transaction.set_rollback(True)


def get(case, spec, name: str) -> str:
    client = Client()
    client.force_login(getattr(case, spec.viewer))
    response = client.get(page_url(name, spec, case))
    assert response.status_code == 200, (name, response.status_code)
    if response["Content-Type"] == "application/pdf":
        pdf = PdfReader(io.BytesIO(response.content))
        return " ".join(page.extract_text() for page in pdf.pages)
    return response.content.decode()


# Not a page for reading: the export of a whole record is JSON with the fields' code names.
MACHINE_READABLE = {"participants:participant-export"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(BUDGETS) - MACHINE_READABLE))
def test_every_page_is_in_bokmal(case, name):
    assert getattr(case, BUDGETS[name].viewer).language == "nb"

    assert english_on(get(case, BUDGETS[name], name)) == [], name


@pytest.mark.django_db
@pytest.mark.parametrize("section", sorted(SECTION_BUDGETS))
def test_every_section_of_the_participant_page_is_in_bokmal(case, section):
    spec = SECTION_BUDGETS[section]

    assert english_on(get(case, spec, "participants:participant-detail")) == [], section


def _admin_pages() -> list[str]:
    pages = ["admin:index"]
    for model in admin.site._registry:
        meta = model._meta
        pages += [f"admin:{meta.app_label}_{meta.model_name}_changelist"]
        if meta.app_label in {"accounts", "participants"}:
            pages += [f"admin:{meta.app_label}_{meta.model_name}_add"]
    return sorted(pages)


@pytest.mark.parametrize("name", _admin_pages())
def test_the_administration_pages_are_in_bokmal(db, client, name):
    superuser = UserFactory(team=None, is_staff=True, is_superuser=True, language="nb")
    client.force_login(superuser)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert english_on(response.content.decode()) == [], name


def test_the_check_finds_an_english_text():
    """The check itself: an English catalogue text, and a hard-coded English word, are found."""
    assert "Your changes are saved." in english_on("<p>Your changes are saved.</p>")
    assert english_on("<button>Save</button><script>var the = 1;</script>") == ["Save"]
    assert english_on("<p>Endringene er lagret.</p>") == []


def test_every_field_and_model_of_ours_has_a_translated_name():
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_app_config("participants").apps.get_models()
        if model.__module__.startswith("placetrain")
        for field in model._meta.get_fields()
        if hasattr(field, "verbose_name")
        and not (field.auto_created and not field.concrete)
        and field.name != "id"
        and not isinstance(field.verbose_name, Promise)
    ]
    untranslated += [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("placetrain")
        and not isinstance(model._meta.verbose_name, Promise)
    ]
    assert untranslated == []
