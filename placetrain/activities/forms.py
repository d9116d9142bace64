from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from placetrain.employers.forms import of_the_case, offer_employers, searched_without_choosing
from placetrain.employers.models import Employer
from placetrain.lib.dates import not_before_2000, today
from placetrain.lib.forms import date_field, datetime_widget

from .models import Contact, NextStep
from .services import StepsTended

# The participant's open next steps offered in the contact form, the earliest due first.
OPEN_STEPS_SHOWN = 8


NEXT_STEP_CHOICES = [
    ("", _("No next step")),
    ("7", _("In 1 week")),
    ("14", _("In 2 weeks")),
    ("28", _("In 4 weeks")),
    ("date", _("Choose a date")),
]


def _now_local() -> dt.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class ContactFormBase(forms.ModelForm):
    """Shared by the participant's quick form and the employer's form: the contact itself and an
    optional next step, chosen with one tap ("in 2 weeks") or with a date."""

    next_step_when = forms.ChoiceField(
        label=_("Next step"), choices=NEXT_STEP_CHOICES, required=False, widget=forms.RadioSelect
    )
    next_step_text = forms.CharField(
        label=_("What is the next step?"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    next_step_due = date_field(_("Due date"), required=False)
    # A new token each time the empty form is shown: the same form sent twice is one contact.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].widget = datetime_widget()
        self.fields["occurred_at"].initial = _now_local
        self.fields["note"].widget = forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
        self.fields["duration_minutes"].widget.attrs.update(min=1, max=600, step=5)
        self.fields["channel"].widget = forms.RadioSelect(choices=Contact.Channel.choices)

    def clean_occurred_at(self) -> dt.datetime:
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("A contact cannot be logged in the future."))
        not_before_2000(value)
        return value

    def clean_duration_minutes(self) -> int:
        value = self.cleaned_data["duration_minutes"]
        if not 1 <= value <= 600:
            raise forms.ValidationError(_("Give a duration between 1 and 600 minutes."))
        return value

    def clean(self):
        cleaned = super().clean()
        when = cleaned.get("next_step_when")
        due = cleaned.get("next_step_due")
        if when == "date" and not due:
            self.add_error("next_step_due", _("Choose the date for the next step."))
        if due and due < today():
            self.add_error("next_step_due", _("The next step cannot be due in the past."))
        if cleaned.get("next_step_text") and not when:
            self.add_error("next_step_when", _("Choose when the next step is due."))
        if cleaned.get("counterpart") == Contact.Counterpart.SERVICE and not cleaned.get(
            "service_name"
        ):
            self.add_error("service_name", _("Name the service you were in contact with."))
        return cleaned

    def next_step(self) -> tuple[str, dt.date] | None:
        when = self.cleaned_data.get("next_step_when")
        if not when:
            return None
        due = (
            self.cleaned_data["next_step_due"]
            if when == "date"
            else today() + dt.timedelta(days=int(when))
        )
        text = self.cleaned_data.get("next_step_text") or str(_("Follow-up"))
        return text, due

    def contact_data(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }


def _person_label(person) -> str:
    return f"{person.name}, {person.role}" if person.role else person.name


class QuickContactForm(ContactFormBase):
    """Logging a contact from the participant's page, in three taps on a phone."""

    class Meta:
        model = Contact
        fields = [
            "channel",
            "note",
            "counterpart",
            "service_name",
            "employer",
            "occurred_at",
            "duration_minutes",
        ]

    done_steps = forms.MultipleChoiceField(
        label=_("Open next steps: tick what is done"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    replaces = forms.ChoiceField(
        label=_("The new next step"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("So the next steps do not pile up: one follow-up replaces the other."),
    )

    def __init__(self, *args, participant, **kwargs) -> None:
        kwargs.setdefault("prefix", "kontakt")
        super().__init__(*args, **kwargs)
        self.fields["employer"].required = False
        # The employers of this participant's case; any other of the register by a search.
        own = of_the_case(participant)
        employers = Employer.objects.filter(organisation_id=participant.organisation_id)
        offer_employers(self, "employer", employers, own=own)
        self._offer_open_steps(participant)

    def clean(self):
        cleaned = super().clean()
        searched_without_choosing(self, "employer")
        return cleaned

    def _offer_open_steps(self, participant) -> None:
        """The open next steps, to tick off, and those agreed in earlier contacts, for the new
        next step to replace (the earliest by default) rather than to pile up beside."""
        self.open_steps = {
            str(step.pk): step
            for step in participant.next_steps.open().order_by("due_on", "pk")[:OPEN_STEPS_SHOWN]
        }
        self.fields["done_steps"].choices = [
            (pk, _step_label(step)) for pk, step in self.open_steps.items()
        ]
        replaceable = [(pk, s) for pk, s in self.open_steps.items() if s.contact_id]
        self.fields["replaces"].choices = [
            *((pk, _("Replaces “%s”") % _step_label(step)) for pk, step in replaceable),
            ("", _("Comes in addition")),
        ]
        self.fields["replaces"].initial = replaceable[0][0] if replaceable else ""

    @property
    def can_replace(self) -> bool:
        return len(self.fields["replaces"].choices) > 1

    def steps_tended(self) -> StepsTended:
        done = [self.open_steps[pk] for pk in self.cleaned_data.get("done_steps", [])]
        replaces = self.open_steps.get(self.cleaned_data.get("replaces") or "")
        return StepsTended(done=done, replaces=replaces)


def _step_label(step: NextStep) -> str:
    return _("%(step)s, due %(due)s") % {
        "step": step.description,
        "due": formats.date_format(step.due_on, "SHORT_DATE_FORMAT"),
    }


class EmployerContactLogForm(ContactFormBase):
    class Meta:
        model = Contact
        fields = [
            "employer_contact",
            "counterpart",
            "service_name",
            "channel",
            "note",
            "occurred_at",
            "duration_minutes",
        ]

    def __init__(self, *args, employer, **kwargs) -> None:
        kwargs.setdefault("prefix", "kontakt")
        super().__init__(*args, **kwargs)
        self.fields["employer_contact"].queryset = employer.people.all()
        self.fields["employer_contact"].label_from_instance = _person_label
        self.fields["employer_contact"].required = False
        self.fields["counterpart"].choices = [
            c for c in Contact.Counterpart.choices if c[0] != Contact.Counterpart.PARTICIPANT
        ]
        self.fields["counterpart"].initial = Contact.Counterpart.EMPLOYER
