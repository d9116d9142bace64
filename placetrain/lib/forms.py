"""Form helpers shared by the apps: the renderer, date widgets, versioned edits, the conflict
table and putting a service's refusal next to the field it is about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .concurrency import EditConflict
from .services import WorkflowError
from .validators import normalise_digits, validate_postal_code

CONFLICT_MESSAGE = _(
    "Someone else saved this record after you opened it. Your changes are not saved yet: check "
    "what changed below, then save again to keep your version."
)


class FormRenderer(TemplatesSetting):
    """Renders every field as a Designsystemet field: label, description, error, input."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


def date_widget(**attrs: Any) -> forms.DateInput:
    """A native date picker. A new widget per field: widgets keep state (attrs, the rendered
    id), so one instance shared by several fields would leak one field's attributes into
    another's."""
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def datetime_widget(**attrs: Any) -> forms.DateTimeInput:
    """A native date-and-time picker, a new instance per field (see ``date_widget``)."""
    return forms.DateTimeInput(attrs={"type": "datetime-local", **attrs}, format="%Y-%m-%dT%H:%M")


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    """A date field with its own date picker."""
    kwargs.setdefault("widget", date_widget())
    return forms.DateField(label=label, **kwargs)


def use_date_widgets(form: forms.BaseForm) -> None:
    """Give every date field of ``form`` a native date picker of its own."""
    for bound_field in form.fields.values():
        if isinstance(bound_field, forms.DateField) and not isinstance(
            bound_field, forms.DateTimeField
        ):
            if not isinstance(bound_field.widget, forms.HiddenInput):
                bound_field.widget = date_widget(**_kept_attrs(bound_field.widget))


def _kept_attrs(widget: forms.Widget) -> dict[str, Any]:
    return {k: v for k, v in widget.attrs.items() if k != "type"}


class RebaseMixin:
    """After an edit conflict: keep the user's input, move the hidden version field to the
    current row's, and say so above the form — so a second submit is a deliberate overwrite."""

    version_field = "version"  # the hidden form field holding the version started from
    version_attr = "version"  # the attribute of the saved row it is compared with

    def rebase_on(self, current: Any) -> None:
        form: Any = self
        data = form.data.copy()
        data[form.add_prefix(self.version_field)] = str(getattr(current, self.version_attr))
        form.data = data
        form.add_error(None, CONFLICT_MESSAGE)


class VersionedModelForm(RebaseMixin, forms.ModelForm):
    """A model form that carries the version the user started from.

    The service hands it to ``claim_version``; on a conflict the view re-renders this form with
    the user's input, the fields someone else changed meanwhile, and the new version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        use_date_widgets(self)

    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or self.instance.version)


def conflict_rows(
    exc: EditConflict,
    current_form: forms.BaseForm,
    *,
    shown: Callable[[str], Any] | None = None,
) -> list[dict[str, Any]]:
    """Label and saved value of every field someone else changed meanwhile (the conflict
    table): ``current_form`` is an unbound form built on ``exc.current``; ``shown`` may give a
    field's value as its page shows it (e.g. "50 %")."""
    rows = []
    for name in exc.changed_fields:
        if name not in current_form.fields:
            continue
        bound = current_form[name]
        if shown is not None:
            rows.append({"label": bound.label, "value": shown(name)})
            continue
        value = bound.value()
        field = bound.field
        choices = getattr(field, "choices", None)
        if choices is not None and not isinstance(value, list | tuple):
            value = dict(_flat(choices)).get(value, value) if value not in (None, "") else ""
        elif isinstance(value, list | tuple):
            labels = dict(_flat(choices or []))
            value = ", ".join(str(labels.get(v, v)) for v in value)
        rows.append({"label": bound.label, "value": value})
    return rows


def _flat(choices: Any) -> list[tuple[Any, Any]]:
    """Choices with option groups flattened (a grouped select has (group, [(value, label)]))."""
    flat: list[tuple[Any, Any]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((value, label))
    return flat


def show_problems(
    form: forms.BaseForm, problems: dict[str, str], aliases: dict[str, str] | None = None
) -> None:
    """Put a service's refusal (field -> message) next to the fields it is about, or above the
    form when the field is not on it. ``aliases`` maps service field names to form fields."""
    for name, message in problems.items():
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, message)


class PersonChoiceField(forms.ModelChoiceField):
    """A staff member, shown by name."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Staff members, shown by name."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


@dataclass
class Submitted:
    """What became of a form's submission: ``saved`` with the service's ``result``, or not,
    with the conflict table when someone else saved first (None when it was another refusal)."""

    saved: bool
    result: Any = None
    conflict: list[dict[str, Any]] | None = None


def submit(
    form: Any,
    save: Callable[[], Any],
    *,
    current_form: Callable[[Any], forms.BaseForm] | None = None,
    aliases: dict[str, str] | None = None,
) -> Submitted:
    """Call ``save`` (the service) for a valid ``form``. A refusal of the method's rules is shown
    at the fields it is about; an edit conflict (only where ``current_form`` builds the form on
    the row as saved now) rebases the form on that row and gives the conflict table. Whatever
    the user typed stays in the form either way."""
    try:
        result = save()
    except EditConflict as exc:
        if current_form is None:
            raise
        conflict = conflict_rows(exc, current_form(exc.current))
        form.rebase_on(exc.current)
        return Submitted(saved=False, conflict=conflict)
    except WorkflowError as exc:
        show_problems(form, exc.problems, aliases)
        return Submitted(saved=False)
    return Submitted(saved=True, result=result)


class PostalCodeField(forms.CharField):
    """A Norwegian postal code as people type it ("0 150", with a non-breaking space): the
    spaces go, four ASCII digits stay."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return normalise_digits(super().to_python(value) or "")

    def validate(self, value: str) -> None:
        super().validate(value)
        validate_postal_code(value)
