"""Every demo household, as written by the demo's own stories (not canaries): the versions for the parent using
abusive behaviours never carry a confidential address, a contact detail, a school, what a child said, a chronology
description, a safety plan or a refuge's name; the professional (lead organisation) versions carry them."""

from __future__ import annotations

import datetime as dt

import pytest

from childsafe.accounts.models import Organisation, User
from childsafe.cases.models import Address, Case, ContactDetail, Person
from childsafe.chronology.models import ChronologyEntry
from childsafe.demo.loading import load_demo
from childsafe.disclosure.classes import Audience
from childsafe.documents import catalogue
from childsafe.documents.access import reader_for
from childsafe.documents.render import render_docx, render_pdf
from childsafe.documents.tests.oracle import docx_text, docx_visible_text, normalise, pdf_text
from childsafe.safety.models import SafetyPlanRevision

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def secrets_of(case: Case) -> set[str]:
    """What the parent using abuse must never be given, as recorded in the demo case."""
    values: set[str] = set()
    for address in Address.objects.filter(case=case):
        values |= {address.line_1, address.line_2, address.postcode}
    values |= set(ContactDetail.objects.filter(person__case=case).values_list("value", flat=True))
    for person in Person.objects.filter(case=case):
        values |= {person.school_or_setting, person.childs_own_words}
    values |= set(ChronologyEntry.objects.filter(case=case).values_list("description", flat=True))
    for revision in SafetyPlanRevision.objects.filter(case=case):
        values |= {revision.safe_place, revision.safe_place_route, revision.trusted_person_contact}
    values |= set(
        Organisation.objects.filter(case_shares__case=case, kind=Organisation.Kind.REFUGE).values_list(
            "name", flat=True
        )
    )
    return {value for value in values if value and len(value) >= 6}


def test_the_demo_cases_versions_for_the_parent_using_abuse_carry_none_of_their_secrets():
    load_demo(write=lambda line: None)
    worker = User.objects.get(email="practitioner@northbrook.example")
    cases = Case.objects.filter(lead_organisation=worker.organisation).select_related("lead_organisation")
    checked = 0
    for case in cases:
        secrets = {normalise(value) for value in secrets_of(case)}
        him = Person.objects.filter(case=case, role_in_case="parent_using_abuse").first()
        for spec in catalogue.documents_for(case):
            his = spec.build(reader_for(worker, case, Audience.PARENT_USING_ABUSE, him), TODAY, him)
            text = normalise(docx_text(render_docx(his)))
            assert [secret for secret in secrets if secret in text] == [], (case.reference, spec.title)
            assert normalise(case.reference) in text
            if spec.kind == "case_summary":
                # The control: the lead organisation's professional version has every one of them.
                whole = spec.build(reader_for(worker, case, Audience.PROFESSIONAL), TODAY, None)
                whole_text = normalise(docx_visible_text(render_docx(whole)))
                assert [secret for secret in secrets if secret not in whole_text] == [], case.reference
            checked += 1
    assert checked >= 10


def test_a_demo_case_in_a_refuge_as_a_pdf_for_him(db):
    load_demo(write=lambda line: None)
    worker = User.objects.get(email="practitioner@northbrook.example")
    case = Case.objects.filter(addresses__kind="refuge", lead_organisation=worker.organisation).first()
    him = Person.objects.get(case=case, role_in_case="parent_using_abuse")
    spec = catalogue.case_summary(case)
    text = normalise(
        pdf_text(render_pdf(spec.build(reader_for(worker, case, Audience.PARENT_USING_ABUSE, him), TODAY, him)))
    )
    assert [secret for secret in secrets_of(case) if normalise(secret) in text] == []
    assert normalise("Refuge") not in text
