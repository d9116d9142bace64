"""Words for comparing what people write: a participant's wishes and interests against a job's
title and tasks. Case-folded, Norwegian-stemmed (Snowball), without the little words; a stem
matches another when they are equal or one starts the other (Norwegian compounds: "butikk"
starts "butikkmedarbeid"). Deterministic and cheap: the stems of a text are computed when it is
saved, and comparing two sets is a few dozen string operations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W\d_]{3,}")
# Little words, and words every wish or job has ("jobb", "arbeid"), which say nothing of fit.
STOPWORDS = frozenset(
    """og eller men som med for fra til på av om hos den det de en et ei er var har kan vil
    skal ikke også noe mye mer litt gjerne liker like ønsker ønske jobb jobbe jobber arbeid
    arbeide arbeider jobbing sted steder plass gjøre være blir være alle andre annen annet
    helst kanskje veldig""".split()
)
# The shortest stem that may start another (shorter ones start too many words).
PREFIX_AT_LEAST = 4


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    return snowballstemmer.stemmer("norwegian")


def stems(text: str) -> list[str]:
    """The distinct stems of ``text``'s words, in order of first appearance."""
    words = [w for w in WORD.findall(text.casefold()) if w not in STOPWORDS]
    return list(dict.fromkeys(s for s in _stemmer().stemWords(words) if len(s) >= 3))


def stem_text(text: str) -> str:
    """The stems as stored for matching: space-separated, with a space at each end."""
    found = stems(text)
    return f" {' '.join(found)} " if found else ""


def stored(text: str) -> list[str]:
    return text.split()


def shared(ours: Iterable[str], theirs: Iterable[str]) -> list[str]:
    """The stems of ``ours`` that match one of ``theirs`` (equal, or one starts the other)."""
    theirs = list(theirs)
    exact = set(theirs)
    found = []
    for stem in ours:
        if stem in exact or any(
            (len(stem) >= PREFIX_AT_LEAST and other.startswith(stem))
            or (len(other) >= PREFIX_AT_LEAST and stem.startswith(other))
            for other in theirs
        ):
            found.append(stem)
    return found
