"""Form fields for coded values: an occupation typed as a STYRK-08 code or chosen by name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from placetrain.lib.weekdays import Weekday, days_of

from .models import Occupation

# The id of the page's <datalist> of unit groups (see ``unit_groups``).
OCCUPATION_LIST = "styrk-yrker"


def unit_groups() -> list[Occupation]:
    """STYRK-08's unit groups (about 400), for an occupation field's list of choices."""
    return list(Occupation.objects.filter(level=Occupation.UNIT_GROUP).only("code", "title"))


def occupation_of(typed: str) -> Occupation:
    """The STYRK-08 unit group for what was typed: a code ("5223") or a line chosen from the
    list ("5223 Butikkmedarbeidere"); a clear message otherwise."""
    typed = typed.strip()
    digits = typed.split(" ", 1)[0] if typed else ""
    found = Occupation.objects.filter(code=digits).first()
    if found is None:
        raise forms.ValidationError(
            _("%(code)s is not a code in STYRK-08 (e.g. 5223 for shop sales assistants).")
            % {"code": digits},
            code="occupation_unknown",
        )
    if found.level != Occupation.UNIT_GROUP:
        raise forms.ValidationError(
            _("Choose an occupation at the most detailed level (four digits), e.g. 5223."),
            code="occupation_not_unit_group",
        )
    return found


class OccupationField(forms.CharField):
    """An occupation: a code or a name from the page's list; cleans to the Occupation."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 320)
        kwargs.setdefault(
            "help_text", _("Type a code or part of the occupation's name and choose from the list.")
        )
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"list": OCCUPATION_LIST, "autocomplete": "off", "spellcheck": "false"}
            ),
        )
        messages = {"required": _("Choose the occupation (a STYRK-08 code).")}
        super().__init__(error_messages=messages | kwargs.pop("error_messages", {}), **kwargs)

    def clean(self, value: Any) -> Occupation | None:
        typed = super().clean(value)
        return occupation_of(typed) if typed else None


class CheckboxesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class DaysField(CheckboxesField):
    """A set of weekdays as checkboxes, cleaned to its bits (see lib/weekdays.py)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", Weekday.choices)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int:  # type: ignore[override]
        return sum(int(day) for day in super().clean(value))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return [str(day.value) for day in days_of(value)]
        return value


class OccupationsWidget(forms.MultiWidget):
    """``size`` occupation inputs, each named for screen readers ("Wish 1", …)."""

    def __init__(self, size: int) -> None:
        widgets = [
            forms.TextInput(
                attrs={
                    "list": OCCUPATION_LIST,
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "aria-label": _("Wish %(n)d") % {"n": n + 1},
                }
            )
            for n in range(size)
        ]
        super().__init__(widgets)

    def decompress(self, value: Any) -> list[str]:
        return shown_occupations(list(value or []), len(self.widgets))


def shown_occupations(values: list[str], size: int) -> list[str]:
    """The inputs' values: a saved code as "code title" (one query), typed text as typed."""
    codes = [v for v in values if v and v.isdigit()]
    titles = dict(Occupation.objects.filter(code__in=codes).values_list("code", "title"))
    shown = [f"{v} {titles[v]}" if v in titles else v for v in values]
    return (shown + [""] * size)[:size]


class OccupationsField(forms.MultiValueField):
    """Up to ``size`` wished occupations, each a STYRK-08 unit group; cleans to their codes,
    in order, without repeats."""

    def __init__(self, size: int = 3, **kwargs: Any) -> None:
        fields = [OccupationField(required=False) for _n in range(size)]
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Type a code or part of the occupation's name and choose from the list.")
        )
        super().__init__(fields, widget=OccupationsWidget(size), require_all_fields=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return shown_occupations(value, len(self.fields))
        return value

    def compress(self, data_list: list[Any]) -> list[str]:
        return list(dict.fromkeys(o.code for o in data_list if o))
