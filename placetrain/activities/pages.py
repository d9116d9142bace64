"""The places on Min dag that higher apps fill in (see lib/registry.py).

``my_day_panels``: cards in Min dag's side column, above the steps coming up (the steps due
come first on the page, the caseload after them); context functions take ``user``, ``today``
and ``horizon`` (the last day Min dag looks ahead to) and return their template's context, or
None to show nothing."""

from __future__ import annotations

from placetrain.lib.registry import Panel, Registry

my_day_panels: Registry[Panel] = Registry("Min dag panels")
