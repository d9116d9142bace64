"""Forms for planning a placement (with its 6H answers), starting, extending, and the training
plan. Rules of the method live in the services; these forms check what a form can: dates in
order, hours and percentages within bounds, the mentor working at the chosen employer."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import User
from placetrain.employers.forms import of_the_case, offer_employers, searched_without_choosing
from placetrain.employers.models import EmployerContact, JobAnalysis
from placetrain.employers.selectors import employers_visible_to
from placetrain.lib.dates import not_in_future, today
from placetrain.lib.forms import PersonChoiceField, VersionedModelForm, date_field
from placetrain.participants.models import Participant
from placetrain.participants.selectors import case_workers_for

from ..models import Placement, TrainingTask

MAX_HOURS_PER_WEEK = Decimal(60)


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: EmployerContact) -> str:
        return f"{obj.name}, {obj.role}" if obj.role else obj.name


def mentor_field(*, organisation_id: int, employer_id: int | None) -> MentorChoiceField:
    """The mentor list of a placement: the chosen employer's contact persons, no one else's.
    Without an employer it is empty and says where the names come from."""
    people = EmployerContact.objects.filter(
        employer_id=employer_id, employer__organisation_id=organisation_id
    )
    field = MentorChoiceField(
        queryset=people if employer_id else EmployerContact.objects.none(),
        required=False,
        label=_("Mentor (fadder) from the employer's contact persons"),
        help_text=(
            _("Or add a new one below: name, role and contact.")
            if employer_id
            else _("Choose the employer first: its contact persons are offered here.")
        ),
        error_messages={
            "invalid_choice": _("The mentor must be one of the chosen employer's contact persons.")
        },
    )
    return field


def mentor_choices_form(user: User, employer_id: int | None) -> forms.Form:
    """The mentor field alone, for the HTMX fragment that follows a changed employer."""
    form = forms.Form()
    form.fields["mentor"] = mentor_field(
        organisation_id=user.organisation_id, employer_id=employer_id
    )
    return form


def as_id(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


class PlacementForm(VersionedModelForm):
    """The plan of a placement, laid out by the six questions. Everything but the employer, the
    type and the planned start may wait; starting needs the 6H answers (services.missing_6h)."""

    mentor = MentorChoiceField(queryset=EmployerContact.objects.none(), required=False)
    mentor_as_contact = forms.BooleanField(
        required=False,
        label=_("Save the new mentor as one of the employer's contact persons"),
        help_text=_("Then the mentor is offered the next time, with the employer's other people."),
    )
    follow_up_by = PersonChoiceField(
        queryset=User.objects.none(), required=False, label=_("Who follows up")
    )

    class Meta:
        model = Placement
        # In the order of the page: the placement, then the six questions, then the subsidy.
        fields = [
            "employer",
            "job_analysis",
            "kind",
            "hours_per_week",
            "percent_of_full_time",
            "purpose",
            "goal",
            "sub_goals",
            "why_here",
            "follow_up_by",
            "follow_up_every_days",
            "follow_up_plan",
            "mentor",
            "mentor_name",
            "mentor_role",
            "mentor_contact",
            "language_plan_needed",
            "planned_start",
            "planned_end",
            "next_step_after",
            "intention_agreement",
            "intention_agreement_on",
            "subsidy_kind",
            "subsidy_monthly_amount",
            "subsidy_from",
            "subsidy_to",
        ]
        widgets = {
            "why_here": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "sub_goals": forms.Textarea(attrs={"rows": 4}),
            "follow_up_plan": forms.Textarea(attrs={"rows": 3}),
            "next_step_after": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "why_here": _("The job match: what in the profile this workplace answers."),
            "follow_up_every_days": _("For example 7 for a weekly visit."),
            "planned_end": _("The job specialist, not the employer, decides how long."),
            "hours_per_week": _("Between 0 and 60."),
            "percent_of_full_time": _("Between 0 and 100."),
        }

    def __init__(self, *args, user: User, participant: Participant, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        org = user.organisation_id
        # The employers of this participant's case are offered; any other by a search.
        own = of_the_case(participant)
        offer_employers(self, "employer", employers_visible_to(user), own=own)
        # Whoever follows up must be able to open the placement: the participant's case workers.
        self.fields["follow_up_by"].queryset = case_workers_for(participant, include_teachers=False)
        # The people of the employer chosen (typed, saved or offered): a changed employer gets
        # its own list by HTMX, and a mentor from another employer is refused.
        employer_id = as_id(
            self.data.get(self.add_prefix("employer"))
            if self.is_bound
            else self.instance.employer_id or self.initial.get("employer")
        )
        self.fields["mentor"] = mentor_field(organisation_id=org, employer_id=employer_id)
        # The job: one of the chosen employer's job analyses (hidden when it has none); any of
        # the organisation's passes the field, and clean() holds it to the employer chosen.
        job = self.fields["job_analysis"]
        assert isinstance(job, forms.ModelChoiceField)
        job.queryset = JobAnalysis.objects.filter(employer__in=employers_visible_to(user))
        job.label = _("The job (job analysis)")
        job.required = False
        offered = [
            (a.pk, a.title)
            for a in JobAnalysis.objects.filter(employer_id=employer_id or 0).order_by(
                "-state", "title", "pk"
            )
        ]
        if offered:
            job.widget.choices = [("", "---------"), *offered]
        else:
            job.widget = forms.HiddenInput()
        self.fields["employer"].widget.attrs.update(
            {
                "hx-get": reverse("placements:mentor-choices"),
                "hx-target": "#mentor-choice",
                "hx-trigger": "change",
            }
        )
        self.fields["kind"].label = _("Type of placement")
        if not self.instance.pk and not self.is_bound:
            self.fields["follow_up_by"].initial = participant.specialist_id
        if self.instance.pk and self.instance.state != Placement.State.PLANNED:
            # A started placement's end moves only by an extension, with a reason.
            self.fields["planned_end"].disabled = True
            self.fields["planned_end"].help_text = _(
                "The placement has started: use “Extend” to move its end, with a reason."
            )

    def clean_hours_per_week(self) -> Decimal | None:
        value = self.cleaned_data.get("hours_per_week")
        if value is not None and not 0 <= value <= MAX_HOURS_PER_WEEK:
            raise forms.ValidationError(_("Give the hours per week as a number from 0 to 60."))
        return value

    def clean_percent_of_full_time(self) -> int | None:
        value = self.cleaned_data.get("percent_of_full_time")
        if value is not None and not 0 <= value <= 100:
            raise forms.ValidationError(_("Give the share of full time as 0 to 100 %."))
        return value

    def clean_follow_up_every_days(self) -> int | None:
        value = self.cleaned_data.get("follow_up_every_days")
        if value is not None and not 1 <= value <= 365:
            raise forms.ValidationError(_("Give the days between visits as 1 to 365."))
        return value

    def clean(self):
        cleaned = super().clean()
        searched_without_choosing(self, "employer")
        job, employer = cleaned.get("job_analysis"), cleaned.get("employer")
        if job and employer and job.employer_id != employer.pk:
            hidden = self.fields["job_analysis"].widget.is_hidden
            self.add_error(
                "employer" if hidden else "job_analysis",
                _("The job analysis is of another employer: choose the job again."),
            )
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start and "planned_end" not in self.errors:
            if self.fields["planned_end"].disabled:  # the end is fixed: the start must move
                self.add_error(
                    "planned_start", _("The planned start cannot be after the planned end.")
                )
            else:
                self.add_error(
                    "planned_end", _("The planned end cannot be before the planned start.")
                )
        subsidy_from, subsidy_to = cleaned.get("subsidy_from"), cleaned.get("subsidy_to")
        if subsidy_from and subsidy_to and subsidy_to < subsidy_from:
            self.add_error("subsidy_to", _("The subsidy cannot end before it begins."))
        if not cleaned.get("subsidy_kind") and (
            cleaned.get("subsidy_monthly_amount") or subsidy_from or subsidy_to
        ):
            self.add_error(
                "subsidy_kind",
                _("Choose the kind of subsidy, or clear its amount and period."),
            )
        if cleaned.get("intention_agreement_on") and not cleaned.get("intention_agreement"):
            self.add_error(
                "intention_agreement",
                _("Tick the intention agreement, or clear its date."),
            )
        if cleaned.get("mentor_as_contact"):
            if cleaned.get("mentor"):
                self.add_error(
                    "mentor_as_contact",
                    _("The mentor is chosen from the list: untick this, or clear the choice."),
                )
            elif not cleaned.get("mentor_name"):
                self.add_error(
                    "mentor_name", _("Write the mentor's name to save them as a contact person.")
                )
        return cleaned

    def model_data(self) -> dict:
        """What the service saves: the enabled fields (a disabled end is not the form's to set)."""
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name in self.fields and not self.fields[name].disabled
        }


class PlacementStartForm(forms.Form):
    started_on = date_field(_("Started on"), validators=[not_in_future])


class PlacementExtendForm(forms.Form):
    new_end = date_field(_("New planned end"))
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Tromsøpakken: before extending, evaluate the placement thoroughly with the "
            "participant. Write what the evaluation found."
        ),
        error_messages={"required": _("Every extension needs a reason.")},
    )


class TrainingTaskForm(forms.Form):
    description = forms.CharField(
        label=_("New task"),
        max_length=300,
        help_text=_("Start simple; add harder tasks as the easier ones are mastered."),
        error_messages={"required": _("Describe the task.")},
    )


class TrainingTaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TrainingTask.TaskStatus.choices)
    on = date_field(_("Date"), initial=today, validators=[not_in_future])
