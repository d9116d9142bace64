"""The shortlist's small forms: a candidate's status and the employer's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from placetrain.lib.dates import not_in_future, today
from placetrain.lib.forms import date_field

from .models import Candidate


class CandidateForm(forms.Form):
    """A form about one candidate: prefixed by the candidate (many on one page), carrying the
    version it was shown at."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("Date"), validators=[not_in_future])

    def __init__(self, *args: Any, candidate: Candidate, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"{self.kind}-{candidate.pk}")
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        if not self.is_bound:
            self.fields["version"].initial = candidate.version
            self.fields["on"].initial = today()

    kind = "candidate"


class CandidateStatusForm(CandidateForm):
    kind = "status"
    status = forms.ChoiceField(label=_("Status"), choices=Candidate.Status.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        help_text=_("Needed when the candidate is not relevant."),
    )

    def __init__(self, *args: Any, candidate: Candidate, **kwargs: Any) -> None:
        super().__init__(*args, candidate=candidate, **kwargs)
        if not self.is_bound:
            self.fields["status"].initial = candidate.status
            self.fields["reason"].initial = candidate.reason


class AnswerForm(CandidateForm):
    kind = "answer"
    answer = forms.ChoiceField(label=_("The employer's answer"), choices=Candidate.Answer.choices)
    note = forms.CharField(label=_("What the employer said"), required=False, max_length=500)

    def __init__(self, *args: Any, candidate: Candidate, **kwargs: Any) -> None:
        super().__init__(*args, candidate=candidate, **kwargs)
        if not self.is_bound:
            self.fields["answer"].initial = candidate.employer_answer
            self.fields["note"].initial = candidate.employer_answer_note
