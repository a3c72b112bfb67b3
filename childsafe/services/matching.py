"""Which services in the directory fit each person in a household, and why, in plain words.

`propose_for_person` is a pure function over data: give it a person, the tier of need, the area and the services
and it returns the services that fit, best first, each with its reasons. A service fits when it is active and
  - serves the tier of need;
  - covers the area (the case's lead organisation's area; a service with no areas listed covers everywhere);
  - works with the person's role: a child (or a sibling living elsewhere) with children's or whole-family
    services; the non-abusing parent with services for non-abusing parents or whole families; another adult with
    whole-family services; the parent using abuse only with services that name parents using abuse. Whole-family
    services are never proposed to the parent using abuse: joint work with the person using abuse must not raise
    the risk to the others (seed 004), and work with them goes through services meant for them;
  - for a child, has an age range that includes the child's age (a child whose age is not recorded is shown
    services with an age range, with a prompt to check).
Behaviour-change programmes are proposed only to the parent using abuse. Partner support services are not proposed
on their own: `proposals_for_household` adds them for the non-abusing parent whenever a programme is proposed for
the parent using abuse, because a programme must run alongside a service for partners (the Respect standard).

Each person can be proposed services for their own tier of need (`proposals_for_household` with a tier per
person): a screening that puts one child at tier 2 must not take a sibling at tier 4 down with it, and the
non-abusing parent's own checklist must not decide what the children are offered.

Ranking: a service that serves exactly this tier and no other first, then the shortest wait, then the strongest
evidence (evaluated, promising, not yet evaluated), then the name. A service with no places is still proposed and
says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.utils import timezone

from childsafe.cases.models import Case, Person
from childsafe.services.access import people_for_referrals
from childsafe.services.catalogue import TIERS, Whom
from childsafe.services.models import EVIDENCE_RANK, EvidenceLevel, Service

Role = Person.RoleInCase


@dataclass(frozen=True)
class Proposal:
    service: Service
    person: Person
    reasons: tuple[str, ...]  # plain words: "Works with children aged 5 to 12 (Mia is 9)", "Covers Northbrook"


def whom_for(person: Person) -> Whom | None:
    """The kind of person a service must work with to fit; None for another adult (whole-family services only)."""
    if person.is_child:
        return Whom.CHILD
    if person.role_in_case == Role.NON_ABUSING_PARENT:
        return Whom.NON_ABUSING_PARENT
    if person.role_in_case == Role.PARENT_USING_ABUSE:
        return Whom.PARENT_USING_ABUSE
    return None


def role_reason(service: Service, whom: Whom | None) -> str | None:
    """Why the service works with this kind of person, or None if it does not."""
    if whom is Whom.PARENT_USING_ABUSE:
        # Both the entry and its type must say so: a refuge entered by mistake as serving him is never proposed.
        type_serves = service.type is not None and whom in service.type.serves
        return "Works with parents using abuse" if service.serves_whom(whom) and type_serves else None
    if whom is not None and service.serves_whom(whom):
        return {Whom.CHILD: "Works with children", Whom.NON_ABUSING_PARENT: "Works with non-abusing parents"}[whom]
    if service.serves_whom(Whom.WHOLE_FAMILY):
        return "Works with whole families"
    return None


def age_reason(service: Service, person: Person, because: str, today: dt.date) -> str | None:
    """The role reason with the age range for a child, or None if the child's age is outside the range."""
    if not person.is_child or not service.age_range_text:
        return because
    age = person.age_on(today)
    name = person.known_as or person.first_name
    prefix = f"{because} aged {service.age_range_text}"
    if age is None:
        return f"{prefix} ({name}'s age is not recorded: check before referring)"
    if service.min_age is not None and age < service.min_age:
        return None
    if service.max_age is not None and age > service.max_age:
        return None
    return f"{prefix} ({name} is {age})"


def fit_reasons(service: Service, person: Person, *, tier: int, area: str, today: dt.date) -> tuple[str, ...] | None:
    """The reasons `service` fits `person`, or None if it does not fit. Partner support is judged like any
    service here; whether to propose it is `propose_for_person`'s and `proposals_for_household`'s business."""
    if not service.is_active or service.type is None:
        return None
    if tier not in service.tiers or not service.covers(area):
        return None
    whom = whom_for(person)
    if service.is_behaviour_change_programme and whom is not Whom.PARENT_USING_ABUSE:
        return None
    if service.is_partner_support and whom is not Whom.NON_ABUSING_PARENT:
        return None
    because = role_reason(service, whom)
    if because is None:
        return None
    because = age_reason(service, person, because, today)
    if because is None:
        return None
    reasons = [
        because,
        f"Offers tier {tier} support",
        f"Covers {area.strip()}" if service.areas else "Available in every area",
    ]
    if service.evidence_level == EvidenceLevel.EVALUATED:
        reasons.append("Its work has been evaluated")
    elif service.evidence_level == EvidenceLevel.PROMISING:
        reasons.append("Its work shows promising results")
    if service.is_full:
        reasons.append("No places at the moment: ask to join its waiting list")
    return tuple(reasons)


def _rank(tier: int) -> Any:
    def key(proposal: Proposal) -> tuple[int, int, int, str, str]:
        service = proposal.service
        exact = 0 if sorted(service.tiers) == [tier] else 1
        evidence = EVIDENCE_RANK.get(EvidenceLevel(service.evidence_level), len(EVIDENCE_RANK))
        return (exact, service.waiting_weeks, evidence, service.name.casefold(), service.key)

    return key


