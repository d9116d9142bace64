from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "placetrain.employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        # Declares the thresholds an organisation may set.
        from . import hooks, tunables  # noqa: F401  (hooks: stage changes on the timeline)
