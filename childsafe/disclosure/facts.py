"""The facts about a record that the disclosure policy needs, for each model that holds personal data.

For each record: whose information it is (`subjects`: the people it is about, as the presenter sees them — the
reader themselves, a child, the non-abusing parent, ...), whether it is a confidential location, and which kind
of organisation it names. One small function per model, keyed "app_label.Model" in `FACTS`. A model with no
function here is about no one in particular, so nothing of it scoped to people is ever shown (deny by default).

Choices, and why:
- An address is about everyone who lives there; a refuge's address is confidential whatever the box says.
- A chronology entry is about the person who chose the behaviour (his version gets his own entries only).
- A chronology entry whose words (what happened, its source, its impact on a child) name one of the case's
  confidential locations is a confidential location itself, and so is an impact on a child that names one
  (`chronology.sensitivity.names_a_confidential_location`), for the reason given for plan records just below.
- A plan action is about its owner when a person owns it (an action he owns is his, whoever it is for); when an
  agency owns it, about whom it is for: the child named, every non-abusing parent, every parent using abuse, or
  everyone for the whole family. So an agency's action "for the parent using abuse" is his only when he is the
  only one in that role.
- An action, outcome or progress update whose words name one of the case's confidential locations (its address
  lines, postcode or town, or a confidential contact detail: `plans.sensitivity.case_places`) is a confidential
  location itself: "Refuge worker to meet Rachel at <the refuge's address>" is the address, wherever it is typed.
  So only the lead organisation's professionals' version carries it; not a partner's, and not her own printed copy.
- An outcome is about its child; whether it may reach the parent using abuse is the plan's own row class
  (childsafe.plans.sensitivity), which is ACCOUNTABILITY only for outcomes a worker marked shareable.
- A review is about the parent(s) using abuse: its one field beyond dates is their engagement. A review whose notes
  name a confidential location, and a child's view that names one, are confidential locations like an action that
  does (the plans app's `texts_of`).
- A referral is about the person referred; a referral to a service whose type reveals a location (a refuge,
  housing) is treated as a confidential location, so only the lead organisation's professionals' version names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from childsafe.cases.models import Address, Person
from childsafe.chronology import sensitivity as chronology_sensitivity
from childsafe.disclosure.policy import RecordFacts, Subject
from childsafe.plans.sensitivity import names_a_confidential_place

if TYPE_CHECKING:  # the presenter passes itself; only its type is needed here
    from childsafe.disclosure.presenters import Presenter

FactsFunction = Callable[["Presenter", Any], RecordFacts]


def about(presenter: Presenter, people: Iterable[Person | None]) -> frozenset[Subject]:
    return frozenset(presenter.subject(person) for person in people if person is not None)


def in_role(presenter: Presenter, role: str) -> list[Person]:
    return [person for person in presenter.people() if person.role_in_case == role]


# cases ------------------------------------------------------------------------------------------------------------


def _case(presenter: Presenter, case: Any) -> RecordFacts:
    return RecordFacts(agency_kind=case.lead_organisation.kind)


def _share(presenter: Presenter, share: Any) -> RecordFacts:
    return RecordFacts(agency_kind=share.organisation.kind)


def _address(presenter: Presenter, address: Any) -> RecordFacts:
    confidential = address.is_confidential_location or address.kind == Address.Kind.REFUGE
    return RecordFacts(subjects=about(presenter, address.residents.all()), confidential_location=confidential)


def _person(presenter: Presenter, person: Any) -> RecordFacts:
    return RecordFacts(subjects=about(presenter, [person]))


def _contact(presenter: Presenter, detail: Any) -> RecordFacts:
    return RecordFacts(
        subjects=about(presenter, [detail.person]), confidential_location=detail.is_confidential_location
    )


def _relationship(presenter: Presenter, relationship: Any) -> RecordFacts:
    return RecordFacts(subjects=about(presenter, [relationship.person, relationship.other_person]))


# chronology -------------------------------------------------------------------------------------------------------


def names_a_confidential_location_in_chronology(presenter: Presenter, record: Any) -> bool:
    """Whether a chronology entry's or impact's words name one of the case's confidential locations."""
    return chronology_sensitivity.names_a_confidential_location(record, presenter.context().get("places", ()))


def _entry(presenter: Presenter, entry: Any) -> RecordFacts:
    return RecordFacts(
        subjects=about(presenter, [entry.person_responsible]),
        confidential_location=names_a_confidential_location_in_chronology(presenter, entry),
    )


def _impact(presenter: Presenter, impact: Any) -> RecordFacts:
    return RecordFacts(
        subjects=about(presenter, [impact.child]),
        confidential_location=names_a_confidential_location_in_chronology(presenter, impact),
    )


# plans ------------------------------------------------------------------------------------------------------------


