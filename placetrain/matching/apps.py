from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "placetrain.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Keeps the precomputed profiles current; shows suggestions and shortlists on the
        # participant's, the job analysis's and the placement plan's pages; the weights.
        from . import hooks, tunables  # noqa: F401
