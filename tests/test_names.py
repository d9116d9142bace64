"""One chain of names per action, in English: the URL name is the view's name is the service's
(``placements:placement-start`` → ``placement_start`` → ``placements.services.placement_start``),
and no stored choice value or query parameter is in Norwegian."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from tests.lib.test_services import _all_services

# Django's own login and logout views, named by their URLs' words.
BORROWED = {"accounts:login", "accounts:logout", "set_language"}


def _views():
    def walk(patterns, namespace=None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                yield from walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                full = f"{namespace}:{entry.name}" if namespace else entry.name
                yield full, entry.callback

    return list(walk(get_resolver().url_patterns))


@pytest.mark.parametrize(("name", "view"), _views(), ids=[name for name, _ in _views()])
def test_the_view_is_named_like_its_url(name, view):
    if name in BORROWED:
        return
    assert view.__name__ == name.split(":")[-1].replace("-", "_")


def test_a_view_that_shares_a_services_name_calls_that_service():
    """Where a view is named like a service of its app, that is the service it calls."""
    services = _all_services()
    for name, view in _views():
        if name in BORROWED:
            continue
        app = view.__module__.split(".")[1]
        service = services.get(f"placetrain.{app}.services.{view.__name__}")
        if service is None:
            continue
        source = importlib.import_module(view.__module__).__file__
        text = open(source, encoding="utf-8").read()
        assert f"services.{view.__name__}" in text, (name, source)


def test_stored_choice_values_are_english():
    norwegian = re.compile(r"[æøå]|tilskudd|praksis|arbeids|ansatt|samtykke|deltaker", re.I)
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("placetrain."):
            continue
        for model in config.get_models():
            for field in model._meta.get_fields():
                choices = getattr(field, "choices", None)
                if isinstance(field, models.Field) and choices:
                    found += [
                        f"{model.__name__}.{field.name}={value}"
                        for value, _label in field.flatchoices
                        if isinstance(value, str) and norwegian.search(value)
                    ]
    assert found == []


def test_query_parameters_are_english():
    """The query parameters the code reads and the templates write."""
    root = Path(__file__).resolve().parent.parent / "placetrain"
    read = set()
    for path in root.rglob("*.py"):
        read |= set(re.findall(r"request\.GET\.get\(\"([\w-]+)\"", path.read_text()))
    written = set()
    for path in root.rglob("*.html"):
        written |= set(re.findall(r"\?([a-z_-]+)=", path.read_text()))
    assert read | written <= {
        "page",
        "placement",
        "employer",
        "kind",
        "from",
        "for",
        "q",
        "before",
        "section",
        # The employer list's network filters (no one's name in them; the search is POSTed).
        "stage",
        "owner",
        "industry",
        "municipality",
        "sort",
        # A placement planned from a suggestion: the job analysis (or employer) it is for.
        "job_analysis",
    }, read | written
