"""Audit helpers: masked change history and access logging through django-auditlog.

Two rules hold for every row we write:
* change history says who changed *which fields*, never the values;
* object representations are "<model> #<id>", never a name.
"""

from __future__ import annotations

from typing import Any

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

MASK = "***"


class Section(models.TextChoices):
    """The sections of a participant record that reads are logged under. The stored value is
    what the access log rows keep; the label is what the access log page shows."""

    OVERVIEW = "overview", _("Overview")
    DETAILS = "details", _("Personal details and consents")
    EDIT = "edit", _("Edit form")
    SENSITIVE = "sensitive", _("Sensitive section")
    TIMELINE = "timeline", _("Timeline")
    EXPORT = "export", _("Export")
    ACCESS_LOG = "access-log", _("Access log")
    CONTACT_LOG = "contact-log", _("Contact form")
    STAGES = "stages", _("Stages and checklist")
    PROFILE = "profile", _("Vocational profile")
    PLACEMENT = "placement", _("Placement")
    LANGUAGE_PLAN = "language-plan", _("Language plan")
    MEETING = "meeting", _("Meeting")
    EMPLOYMENT = "employment", _("Employment and follow-up")
    INDIVIDUAL_PLAN = "individual-plan", _("Individual plan (PDF)")
    CONSENTS = "consents", _("Consents")
    WORK_HISTORY = "work-history", _("Work history")
    STATUS = "status", _("Status")
    DELETE = "delete", _("Delete confirmation")
    MATCHING = "matching", _("Job suggestions and shortlists")


# What each kind of row in the log means, in the user's language (auditlog's own labels are
# English only).
ACTION_LABELS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Read"),
}


def action_label(action: int) -> str:
    return str(ACTION_LABELS.get(action, action))


def section_label(value: str) -> str:
    """The label of a logged section (a value no longer in the list shows as stored)."""
    try:
        return str(Section(value).label)
    except ValueError:
        return value


def mask_value(value: Any) -> str:
    """Mask a changed value completely (auditlog's default keeps half of it)."""
    return MASK


def register_masked(model: type[models.Model], *, exclude: tuple[str, ...] = ()) -> None:
    """Register ``model`` for change history with every field masked."""
    fields = [f.name for f in model._meta.concrete_fields if f.name not in exclude]
    auditlog.register(
        model, include_fields=fields, mask_fields=fields, exclude_fields=list(exclude)
    )


@receiver(pre_save, sender=LogEntry)
def _anonymous_repr(sender: type[LogEntry], instance: LogEntry, **kwargs: Any) -> None:
    model = instance.content_type.model_class() if instance.content_type_id else None
    label = model._meta.model_name if model else "object"
    instance.object_repr = f"{label} #{instance.object_pk}"
    instance.serialized_data = None


def access_log(*, user: Any, instance: models.Model, section: Section) -> LogEntry:
    """Record that ``user`` read ``section`` of ``instance`` (who, when, what — never values)."""
    section = Section(section)  # a bare string that is not a section fails here, not later
    return LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        changes=None,
        additional_data={"section": section.value},
    )


def access_log_many(*, user: Any, instances: list[models.Model], section: Section) -> None:
    """Record that ``user`` read ``section`` of each of ``instances`` (a list showing several
    participants with what their records say, e.g. suggested candidates): one row each, as
    ``access_log`` writes them, in one insert. The rows pass the same pre-save handlers (the
    actor and address of the request, the anonymous description) as a row saved alone."""
    if not instances:
        return
    section = Section(section)
    actor = user if getattr(user, "is_authenticated", False) else None
    entries = []
    for instance in instances:
        entry = LogEntry(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            action=LogEntry.Action.ACCESS,
            actor=actor,
            changes=None,
            additional_data={"section": section.value},
            cid=get_cid(),
        )
        pre_save.send(
            sender=LogEntry, instance=entry, raw=False, using="default", update_fields=None
        )
        entries.append(entry)
    LogEntry.objects.bulk_create(entries)
