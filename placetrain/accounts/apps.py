from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "placetrain.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from placetrain.lib import audit  # noqa: F401  (connects the log-entry anonymiser)
