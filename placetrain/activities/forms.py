from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from placetrain.employers.models import Employer
from placetrain.employers.selectors import matching
from placetrain.lib.dates import not_before_2000, today
from placetrain.lib.forms import date_field, datetime_widget

from .models import Contact, NextStep
from .services import StepsTended

# The participant's open next steps offered in the contact form, the earliest due first.
OPEN_STEPS_SHOWN = 8
# The employers of a participant's case offered in the contact form; others are searched for.
CASE_EMPLOYERS = 30
EMPLOYERS_FOUND = 20


def matching_employers(employers: QuerySet[Employer], typed: str) -> list[Employer]:
    return list(matching(employers, typed).order_by("name", "pk")[:EMPLOYERS_FOUND])


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

    employer_search = forms.CharField(
        label=_("Find another employer"),
        max_length=100,
        required=False,
        help_text=_("Type part of the name; the list above shows what matches."),
    )

    def __init__(self, *args, participant, **kwargs) -> None:
        kwargs.setdefault("prefix", "kontakt")
        super().__init__(*args, **kwargs)
        employers = Employer.objects.filter(organisation_id=participant.organisation_id)
        self.fields["employer"].queryset = employers  # what may be chosen: one lookup on save
        self.fields["employer"].required = False
        self.fields["employer"].choices = self._employer_choices(participant, employers)
        self.fields["employer_search"].widget.attrs.update(
            {
                "hx-post": reverse("activities:employer-options"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": f"#id_{self.add_prefix('employer')}",
                "hx-include": "closest form [name=csrfmiddlewaretoken]",
                "hx-params": f"{self.add_prefix('employer_search')},csrfmiddlewaretoken",
                "type": "search",
                "autocomplete": "off",
            }
        )
        self._offer_open_steps(participant)

    def _employer_choices(self, participant, employers) -> list[tuple[object, str]]:
        """What is offered: the employers of this participant's case (placements, jobs,
        contacts), the one chosen, and those matching a search sent without JavaScript — never
        the whole register (thousands of names in every page)."""
        chosen = self.data.get(self.add_prefix("employer")) if self.is_bound else None
        typed = (self.data.get(self.add_prefix("employer_search")) or "").strip()
        own = (
            Q(placements__participant=participant)
            | Q(employments__participant=participant)
            | Q(contacts__participant=participant)
        )
        if chosen and str(chosen).isdigit():
            own |= Q(pk=int(chosen))
        offered = list(employers.filter(own).distinct().order_by("name", "pk")[:CASE_EMPLOYERS])
        if typed and self.is_bound:
            offered += [e for e in matching_employers(employers, typed) if e not in offered]
        return [("", "---------"), *((e.pk, e.name) for e in offered)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("employer_search") and not cleaned.get("employer"):
            self.add_error("employer", _("Choose the employer from the list."))
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
