"""The sensitivity class of every field of the case models, for childsafe.disclosure.

Nothing is shown, printed or exported except through this table (see childsafe/disclosure/policy.py for who may
receive each class). Choices made here, and why:
- The case summary, closure outcome and closure note are professionals' free text and judgement: a summary often
  says who reported what, and an outcome such as "family moved away" tells the reader that she has moved.
- A name someone is *known as* is LOCATION, not IDENTITY: a new or everyday name is how a school, a GP or a
  neighbour knows a child now, and so a way to find them.
- The school or setting, every part of an address (its kind too: "refuge" is itself a location), every contact
  detail (its note too: "only call after 6pm" describes her day) and whether someone lives with another person are
  LOCATION.
- Which organisations are involved, who leads and who is allocated are CASE_ADMIN; the policy decides separately
  which kinds of organisation may be named to whom, because a refuge's or a school's name is a location.
"""

from __future__ import annotations

from childsafe.disclosure.classes import Sensitivity

ADMIN = Sensitivity.CASE_ADMIN
IDENTITY = Sensitivity.IDENTITY
LOCATION = Sensitivity.LOCATION
DISCLOSURE = Sensitivity.DISCLOSURE
WELLBEING = Sensitivity.WELLBEING
PROFESSIONAL = Sensitivity.PROFESSIONAL

FIELD_CLASSES: dict[str, Sensitivity] = {
    # The case itself.
    "Case.id": ADMIN,
    "Case.reference": ADMIN,
    "Case.summary": PROFESSIONAL,
    "Case.status": ADMIN,
    "Case.opened_on": ADMIN,
    "Case.closed_on": ADMIN,
    "Case.closure_outcome": PROFESSIONAL,
    "Case.closure_note": PROFESSIONAL,
    "Case.times_reopened": ADMIN,
    "Case.lead_organisation": ADMIN,
    "Case.team": ADMIN,
    "Case.allocated_worker": ADMIN,
    "Case.created_at": ADMIN,
    "Case.updated_at": ADMIN,
    # Each closing and reopening: the same classes as the case's own closure fields.
    "CaseStatusChange.id": ADMIN,
    "CaseStatusChange.case": ADMIN,
    "CaseStatusChange.status": ADMIN,
    "CaseStatusChange.outcome": PROFESSIONAL,
    "CaseStatusChange.note": PROFESSIONAL,
    "CaseStatusChange.effective_on": ADMIN,
    "CaseStatusChange.changed_by": ADMIN,
    "CaseStatusChange.changed_at": ADMIN,
    # Which organisations the case is shared with; why is the sharer's judgement.
    "CaseShare.id": ADMIN,
    "CaseShare.case": ADMIN,
    "CaseShare.organisation": ADMIN,
    "CaseShare.shared_by": ADMIN,
    "CaseShare.shared_at": ADMIN,
    "CaseShare.reason": PROFESSIONAL,
    # Addresses: every part locates someone.
    "Address.id": ADMIN,
    "Address.case": ADMIN,
    "Address.kind": LOCATION,
    "Address.line_1": LOCATION,
    "Address.line_2": LOCATION,
    "Address.town": LOCATION,
    "Address.postcode": LOCATION,
    "Address.is_confidential_location": LOCATION,
    # People.
    "Person.id": ADMIN,
    "Person.case": ADMIN,
    "Person.role_in_case": IDENTITY,
    "Person.first_name": IDENTITY,
    "Person.last_name": IDENTITY,
    "Person.known_as": LOCATION,
    "Person.date_of_birth": IDENTITY,
    "Person.age_in_years": IDENTITY,
    "Person.gender": IDENTITY,
    "Person.identity_and_culture": IDENTITY,
    "Person.preferred_language": IDENTITY,
    "Person.communication": WELLBEING,
    "Person.needs": WELLBEING,
    "Person.school_or_setting": LOCATION,
    "Person.childs_own_words": DISCLOSURE,
    "Person.address": LOCATION,
    "Person.created_at": ADMIN,
    # Contact details: all of a contact detail locates its person.
    "ContactDetail.id": ADMIN,
    "ContactDetail.person": ADMIN,
    "ContactDetail.kind": LOCATION,
    "ContactDetail.value": LOCATION,
    "ContactDetail.note": LOCATION,
    "ContactDetail.is_confidential_location": LOCATION,
    # Relationships: who is connected to whom; living together says where someone is.
    "Relationship.id": ADMIN,
    "Relationship.case": ADMIN,
    "Relationship.person": IDENTITY,
    "Relationship.kind": IDENTITY,
    "Relationship.other_person": IDENTITY,
    "Relationship.has_parental_responsibility": IDENTITY,
    "Relationship.lives_with_other_person": LOCATION,
}
