from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from placetrain.classifications.fields import CheckboxesField, DaysField, OccupationField
from placetrain.classifications.models import Industry
from placetrain.lib.forms import PostalCodeField, VersionedModelForm, use_date_widgets
from placetrain.lib.validators import normalise_org_number, validate_org_number

from .models import Employer, EmployerContact, JobAnalysis, RegisterUnit
from .selectors import matching


class EmployerForm(VersionedModelForm):
    postal_code = PostalCodeField(label=_("Postal code"))
    # People type "923 609 016": allow the spaces here; clean_org_number strips them.
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("With a valid number the register's name, address and industry fill in."),
    )
    industry_code = forms.CharField(
        label=_("Industry code (SN2007)"),
        required=False,
        max_length=10,
        help_text=_("E.g. 47.111; the register's code fills in from the organisation number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    employees = forms.IntegerField(
        label=_("Number of employees"), required=False, min_value=0, max_value=1_000_000
    )

    class Meta:
        model = Employer
        fields = [
            "org_number",
            "name",
            "industry_code",
            "industry",
            "employees",
            "address",
            "postal_code",
            "municipality",
            "notes",
        ]
        labels = {"industry": _("Industry (free text)")}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, lookup_url: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if lookup_url:
            # With JavaScript, leaving the field fetches the register's values into the form
            # (the whole form is posted: nothing typed is lost); without, the lookup button.
            self.fields["org_number"].widget.attrs.update(
                {
                    "hx-post": lookup_url,
                    "hx-trigger": "change",
                    "hx-vals": '{"register_lookup": "1"}',
                    "hx-target": "#arbeidsgiverskjema",
                    "hx-select": "#arbeidsgiverskjema",
                    "hx-swap": "outerHTML",
                }
            )

    def clean_industry_code(self) -> Industry | None:
        code = "".join(self.cleaned_data["industry_code"].split())
        if not code:
            return None
        found = Industry.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(
                _("%(code)s is not a code in SN2007 (e.g. 47.111 for grocery shops).")
                % {"code": code},
                code="industry_code_unknown",
            )
        return found

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
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        code = data["industry_code"]
        if code and not data["industry"]:
            data["industry"] = code.title  # the code's title, not typed again
        return data


def register_values(unit: RegisterUnit) -> dict[str, Any]:
    """What the employer form takes from a register unit."""
    municipality = unit.municipality
    if municipality.isupper():  # the register writes "TROMSØ"; people write "Tromsø"
        municipality = municipality.title()
    return {
        "name": unit.name,
        "address": unit.address,
        "postal_code": unit.postal_code,
        "municipality": municipality,
        "industry_code": unit.industry_code,
        "employees": unit.employees,
    }


def filled_from_register(
    typed: dict[str, Any], unit: RegisterUnit | None
) -> tuple[dict[str, Any], list[str]]:
    """The typed values with the register's in the fields left empty (what the user typed is
    kept), and the names of the fields it filled."""
    values = dict(typed)
    filled = []
    if unit is not None:
        for name, value in register_values(unit).items():
            if not str(values.get(name) or "").strip() and value not in ("", None):
                values[name] = value
                filled.append(name)
    return values, filled


class EmployerContactForm(VersionedModelForm):
    class Meta:
        model = EmployerContact
        fields = ["name", "role", "phone", "email", "is_mentor"]


class EmployerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, industry or organisation number"), required=False, max_length=100
    )


# An employer list offers the employers of the case and those found by a search, never the
# whole register: an organisation keeps thousands, and every page would carry them all.
OFFERED_AT_MOST = 30
FOUND_AT_MOST = 20


def of_the_case(participant: Any) -> Q:
    """The employers of a participant's case: of their placements, jobs and contacts. Three
    subqueries on the participant's own rows (their indexes), not joins of the register."""
    return (
        Q(pk__in=participant.placements.values("employer_id"))
        | Q(pk__in=participant.employments.values("employer_id"))
        | Q(pk__in=participant.contacts.filter(employer__isnull=False).values("employer_id"))
    )


def found_employers(employers: QuerySet[Employer], typed: str) -> list[Employer]:
    """The employers matching what was typed in an employer search, for its list."""
    return list(matching(employers, typed).order_by("name", "pk")[:FOUND_AT_MOST])