def _no_one(presenter: Presenter, record: Any) -> RecordFacts:
    return RecordFacts()


def names_a_confidential_location(presenter: Presenter, record: Any) -> bool:
    """Whether a plan record's words name one of the case's confidential locations (the plans app's `places`)."""
    return names_a_confidential_place(record, presenter.context().get("places", ()))


def _outcome(presenter: Presenter, outcome: Any) -> RecordFacts:
    return RecordFacts(
        subjects=about(presenter, [outcome.child]),
        confidential_location=names_a_confidential_location(presenter, outcome),
    )


def action_people(presenter: Presenter, action: Any) -> list[Person]:
    if action.owner_person_id is not None:
        return [action.owner_person]
    if action.for_whom == "child":
        return [action.for_child]
    if action.for_whom in {Person.RoleInCase.NON_ABUSING_PARENT, Person.RoleInCase.PARENT_USING_ABUSE}:
        return in_role(presenter, action.for_whom)
    return list(presenter.people())  # the whole family


def _action(presenter: Presenter, action: Any) -> RecordFacts:
    kind = action.owner_organisation.kind if action.owner_organisation_id else None
    return RecordFacts(
        subjects=about(presenter, action_people(presenter, action)),
        agency_kind=kind,
        confidential_location=names_a_confidential_location(presenter, action),
    )


def _progress(presenter: Presenter, update: Any) -> RecordFacts:
    facts = _action(presenter, update.action)
    if facts.confidential_location or not names_a_confidential_location(presenter, update):
        return facts
    return RecordFacts(subjects=facts.subjects, agency_kind=facts.agency_kind, confidential_location=True)


def _review(presenter: Presenter, review: Any) -> RecordFacts:
    return RecordFacts(
        subjects=about(presenter, in_role(presenter, Person.RoleInCase.PARENT_USING_ABUSE)),
        confidential_location=names_a_confidential_location(presenter, review),
    )


def _child_view(presenter: Presenter, view: Any) -> RecordFacts:
    return RecordFacts(
        subjects=about(presenter, [view.child]), confidential_location=names_a_confidential_location(presenter, view)
    )


# safety -----------------------------------------------------------------------------------------------------------


def _about_person(presenter: Presenter, record: Any) -> RecordFacts:
    return RecordFacts(subjects=about(presenter, [record.person]))


def _about_plan_person(presenter: Presenter, record: Any) -> RecordFacts:
    return RecordFacts(subjects=about(presenter, [record.plan.person]))


def _about_contact_person(presenter: Presenter, record: Any) -> RecordFacts:
    return RecordFacts(subjects=about(presenter, [record.contact.person]))


# assessments ------------------------------------------------------------------------------------------------------


def _assessment(presenter: Presenter, assessment: Any) -> RecordFacts:
    return RecordFacts(subjects=about(presenter, [assessment.subject]))


# services ---------------------------------------------------------------------------------------------------------


def _referral(presenter: Presenter, referral: Any) -> RecordFacts:
    organisation = referral.referred_by_organisation
    return RecordFacts(
        subjects=about(presenter, [referral.person]),
        confidential_location=referral.service.reveals_location,
        agency_kind=organisation.kind if organisation else None,
    )


def _about_referral(presenter: Presenter, record: Any) -> RecordFacts:
    referral = record.referral
    return RecordFacts(
        subjects=about(presenter, [referral.person]), confidential_location=referral.service.reveals_location
    )


FACTS: dict[str, FactsFunction] = {
    "cases.Case": _case,
    "cases.CaseShare": _share,
    "cases.Address": _address,
    "cases.Person": _person,
    "cases.ContactDetail": _contact,
    "cases.Relationship": _relationship,
    "chronology.ChronologyEntry": _entry,
    "chronology.ChildImpact": _impact,
    "plans.Plan": _no_one,
    "plans.Outcome": _outcome,
    "plans.Action": _action,
    "plans.ProgressUpdate": _progress,
    "plans.Review": _review,
    "plans.ChildView": _child_view,
    "plans.PlanVersion": _no_one,
    "plans.PromptAcknowledgement": _no_one,
    "safety.SafetyPlan": _about_person,
    "safety.SafetyPlanRevision": _about_plan_person,
    "safety.SafetyPlanReview": _about_plan_person,
    "safety.WorkerSafetyFlag": _about_person,
    "safety.PlannedContact": _about_person,
    "safety.ContactSafetyCheck": _about_contact_person,
    "safety.ContactFollowUp": _about_contact_person,
    "assessments.Assessment": _assessment,
    "assessments.LevelChange": _about_person,
    "services.Referral": _referral,
    "services.ReferralStatusChange": _about_referral,
    "services.ProgrammeSession": _about_referral,
}
