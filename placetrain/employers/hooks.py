"""What the employer app shows in its own page's places: the partnership's stage changes on
the employer's timeline, beside the entries the higher apps register."""

from __future__ import annotations

from .pages import timeline_sources
from .selectors import stage_change_entries

timeline_sources.register("partnership", stage_change_entries, order=5)
