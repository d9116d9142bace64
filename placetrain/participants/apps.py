from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "placetrain.participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registers this app's panels and timeline entries)
