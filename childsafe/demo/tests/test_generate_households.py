"""The `generate_households` command: consistent households in bulk, realistic caseloads, no reference clashes."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.cases.models import REFERENCE_ALPHABET, Case, ContactDetail, Person, Relationship
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.demo.bulk import OPEN_CASELOAD, generated_reference
from childsafe.demo.fictional import BANNED_PHRASES
from childsafe.demo.organisations import LEAD

REFERENCE = re.compile(rf"^CS-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}$")
ADULT_ROLES = {"non_abusing_parent", "parent_using_abuse", "other_adult"}


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_households", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo_data", stdout=StringIO())


def test_creates_the_households_asked_for_without_audit_entries(demo):
    before_cases = Case.objects.count()
    before_audit = AuditEntry.objects.count()
    output = generate("--households", "30", "--batch-size", "7")
    assert Case.objects.count() == before_cases + 30
    assert AuditEntry.objects.count() == before_audit
    assert "30 / 30 households" in output
    assert "chronology entries" in output


def test_loads_the_demo_first_when_it_is_missing(db):
    generate("--households", "30")
    assert User.objects.filter(email="practitioner@northbrook.example").exists()
    assert Case.objects.filter(lead_organisation__name=LEAD).count() >= 30


def test_every_record_belongs_to_the_same_case(demo):
    generate("--households", "30", "--seed", "11")
    generated = Case.objects.filter(shares__organisation__name=LEAD).distinct()
    assert generated.count() >= 30
    for case in Case.objects.all():
        roles = list(case.people.values_list("role_in_case", flat=True))
        assert 1 <= roles.count("child") <= 4
        assert roles.count("non_abusing_parent") == 1
        assert roles.count("parent_using_abuse") == 1
        assert case.shares.filter(organisation=case.lead_organisation).exists()
    for relationship in Relationship.objects.select_related("person", "other_person"):
        assert relationship.person.case_id == relationship.case_id == relationship.other_person.case_id
    for person in Person.objects.select_related("address").filter(address__isnull=False):
        assert person.address.case_id == person.case_id
    for contact in ContactDetail.objects.select_related("person"):
        assert contact.person.case_id is not None
    for entry in ChronologyEntry.objects.select_related("person_responsible"):
        assert entry.person_responsible.case_id == entry.case_id
        assert entry.person_responsible.role_in_case in ADULT_ROLES
        assert entry.occurred_to is None or entry.occurred_to >= entry.occurred_from
        for phrase in BANNED_PHRASES:
            assert phrase not in entry.description.lower()
    for impact in ChildImpact.objects.select_related("entry", "child"):
        assert impact.child.case_id == impact.entry.case_id
        assert impact.child.is_child


def test_realistic_sizes(demo):
    demo_cases = set(Case.objects.values_list("pk", flat=True))
    generate("--households", "30")
    generated = Case.objects.exclude(pk__in=demo_cases)
    assert generated.count() == 30
    for case in generated:
        assert 3 <= case.chronology_entries.count() <= 30
        assert 1 <= case.addresses.count() <= 2
        assert case.relationships.count() >= 3
        for entry in case.chronology_entries.all():
            assert entry.child_impacts.count() <= 2
        assert ContactDetail.objects.filter(person__case=case).count() <= 3


def test_running_twice_does_not_collide_references(demo):
    demo_cases = Case.objects.count()
    generate("--households", "30", "--seed", "5")
    generate("--households", "30", "--seed", "5")
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == demo_cases + 60
    assert len(set(references)) == len(references)
    assert all(REFERENCE.match(reference) for reference in references)


def test_skips_a_reference_that_is_already_taken(demo):
    # The next counter is the number of cases; take its reference first, as a randomly numbered case might.
    demo_cases = Case.objects.count()
    taken = generated_reference(demo_cases)
    case = Case.objects.first()
    Case.objects.filter(pk=case.pk).update(reference=taken)
    generate("--households", "5")
    assert Case.objects.filter(reference=taken).count() == 1
    assert Case.objects.count() == demo_cases + 5


def test_generated_references_are_distinct_and_well_formed():
    references = [generated_reference(counter) for counter in range(50_000)]
    assert len(set(references)) == len(references)
    assert all(REFERENCE.match(reference) for reference in references[:1000])
    assert len(references[0]) <= Case._meta.get_field("reference").max_length


def test_caseloads_stay_a_realistic_size(demo):
    generate("--households", "120")
    practitioner = User.objects.get(email="practitioner@northbrook.example")
    assert Case.objects.filter(allocated_worker=practitioner, status="open").count() == OPEN_CASELOAD
    generated_workers = User.objects.filter(email__startswith="worker-")
    assert generated_workers.exists()
    for worker in generated_workers:
        assert Case.objects.filter(allocated_worker=worker, status="open").count() <= OPEN_CASELOAD
        assert worker.team is not None and worker.team.organisation.name == LEAD
    assert User.objects.filter(email__startswith="manager-", role="manager").exists()


def test_an_unknown_organisation_is_refused(demo):
    with pytest.raises(CommandError, match="no organisation called"):
        generate("--households", "3", "--organisation", "Nowhere Council")


def test_another_organisation_can_lead_the_generated_cases(demo):
    generate("--households", "4", "--organisation", "Northbrook Domestic Abuse Service")
    led = Case.objects.filter(lead_organisation__name="Northbrook Domestic Abuse Service")
    assert led.count() == 4
    assert all(case.allocated_worker.organisation == case.lead_organisation for case in led)


def test_does_not_add_the_demo_beside_other_organisations(db):
    Organisation.objects.create(name="Real Council Children's Services", kind="childrens_social_care")
    with pytest.raises(CommandError, match="--organisation"):
        generate("--households", "3")
    generate("--households", "3", "--organisation", "Real Council Children's Services")
    assert Case.objects.filter(lead_organisation__name="Real Council Children's Services").count() == 3
    assert not User.objects.filter(email="practitioner@northbrook.example").exists()
