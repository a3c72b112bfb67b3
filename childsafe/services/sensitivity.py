"""The sensitivity class of every field of this app's models (see `childsafe.disclosure.classes`).

The service directory (`Service`) is not personal data: it describes local provision, its contact details are the
service's own, and it is not listed here.

Referrals are personal data. Most of a referral is case administration, but *which service* someone is referred to
can say where they are: a referral of the victim-survivor or a child to a refuge, to housing or to a school names
the place she or the child may be. So the table declares `Referral.service` as LOCATION (deny by default: an output
that reads only this table never names a service), and `field_class(referral, name)` gives the class for one
referral: LOCATION when its service type reveals a location (data/service_types.yaml, `reveals_location`),
ACCOUNTABILITY for the parent using abuse's own referrals, CASE_ADMIN otherwise. The reason and history of a
location-revealing referral are LOCATION too, as they usually describe the move. Such referrals are never shown to a
behaviour-change programme organisation (`access.py`), and a document for the parent using abuse must use
`field_class`, never assume.
"""

from __future__ import annotations

from childsafe.cases.models import Person
from childsafe.disclosure.classes import Sensitivity
from childsafe.services.models import Referral

FIELD_CLASSES: dict[str, Sensitivity] = {
    "Referral.id": Sensitivity.CASE_ADMIN,
    "Referral.case": Sensitivity.CASE_ADMIN,
    "Referral.person": Sensitivity.IDENTITY,
    "Referral.service": Sensitivity.LOCATION,
    "Referral.reason": Sensitivity.PROFESSIONAL,
    "Referral.referred_on": Sensitivity.CASE_ADMIN,
    "Referral.referred_by": Sensitivity.CASE_ADMIN,
    "Referral.referred_by_organisation": Sensitivity.CASE_ADMIN,
    "Referral.status": Sensitivity.CASE_ADMIN,
    "Referral.status_on": Sensitivity.CASE_ADMIN,
    "Referral.status_reason": Sensitivity.PROFESSIONAL,
    "Referral.created_at": Sensitivity.CASE_ADMIN,
    "Referral.updated_at": Sensitivity.CASE_ADMIN,
    "ReferralStatusChange.id": Sensitivity.CASE_ADMIN,
    "ReferralStatusChange.referral": Sensitivity.CASE_ADMIN,
    "ReferralStatusChange.status": Sensitivity.CASE_ADMIN,
    "ReferralStatusChange.on": Sensitivity.CASE_ADMIN,
    "ReferralStatusChange.reason": Sensitivity.PROFESSIONAL,
    "ReferralStatusChange.changed_by": Sensitivity.CASE_ADMIN,
    "ReferralStatusChange.changed_at": Sensitivity.CASE_ADMIN,
    # What the parent using abuse is doing about their behaviour: attendance and engagement.
    "ProgrammeSession.id": Sensitivity.ACCOUNTABILITY,
    "ProgrammeSession.referral": Sensitivity.ACCOUNTABILITY,
    "ProgrammeSession.held_on": Sensitivity.ACCOUNTABILITY,
    "ProgrammeSession.planned_hours": Sensitivity.ACCOUNTABILITY,
    "ProgrammeSession.attended": Sensitivity.ACCOUNTABILITY,
    "ProgrammeSession.hours_attended": Sensitivity.ACCOUNTABILITY,
    # What the facilitators observed or why a session was missed: a professional's note, like a plan's progress note.
    "ProgrammeSession.note": Sensitivity.PROFESSIONAL,
    "ProgrammeSession.recorded_by": Sensitivity.CASE_ADMIN,
    "ProgrammeSession.recorded_at": Sensitivity.CASE_ADMIN,
}

# Fields whose class depends on the referral: the service, and the words written about a move.
LOCATION_DEPENDENT = frozenset({"service", "reason", "status_reason"})


def field_class(referral: Referral, name: str) -> Sensitivity:
    """The class of one field of one referral, taking account of where its service type can place someone."""
    if name in LOCATION_DEPENDENT and referral.service.reveals_location:
        return Sensitivity.LOCATION
    if (
        name in {"service", "status", "status_on"}
        and referral.person.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE
    ):
        return Sensitivity.ACCOUNTABILITY
    if name == "service":
        return Sensitivity.CASE_ADMIN
    return FIELD_CLASSES[f"Referral.{name}"]
