"""Reload STYRK-08 and SN2007 from the files shipped in placetrain/classifications/data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from placetrain.classifications.loading import load
from placetrain.classifications.models import Industry, Occupation


class Command(BaseCommand):
    help = "Add and retitle STYRK-08 and SN2007 codes from the shipped data files."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            for model in (Occupation, Industry):
                added, updated = load(model)
                self.stdout.write(
                    _("%(name)s: %(added)d added, %(updated)d updated, %(total)d in all")
                    % {
                        "name": model._meta.verbose_name_plural,
                        "added": added,
                        "updated": updated,
                        "total": model.objects.count(),
                    }
                )
