from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import User
from placetrain.lib.dates import not_in_future, today
from placetrain.lib.forms import (
    PeopleChoiceField,
    PersonChoiceField,
    PostalCodeField,
    VersionedModelForm,
    date_field,
    date_widget,
)

from ..models import Consent, Participant, Programme, SensitiveInfo, Status, WorkHistoryEntry
from ..selectors import participants_visible_to


class ParticipantForm(VersionedModelForm):
    postal_code = PostalCodeField(label=_("Postal code"))
    specialist = PersonChoiceField(
        queryset=User.objects.none(), label=_("Responsible job specialist")
    )
    language_teachers = PeopleChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Language teachers"),
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_duplicate = forms.BooleanField(
        required=False,
        label=_("I have checked: this is a different person, create anyway"),
    )

    class Meta:
        model = Participant
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "phone",
            "email",
            "address",
            "postal_code",
            "municipality",
            "mother_tongue",
            "other_languages",
            "norwegian_level",
            "norwegian_level_date",
            "norwegian_level_assessed_by",
            "education",
            "programme",
            "referral_date",
            "referred_by",
            "referral_order",
            "specialist",
            "language_teachers",
            "status",
        ]
        widgets = {
            "education": forms.Textarea(attrs={"rows": 3}),
            "referral_order": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("referral_date", "norwegian_level_date"):
            self.fields[name].validators.append(not_in_future)
        org_users = User.objects.filter(organisation_id=user.organisation_id, is_active=True)
        self.fields["specialist"].queryset = org_users.filter(is_job_specialist=True).order_by(
            "first_name", "last_name"
        )
        self.fields["language_teachers"].queryset = org_users.filter(
            is_language_teacher=True
        ).order_by("first_name", "last_name")
        self.fields["programme"].queryset = Programme.objects.filter(
            organisation_id=user.organisation_id, active=True
        )
        if self.instance.pk:
            # Status has its own dated form; the duplicate check is for new people only.
            del self.fields["status"]
            del self.fields["confirm_duplicate"]
        else:
            if user.is_job_specialist:
                self.fields["specialist"].initial = user.pk
            self.fields["status"].initial = Status.REFERRED
        self.duplicate_warning = False

    def clean_birth_date(self) -> dt.date:
        value = self.cleaned_data["birth_date"]
        if value > today():
            raise forms.ValidationError(_("The birth date cannot be in the future."))
        if value < today() - dt.timedelta(days=366 * 120):
            raise forms.ValidationError(
                _("Check the birth date: that would be over 120 years ago.")
            )
        if value > today() - dt.timedelta(days=365 * 14):
            raise forms.ValidationError(
                _("Check the birth date: the participant would be under 14.")
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors:
            return cleaned
        duplicates = Participant.objects.likely_duplicates(
            organisation_id=self.user.organisation_id,
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
            birth_date=cleaned.get("birth_date"),
        )
        if duplicates.exists() and not cleaned.get("confirm_duplicate"):
            # Says only that someone exists, not who or where: the match may be outside scope.
            self.duplicate_warning = True
            self.add_error(
                "confirm_duplicate",
                _(
                    "A participant with the same name and birth date is already registered in "
                    "your organisation. Check that this is not the same person before you "
                    "create a new record."
                ),
            )
        return cleaned

    def model_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        data.pop("language_teachers", None)
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    on = date_field(_("From date"), initial=today, validators=[not_in_future])
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ConsentForm(forms.ModelForm):
    # What printed plans for an employer may show; means nothing for a consent about services.
    topics = forms.MultipleChoiceField(
        label=_("Topics the employer may be told"),
        choices=Consent.Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only for consents about employers. Anything not ticked is left out of everything "
            "printed for an employer."
        ),
    )

    class Meta:
        model = Consent
        fields = ["kind", "scope", "topics", "given_on", "method"]
        widgets = {"given_on": date_widget()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].validators.append(not_in_future)

    def clean(self):
        cleaned = super().clean()
        # No topics on an employer consent is allowed and means "nothing printed"; on a
        # consent about services, topics mean nothing and are not kept.
        if cleaned.get("kind") != Consent.Kind.EMPLOYER_DISCLOSURE:
            cleaned["topics"] = []
        return cleaned


class WithdrawConsentForm(forms.Form):
    on = date_field(_("Withdrawn on"), initial=today, validators=[not_in_future])

    def __init__(self, *args, consent: Consent, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.consent = consent

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value < self.consent.given_on:
            raise forms.ValidationError(_("A consent cannot be withdrawn before it was given."))
        return value


class WorkHistoryForm(forms.ModelForm):
    class Meta:
        model = WorkHistoryEntry
        fields = ["workplace", "role", "country", "start_year", "end_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        this_year = today().year
        for name in ("start_year", "end_year"):
            value = cleaned.get(name)
            if value and not 1940 <= value <= this_year:
                self.add_error(name, _("Give a year between 1940 and this year."))
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        return cleaned


class SensitiveInfoForm(VersionedModelForm):
    class Meta:
        model = SensitiveInfo
        fields = ["health", "substance_use", "social_situation", "housing"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + list(Status.choices)
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=Programme.objects.none(),
        empty_label=_("All"),
    )
    specialist = PersonChoiceField(
        label=_("Job specialist"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("All"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(
            organisation_id=user.organisation_id
        )
        # The specialists responsible for someone the user may see (the team's, not the
        # whole organisation's): any other choice would find nobody.
        responsible = participants_visible_to(user).values("specialist_id")
        self.fields["specialist"].queryset = User.objects.filter(pk__in=responsible).order_by(
            "first_name", "last_name", "pk"
        )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "q": self.cleaned_data.get("q"),
            "status": self.cleaned_data.get("status"),
            "programme": self.cleaned_data["programme"].pk
            if self.cleaned_data.get("programme")
            else None,
            "specialist": self.cleaned_data["specialist"].pk
            if self.cleaned_data.get("specialist")
            else None,
        }
