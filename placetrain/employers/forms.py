from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from placetrain.accounts.models import User
from placetrain.classifications.fields import CheckboxesField, DaysField, OccupationField
from placetrain.classifications.models import Industry
from placetrain.lib.dates import not_before_2000, not_in_future, today
from placetrain.lib.forms import (
    PersonChoiceField,
    PostalCodeField,
    RebaseMixin,
    VersionedModelForm,
    date_field,
    use_date_widgets,
)
from placetrain.lib.validators import normalise_org_number, validate_org_number

from .models import Agreement, Employer, EmployerContact, JobAnalysis, RegisterUnit, Stage
from .selectors import (
    OWNER_ME,
    OWNER_NOBODY,
    SORT_CONTACT,
    SORT_NAME,
    NetworkFilter,
    employer_owners,
    matching,
    network_industries,
    network_municipalities,
)
from .services import ENDS_BEFORE_START


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
    owner = PersonChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Responsible in the team"),
        empty_label=_("Nobody yet"),
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
            "owner",
            "needs",
            "next_action",
            "next_action_on",
        ]
        labels = {"industry": _("Industry (free text)")}
        help_texts = {
            "needs": _("What the employer says they need, as they put it."),
            "next_action": _('E.g. "Call Kari about the summer jobs".'),
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, lookup_url: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].queryset = employer_owners(user)
        self.fields["next_action_on"].validators.append(not_before_2000)
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


class StageChangeForm(RebaseMixin, forms.Form):
    """The partnership's next stage, why and since when: one action from the employer page."""

    prefix = "fase"  # its fields sit among the page's other forms: ids of their own

    stage = forms.ChoiceField(
        label=pgettext_lazy("partnership", "New stage"), choices=Stage.choices
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        help_text=_("Needed when pausing or setting the employer aside as not relevant."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = date_field(_("Date"), validators=[not_in_future, not_before_2000])
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"stage": _suggested_stage(employer), "on": today(), "version": employer.version},
        )
        super().__init__(*args, **kwargs)
        self.employer = employer
        self.fields["stage"].choices = [c for c in Stage.choices if c[0] != employer.stage]


def _suggested_stage(employer: Employer) -> str:
    """The stage after the current one along the usual way (new → … → partner)."""
    order = [Stage.NEW, Stage.ASSESSING, Stage.TO_CONTACT, Stage.MAPPING_NEEDS, Stage.PARTNER]
    if employer.stage in order[:-1]:
        return order[order.index(Stage(employer.stage)) + 1]
    return Stage.PARTNER if employer.stage == Stage.PAUSED else Stage.ASSESSING


class AgreementForm(VersionedModelForm):
    class Meta:
        model = Agreement
        fields = ["kind", "valid_from", "valid_to", "notes"]
        help_texts = {"valid_to": _("Leave empty for an agreement until further notice.")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("valid_from", "valid_to"):
            self.fields[name].validators.append(not_before_2000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", ENDS_BEFORE_START)
        return cleaned

    def model_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EmployerContactForm(VersionedModelForm):
    class Meta:
        model = EmployerContact
        fields = ["name", "role", "phone", "email", "is_mentor"]


class EmployerSearchForm(forms.Form):
    """The employer list's search and the network's filters and order. The search words are
    POSTed (a sole proprietorship carries a person's name); the filters hold no one's name and
    may come in a link's query too (``?stage=partner&owner=me``)."""

    q = forms.CharField(
        label=_("Search by name, industry or organisation number"), required=False, max_length=100
    )
    stage = forms.ChoiceField(label=_("Stage of the partnership"), required=False)
    owner = forms.ChoiceField(label=_("Responsible"), required=False)
    industry = forms.ChoiceField(label=_("Industry (SN2007)"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (SORT_NAME, _("Name")),
            (SORT_CONTACT, _("Days since contact, longest first")),
        ],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All stages")), *Stage.choices]
        self.fields["owner"].choices = [
            ("", _("Anyone")),
            (OWNER_ME, _("Me")),
            (OWNER_NOBODY, _("Nobody")),
            *((str(u.pk), u.get_full_name() or u.username) for u in employer_owners(user)),
        ]
        self.fields["industry"].choices = [
            ("", _("All industries")),
            *((i.code, f"{i.code} {i.title}") for i in network_industries(user)),
        ]
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *((m, m) for m in network_municipalities(user)),
        ]

    def network(self) -> NetworkFilter:
        """The filter asked for; a value that is not among the choices (an old link) is
        dropped with the field's error, the rest applies."""
        cleaned = self.cleaned_data if self.is_bound else {}
        values = {name: cleaned.get(name) or "" for name in self.fields}
        return NetworkFilter(
            query=values["q"],
            stage=values["stage"],
            owner=values["owner"],
            industry=values["industry"],
            municipality=values["municipality"],
            sort=values["sort"] or SORT_NAME,
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
