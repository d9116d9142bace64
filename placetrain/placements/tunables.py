"""When an employer earns the free-labour warning (gratisarbeid), as an organisation may set it
(see lib/tunables.py)."""

from django.utils.translation import gettext_lazy as _

from placetrain.lib.tunables import tunable

FREE_LABOUR_UNPAID_ENDINGS = tunable(
    "placements.free_labour_unpaid_endings",
    2,
    _("Unpaid placements ended without a hire before the free-labour warning"),
    help_text=_(
        "An employer where at least this many unpaid placements ended without a hire in the "
        "period, and no one was hired, is shown with a warning about free labour."
    ),
    minimum=1,
    maximum=50,
)
FREE_LABOUR_MONTHS = tunable(
    "placements.free_labour_months",
    12,
    _("Months the free-labour warning looks back"),
    help_text=_("The period in which unpaid placements ending without a hire are counted."),
    minimum=3,
    maximum=60,
)
