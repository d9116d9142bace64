from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placetrain.placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registers placements on the participant page)
