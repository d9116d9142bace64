"""Forms for language plans: the plan, its sub-goals, observations at work and progress notes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import User
from placetrain.lib.dates import not_before_2000, not_in_future, today
from placetrain.lib.forms import PersonChoiceField, VersionedModelForm, date_field, date_widget
from placetrain.participants.models import Participant

from .models import LanguageObservation, LanguagePlan

MAX_HOURS_PER_WEEK = 40


class PlacementChoiceField(forms.ModelChoiceField):
    """The participant's placements (read through the participant: placements sit above)."""

    def label_from_instance(self, obj: Any) -> str:
        start = obj.planned_start.strftime("%d.%m.%Y")
        return f"{obj.employer.name} – {obj.get_kind_display()} ({start})"


class LanguagePlanForm(VersionedModelForm):
    """The plan itself. A teacher editing it chooses among the participant's teachers and does
    not see the participant's placements (the rest of the case is not theirs)."""

    teacher = PersonChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Teacher"),
        help_text=_(
            "The language teachers assigned to the participant (on the participant's form)."
        ),
    )
    placement = PlacementChoiceField(
        queryset=None,
        required=False,
        label=_("Placement"),
        help_text=_("Optional: the placement this plan belongs to."),
    )
    hours_per_week = forms.DecimalField(
        label=_("Agreed hours per week"),
        required=False,
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(MAX_HOURS_PER_WEEK))],
        error_messages={
            "min_value": _("Give the hours as a number from 0 to 40."),
            "max_value": _("Give the hours as a number from 0 to 40."),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_HOURS_PER_WEEK, "step": "0.5"}),
    )

    class Meta:
        model = LanguagePlan
        fields = [
            "placement",
            "teacher",
            "current_level",
            "required_level",
            "final_goal",
            "final_goal_by",
            "hours_per_week",
        ]

        help_texts = {
            "current_level": _("On the CEFR scale (A1–C2)."),
            "required_level": _(
                "As the employer states it. Norskprøve 3 (B1) is a hard requirement in some "
                "sectors."
            ),
        }

    def __init__(self, *args, participant: Participant, can_see_case: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current_teacher = self.instance.teacher_id if self.instance.pk else None
        self.fields["teacher"].queryset = User.objects.filter(
            Q(pk__in=participant.language_teachers.filter(is_language_teacher=True).values("pk"))
            | Q(pk=current_teacher)
        ).order_by("first_name", "last_name", "pk")
        self.fields["final_goal"].widget.attrs["maxlength"] = 300
        self.fields["final_goal_by"].validators.append(not_before_2000)
        if can_see_case:
            self.fields["placement"].queryset = participant.placements.select_related(
                "employer"
            ).order_by("-planned_start", "-pk")
        else:
            del self.fields["placement"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("final_goal_by") and not (cleaned.get("final_goal") or "").strip():
            self.add_error("final_goal", _("Write the final goal the date is for."))
        return cleaned

    def plan_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name in self.fields and name in self.cleaned_data
        }


class LanguageGoalForm(forms.Form):
    description = forms.CharField(
        label=_("Sub-goal"),
        max_length=300,
        widget=forms.TextInput(attrs={"maxlength": 300}),
        error_messages={"required": _("Describe the sub-goal.")},
    )
    due_on = date_field(_("By"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", "delmal")
        super().__init__(*args, **kwargs)


class GoalReachedForm(forms.Form):
    reached_on = date_field(
        _("Reached on"),
        initial=today,
        validators=[not_in_future],
        error_messages={"required": _("Give the date the sub-goal was reached.")},
    )

    def __init__(self, *args, goal=None, **kwargs) -> None:
        kwargs.setdefault("prefix", f"nadd-{goal.pk}" if goal is not None else "nadd")
        super().__init__(*args, **kwargs)


class LanguageObservationForm(forms.ModelForm):
    """Observing the participant at work: the four questions (DOMAIN §3.4)."""

    class Meta:
        model = LanguageObservation
        fields = ["observed_on", "small_talk", "listened_to", "social_standing", "support"]
        widgets = {
            "observed_on": date_widget(),
            **{
                name: forms.Textarea(attrs={"rows": 2, "maxlength": 1000})
                for name in ("small_talk", "listened_to", "social_standing", "support")
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", "observasjon")
        super().__init__(*args, **kwargs)
        self.fields["observed_on"].initial = today
        self.fields["observed_on"].validators.append(not_in_future)


class LanguageNoteForm(forms.Form):
    written_on = date_field(_("Date"), initial=today, validators=[not_in_future])
    text = forms.CharField(
        label=_("Progress note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        error_messages={"required": _("Write the progress note.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", "notat")
        super().__init__(*args, **kwargs)
