from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassificationsConfig(AppConfig):
    name = "placetrain.classifications"
    verbose_name = _("Classifications")
    default_auto_field = "django.db.models.BigAutoField"
