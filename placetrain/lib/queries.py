"""Small query expressions the apps share."""

from __future__ import annotations

from django.db.models import Count, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def counted(rows: QuerySet, per: str) -> Coalesce:
    """How many of ``rows`` there are, as an expression for the outer query's row: ``rows``
    filters ``per`` (a path to the outer row, e.g. ``participant``) on ``OuterRef("pk")``.
    Zero when there are none."""
    count = rows.order_by().values(per).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)
