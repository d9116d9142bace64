"""Form helpers shared by the apps."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """Renders every field as a Designsystemet field: label, description, error, input."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version the user started from.

    The service compares it with the row's version; on a conflict the view re-renders this
    form with the user's input, the fields someone else changed meanwhile, and the new
    version, so that a second submit is a deliberate overwrite.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                field.widget = DATE_WIDGET

    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or self.instance.version)

    def rebase_on(self, current: models.Model) -> None:
        """After a conflict: keep the user's input, move the version to the current one."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(current.version)  # type: ignore[attr-defined]
        self.data = data
        self.add_error(
            None,
            _(
                "Someone else saved this record after you opened it. Your changes are not "
                "saved yet: check what changed below, then save again to keep your version."
            ),
        )


def fields_changed_since(instance: models.Model, version: int) -> list[str]:
    """Names of fields changed in saves after ``version`` (read from the masked change history)."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_pk=str(instance.pk),
        action=LogEntry.Action.UPDATE,
    ).order_by("-timestamp")[:50]
    names: list[str] = []
    for entry in entries:
        entry_version = (entry.additional_data or {}).get("version", 0)
        if entry_version > version:
            for name in entry.changes or {}:
                if name not in names:
                    names.append(name)
    return names


def show_problems(
    form: forms.Form, problems: dict[str, str], aliases: dict[str, str] | None = None
) -> None:
    """Put a service's refusal (field -> message) next to the fields it is about, or above the
    form when the field is not on it. ``aliases`` maps service field names to form fields."""
    for field, message in problems.items():
        field = (aliases or {}).get(field, field)
        form.add_error(field if field in form.fields else None, message)


def conflict_rows(exc, current_form) -> list[dict]:
    """Label and saved value of every field someone else changed meanwhile (for the conflict
    table): ``current_form`` is the form bound to nothing, built on ``exc.current``."""
    rows = []
    for name in exc.changed_fields:
        if name in current_form.fields:
            bound = current_form[name]
            value = bound.value()
            field = bound.field
            if hasattr(field, "choices") and not isinstance(value, list):
                value = dict(field.choices).get(value, value) if value not in (None, "") else ""
            rows.append({"label": bound.label, "value": value})
    return rows
