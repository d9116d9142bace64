from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from placetrain.lib.forms import PostalCodeField, VersionedModelForm
from placetrain.lib.validators import normalise_org_number, validate_org_number

from .models import Employer, EmployerContact


class EmployerForm(VersionedModelForm):
    postal_code = PostalCodeField(label=_("Postal code"))
    # People type "923 609 016": allow the spaces here; clean_org_number strips them.
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Employer
        fields = [
            "name",
            "org_number",
            "industry",
            "address",
            "postal_code",
            "municipality",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_org_number(self) -> str:
        value = normalise_org_number(self.cleaned_data["org_number"])
        validate_org_number(value)
        duplicate = Employer.objects.filter(
            organisation_id=self.user.organisation_id, org_number=value
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("An employer with this organisation number is already registered.")
            )
        return value

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EmployerContactForm(VersionedModelForm):
    class Meta:
        model = EmployerContact
        fields = ["name", "role", "phone", "email", "is_mentor"]


class EmployerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, industry or organisation number"), required=False, max_length=100
    )
