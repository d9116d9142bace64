"""The employer register's thresholds an organisation may set (see lib/tunables.py)."""

from django.utils.translation import gettext_lazy as _

from placetrain.lib.tunables import tunable

PARTNER_QUIET_DAYS = tunable(
    "employers.partner_quiet_days",
    60,
    _("Days without contact before a partner is highlighted"),
    help_text=_("In the employer list, a partner not contacted for this many days stands out."),
    minimum=1,
    maximum=730,
)
