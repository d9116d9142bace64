"""Forms for recording a hire, ending a job and the follow-up check-ins after hiring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import User
from placetrain.employers.forms import of_the_case, offer_employers, searched_without_choosing
from placetrain.employers.selectors import employers_visible_to
from placetrain.lib.dates import not_in_future, today
from placetrain.lib.forms import VersionedModelForm, date_field

from .models import Employment, FollowUpCheckin

EMPLOYMENT_FIELDS = ("kind", "started_on", "percent_of_full_time", "hourly_wage")


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class EmploymentDetailsMixin(forms.Form):
    """The details of a hire, shared by the end-of-placement form and the direct hire form.

    Every field is optional here; ``employment_problems`` says what a hire is missing, so the
    end form can ask for them only when the outcome is a hire."""

    kind = forms.ChoiceField(
        label=_("Type of employment"),
        choices=[("", "---------"), *Employment.Kind.choices],
        required=False,
    )
    started_on = date_field(_("Start of the job"), required=False)
    percent_of_full_time = forms.IntegerField(
        label=_("% of full time"),
        required=False,
        min_value=1,
        max_value=100,
        error_messages={
            "min_value": _("The percentage of full time is between 1 and 100."),
            "max_value": _("The percentage of full time is between 1 and 100."),
            "invalid": _("Write the percentage of full time as a whole number between 1 and 100."),
        },
    )
    hourly_wage = forms.DecimalField(
        label=_("Hourly wage (NOK)"),
        help_text=_("Optional."),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
        # Localized: Norwegian users write 215,50 (a number input would refuse the comma).
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "min_value": _("The hourly wage must be more than 0."),
            "invalid": _("Write the hourly wage as a number, e.g. 215,50."),
        },
    )

    def employment_problems(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get("kind") and "kind" not in self.errors:
            self.add_error("kind", _("Choose the type of employment."))
        percent_missing = cleaned.get("percent_of_full_time") is None
        if percent_missing and "percent_of_full_time" not in self.errors:
            self.add_error(
                "percent_of_full_time", _("Write the percentage of full time of the job (1–100).")
            )

    def employment_data(self, *, default_start: dt.date) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in EMPLOYMENT_FIELDS}
        data["started_on"] = data["started_on"] or default_start
        return data


class EmploymentCreateForm(EmploymentDetailsMixin):
    """A hire recorded without a placement: the employer comes from the register."""

    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=None,
        help_text=_("Choose from the employer register."),
        error_messages={
            "required": _("A hire needs an employer."),
            "invalid_choice": _("Choose an employer from the register."),
        },
    )

    field_order = ["employer", *EMPLOYMENT_FIELDS]

    def __init__(self, *args: Any, user: User, participant: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The employers of this participant's case are offered; any other by a search.
        own = None
        if participant is not None:
            own = of_the_case(participant)
        offer_employers(self, "employer", employers_visible_to(user), own=own)
        self.fields["started_on"].required = True
        self.fields["started_on"].initial = today
        self.fields["started_on"].error_messages["required"] = _("Write the start of the job.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        searched_without_choosing(self, "employer")
        self.employment_problems(cleaned)
        return cleaned

    def employment(self) -> dict[str, Any]:
        data = self.employment_data(default_start=self.cleaned_data["started_on"])
        data["employer"] = self.cleaned_data["employer"]
        return data


class EmploymentEndForm(forms.Form):
    ended_on = date_field(_("The job ended on"), initial=today, validators=[not_in_future])
    reason = forms.CharField(
        label=_("Why it ended"),
        max_length=2000,
        widget=textarea(),
        error_messages={"required": _("Write why the job ended.")},
    )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class CheckinForm(VersionedModelForm):
    still_employed = forms.TypedChoiceField(
        label=_("Still employed?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the participant still has the job.")},
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "min_value": _("Hours per week are between 0 and 100."),
            "max_value": _("Hours per week are between 0 and 100."),
            "invalid": _("Write the hours per week as a number, e.g. 22,5."),
            "max_decimal_places": _("Write the hours with at most one decimal, e.g. 22,5."),
        },
    )

    class Meta:
        model = FollowUpCheckin
        fields = [
            "done_on",
            "still_employed",
            "hours_per_week",
            "how_participant",
            "how_employer",
            "action",
        ]
        widgets = {
            "how_participant": textarea(),
            "how_employer": textarea(),
            "action": textarea(2),
        }
        help_texts = {"action": _("What you or others will do now, if anything.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["done_on"].validators.append(not_in_future)
        self.fields["done_on"].error_messages["required"] = _("Write the date of the check-in.")
        if not self.instance.done_on:
            self.initial["done_on"] = today()
        if self.instance.still_employed is not None:
            self.initial["still_employed"] = "yes" if self.instance.still_employed else "no"

    def checkin_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CheckinMoveForm(forms.Form):
    """Move a check-in's due date (a small form of its own on the check-in page)."""

    due_on = date_field(
        _("New due date"), error_messages={"required": _("Choose the new due date.")}
    )

    def __init__(self, *args: Any, checkin: FollowUpCheckin, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "flytt")
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = checkin.due_on
