from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placetrain.placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        # Registers placements on the participant page and the track record on the employer's;
        # evidence: what in its records proves checklist items; tunables: the free-labour
        # warning's thresholds an organisation may set.
        from . import evidence, hooks, tunables  # noqa: F401
