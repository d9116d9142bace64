from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "placetrain.participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        # Registers this app's panels and timeline entries;
        # evidence: what in its records proves checklist items.
        from . import evidence, hooks  # noqa: F401
