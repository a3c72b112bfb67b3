"""The `load_demo_data` command: documented logins, idempotence, and households that model good practice."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.cases.models import Address, Case, CaseShare, ContactDetail, Person, Relationship
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.demo.fictional import BANNED_PHRASES
from childsafe.demo.organisations import DEMO_PASSWORD, POLICE

# The logins the README and `make run` promise, exactly as documented.
DOCUMENTED_LOGINS = {
    "practitioner@northbrook.example": "practitioner",
    "colleague@northbrook.example": "practitioner",
    "practitioner2@northbrook.example": "practitioner",
    "manager@northbrook.example": "manager",
    "safeguarding@northbrook.example": "safeguarding_lead",
    "commissioner@northbrook.example": "commissioner",
    "admin@northbrook.example": "administrator",
    "partner@nbdas.example": "practitioner",
    "manager@nbdas.example": "manager",
    "refuge@nbrefuge.example": "practitioner",
    "dsl@hollinlane.example": "safeguarding_lead",
    "programme@nbchange.example": "practitioner",
    "police@nbpolice.example": "practitioner",
}
ADULT_ROLES = {
    Person.RoleInCase.NON_ABUSING_PARENT,
    Person.RoleInCase.PARENT_USING_ABUSE,
    Person.RoleInCase.OTHER_ADULT,
}


def load() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> str:
    return load()


def test_documented_users_can_sign_in_with_the_documented_password(demo):
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    assert f"All demo accounts use the password **`{DEMO_PASSWORD}`**" in readme
    for email, role in DOCUMENTED_LOGINS.items():
        user = User.objects.get(email=email)
        assert user.role == role, email
        assert user.is_active
        assert user.check_password(DEMO_PASSWORD), email
        assert user.organisation is not None


def test_every_role_has_a_login_and_the_administrator_can_use_the_admin(demo):
    assert set(DOCUMENTED_LOGINS.values()) == set(User.Role.values)
    admin = User.objects.get(email="admin@northbrook.example")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_staff=True).exclude(pk=admin.pk).exists()


def test_prints_every_login_and_the_password(demo):
    for email in DOCUMENTED_LOGINS:
        assert email in demo
    assert DEMO_PASSWORD in demo


def test_organisations_of_each_kind(demo):
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {
        "childrens_social_care",
        "domestic_abuse_service",
        "refuge",
        "police",
        "school",
        "perpetrator_programme",
        "commissioning",
    } <= kinds


def test_second_run_creates_nothing(demo):
    models = [Organisation, User, Case, CaseShare, Address, Person, ContactDetail, Relationship, ChronologyEntry]
    before = [model.objects.count() for model in [*models, ChildImpact, AuditEntry]]
    output = load()
    after = [model.objects.count() for model in [*models, ChildImpact, AuditEntry]]
    assert before == after
    assert "already loaded" in output
    assert "practitioner@northbrook.example" in output


def test_about_a_dozen_households_allocated_mostly_to_the_demo_practitioner(demo):
    cases = Case.objects.all()
    assert 10 <= cases.count() <= 14
    mine = cases.filter(allocated_worker__email="practitioner@northbrook.example").count()
    assert mine > cases.count() / 2
    assert cases.exclude(allocated_worker__email="practitioner@northbrook.example").exists()
    closed = cases.filter(status=Case.Status.CLOSED)
    assert closed.count() >= 2
    assert all(case.closure_outcome and case.closed_on for case in closed)


def test_every_case_has_a_child_a_non_abusing_parent_and_a_parent_using_abuse(demo):
    for case in Case.objects.prefetch_related("people"):
        roles = [person.role_in_case for person in case.people.all()]
        assert 1 <= roles.count(Person.RoleInCase.CHILD) <= 4, case
        assert roles.count(Person.RoleInCase.NON_ABUSING_PARENT) == 1, case
        assert roles.count(Person.RoleInCase.PARENT_USING_ABUSE) == 1, case


def test_chronologies_are_consistent_with_their_households(demo):
    for case in Case.objects.all():
        entries = ChronologyEntry.objects.filter(case=case).select_related("person_responsible")
        assert 3 <= entries.count() <= 25
        for entry in entries:
            assert entry.person_responsible.case_id == case.pk
            assert entry.person_responsible.role_in_case in ADULT_ROLES
            assert entry.reported_by and entry.source_document
    for impact in ChildImpact.objects.select_related("entry", "child"):
        assert impact.child.case_id == impact.entry.case_id
        assert impact.child.is_child
    assert ChildImpact.objects.count() >= ChronologyEntry.objects.count() * 0.8


def test_people_relationships_and_addresses_stay_in_their_case(demo):
    for relationship in Relationship.objects.select_related("person", "other_person"):
        assert relationship.person.case_id == relationship.case_id == relationship.other_person.case_id
    for person in Person.objects.select_related("address").filter(address__isnull=False):
        assert person.address.case_id == person.case_id
    assert Address.objects.filter(is_confidential_location=True, kind="refuge").exists()
    assert ContactDetail.objects.filter(is_confidential_location=True).exists()
    children = Person.objects.filter(role_in_case="child")
    assert children.filter(date_of_birth__isnull=False).exists()
    assert children.filter(date_of_birth__isnull=True, age_in_years__isnull=False).exists()
    assert children.exclude(childs_own_words="").exists()
    assert children.filter(school_or_setting="Hollin Lane Primary").exists()
    assert Person.objects.filter(role_in_case="other_adult").count() >= 2
    assert Person.objects.filter(role_in_case="sibling_elsewhere").exists()
    assert Relationship.objects.filter(has_parental_responsibility=True).exists()
    assert Relationship.objects.filter(lives_with_other_person=True).exists()


def test_no_text_mutualises_the_abuse_or_blames_the_victim_survivor(demo):
    texts = [
        *ChronologyEntry.objects.values_list("description", flat=True),
        *ChildImpact.objects.values_list("impact", flat=True),
        *Case.objects.values_list("summary", flat=True),
        *Case.objects.values_list("closure_note", flat=True),
        *Person.objects.values_list("childs_own_words", flat=True),
    ]
    for text in texts:
        for phrase in BANNED_PHRASES:
            assert phrase not in text.lower(), text


def test_descriptions_name_the_person_responsible(demo):
    for entry in ChronologyEntry.objects.select_related("person_responsible"):
        assert entry.person_responsible.first_name in entry.description or entry.person_responsible.known_as in (
            entry.description
        )


def test_police_organisation_has_no_cases_shared(demo):
    assert not CaseShare.objects.filter(organisation__name=POLICE).exists()
    assert CaseShare.objects.filter(organisation__name="Northbrook Domestic Abuse Service").exists()


def test_creation_is_in_the_audit_log(demo):
    created = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE)
    case_ids = {str(pk) for pk in Case.objects.values_list("pk", flat=True)}
    assert set(created.filter(object_type="case").values_list("object_id", flat=True)) == case_ids
    assert created.filter(object_type="person").count() == Person.objects.count()
    assert created.filter(object_type="relationship").count() == Relationship.objects.count()
    entry_ids = {str(pk) for pk in ChronologyEntry.objects.values_list("pk", flat=True)}
    assert entry_ids <= set(created.values_list("object_id", flat=True))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SHARE).count() == CaseShare.objects.count()
    assert (
        AuditEntry.objects.filter(action=AuditEntry.Action.CLOSE).count()
        == Case.objects.filter(status="closed").count()
    )


def signed_in(email: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:sign_in"), {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    return client


def test_demo_logins_work_through_the_sign_in_page_and_show_what_the_table_promises(demo):
    shared_with_partner = Case.objects.filter(shares__organisation__name="Northbrook Domestic Abuse Service").first()
    unshared = Case.objects.exclude(shares__organisation__name="Northbrook Domestic Abuse Service").first()
    detail = reverse("cases:detail", args=[shared_with_partner.pk])

    practitioner = signed_in("practitioner@northbrook.example")
    assert practitioner.get(reverse("cases:caseload")).status_code == 200
    assert practitioner.get(detail).status_code == 200

    partner = signed_in("partner@nbdas.example")
    assert partner.get(detail).status_code == 200
    assert partner.get(reverse("cases:detail", args=[unshared.pk])).status_code == 404

    police = signed_in("police@nbpolice.example")
    assert police.get(detail).status_code == 404


def test_refuses_a_database_that_already_has_other_organisations(db):
    Organisation.objects.create(name="Real Council Children's Services", kind="childrens_social_care")
    with pytest.raises(CommandError, match="not the demo's"):
        load()
    assert not User.objects.exists()
    call_command("load_demo_data", "--force", stdout=StringIO())
    assert User.objects.filter(email="practitioner@northbrook.example").exists()


def test_every_login_in_the_readme_is_a_demo_login_with_that_role():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    table = readme.split("### Demo logins", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| ([a-z ]+) \|", table, re.MULTILINE)
    assert len(rows) >= 6
    for email, role in rows:
        assert DOCUMENTED_LOGINS[email] == role.replace(" ", "_"), email
