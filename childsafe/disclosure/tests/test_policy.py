"""The disclosure policy, decision by decision: the audience × class table, then each rule that depends on the
record (confidential locations, organisations that locate someone, whose information it is)."""

from __future__ import annotations

import uuid

import pytest

from childsafe.accounts.models import Organisation
from childsafe.disclosure.classes import Audience, Sensitivity
from childsafe.disclosure.policy import (
    ALLOWED,
    REASONS,
    Reader,
    RecordFacts,
    Subject,
    class_allowed,
    decisions,
    may_show,
)

A, S = Audience, Sensitivity
PRO, NAP, PUAB = A.PROFESSIONAL, A.NON_ABUSING_PARENT, A.PARENT_USING_ABUSE

# The table, written out in full from the rule: professionals get everything; the non-abusing parent everything
# but professionals' analysis; the parent using abuse only case administration, identity, his own accountability
# and the behaviours he chose.
EXPECTED = {
    PRO: set(Sensitivity),
    NAP: set(Sensitivity) - {S.PROFESSIONAL},
    PUAB: {S.CASE_ADMIN, S.IDENTITY, S.ACCOUNTABILITY, S.BEHAVIOUR},
}


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("sensitivity", list(Sensitivity))
def test_every_audience_and_class_has_the_decision_the_rule_gives(audience, sensitivity):
    assert class_allowed(audience, sensitivity) == (sensitivity in EXPECTED[audience])
    assert REASONS[(audience, sensitivity)].strip()


def test_the_parent_using_abuse_never_gets_location_safety_plans_disclosures_wellbeing_or_assessments():
    for sensitivity in (S.LOCATION, S.SAFETY_PLAN, S.DISCLOSURE, S.WELLBEING, S.PROFESSIONAL):
        assert sensitivity not in ALLOWED[PUAB]
        facts = RecordFacts(subjects=frozenset({Subject.SELF}))
        assert not may_show(Reader(PUAB, uuid.uuid4()), "cases.Person.needs", sensitivity, facts)


def test_decisions_cover_every_pair_once_with_a_reason():
    table = decisions()
    assert len(table) == len(Audience) * len(Sensitivity)
    assert len({(d.audience, d.sensitivity) for d in table}) == len(table)
    assert all(d.reason for d in table)
    limited = {(d.audience, d.sensitivity): d.limited_to for d in table}
    assert limited[(NAP, S.LOCATION)] == "themselves, the children, siblings living elsewhere"
    assert limited[(PUAB, S.ACCOUNTABILITY)] == "themselves, the children"  # the children: outcomes' words only
    assert limited[(PUAB, S.LOCATION)] == ""


def test_a_field_with_no_class_is_never_shown():
    assert not may_show(Reader(PRO, None, True), "cases.Case.reference", None, RecordFacts())


LEAD_PRO = Reader(PRO, None, sees_confidential_locations=True)
PARTNER_PRO = Reader(PRO, None, sees_confidential_locations=False)
HER = Reader(NAP, uuid.uuid4(), sees_confidential_locations=True)
HIM = Reader(PUAB, uuid.uuid4(), sees_confidential_locations=True)
HERS = RecordFacts(subjects=frozenset({Subject.SELF}), confidential_location=True)


@pytest.mark.parametrize(
    ("reader", "shown"), [(LEAD_PRO, True), (PARTNER_PRO, False), (HER, False), (HIM, False)], ids=str
)
def test_a_confidential_location_reaches_only_a_professional_in_the_lead_organisation(reader, shown):
    assert may_show(reader, "cases.Address.line_1", S.LOCATION, HERS) is shown
    # Not even the record's administrative fields: the whole record is the location.
    assert may_show(reader, "cases.Address.id", S.CASE_ADMIN, HERS) is shown


def test_a_family_reader_with_lead_rights_still_gets_no_confidential_location():
    """The lead organisation's right to see them is a professional's right, not the family versions'."""
    assert not may_show(HER, "cases.ContactDetail.value", S.LOCATION, HERS)


KIND = Organisation.Kind


@pytest.mark.parametrize(
    ("kind", "to_her", "to_him"),
    [
        (KIND.CHILDRENS_SOCIAL_CARE, True, True),
        (KIND.PERPETRATOR_PROGRAMME, True, True),
        (KIND.PROBATION, True, True),
        (KIND.REFUGE, False, False),
        (KIND.SCHOOL, True, False),
        (KIND.DOMESTIC_ABUSE_SERVICE, True, False),
        (KIND.POLICE, True, False),
        (KIND.HEALTH, True, False),
        (KIND.HOUSING, True, False),
        (KIND.EARLY_HELP, True, False),
        (KIND.OTHER, True, False),
    ],
)
def test_organisations_are_named_only_where_their_name_locates_no_one(kind, to_her, to_him):
    facts = RecordFacts(agency_kind=kind)
    for field in ("cases.CaseShare.organisation", "cases.Case.lead_organisation", "cases.Case.allocated_worker"):
        assert may_show(PARTNER_PRO, field, S.CASE_ADMIN, facts)
        assert may_show(HER, field, S.CASE_ADMIN, facts) is to_her
        assert may_show(HIM, field, S.CASE_ADMIN, facts) is to_him
    # The case reference is not an organisation's name: always shown.
    assert may_show(HIM, "cases.Case.reference", S.CASE_ADMIN, facts)


def facts(*subjects: Subject) -> RecordFacts:
    return RecordFacts(subjects=frozenset(subjects))


