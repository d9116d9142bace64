from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Generated demo data. It imports every app, so it sits on top of them all."""

    name = "placetrain.demo"
    verbose_name = _("Demo data")
