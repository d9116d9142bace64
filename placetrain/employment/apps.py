from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "placetrain.employment"
    verbose_name = _("Employment and follow-up")

    def ready(self) -> None:
        # Registers jobs on the participant page and Min dag;
        # evidence: what in its records proves checklist items.
        from . import evidence, hooks  # noqa: F401
