"""The layers hold (import-linter's contracts run in ``make check``; pyproject.toml lists them),
nothing dodges them with an import inside a function, and the pages that combine apps get
every app's part through the registries."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from placetrain.activities.pages import my_day_panels
from placetrain.employers.pages import (
    chain_panels,
    contact_person_in_use,
    employer_panels,
    job_analysis_panels,
)
from placetrain.employers.pages import timeline_sources as employer_timeline
from placetrain.participants.pages import (
    participant_alerts,
    participant_panels,
    participant_sections,
    record_sections,
    timeline_sources,
)
from placetrain.placements.pages import plan_prefills

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "placetrain"


def _imports_inside_functions() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if node.name == "ready":  # AppConfig.ready loads the app's hooks: Django's way
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno} in {node.name}()")
    return found


def test_no_import_hides_inside_a_function():
    assert _imports_inside_functions() == []


@pytest.mark.slow
def test_the_layer_contracts_are_kept():
    # The same check as `make check`, so a plain pytest run cannot miss a broken layer.
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_participant_page_gets_every_apps_card_in_order():
    assert participant_panels.keys() == [
        "contact-log",  # activities
        "details",  # participants: the person, the order, consents, work history
        "workflow",  # participants: stage and profile
        "placements",  # placements
        "suggestions",  # matching
        "employments",  # employment
        "individual-plan",  # placements
        "language-plans",  # language
        "timeline",  # participants, with every app's entries
    ]


def test_the_participant_page_gets_every_apps_section_and_each_card_is_in_one():
    assert participant_sections.keys() == [
        "overview",
        "placements",
        "suggestions",
        "jobs",
        "language",
        "details",
    ]
    places = {key: panel.place or "overview" for key, panel in participant_panels.items()}
    assert places == {
        "contact-log": "overview",
        "workflow": "overview",
        "timeline": "overview",
        "placements": "placements",
        "individual-plan": "placements",
        "suggestions": "suggestions",
        "employments": "jobs",
        "language-plans": "language",
        "details": "details",
    }
    assert set(places.values()) <= set(participant_sections.keys())


def test_the_participant_pages_header_hears_what_needs_attention_from_each_app():
    assert participant_alerts.keys() == ["overdue-next-steps", "overdue-checkins"]


def test_the_timeline_and_the_export_hold_every_apps_records():
    assert timeline_sources.keys() == [
        "status-and-consents",
        "contacts",
        "placements",
        "employment",
    ]
    assert record_sections.keys() == [
        "participant",
        "contacts",
        "placements",
        "language",
        "employment",
    ]


def test_the_employer_page_and_min_dag_get_their_parts():
    assert employer_panels.keys() == ["contact-log", "track-record"]
    assert chain_panels.keys() == ["track-record"]
    assert job_analysis_panels.keys() == ["shortlist", "candidates"]
    assert plan_prefills.keys() == ["matching"]
    assert employer_timeline.keys() == ["partnership", "contacts"]
    assert contact_person_in_use.keys() == ["mentor"]
    assert my_day_panels.keys() == ["taught-participants", "due-checkins"]