@pytest.mark.parametrize(
    ("subjects", "shown"),
    [
        ((Subject.SELF,), True),
        ((Subject.CHILD,), True),
        ((Subject.SIBLING_ELSEWHERE,), True),
        ((Subject.SELF, Subject.PARENT_USING_ABUSE), True),  # the home she shares with him is still her address
        ((Subject.PARENT_USING_ABUSE,), False),
        ((Subject.OTHER_ADULT,), False),
        ((Subject.NON_ABUSING_PARENT,), False),  # another adult in that role is not her
        ((), False),
    ],
)
def test_the_non_abusing_parent_gets_her_own_and_her_childrens_locations_and_wellbeing_only(subjects, shown):
    for sensitivity in (S.LOCATION, S.WELLBEING, S.SAFETY_PLAN):
        assert may_show(HER, "cases.ContactDetail.value", sensitivity, facts(*subjects)) is shown
    # Names, what was disclosed and his accountability are not limited to her and the children.
    assert may_show(HER, "cases.Person.first_name", S.IDENTITY, facts(*subjects))
    assert may_show(HER, "chronology.ChronologyEntry.description", S.DISCLOSURE, facts(*subjects))


@pytest.mark.parametrize(
    ("field", "subjects", "shown"),
    [
        ("cases.Person.first_name", (Subject.SELF,), True),
        ("cases.Person.last_name", (Subject.SELF,), True),
        ("cases.Person.identity_and_culture", (Subject.SELF,), True),
        ("cases.Person.first_name", (Subject.CHILD,), True),
        ("cases.Person.last_name", (Subject.CHILD,), False),  # a surname may be new
        ("cases.Person.date_of_birth", (Subject.CHILD,), False),
        ("cases.Person.first_name", (Subject.SIBLING_ELSEWHERE,), False),
        ("cases.Person.first_name", (Subject.NON_ABUSING_PARENT,), False),
        ("cases.Person.first_name", (Subject.OTHER_ADULT,), False),
        ("cases.Relationship.kind", (Subject.SELF, Subject.CHILD), True),
        ("cases.Relationship.kind", (Subject.SELF, Subject.NON_ABUSING_PARENT), False),
        ("cases.Relationship.kind", (Subject.CHILD, Subject.OTHER_ADULT), False),
    ],
)
def test_the_parent_using_abuse_gets_his_own_identity_and_the_childrens_first_names(field, subjects, shown):
    assert may_show(HIM, field, S.IDENTITY, facts(*subjects)) is shown


@pytest.mark.parametrize(
    ("sensitivity", "subjects", "shown"),
    [
        (S.ACCOUNTABILITY, (Subject.SELF,), True),
        (S.ACCOUNTABILITY, (Subject.SELF, Subject.NON_ABUSING_PARENT), False),  # not "his own" action
        (S.ACCOUNTABILITY, (Subject.NON_ABUSING_PARENT,), False),
        (S.ACCOUNTABILITY, (Subject.CHILD,), False),  # an action for a child is support, not his
        (S.ACCOUNTABILITY, (Subject.PARENT_USING_ABUSE,), False),  # another person using abuse in the case
        (S.ACCOUNTABILITY, (), False),
        (S.BEHAVIOUR, (Subject.SELF,), True),
        (S.BEHAVIOUR, (Subject.OTHER_ADULT,), False),
        (S.CASE_ADMIN, (), True),  # the case's own administration
        (S.CASE_ADMIN, (Subject.SELF,), True),
        (S.CASE_ADMIN, (Subject.CHILD,), False),  # a child's referral, the dates of her safety plan
        (S.CASE_ADMIN, (Subject.NON_ABUSING_PARENT,), False),
    ],
)
def test_the_parent_using_abuse_gets_only_his_own_actions_behaviours_and_administration(sensitivity, subjects, shown):
    assert may_show(HIM, "plans.Action.what", sensitivity, facts(*subjects)) is shown


def test_an_outcome_marked_shareable_reaches_him_with_the_childs_first_name_only():
    """The plans app classes a shareable outcome ACCOUNTABILITY; only its words and the child's name may go."""
    child = facts(Subject.CHILD)
    assert may_show(HIM, "plans.Outcome.text", S.ACCOUNTABILITY, child)
    assert may_show(HIM, "plans.Outcome.child", S.IDENTITY, child)
    assert not may_show(HIM, "plans.Outcome.text", S.WELLBEING, child)  # not marked shareable
    assert not may_show(HIM, "plans.Action.measure", S.ACCOUNTABILITY, child)


def test_without_a_recipient_nothing_is_about_self():
    """A family version made for no one in particular gets nothing scoped to "themselves"."""
    anonymous = Reader(PUAB, None)
    assert not may_show(anonymous, "plans.Action.what", S.ACCOUNTABILITY, facts(Subject.PARENT_USING_ABUSE))


@pytest.mark.parametrize(
    ("field", "sensitivity"),
    [
        ("safety.SafetyPlanRevision.trusted_person", S.SAFETY_PLAN),
        ("safety.SafetyPlanRevision.safe_place", S.LOCATION),  # a safe place is part of the plan, whatever its class
        ("safety.ContactSafetyCheck.her_view_on_safety", S.DISCLOSURE),
    ],
)
def test_a_professionals_copy_has_safety_plans_only_if_their_organisation_reads_them(field, sensitivity):
    hers = facts(Subject.NON_ABUSING_PARENT)
    assert may_show(Reader(PRO, None, True, sees_safety_plans=True), field, sensitivity, hers)
    assert not may_show(Reader(PRO, None, True, sees_safety_plans=False), field, sensitivity, hers)
    # That a plan exists (its dates) is not its content.
    assert may_show(Reader(PRO, None, True, sees_safety_plans=False), "safety.SafetyPlan.made_on", S.CASE_ADMIN, hers)
