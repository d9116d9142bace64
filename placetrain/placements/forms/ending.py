"""The form for ending a placement: its outcome, reason and evaluation, and the job's details
when the outcome is a hire."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from placetrain.employment.forms import EMPLOYMENT_FIELDS, EmploymentDetailsMixin, textarea
from placetrain.employment.models import Employment
from placetrain.lib.dates import not_in_future, today
from placetrain.lib.forms import date_field

from ..models import HIRE_OUTCOMES, Outcome, Placement

# The employment type a hire outcome suggests (the user may still choose another).
KIND_FOR_OUTCOME = {
    Outcome.HIRED_PERMANENT: Employment.Kind.PERMANENT,
    Outcome.HIRED_TEMPORARY: Employment.Kind.TEMPORARY,
    Outcome.HIRED_PART_TIME: Employment.Kind.PART_TIME,
}


class PlacementEndForm(EmploymentDetailsMixin):
    ended_on = date_field(_("Ended on"), initial=today, validators=[not_in_future])
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "---------"), *Outcome.choices],
        error_messages={"required": _("Choose the outcome.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Why the placement ends now."),
        max_length=2000,
        required=False,
        widget=textarea(),
    )
    evaluation = forms.CharField(
        label=_("Evaluation"),
        help_text=_("What worked and what did not: for the participant, the employer and you."),
        max_length=4000,
        widget=textarea(5),
        error_messages={"required": _("Write the evaluation: what worked and what did not.")},
    )

    field_order = ["ended_on", "outcome", "reason", "evaluation", *EMPLOYMENT_FIELDS]

    def __init__(self, *args: Any, placement: Placement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placement = placement
        self.fields["started_on"].help_text = _("Leave empty to use the date the placement ended.")
        self.fields["percent_of_full_time"].initial = placement.percent_of_full_time

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome in HIRE_OUTCOMES:
            if not cleaned.get("kind") and "kind" not in self.errors:
                cleaned["kind"] = KIND_FOR_OUTCOME[outcome]
            self.employment_problems(cleaned)
        return cleaned

    @property
    def is_hire(self) -> bool:
        return self.cleaned_data.get("outcome") in HIRE_OUTCOMES

    def employment(self) -> dict[str, Any] | None:
        if not self.is_hire:
            return None
        return self.employment_data(default_start=self.cleaned_data["ended_on"])
