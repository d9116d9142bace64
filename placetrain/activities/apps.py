from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "placetrain.activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registers the contact log on others' pages)