def propose_for_person(
    person: Person, *, tier: int, area: str, today: dt.date, services: Iterable[Service]
) -> list[Proposal]:
    """Services that fit this person, best first. Pure: reads nothing from the database."""
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {TIERS}, not {tier!r}")
    proposals = []
    for service in services:
        if service.is_partner_support:
            continue  # proposed only alongside a behaviour-change programme, by proposals_for_household
        reasons = fit_reasons(service, person, tier=tier, area=area, today=today)
        if reasons is not None:
            proposals.append(Proposal(service=service, person=person, reasons=reasons))
    return sorted(proposals, key=_rank(tier))


def _name(person: Person) -> str:
    return person.known_as or person.first_name


def pair_programmes_with_partner_support(
    proposals: dict[Person, list[Proposal]],
    *,
    tier: int | Mapping[Person, int],
    area: str,
    today: dt.date,
    services: Iterable[Service],
) -> dict[Person, list[Proposal]]:
    """Add partner support for each non-abusing parent wherever a programme is proposed for a parent using abuse,
    and say on each programme what partner support goes with it. Pure, like `propose_for_person`.

    `tier` is one tier for everyone, or each person's own: partner support is matched to the partner's tier.
    """
    tiers = tier if isinstance(tier, Mapping) else dict.fromkeys(proposals, tier)
    people = list(proposals)
    programme_for = {
        person: [proposal for proposal in proposals[person] if proposal.service.is_behaviour_change_programme]
        for person in people
        if person.role_in_case == Role.PARENT_USING_ABUSE
    }
    parents_on_programmes = [person for person, programmes in programme_for.items() if programmes]
    if not parents_on_programmes:
        return proposals
    partners = [person for person in people if person.role_in_case == Role.NON_ABUSING_PARENT]
    services = list(services)
    result = {person: list(items) for person, items in proposals.items()}
    programme_names = " and ".join(_name(person) for person in parents_on_programmes)
    supported = []
    for partner in partners:
        partner_tier = tiers[partner]
        for service in services:
            if not service.is_partner_support:
                continue
            reasons = fit_reasons(service, partner, tier=partner_tier, area=area, today=today)
            if reasons is None:
                continue
            why = (
                f"Runs alongside the behaviour-change programme proposed for {programme_names}: a programme must "
                "have a parallel service for partners, to keep them informed and safer"
            )
            result[partner].append(Proposal(service=service, person=partner, reasons=(why, *reasons)))
            supported.append(partner)
        # Partner support leads the list: it goes with the programme, so it must not sit below the fold.
        rank = _rank(partner_tier)
        result[partner].sort(key=lambda proposal: (not proposal.service.is_partner_support, rank(proposal)))

    if supported:
        # Not named: this note is shown with the parent using abuse's proposals, which his programme may see.
        note = "Proposed together with partner support for the non-abusing parent: refer both"
    elif partners:
        partner_tiers = " or ".join(str(number) for number in sorted({tiers[partner] for partner in partners}))
        note = (
            f"No partner support service covers {area.strip() or 'this area'} at tier {partner_tiers}: a programme "
            "should not start without a parallel service for partners"
        )
    else:
        note = (
            "No non-abusing parent is recorded on this case: a programme needs a parallel service for the partner "
            "or ex-partner, so record them first"
        )
    for person in parents_on_programmes:
        result[person] = [
            replace(proposal, reasons=(*proposal.reasons, note))
            if proposal.service.is_behaviour_change_programme
            else proposal
            for proposal in result[person]
        ]
    return result


ROLE_ORDER = {
    Role.CHILD: 0,
    Role.SIBLING_ELSEWHERE: 1,
    Role.NON_ABUSING_PARENT: 2,
    Role.PARENT_USING_ABUSE: 3,
    Role.OTHER_ADULT: 4,
}


def household_order(people: Iterable[Person], today: dt.date) -> list[Person]:
    """Children first (oldest first), then the non-abusing parent, the parent using abuse and other adults."""

    def key(person: Person) -> tuple[int, int, str]:
        age = person.age_on(today)
        return (ROLE_ORDER.get(person.role_in_case, 9), -(age if age is not None else -1), person.first_name)

    return sorted(people, key=key)


def proposals_for_household(
    case: Case, *, tier: int | Mapping[str, int], today: dt.date | None = None, for_user: Any = None
) -> dict[Person, list[Proposal]]:
    """Proposals for every person in the case (an empty list where nothing fits), loading the directory once.

    `tier` is the tier of need for everyone (a worker chose it), or each person's own, keyed by the person's id as
    text: then a person with no tier in it is left out, since nothing says what they need.
    With `for_user`, only the people that user may see referrals for are included (a behaviour-change programme
    organisation sees only the parent using abuse): see `access.people_for_referrals`.
    """
    today = today or timezone.localdate()
    area = case.lead_organisation.area
    people = household_order(Person.objects.filter(case=case), today)
    if isinstance(tier, Mapping):
        tiers = {person: tier[str(person.pk)] for person in people if str(person.pk) in tier}
    else:
        tiers = dict.fromkeys(people, tier)
    people = [person for person in people if person in tiers]
    services = list(Service.objects.filter(is_active=True))
    proposals = {
        person: propose_for_person(person, tier=tiers[person], area=area, today=today, services=services)
        for person in people
    }
    # Paired across the whole household first, so a programme's note is right whoever is looking.
    paired = pair_programmes_with_partner_support(proposals, tier=tiers, area=area, today=today, services=services)
    if for_user is not None:
        allowed = set(people_for_referrals(for_user, case, people))
        paired = {person: items for person, items in paired.items() if person in allowed}
    return paired
