from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "placetrain.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Connect the log-entry anonymiser and the services' author of change history.
        from placetrain.lib import audit, services  # noqa: F401
