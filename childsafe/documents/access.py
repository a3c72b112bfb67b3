"""Who may produce which version of a case's documents, decided here for the documents page and the downloads alike.

Everyone who works on a case (an organisation it is shared with) may make the professionals' version; a partner's
copy leaves out confidential locations, as their screens do. The two family versions are more restricted:

- **The non-abusing parent's version**: the lead organisation, and a domestic abuse service or refuge the case is
  shared with. It holds her safety plan and what she and the children said, so it is made by those who work with
  her directly; a school, the police or a behaviour-change programme asks one of them.
- **The version for the parent using abusive behaviours**: the lead organisation only. It leads the case and is
  accountable for what he is given; it is also the only organisation that sees the confidential locations, so it
  is the only one that can check the version against them before it is shared. Behaviour-change programme workers
  work with him and would be asked for it most often, which is exactly why they do not make it: a deceived or
  pressured worker is the route this rule closes. They ask the lead worker, who makes it and checks it.

Behaviour-change programme workers make no version at all. Their relationship is with him, and they are the people
he can most easily deceive or pressure; the other apps already keep safety plans, disclosures and location-revealing
referrals from their screens, and a document is the easiest thing to hand over. What they need about their
participant is on their screens; on paper, they ask the lead worker.

A professional's copy carries safety plans only if their organisation may read safety plans on screen
(childsafe.safety.access: not probation, housing or early help, for example).

Commissioners and administrators never reach a case, so never reach its documents (404, from cases.access).
"""

from __future__ import annotations

from dataclasses import dataclass

from childsafe.accounts.models import Organisation, User
from childsafe.cases.access import WORKS_WITH_THE_PERSON_USING_ABUSE, can_see_confidential_locations
from childsafe.cases.models import Case, Person
from childsafe.disclosure.classes import Audience
from childsafe.disclosure.policy import Reader
from childsafe.safety.access import can_see_safety_plans

# Organisations that work with the non-abusing parent directly, besides the lead organisation.
SUPPORTS_HER: frozenset[str] = frozenset({Organisation.Kind.DOMESTIC_ABUSE_SERVICE, Organisation.Kind.REFUGE})

# Organisations that make no version of a case's documents: those whose work is with the person using abuse.
NO_DOCUMENTS: frozenset[str] = WORKS_WITH_THE_PERSON_USING_ABUSE

# The person each family version is made for.
RECIPIENT_ROLES: dict[Audience, str] = {
    Audience.NON_ABUSING_PARENT: Person.RoleInCase.NON_ABUSING_PARENT,
    Audience.PARENT_USING_ABUSE: Person.RoleInCase.PARENT_USING_ABUSE,
}


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str = ""


def _in_lead_organisation(user: User, case: Case) -> bool:
    return user.organisation_id is not None and user.organisation_id == case.lead_organisation_id


def may_produce(user: User, case: Case, audience: Audience) -> Permission:
    """Whether this user may make this version of this case's documents, and if not, why (in plain words).

    The caller has already checked the user may see the case (cases.access.get_case_for_user).
    """
    if not user.works_on_cases:
        return Permission(False, "Your role does not work on case records, so it cannot make case documents.")
    lead = case.lead_organisation.name
    if user.organisation and user.organisation.kind in NO_DOCUMENTS:
        return Permission(
            False,
            "Your organisation works with the parent using abusive behaviours, so it does not make documents from a "
            f"case: a document is the easiest thing to pass on to him. Ask {lead} if you need one.",
        )
    if audience == Audience.PROFESSIONAL:
        return Permission(True)
    if audience == Audience.NON_ABUSING_PARENT:
        if _in_lead_organisation(user, case) or (user.organisation and user.organisation.kind in SUPPORTS_HER):
            return Permission(True)
        return Permission(
            False,
            f"Only {lead}, or a domestic abuse service or refuge working with her, can make the version for the "
            "non-abusing parent. It includes her safety plan and what she and the children have said, so it is "
            "made by the people who work with her directly. Ask the allocated worker if she needs a copy.",
        )
    if audience == Audience.PARENT_USING_ABUSE:
        if _in_lead_organisation(user, case):
            return Permission(True)
        return Permission(
            False,
            f"Only {lead}, which leads this case, can make the version for the parent using abusive behaviours. "
            "It is accountable for what he is given, and it is the only organisation that can check the version "
            "against everything recorded, including confidential locations, before it is shared. Ask the "
            "allocated worker if he needs a copy.",
        )
    return Permission(False, "There is no such version.")


def recipients(people: list[Person], audience: Audience) -> list[Person]:
    """The people in the case a family version can be made for (none for the professionals' version)."""
    role = RECIPIENT_ROLES.get(audience)
    return [person for person in people if role and person.role_in_case == role]


def reader_for(user: User, case: Case, audience: Audience, recipient: Person | None = None) -> Reader:
    """The reader a document is made for. Only a professional in the lead organisation sees confidential
    locations, and only in the professionals' version; a professional's copy has safety plans only if their
    organisation may read them. (The family versions' safety plans are decided by whose they are.)"""
    professional = audience == Audience.PROFESSIONAL
    return Reader(
        audience=audience,
        recipient_id=recipient.pk if recipient else None,
        sees_confidential_locations=professional and can_see_confidential_locations(user, case),
        sees_safety_plans=professional and can_see_safety_plans(user, case),
    )
