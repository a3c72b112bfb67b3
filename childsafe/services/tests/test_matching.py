"""Matching services to each person: the rules, the ranking, the reasons in plain words, programmes with partner
support, and properties that must hold for any directory and any household."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from childsafe.cases.models import Person
from childsafe.services import catalogue
from childsafe.services.catalogue import Whom
from childsafe.services.matching import (
    Proposal,
    pair_programmes_with_partner_support,
    proposals_for_household,
    propose_for_person,
)
from childsafe.services.models import EvidenceLevel
from childsafe.services.tests.conftest import TODAY, member, saved, service

Role = Person.RoleInCase


def child(first_name: str = "Mia", age: int | None = 9) -> Person:
    born = dt.date(TODAY.year - age, 3, 4) if age is not None else None
    return Person(role_in_case=Role.CHILD, first_name=first_name, date_of_birth=born)


def adult(role: str, first_name: str = "Rachel") -> Person:
    return Person(role_in_case=role, first_name=first_name)


def names(proposals: list[Proposal]) -> list[str]:
    return [proposal.service.name for proposal in proposals]


def propose(person: Person, services: list, tier: int = 3, area: str = "Northbrook") -> list[Proposal]:
    return propose_for_person(person, tier=tier, area=area, today=TODAY, services=services)


class TestRules:
    def test_a_child_within_the_age_range_is_proposed_the_service_with_the_reasons_in_plain_words(self):
        group = service(
            name="Feeling Safe Group", service_type="childrens_group_work", serves=["child"], min_age=5, max_age=12
        )
        [proposal] = propose(child(age=9), [group])
        assert proposal.reasons[:3] == (
            "Works with children aged 5 to 12 (Mia is 9)",
            "Offers tier 3 support",
            "Covers Northbrook",
        )

    @pytest.mark.parametrize("age", [4, 13])
    def test_a_child_outside_the_age_range_is_not(self, age):
        group = service(service_type="childrens_group_work", serves=["child"], min_age=5, max_age=12)
        assert propose(child(age=age), [group]) == []

    @pytest.mark.parametrize("age", [5, 12])
    def test_the_age_range_includes_its_ends(self, age):
        group = service(service_type="childrens_group_work", serves=["child"], min_age=5, max_age=12)
        assert len(propose(child(age=age), [group])) == 1

    def test_a_child_whose_age_is_not_recorded_is_shown_the_service_with_a_prompt_to_check(self):
        group = service(service_type="childrens_group_work", serves=["child"], min_age=5, max_age=12)
        [proposal] = propose(child(age=None), [group])
        assert (
            proposal.reasons[0]
            == "Works with children aged 5 to 12 (Mia's age is not recorded: check before referring)"
        )

    def test_a_service_that_does_not_serve_the_tier_is_not_proposed(self):
        assert propose(child(), [service(tiers=[1, 2])], tier=3) == []

    def test_a_service_in_another_area_is_not_proposed_and_one_with_no_area_covers_everywhere(self):
        southmere = service(name="Southmere outreach", areas=["Southmere"])
        national = service(
            name="National helpline", service_type="universal_information", serves=["whole_family"], areas=[]
        )
        [proposal] = propose(child(), [southmere, national])
        assert proposal.service is national
        assert "Available in every area" in proposal.reasons

    def test_area_names_match_whatever_their_case_and_spaces(self):
        assert len(propose(child(), [service(areas=[" northbrook "])], area="Northbrook")) == 1

    def test_a_case_with_no_area_only_gets_services_available_everywhere(self):
        local, national = service(areas=["Northbrook"]), service(areas=[])
        assert [p.service for p in propose(child(), [local, national], area="")] == [national]

    def test_inactive_services_are_never_proposed(self):
        assert propose(child(), [service(is_active=False)]) == []

    def test_a_service_whose_type_is_no_longer_in_the_data_file_is_not_proposed(self):
        assert propose(child(), [service(service_type="no_longer_a_type")]) == []

    def test_a_refuge_is_never_proposed_to_the_parent_using_abuse(self):
        refuge = service(service_type="refuge", serves=["non_abusing_parent", "child"])
        assert propose(adult(Role.PARENT_USING_ABUSE, "Darren"), [refuge]) == []
        assert len(propose(adult(Role.NON_ABUSING_PARENT), [refuge])) == 1

    def test_a_refuge_entered_by_mistake_as_serving_the_parent_using_abuse_is_still_never_proposed_to_him(self):
        refuge = service(service_type="refuge", serves=["non_abusing_parent", "child", "parent_using_abuse"])
        assert propose(adult(Role.PARENT_USING_ABUSE, "Darren"), [refuge]) == []

    def test_whole_family_services_are_never_proposed_to_the_parent_using_abuse(self):
        family = service(service_type="family_support", serves=["whole_family"])
        assert propose(adult(Role.PARENT_USING_ABUSE, "Darren"), [family]) == []
        assert propose(adult(Role.NON_ABUSING_PARENT), [family])[0].reasons[0] == "Works with whole families"

    def test_another_adult_is_proposed_only_whole_family_services(self):
        grandmother = adult(Role.OTHER_ADULT, "Joan")
        family = service(service_type="family_support", serves=["whole_family"])
        for_parents = service(service_type="counselling", serves=["non_abusing_parent"])
        assert [p.service for p in propose(grandmother, [family, for_parents])] == [family]

    def test_adult_services_are_not_proposed_to_children(self):
        counselling = service(service_type="counselling", serves=["non_abusing_parent"])
        assert propose(child(), [counselling]) == []

    def test_behaviour_change_programmes_are_proposed_only_to_the_parent_using_abuse(self):
        # Even if an administrator wrongly says a programme works with everyone.
        programme = service(service_type="behaviour_change_programme", serves=[str(whom) for whom in Whom])
        assert propose(adult(Role.NON_ABUSING_PARENT), [programme]) == []
        assert propose(child(), [programme]) == []
        assert propose(adult(Role.OTHER_ADULT), [programme]) == []
        [proposal] = propose(adult(Role.PARENT_USING_ABUSE, "Darren"), [programme])
        assert proposal.reasons[0] == "Works with parents using abuse"

    def test_partner_support_is_never_proposed_on_its_own(self):
        partner_support = service(service_type="partner_support", serves=["non_abusing_parent"])
        assert propose(adult(Role.NON_ABUSING_PARENT), [partner_support]) == []

    def test_a_full_service_is_still_proposed_and_says_so(self):
        [proposal] = propose(child(), [service(capacity=0, waiting_weeks=6)])
        assert proposal.reasons[-1] == "No places at the moment: ask to join its waiting list"

    def test_an_unknown_tier_is_refused(self):
        with pytest.raises(ValueError):
            propose(child(), [service()], tier=5)


class TestRanking:
    def test_exact_tier_first_then_shortest_wait_then_strongest_evidence_then_name(self):
        services = [
            service(
                name="B broad, no wait, evaluated",
                tiers=[2, 3],
                waiting_weeks=0,
                evidence_level=EvidenceLevel.EVALUATED,
            ),
            service(name="C exact, long wait", tiers=[3], waiting_weeks=8),
            service(name="A exact, short wait, not evaluated", tiers=[3], waiting_weeks=2),
            service(
                name="D exact, short wait, promising",
                tiers=[3],
                waiting_weeks=2,
                evidence_level=EvidenceLevel.PROMISING,
            ),
            service(
                name="E exact, short wait, evaluated",
                tiers=[3],
                waiting_weeks=2,
                evidence_level=EvidenceLevel.EVALUATED,
            ),
        ]
        assert names(propose(child(), services)) == [
            "E exact, short wait, evaluated",
            "D exact, short wait, promising",
            "A exact, short wait, not evaluated",
            "C exact, long wait",
            "B broad, no wait, evaluated",
        ]


class TestProgrammesComeWithPartnerSupport:
    def household(self) -> dict[Person, list[Proposal]]:
        return {adult(Role.NON_ABUSING_PARENT): [], adult(Role.PARENT_USING_ABUSE, "Darren"): []}

    def test_partner_support_is_added_for_the_non_abusing_parent_and_says_why(self):
        programme = service(
            name="Change Programme", service_type="behaviour_change_programme", serves=["parent_using_abuse"]
        )
        partner_support = service(name="Partner Support", service_type="partner_support", serves=["non_abusing_parent"])
        people = self.household()
        services = [programme, partner_support]
        proposals = {p: propose(p, services) for p in people}
        result = pair_programmes_with_partner_support(
            proposals, tier=3, area="Northbrook", today=TODAY, services=services
        )
        rachel, darren = list(result)
        assert names(result[rachel]) == ["Partner Support"]
        assert result[rachel][0].reasons[0] == (
            "Runs alongside the behaviour-change programme proposed for Darren: a programme must have a parallel "
            "service for partners, to keep them informed and safer"
        )
        assert result[darren][0].reasons[-1] == (
            "Proposed together with partner support for the non-abusing parent: refer both"
        )

    def test_partner_support_comes_first_for_the_non_abusing_parent(self):
        programme = service(service_type="behaviour_change_programme", serves=["parent_using_abuse"])
        partner_support = service(
            name="Z partner support", service_type="partner_support", serves=["non_abusing_parent"], waiting_weeks=9
        )
        quick = service(name="A outreach", tiers=[3], waiting_weeks=0, evidence_level=EvidenceLevel.EVALUATED)
        services = [programme, partner_support, quick]
        people = self.household()
        result = pair_programmes_with_partner_support(
            {p: propose(p, services) for p in people}, tier=3, area="Northbrook", today=TODAY, services=services
        )
        assert names(result[next(iter(result))]) == ["Z partner support", "A outreach"]

    def test_without_a_programme_no_partner_support_is_proposed(self):
        partner_support = service(service_type="partner_support", serves=["non_abusing_parent"])
        people = self.household()
        proposals = {p: propose(p, [partner_support]) for p in people}
        result = pair_programmes_with_partner_support(
            proposals, tier=3, area="Northbrook", today=TODAY, services=[partner_support]
        )
        assert all(items == [] for items in result.values())

    def test_a_programme_with_no_partner_support_in_the_area_says_it_should_not_start(self):
        programme = service(service_type="behaviour_change_programme", serves=["parent_using_abuse"])
        elsewhere = service(service_type="partner_support", serves=["non_abusing_parent"], areas=["Southmere"])
        people = self.household()
        services = [programme, elsewhere]
        result = pair_programmes_with_partner_support(
            {p: propose(p, services) for p in people}, tier=3, area="Northbrook", today=TODAY, services=services
        )
        rachel, darren = list(result)
        assert result[rachel] == []
        assert "a programme should not start without a parallel service for partners" in result[darren][0].reasons[-1]

    def test_with_no_non_abusing_parent_recorded_the_programme_says_so(self):
        programme = service(service_type="behaviour_change_programme", serves=["parent_using_abuse"])
        darren = adult(Role.PARENT_USING_ABUSE, "Darren")
        result = pair_programmes_with_partner_support(
            {darren: propose(darren, [programme])}, tier=3, area="Northbrook", today=TODAY, services=[programme]
        )
        assert result[darren][0].reasons[-1].startswith("No non-abusing parent is recorded on this case")


@pytest.mark.django_db
class TestForTheHousehold:
    def test_everyone_in_the_household_gets_a_list_children_first(self, northbrook_case):
        saved(name="Outreach", service_type="community_outreach", serves=["child", "non_abusing_parent"])
        proposals = proposals_for_household(northbrook_case, tier=3, today=TODAY)
        assert [person.first_name for person in proposals] == ["Mia", "Leo", "Rachel", "Darren"]
        assert names(proposals[member(northbrook_case, Role.CHILD, "Mia")]) == ["Outreach"]
        assert proposals[member(northbrook_case, Role.PARENT_USING_ABUSE)] == []

    def test_it_reads_the_directory_once_whatever_its_size(self, northbrook_case, django_assert_num_queries):
        for number in range(30):
            saved(name=f"Service {number}", serves=["child", "whole_family"])
        with django_assert_num_queries(2):  # the people, the active services (the lead organisation is loaded)
            proposals_for_household(northbrook_case, tier=2, today=TODAY)

    def test_a_programme_worker_sees_proposals_only_for_the_parent_using_abuse(self, northbrook_case, programme_worker):
        saved(name="Outreach")
        saved(name="Programme", service_type="behaviour_change_programme", serves=["parent_using_abuse"])
        saved(name="Partner support", service_type="partner_support", serves=["non_abusing_parent"])
        proposals = proposals_for_household(northbrook_case, tier=3, today=TODAY, for_user=programme_worker)
        assert [person.first_name for person in proposals] == ["Darren"]
        [programme] = proposals[member(northbrook_case, Role.PARENT_USING_ABUSE)]
        assert programme.reasons[-1] == "Proposed together with partner support for the non-abusing parent: refer both"


# Properties: whatever the directory and whoever is in the household, a proposal never breaks a rule.
TYPE_KEYS = sorted(catalogue.service_types())
AREAS = ["Northbrook", "Southmere", "Eastholm"]


@st.composite
def services_strategy(draw):
    min_age = draw(st.none() | st.integers(0, 18))
    max_age = draw(st.none() | st.integers(min_age or 0, 25))
    return service(
        service_type=draw(st.sampled_from(TYPE_KEYS)),
        tiers=sorted(draw(st.sets(st.integers(1, 4), min_size=1))),
        serves=sorted(draw(st.sets(st.sampled_from([str(whom) for whom in Whom]), min_size=1))),
        areas=sorted(draw(st.sets(st.sampled_from(AREAS), max_size=2))),
        min_age=min_age,
        max_age=max_age,
        capacity=draw(st.none() | st.integers(0, 3)),
        waiting_weeks=draw(st.integers(0, 20)),
        evidence_level=draw(st.sampled_from(EvidenceLevel.values)),
        is_active=draw(st.booleans()),
    )


@st.composite
def people_strategy(draw):
    role = draw(st.sampled_from(Role.values))
    age = draw(st.none() | st.integers(0, 17))
    born = dt.date(TODAY.year - age, 1, 1) if age is not None else None
    return Person(
        role_in_case=role,
        first_name="Sam",
        date_of_birth=born if role in {Role.CHILD, Role.SIBLING_ELSEWHERE} else None,
    )


def check_rules(proposal: Proposal, tier: int, area: str) -> None:
    svc, person = proposal.service, proposal.person
    assert svc.is_active
    assert tier in svc.tiers
    assert not svc.areas or area in svc.areas
    serves = set(svc.serves)
    if person.is_child:
        assert serves & {"child", "whole_family"}
        age = person.age_on(TODAY)
        if age is not None:
            assert svc.min_age is None or age >= svc.min_age
            assert svc.max_age is None or age <= svc.max_age
    elif person.role_in_case == Role.NON_ABUSING_PARENT:
        assert serves & {"non_abusing_parent", "whole_family"}
    elif person.role_in_case == Role.PARENT_USING_ABUSE:
        assert "parent_using_abuse" in serves
        assert Whom.PARENT_USING_ABUSE in svc.type.serves
    else:
        assert "whole_family" in serves
    if svc.is_behaviour_change_programme:
        assert person.role_in_case == Role.PARENT_USING_ABUSE
    if svc.is_partner_support:
        assert person.role_in_case == Role.NON_ABUSING_PARENT


@settings(max_examples=300, deadline=None)
@given(
    services=st.lists(services_strategy(), max_size=12),
    people=st.lists(people_strategy(), min_size=1, max_size=6),
    tier=st.integers(1, 4),
    area=st.sampled_from(AREAS),
)
def test_no_proposal_ever_breaks_a_rule(services, people, tier, area):
    proposals = {
        person: propose_for_person(person, tier=tier, area=area, today=TODAY, services=services) for person in people
    }
    paired = pair_programmes_with_partner_support(proposals, tier=tier, area=area, today=TODAY, services=services)
    for person, items in paired.items():
        for proposal in items:
            assert proposal.person is person
            assert proposal.reasons
            check_rules(proposal, tier, area)
        partner_support = [p for p in items if p.service.is_partner_support]
        if partner_support:
            # Partner support appears only alongside a programme proposed for a parent using abuse in the household.
            assert any(p.service.is_behaviour_change_programme for other in paired.values() for p in other)
