"""Forms for meetings on a placement: planning one, and marking it held with notes, the
"gjort – lært – lurt" reflection (evaluation meetings) and up to five agreed actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import User
from placetrain.lib.dates import not_before_2000, not_in_future, today
from placetrain.lib.forms import VersionedModelForm, date_field, datetime_widget
from placetrain.participants.models import Participant
from placetrain.participants.selectors import case_workers_for

from ..models import Meeting

MAX_ACTIONS = 5
REFLECTION_FIELDS = ("reflection_done", "reflection_learned", "reflection_next")


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "planned_at", "place", "attendees", "agenda"]
        widgets = {
            "planned_at": datetime_widget(),
            "agenda": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        help_texts = {
            "attendees": _("For example the participant, the mentor, the leader, the teacher."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].widget.attrs["maxlength"] = 200
        self.fields["attendees"].widget.attrs["maxlength"] = 500
        self.fields["kind"].error_messages["required"] = _("Choose the kind of meeting.")
        self.fields["planned_at"].error_messages["required"] = _("Give the date and time.")
        self.fields["planned_at"].validators.append(not_before_2000)


class MeetingHoldForm(forms.Form):
    """Marking a meeting held. Notes are not required here on purpose: the rule lives in
    services.meeting_hold, and its message is shown at this field. (A plain form, not a model
    form: validating the model's constraint would pre-empt the service with a vaguer message.)"""

    held_on = date_field(
        _("Held on"),
        initial=today,
        validators=[not_in_future],
        error_messages={"required": _("Give the date the meeting was held.")},
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        help_text=_("Required: what was talked about and agreed."),
    )
    reflection_done = forms.CharField(
        label=_("Done (gjort)"),
        required=False,
        max_length=2000,
        help_text=_("What did we do?"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )
    reflection_learned = forms.CharField(
        label=_("Learned (lært)"),
        required=False,
        max_length=2000,
        help_text=_("What did we learn?"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )
    reflection_next = forms.CharField(
        label=_("Smart next time (lurt)"),
        required=False,
        max_length=2000,
        help_text=_("What is smart to do next time?"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Held as planned, most often: the planned day, unless that is still to come.
        self.fields["held_on"].initial = min(timezone.localdate(meeting.planned_at), today())
        if meeting.kind != Meeting.Kind.EVALUATION:
            for name in REFLECTION_FIELDS:
                del self.fields[name]

    def reflection(self) -> dict[str, str] | None:
        if "reflection_done" not in self.fields:
            return None
        return {name: self.cleaned_data[name].strip() for name in REFLECTION_FIELDS}


class ActionForm(forms.Form):
    """One agreed action. A row left empty is ignored; a row begun must be finished."""

    description = forms.CharField(
        label=_("Action"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    owner = forms.TypedChoiceField(label=_("Who"), coerce=int, required=False, empty_value=None)
    due_on = date_field(_("By"), required=False)

    def __init__(self, *args: Any, owners: dict[int, User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The owners are read once for all rows (a model choice field would query per row).
        self.owners = owners
        self.fields["owner"].choices = [("", "---------")] + [
            (pk, user.get_full_name() or user.username) for pk, user in owners.items()
        ]

    def clean(self):
        cleaned = super().clean()
        description = (cleaned.get("description") or "").strip()
        if not (description or cleaned.get("owner") or cleaned.get("due_on")):
            return cleaned
        if not description:
            self.add_error("description", _("Write what is to be done."))
        if not cleaned.get("owner") and "owner" not in self.errors:
            self.add_error("owner", _("Choose who owns the action."))
        if not cleaned.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Choose the due date of the action."))
        return cleaned

    def action(self) -> tuple[str, User, dt.date] | None:
        data = getattr(self, "cleaned_data", {})
        if not (data.get("description") or "").strip():
            return None
        return data["description"].strip(), self.owners[data["owner"]], data["due_on"]


ActionFormSet = forms.formset_factory(
    ActionForm, extra=MAX_ACTIONS, max_num=MAX_ACTIONS, absolute_max=MAX_ACTIONS, validate_max=True
)


def action_formset(data: Any = None, *, participant: Participant) -> forms.BaseFormSet:
    """Owners are the participant's case workers and language teachers: an action on someone's
    Min dag names the participant, so only people who may open the case can own one."""
    owners = {user.pk: user for user in case_workers_for(participant)}
    return ActionFormSet(data, prefix="tiltak", form_kwargs={"owners": owners})


def check_action_dates(formset, held_on: dt.date) -> bool:
    """An agreed action cannot be due before the meeting it was agreed in."""
    ok = True
    for form in formset.forms:
        due = getattr(form, "cleaned_data", {}).get("due_on")
        if due and due < held_on:
            form.add_error("due_on", _("The action cannot be due before the meeting was held."))
            ok = False
    return ok
