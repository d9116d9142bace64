"""Forms for ending a placement, recording a hire, ending a job and the follow-up check-ins."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from placetrain.employers.selectors import employers_visible_to
from placetrain.lib.dates import today
from placetrain.lib.forms import DATE_WIDGET
from placetrain.participants.forms import not_in_future

from .models import HIRE_OUTCOMES, Employment, FollowUpCheckin, Outcome

# The employment type a hire outcome suggests (the user may still choose another).
KIND_FOR_OUTCOME = {
    Outcome.HIRED_PERMANENT: Employment.Kind.PERMANENT,
    Outcome.HIRED_TEMPORARY: Employment.Kind.TEMPORARY,
    Outcome.HIRED_PART_TIME: Employment.Kind.PART_TIME,
}

EMPLOYMENT_FIELDS = ("kind", "started_on", "percent_of_full_time", "hourly_wage")


def _textarea(rows: int = 3) -> forms.Textarea:
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
    started_on = forms.DateField(
        label=_("Start of the job"),
        widget=DATE_WIDGET,
        required=False,
    )
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


class PlacementEndForm(EmploymentDetailsMixin):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE_WIDGET, initial=today)
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
        widget=_textarea(),
    )
    evaluation = forms.CharField(
        label=_("Evaluation"),
        help_text=_("What worked and what did not: for the participant, the employer and you."),
        max_length=4000,
        widget=_textarea(5),
        error_messages={"required": _("Write the evaluation: what worked and what did not.")},
    )

    field_order = ["ended_on", "outcome", "reason", "evaluation", *EMPLOYMENT_FIELDS]

    def __init__(self, *args: Any, placement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placement = placement
        self.fields["started_on"].help_text = _("Leave empty to use the date the placement ended.")
        self.fields["percent_of_full_time"].initial = placement.percent_of_full_time

    def clean_ended_on(self) -> dt.date:
        value = self.cleaned_data["ended_on"]
        not_in_future(value)
        return value

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

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers_visible_to(user).order_by("name", "pk")
        self.fields["started_on"].required = True
        self.fields["started_on"].initial = today
        self.fields["started_on"].error_messages["required"] = _("Write the start of the job.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.employment_problems(cleaned)
        return cleaned

    def employment(self) -> dict[str, Any]:
        data = self.employment_data(default_start=self.cleaned_data["started_on"])
        data["employer"] = self.cleaned_data["employer"]
        return data


class EmploymentEndForm(forms.Form):
    ended_on = forms.DateField(label=_("The job ended on"), widget=DATE_WIDGET, initial=today)
    reason = forms.CharField(
        label=_("Why it ended"),
        max_length=2000,
        widget=_textarea(),
        error_messages={"required": _("Write why the job ended.")},
    )

    def clean_ended_on(self) -> dt.date:
        value = self.cleaned_data["ended_on"]
        not_in_future(value)
        return value


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class CheckinForm(forms.ModelForm):
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
            "done_on": DATE_WIDGET,
            "how_participant": _textarea(),
            "how_employer": _textarea(),
            "action": _textarea(2),
        }
        help_texts = {"action": _("What you or others will do now, if anything.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["done_on"].error_messages["required"] = _("Write the date of the check-in.")
        if not self.instance.done_on:
            self.initial["done_on"] = today()
        if self.instance.still_employed is not None:
            self.initial["still_employed"] = "yes" if self.instance.still_employed else "no"

    def clean_done_on(self) -> dt.date:
        value = self.cleaned_data["done_on"]
        not_in_future(value)
        return value

    def checkin_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CheckinMoveForm(forms.Form):
    """Move a check-in's due date (a small form of its own on the check-in page)."""

    due_on = forms.DateField(
        label=_("New due date"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Choose the new due date.")},
    )

    def __init__(self, *args: Any, checkin: FollowUpCheckin, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "flytt")
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = checkin.due_on