def offer_employers(
    form: forms.BaseForm,
    name: str,
    employers: QuerySet[Employer],
    *,
    own: Q | None = None,
    search: str = "employer_search",
) -> None:
    """Make ``form``'s employer field ``name`` choose from ``employers`` (any of them passes
    validation, one lookup on save) while it offers only the case's own employers (``own``), the
    one chosen, and, when the form comes back without JavaScript, those matching the search
    typed in field ``search``. The search field asks for matches as the user types (HTMX,
    POSTed: a sole proprietorship carries a person's name)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = employers
    chosen = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
    wanted = own if own is not None else Q(pk__in=[])
    if chosen and str(getattr(chosen, "pk", chosen)).isdigit():
        wanted |= Q(pk=int(getattr(chosen, "pk", chosen)))
    offered = list(employers.filter(wanted).order_by("name", "pk")[:OFFERED_AT_MOST])
    typed = (form.data.get(form.add_prefix(search)) or "").strip() if form.is_bound else ""
    if typed:
        offered += [e for e in found_employers(employers, typed) if e not in offered]
    field.choices = [("", field.empty_label or "---------"), *((e.pk, e.name) for e in offered)]
    form.fields[search] = forms.CharField(
        label=_("Find another employer"),
        max_length=100,
        required=False,
        help_text=_("Type part of the name; the list above shows what matches."),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "hx-post": reverse("employers:employer-options"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": f"#id_{form.add_prefix(name)}",
                "hx-include": "closest form [name=csrfmiddlewaretoken]",
                "hx-params": f"{form.add_prefix(search)},csrfmiddlewaretoken",
            }
        ),
    )


def searched_without_choosing(
    form: forms.BaseForm, name: str, search: str = "employer_search"
) -> None:
    """A search typed but no employer chosen (no JavaScript): say where to choose."""
    cleaned = form.cleaned_data
    if cleaned.get(search) and not cleaned.get(name) and name not in form.errors:
        form.add_error(name, _("Choose the employer from the list."))


class JobAnalysisForm(VersionedModelForm):
    """The job analysis: the job, what it asks, what the workplace offers, and the visit."""

    occupation = OccupationField(label=_("Occupation (STYRK-08)"))
    days = DaysField(label=_("Working days"))
    adaptations = CheckboxesField(
        label=_("Adaptations the workplace can offer"), choices=JobAnalysis.Adaptation.choices
    )
    measures = CheckboxesField(
        label=_("Measures the workplace accepts"), choices=JobAnalysis.Measure.choices
    )
    postal_code = PostalCodeField(label=_("Postal code"))
    hours_per_week = forms.DecimalField(
        label=_("Hours per week available"),
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=0.5,
        max_value=168,
        error_messages={
            "max_value": _("A week has 168 hours: give at most 168."),
            "min_value": _("Give the hours as a positive number."),
        },
    )

    class Meta:
        model = JobAnalysis
        fields = [
            "title",
            "kind",
            "state",
            "occupation",
            "open_positions",
            "tasks",
            "developed_from",
            "norwegian_level",
            "level_reachable_on_job",
            "physical_demands",
            "pace",
            "noise",
            "company",
            "customer_contact",
            "training",
            "trainer",
            "days",
            "shift",
            "starts_at",
            "ends_at",
            "hours_per_week",
            "adaptations",
            "measures",
            "address",
            "postal_code",
            "municipality",
            "visited_on",
        ]
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 4}),
            "developed_from": forms.Textarea(attrs={"rows": 2}),
            "physical_demands": forms.Textarea(attrs={"rows": 2}),
            "training": forms.Textarea(attrs={"rows": 2}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "kind": forms.RadioSelect,
        }
        help_texts = {
            "developed_from": _("For a developed job: the existing roles its tasks came from."),
            "visited_on": _("A workplace counts as ready for a placement only after a visit."),
            "ends_at": _("A night shift may end the next morning."),
        }

    def __init__(self, *args: Any, employer: Employer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            analysis = self.instance
            if analysis.pk:
                self.initial["occupation"] = str(analysis.occupation)
            elif employer is not None:
                # Where the workplace is: the employer's address, not typed again.
                for name in ("address", "postal_code", "municipality"):
                    self.initial.setdefault(name, getattr(employer, name))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        night = data.get("shift") == JobAnalysis.Shift.NIGHT
        if starts and ends and ends <= starts and not night:
            self.add_error(
                "ends_at",
                _(
                    "The working day ends before it starts: check the times (only a night shift "
                    "may end the next morning)."
                ),
            )
        if data.get("kind") == JobAnalysis.Kind.DEVELOPED and not data.get("tasks", "").strip():
            self.add_error("tasks", _("A developed job is its tasks: list them, one per line."))
        return data

    def model_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_date_widgets(self)
