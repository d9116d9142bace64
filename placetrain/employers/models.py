from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import Organisation
from placetrain.classifications.models import Industry
from placetrain.lib.audit import register_masked
from placetrain.lib.validators import validate_no_direction_controls, validate_org_number


class Employer(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("organisation"),
    )
    org_number = models.CharField(
        _("organisation number"), max_length=9, validators=[validate_org_number]
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_direction_controls])
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    industry_code = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("industry code (SN2007)"),
    )
    employees = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    # Case-folded name and industry, for search that handles æøå on SQLite too.
    search_text = models.CharField(
        max_length=401, editable=False, default="", db_index=True, verbose_name=_("search text")
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "org_number"], name="employer_unique_org_number"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.make_search_text(self.name, self.industry)
        super().save(*args, **kwargs)

    @staticmethod
    def make_search_text(name: str, industry: str) -> str:
        return f"{name} {industry}".casefold()

    def get_additional_data(self) -> dict:
        return {"version": self.version}


class EmployerContact(models.Model):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="people", verbose_name=_("employer")
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_direction_controls])
    role = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_mentor = models.BooleanField(_("mentor (fadder)"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}


register_masked(Employer, exclude=("version", "updated_at", "created_at", "search_text"))
register_masked(EmployerContact, exclude=("version",))


class RegisterUnit(models.Model):
    """A unit of Enhetsregisteret (the Brønnøysund Register Centre's open data) as last imported
    with ``manage.py import_enhetsregisteret``: public, national, the same for every
    organisation. A sub-unit (underenhet) is a workplace; ``parent_org_number`` is the main unit
    (hovedenhet) it belongs to, e.g. the chain of a shop."""

    class Kind(models.TextChoices):
        MAIN = "main", _("main unit")
        SUB = "sub", _("sub-unit (workplace)")

    org_number = models.CharField(_("organisation number"), max_length=9, primary_key=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    organisation_form = models.CharField(_("organisation form"), max_length=10, blank=True)
    parent_org_number = models.CharField(_("main unit"), max_length=9, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    municipality_number = models.CharField(_("municipality number"), max_length=4, blank=True)
    # As the register has it: a code of a newer SN version is kept, not refused.
    industry_code = models.CharField(_("industry code"), max_length=6, blank=True)
    employees = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    bankrupt = models.BooleanField(_("bankrupt"), default=False)
    winding_up = models.BooleanField(_("being wound up"), default=False)
    deleted_on = models.DateField(_("deleted from the register"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        verbose_name = _("register unit")
        verbose_name_plural = _("register units")
        ordering = ["org_number"]

    def __str__(self) -> str:
        return f"{self.org_number} {self.name}"
