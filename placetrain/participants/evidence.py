"""What the participant's own record proves of the checklist: the referral with its order, the
assessed Norwegian level, a consent in force, the vocational profile and its five workplaces
(registered in ``pages.checklist_evidence``; two queries at most)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Evidence, Participant, VocationalProfile
from .pages import EvidenceSource, Proof, checklist_evidence

FIVE = 5


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _on_the_record(participant: Participant) -> dict[str, Proof]:
    """The referral and the Norwegian level: on the participant's own row, no query."""
    found = {}
    detail = reverse("participants:participant-detail", kwargs={"pk": participant.pk})
    if participant.referral_date and participant.referral_order.strip():
        found[Evidence.REFERRAL] = Proof(
            _("Referral of %(day)s, with its order") % {"day": _day(participant.referral_date)},
            detail,
        )
    if participant.norwegian_level:
        level = {"level": participant.norwegian_level}
        label = (
            _("Norwegian level %(level)s, assessed %(day)s")
            % {**level, "day": _day(participant.norwegian_level_date)}
            if participant.norwegian_level_date
            else _("Norwegian level %(level)s") % level
        )
        found[Evidence.NORWEGIAN_LEVEL] = Proof(label, detail)
    return found


def _consent(participant: Participant) -> Proof | None:
    given = participant.consents.filter(withdrawn_on__isnull=True).order_by("-given_on", "-pk")
    consent = given.first()
    if consent is None:
        return None
    return Proof(
        _("%(kind)s, given %(day)s")
        % {"kind": consent.get_kind_display(), "day": _day(consent.given_on)},
        reverse("participants:participant-detail", kwargs={"pk": participant.pk}),
    )


def _profile(profile: VocationalProfile, wanted: set[str]) -> dict[str, Proof]:
    url = reverse("participants:profile-detail", kwargs={"pk": profile.participant_id})
    found = {}
    if Evidence.PROFILE in wanted:
        found[Evidence.PROFILE] = Proof(
            _("Vocational profile, version %(n)s of %(day)s")
            % {"n": profile.number, "day": _day(profile.created_at.date())},
            url,
        )
    if Evidence.FIVE_WORKPLACES in wanted and len(profile.workplaces) >= FIVE:
        found[Evidence.FIVE_WORKPLACES] = Proof(
            _("%(count)s wished workplaces in the vocational profile")
            % {"count": len(profile.workplaces)},
            url,
        )
    return found


def prove(participant: Participant, wanted: set[str]) -> dict[str, Proof]:
    found = {code: proof for code, proof in _on_the_record(participant).items() if code in wanted}
    if Evidence.CONSENT in wanted and (consent := _consent(participant)):
        found[Evidence.CONSENT] = consent
    if wanted & {Evidence.PROFILE, Evidence.FIVE_WORKPLACES}:
        profile = participant.profiles.order_by("-number").first()
        if profile is not None:
            found.update(_profile(profile, wanted))
    return found


checklist_evidence.register(
    "participants",
    EvidenceSource(
        frozenset(
            {
                Evidence.REFERRAL,
                Evidence.NORWEGIAN_LEVEL,
                Evidence.CONSENT,
                Evidence.PROFILE,
                Evidence.FIVE_WORKPLACES,
            }
        ),
        prove,
    ),
    order=10,
)
