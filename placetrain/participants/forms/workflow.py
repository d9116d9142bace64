"""Forms for the five stages and the vocational profile."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from placetrain.classifications.fields import DaysField, OccupationsField
from placetrain.lib.dates import not_in_future
from placetrain.lib.forms import RebaseMixin, date_field

from ..models import Stage, VocationalProfile

MAX_WORKPLACES = 5
NOT_TEXTAREAS = (
    "hours_capacity",
    "availability",
    "wished_occupations",
    "available_days",
    "available_from",
    "available_until",
)

# How the profile is grouped on the form and on the page (every content field exactly once).
PROFILE_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    (
        _("Job wishes and work environment"),
        ("job_wishes", "wished_occupations", "work_environment", "desired_workplaces"),
    ),
    (_("Interests, strengths and energy"), ("interests", "strengths", "energy")),
    (_("Skills"), ("formal_skills", "informal_skills")),
    (
        _("Support needs"),
        (
            "support_physical",
            "support_psychological",
            "support_social",
            "support_language",
            "support_practical",
        ),
    ),
    (_("Barriers"), ("barriers",)),
    (
        _("Capacity and availability"),
        ("hours_capacity", "available_days", "available_from", "available_until", "availability"),
    ),
    (
        _("Reflection: done – learned – smart next time (gjort – lært – lurt)"),
        ("reflection_done", "reflection_learned", "reflection_next"),
    ),
]


# The model's label for the workplaces carries the instructions; pages and forms use this one
# (the form's help text gives the instructions).
SHORT_LABELS = {"desired_workplaces": _("Workplaces the participant would like to work at")}


class StageForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("New stage"), choices=Stage.choices, coerce=int)
    on = date_field(_("From date"), validators=[not_in_future])
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, current_stage: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current_stage = current_stage

    def clean_stage(self) -> int:
        value = self.cleaned_data["stage"]
        if value == self.current_stage:
            raise forms.ValidationError(
                _("The participant is already in this stage. Choose another stage.")
            )
        return value


HOURS_MESSAGE = _(
    "Write the hours capacity as a whole number from 0 to 100 (percent of full time)."
)


class VocationalProfileForm(RebaseMixin, forms.ModelForm):
    """All content fields of the profile, plus the version the user started from."""

    version_field = "based_on"
    version_attr = "number"

    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    hours_capacity = forms.IntegerField(
        label=_("Hours capacity (% of full time)"),
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": HOURS_MESSAGE,
            "min_value": HOURS_MESSAGE,
            "max_value": HOURS_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )
    wished_occupations = OccupationsField(label=_("Wished occupations (STYRK-08)"))
    available_days = DaysField(label=_("Available days"))

    class Meta:
        model = VocationalProfile
        fields = list(VocationalProfile.CONTENT_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in VocationalProfile.CONTENT_FIELDS
            if name not in NOT_TEXTAREAS
        } | {
            "available_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "available_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = SHORT_LABELS
        help_texts = {
            "desired_workplaces": _(
                "One workplace per line, at most five: the places the participant names."
            ),
            "barriers": _(
                "Only what matters for finding and keeping a job. Health and drug use belong "
                "in the sensitive section."
            ),
            "availability": _("E.g. 'weekdays 08–15, not Fridays'."),
            "available_until": _(
                "The times the participant can work, e.g. 08:30–14:00 around school hours."
            ),
        }

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end <= start:
            self.add_error(
                "available_until", _("Available until must be later than available from.")
            )
        return data

    def clean_desired_workplaces(self) -> str:
        lines = [
            line.strip()
            for line in self.cleaned_data.get("desired_workplaces", "").splitlines()
            if line.strip()
        ]
        if len(lines) > MAX_WORKPLACES:
            raise forms.ValidationError(
                gettext("List at most five workplaces, one per line. You listed %(count)s.")
                % {"count": len(lines)}
            )
        return "\n".join(lines)

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in VocationalProfile.CONTENT_FIELDS}

    def groups(self) -> list[dict]:
        return [
            {"title": title, "fields": [self[name] for name in names]}
            for title, names in PROFILE_GROUPS
        ]
