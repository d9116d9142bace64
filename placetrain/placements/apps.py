from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placetrain.placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        # Registers placements on the participant page;
        # evidence: what in its records proves checklist items.
        from . import evidence, hooks  # noqa: F401
