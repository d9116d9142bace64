"""Bokmål is the default language: every string we mark for translation has a bokmål text,
and the catalogue is in step with the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
NB_PO = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def test_every_bokmal_string_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(NB_PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


@pytest.mark.slow
def test_the_catalogue_holds_every_string_in_the_code(tmp_path):
    """Run makemessages on a copy of the code: no msgid may be missing from the catalogue."""
    shutil.copytree(
        ROOT / "placetrain",
        tmp_path / "placetrain",
        ignore=shutil.ignore_patterns("__pycache__", "vendor"),
    )
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    (tmp_path / "copy_settings.py").write_text(
        "from placetrain.settings import *  # noqa\n"
        f"LOCALE_PATHS = [{str(tmp_path / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "copy_settings",
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nb", "-v", "0"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {
        e.msgid
        for e in polib.pofile(str(tmp_path / "locale/nb/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    ours = {e.msgid for e in polib.pofile(str(NB_PO)) if not e.obsolete}
    assert fresh - ours == set(), "run makemessages and translate the new strings"


def test_no_translated_string_hides_inside_an_f_string():
    """xgettext does not read f-strings: a _() inside one never reaches the catalogue."""
    import re

    pattern = re.compile(r"""f(["'])[^"'\n]*\{\s*_\(""")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "placetrain").rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert not offenders, offenders
