"""The documents page and downloads, by persona: who may make which version, refusals with a reason, the audit log,
POST only, and the response headers that keep a document out of caches and name it safely."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.cases import services
from childsafe.cases.models import Address, Person
from childsafe.conftest import PASSWORD, person

pytestmark = pytest.mark.django_db

PRO, NAP, PUAB = "professional", "non_abusing_parent", "parent_using_abuse"


def worker_in(case, kind: str, email: str) -> User:
    organisation = Organisation.objects.create(name=f"A {kind} service", kind=kind)
    case.shares.create(organisation=organisation)
    return User.objects.create_user(email, PASSWORD, full_name="Sam Partner", organisation=organisation)


@pytest.fixture
def personas(a_case, allocated_worker, team_manager, colleague, partner_practitioner):
    return {
        "allocated_worker": allocated_worker,
        "team_manager": team_manager,
        "colleague": colleague,
        "partner_practitioner": partner_practitioner,  # domestic abuse service
        "refuge_worker": worker_in(a_case, "refuge", "r@refuge.example"),
        "programme_worker": worker_in(a_case, "perpetrator_programme", "p@programme.example"),
        "school_worker": worker_in(a_case, "school", "s@school.example"),
        "probation_officer": worker_in(a_case, "probation", "o@probation.example"),
        "housing_officer": worker_in(a_case, "housing", "h@housing.example"),
    }


def post(client: Client, case, audience: str, file_format: str = "pdf", **extra):
    data = {"audience": audience, "format": file_format, **extra}
    if audience == NAP and "recipient" not in extra:
        data["recipient"] = person(case, "non_abusing_parent").pk
    if audience == PUAB and "recipient" not in extra:
        data["recipient"] = person(case, "parent_using_abuse").pk
        data.setdefault("checked", "yes")
    return client.post(reverse("documents:case_summary", args=[case.pk]), data)


# (persona, audience) -> allowed. Everyone on the case makes the professionals' version, except organisations that
# work with the parent using abuse (a behaviour-change programme, probation), which make none; her version is made
# by the lead organisation and the services that support her; his only by the lead organisation.
RULES = {
    "allocated_worker": {PRO: True, NAP: True, PUAB: True},
    "team_manager": {PRO: True, NAP: True, PUAB: True},
    "colleague": {PRO: True, NAP: True, PUAB: True},
    "partner_practitioner": {PRO: True, NAP: True, PUAB: False},
    "refuge_worker": {PRO: True, NAP: True, PUAB: False},
    "programme_worker": {PRO: False, NAP: False, PUAB: False},
    "school_worker": {PRO: True, NAP: False, PUAB: False},
    "probation_officer": {PRO: False, NAP: False, PUAB: False},
    "housing_officer": {PRO: True, NAP: False, PUAB: False},
}


@pytest.mark.parametrize("audience", [PRO, NAP, PUAB])
@pytest.mark.parametrize("who", list(RULES))
def test_who_may_make_which_version(a_case, personas, client_for, who, audience):
    response = post(client_for(personas[who]), a_case, audience)
    if RULES[who][audience]:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    else:
        assert response.status_code == 403
        page = response.content.decode()
        assert "You cannot make this version" in page
        assert "Northbrook Children&#39;s Services" in page  # the reason says who can
        assert not response.content.startswith(b"%PDF")
        refusal = AuditEntry.objects.get(action="access_refused", actor=personas[who])
        assert refusal.object_type == f"document:case_summary:{audience}"
        assert refusal.case_id == a_case.pk
        assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.parametrize("who", ["outsider", "commissioner", "administrator"])
@pytest.mark.parametrize("audience", [PRO, NAP, PUAB])
def test_anyone_the_case_is_not_shared_with_gets_page_not_found(a_case, client_for, request, who, audience):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("documents:case_documents", args=[a_case.pk])).status_code == 404
    assert post(client, a_case, audience).status_code == 404


def test_a_download_is_logged_as_an_export_of_that_version(a_case, allocated_worker, client_for):
    dad = person(a_case, "parent_using_abuse")
    response = post(client_for(allocated_worker), a_case, PUAB, "docx")
    assert response.status_code == 200
    export = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert export.object_type == "document:case_summary:parent_using_abuse"
    assert export.object_id == str(a_case.pk) and export.case_id == a_case.pk
    assert export.actor == allocated_worker
    assert export.changed_fields == sorted(["docx", f"recipient_{dad.pk.hex}"])


def test_downloads_are_attachments_no_one_keeps(a_case, allocated_worker, client_for):
    for file_format, media_type in (
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ):
        response = post(client_for(allocated_worker), a_case, PUAB, file_format)
        assert response["Content-Type"] == media_type
        disposition = response["Content-Disposition"]
        assert re.fullmatch(
            rf'attachment; filename="case-summary-{a_case.reference}-parent-using-abuse-\d{{4}}-\d{{2}}-\d{{2}}'
            rf'\.{file_format}"',
            disposition,
        )
        assert "no-store" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
        names = " ".join(f"{p.first_name} {p.last_name}" for p in a_case.people.all())
        assert not [name for name in names.split() if name in disposition]


def test_downloads_are_post_only(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    url = reverse("documents:case_summary", args=[a_case.pk])
    assert client.get(url, {"audience": PRO, "format": "pdf"}).status_code == 405
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_download_needs_the_csrf_token(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("documents:case_summary", args=[a_case.pk]), {"audience": PRO, "format": "pdf"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="export").exists()


def test_the_version_for_him_needs_the_worker_to_say_they_will_check_it(a_case, allocated_worker, client_for):
    response = post(client_for(allocated_worker), a_case, PUAB, checked="")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Confirm that you will check this version before you share it" in page
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_format_that_does_not_exist_is_an_error_not_a_file(a_case, allocated_worker, client_for):
    response = post(client_for(allocated_worker), a_case, PRO, "exe")
    assert response.status_code == 200
    assert "Choose whether to download a PDF or a Word document" in response.content.decode()


@pytest.mark.parametrize("audience", ["", "everyone", "PROFESSIONAL"])
def test_an_unknown_version_is_not_found(a_case, allocated_worker, client_for, audience):
    assert post(client_for(allocated_worker), a_case, audience).status_code == 404


def test_the_person_a_version_is_for_must_be_in_this_case_in_that_role(
    a_case, allocated_worker, team, partner_org, client_for
):
    client = client_for(allocated_worker)
    mum = person(a_case, "non_abusing_parent")
    assert post(client, a_case, PUAB, recipient=mum.pk).status_code == 404  # her id for his version
    assert post(client, a_case, PUAB, recipient="not-a-uuid").status_code == 404
    other = services.open_case(by=allocated_worker, team=team)
    stranger = Person.objects.create(case=other, role_in_case="parent_using_abuse", first_name="Lee")
    assert post(client, a_case, PUAB, recipient=stranger.pk).status_code == 404


def test_a_closed_case_can_still_be_printed(a_case, allocated_worker, client_for):
    services.close_case(a_case, by=allocated_worker, outcome="safer")
    assert post(client_for(allocated_worker), a_case, PRO).status_code == 200


def test_the_documents_page_offers_each_version_with_what_it_leaves_out(a_case, allocated_worker, client_for):
    response = client_for(allocated_worker).get(reverse("documents:case_documents", args=[a_case.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "For professionals" in page
    assert "including confidential locations" in page
    assert "For Rachel Fernhill, the non-abusing parent" in page
    assert "For Darren Cole, the parent or carer using abusive behaviours" in page
    assert "Check this version before you share it" in page
    assert "I will check this version before I share it" in page
    assert 'aria-current="page"' in page  # the case's sub-navigation marks Documents
    assert AuditEntry.objects.filter(action="view", object_type="case", actor=allocated_worker).exists()


def test_a_partner_is_told_which_versions_they_cannot_make_and_why(a_case, partner_practitioner, client_for):
    response = client_for(partner_practitioner).get(reverse("documents:case_documents", args=[a_case.pk]))
    page = response.content.decode()
    assert "For Darren Cole" not in page
    assert "Only Northbrook Children&#39;s Services, which leads this case" in page
    assert "except confidential locations" in page


def test_a_partners_professional_version_leaves_out_confidential_locations(
    a_case, allocated_worker, partner_practitioner, client_for
):
    from childsafe.documents.tests.oracle import pdf_text

    mum = person(a_case, "non_abusing_parent")
    address = Address.objects.create(
        case=a_case, kind="new_address", line_1="9 Hidden Way", is_confidential_location=True
    )
    mum.address = address
    mum.save()
    partner_pdf = post(client_for(partner_practitioner), a_case, PRO).content
    lead_pdf = post(client_for(allocated_worker), a_case, PRO).content
    assert "HiddenWay" not in pdf_text(partner_pdf).replace(" ", "")
    assert "9 Hidden Way" in pdf_text(lead_pdf)


def test_a_professionals_copy_has_safety_plans_only_for_organisations_that_read_them(a_case, personas, client_for):
    from childsafe.documents.tests.oracle import pdf_page_text
    from childsafe.safety.models import SafetyPlan, SafetyPlanRevision

    mum = person(a_case, "non_abusing_parent")
    plan = SafetyPlan.objects.create(case=a_case, person=mum)
    revision = SafetyPlanRevision.objects.create(
        case=a_case, plan=plan, number=1, phase="safety_work", safe_place="Her sister's flat", trusted_person="Aunt Jo"
    )
    plan.current = revision
    plan.save()
    for who, sees in (("allocated_worker", True), ("partner_practitioner", True), ("school_worker", True),
                      ("housing_officer", False)):  # fmt: skip
        text = pdf_page_text(post(client_for(personas[who]), a_case, PRO).content)
        assert ("Aunt Jo" in text) is sees, who
    page = client_for(personas["housing_officer"]).get(reverse("documents:case_documents", args=[a_case.pk]))
    assert "Safety plans are not included: your organisation does not read them." in page.content.decode()


def test_a_programme_worker_is_told_why_they_make_no_documents(a_case, personas, client_for):
    page = client_for(personas["programme_worker"]).get(reverse("documents:case_documents", args=[a_case.pk]))
    text = page.content.decode()
    assert "works with the parent using abusive behaviours, so it does not make documents from a case" in text
    assert "Download PDF" not in text
