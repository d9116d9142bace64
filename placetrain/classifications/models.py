"""Statistics Norway's classifications, as shipped in ``data/``: occupations (STYRK-08) and
industries (SN2007). Codes are text (leading zeros) and the primary key, so a record stores the
code itself and a form validates what was typed against the table."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.Model):
    code = models.CharField(_("code"), max_length=6, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Occupation(Classification):
    """A STYRK-08 group: 1 major, 2 sub-major, 3 minor, 4 unit group (what a job is coded to)."""

    UNIT_GROUP = 4

    title_en = models.CharField(_("title in English"), max_length=300, blank=True)

    class Meta(Classification.Meta):
        verbose_name = _("occupation (STYRK-08)")
        verbose_name_plural = _("occupations (STYRK-08)")


class Industry(Classification):
    """An SN2007 level: 1 section (A–U) to 5 subclass (the register's næringskode)."""

    SUBCLASS = 5

    class Meta(Classification.Meta):
        verbose_name = _("industry (SN2007)")
        verbose_name_plural = _("industries (SN2007)")
