from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguageConfig(AppConfig):
    name = "placetrain.language"
    verbose_name = _("Language training")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registers the language plans on the participant page)
