"""Rule 1 on paper: no document made for the parent using abusive behaviours carries anything that could find the
non-abusing parent or a child, their safety plan, or what they disclosed — in its pages, its metadata, its file
name, the response headers or the log.

Each generated household has a unique canary in every text field. Whether each canary may reach an audience is
stated here from the rules themselves (`visible_to`), not read from the policy code. The parent-using-abuse
versions are downloaded as a lead worker would (POST), and the leak oracle searches everything in the files. The
control tests make the other versions from the same kind of household and check that the professional (lead
organisation) version carries every canary, and the non-abusing parent's carries hers and the children's and not
the other adults' — so the check cannot pass by rendering nothing. Every canary the rules allow must be present:
leaving out what a reader is entitled to is a bug too.

Some fields are printed in no document yet (a planned contact with him, its safety check, a programme session's
note): their canaries must reach no version, and the policy itself must keep each from whoever the rules keep it
from, so the first document to print one cannot leak it. `test_canary_coverage` checks that every free-text field
of personal data holds a canary.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings

from childsafe.accounts.models import Organisation
from childsafe.disclosure.classes import Audience
from childsafe.disclosure.presenters import Presenter
from childsafe.documents import catalogue
from childsafe.documents.access import reader_for
from childsafe.documents.render import render_docx, render_pdf
from childsafe.documents.tests import households as h
from childsafe.documents.tests.conftest import RENDER_TIMES
from childsafe.documents.tests.oracle import docx_text, docx_visible_text, found, pdf_page_text, pdf_text

# Rendering is slow: CHILDSAFE_LEAK_EXAMPLES=3 while iterating. Every test also runs the household that takes every
# branch of the generator (`h.EVERY_BRANCH`), so every kind of canary is checked whatever the count.
EXAMPLES = settings(
    max_examples=int(os.environ.get("CHILDSAFE_LEAK_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NEVER_TO_HIM = {h.LOCATION, h.DISCLOSURE, h.WELLBEING, h.PROFESSIONAL, h.SAFETY_PLAN}
NAMEABLE_TO_HIM = {
    Organisation.Kind.CHILDRENS_SOCIAL_CARE,
    Organisation.Kind.PERPETRATOR_PROGRAMME,
    Organisation.Kind.PROBATION,
}


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each generated household lives only for its example."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def nameable(audience: Audience, kind: str) -> bool:
    if audience == Audience.PROFESSIONAL:
        return True
    if audience == Audience.NON_ABUSING_PARENT:
        return kind != Organisation.Kind.REFUGE
    return kind in NAMEABLE_TO_HIM


def action_visible(planted: h.Planted, audience: Audience, household: h.Household) -> bool:
    """A plan action: his own (owned by him, or an agency's action for him) reach him; she gets his, and the support
    for her and the children; a worker is named only with an agency that may be named."""
    if planted.meta["field"] == "owner_worker" and not nameable(audience, planted.meta["agency_kind"]):
        return False
    if audience == Audience.NON_ABUSING_PARENT:
        return (
            planted.meta["row_class"] == "accountability"
            or household.non_abusing_parent.pk in planted.owner_ids
            or bool(planted.owners & {h.CHILD, h.SIBLING})
        )
    return planted.meta["row_class"] == "accountability" and planted.owner_ids == {household.parent_using_abuse.pk}


def visible_to(planted: h.Planted, audience: Audience, household: h.Household, *, lead: bool = True) -> bool:
    """The rules, stated from the brief: may this canary appear in this audience's version?"""
    her, him = household.non_abusing_parent.pk, household.parent_using_abuse.pk
    children_roles = {h.CHILD, h.SIBLING}
    if planted.kind == h.AGENCY:
        return nameable(audience, planted.agency_kind)
    if audience == Audience.PROFESSIONAL:
        return lead or not planted.confidential
    if planted.kind == h.ACTION:
        return action_visible(planted, audience, household)
    if planted.kind == h.OUTCOME:
        return audience == Audience.NON_ABUSING_PARENT or planted.meta["shareable"]
    if planted.kind == h.SERVICE:
        return not planted.confidential and (audience == Audience.NON_ABUSING_PARENT or planted.owner_ids == {him})
    if audience == Audience.NON_ABUSING_PARENT:
        if planted.kind == h.PROFESSIONAL or planted.confidential:
            return False
        if planted.kind in {h.LOCATION, h.WELLBEING, h.SAFETY_PLAN}:
            return her in planted.owner_ids or bool(planted.owners & children_roles)
        return True
    # The parent using abusive behaviours.
    if planted.kind in NEVER_TO_HIM:
        return False
    if planted.kind in {h.ADMIN, h.ACCOUNTABILITY}:
        # The arrangements and purpose of a meeting with him are told to him; no one else's.
        return planted.owner_ids == {him}
    if planted.kind == h.IDENTITY:
        return planted.owner_ids == {him}
    if planted.kind == h.FIRST_NAME:
        return planted.owner_ids == {him} or planted.owners == {h.CHILD}
    return False


def split(household: h.Household, audience: Audience, document: str, *, lead: bool = True) -> tuple[set[str], set[str]]:
    """(canaries this audience must see in this document, canaries it must never see anywhere)."""
    visible = {p.value for p in household.planted if visible_to(p, audience, household, lead=lead)}
    must_see = {p.value for p in household.planted if p.value in visible and p.document == document}
    return must_see, {p.value for p in household.planted} - visible


def timed(label: str, function, *args):
    started = time.perf_counter()
    result = function(*args)
    RENDER_TIMES.setdefault(label, []).append(time.perf_counter() - started)
    return result


def log_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{record.name} {record.getMessage()} {record.args!r}" for record in caplog.records)


def documents(household: h.Household) -> list[tuple[str, str]]:
    """(document, download URL) for every document of the household's case."""
    case = household.case
    found_documents = [(h.SUMMARY, reverse("documents:case_summary", args=[case.pk]))]
    for plan in case.plans.all():
        found_documents.append((h.PLAN, reverse("documents:plan", args=[case.pk, plan.pk])))
    return found_documents


@EXAMPLES
@given(shape=h.household_shapes)
@example(shape=h.EVERY_BRANCH)
def test_parent_using_abuse_versions_carry_no_canary_anywhere(client_for, allocated_worker, team, shape, caplog):
    client = client_for(allocated_worker)
    with rolled_back():
        household = h.build_household(allocated_worker, team, shape)
        caplog.clear()
        with caplog.at_level(logging.DEBUG):
            for document, url in documents(household):
                must_see, must_not_see = split(household, Audience.PARENT_USING_ABUSE, document)
                for file_format, extract, visible in (
                    ("pdf", pdf_text, pdf_page_text),
                    ("docx", docx_text, docx_visible_text),
                ):
                    data = {
                        "audience": "parent_using_abuse",
                        "recipient": household.parent_using_abuse.pk,
                        "format": file_format,
                        "checked": "yes",
                    }
                    started = time.perf_counter()
                    response = client.post(url, data)
                    RENDER_TIMES.setdefault(f"download {document} {file_format}", []).append(
                        time.perf_counter() - started
                    )
                    assert response.status_code == 200
                    headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
                    assert "parent-using-abuse" in response["Content-Disposition"]
                    assert found(must_not_see, extract(response.content), headers) == set()
                    # What he is entitled to is there: his own details and actions, the children's first names.
                    shown = visible(response.content)
                    assert found(must_see, shown) == must_see
                    assert household.case.reference in shown
        assert found({p.value for p in household.planted}, log_text(caplog)) == set()


def _render_both(household: h.Household, document: str, audience: Audience, user, recipient):
    case = household.case
    specs = catalogue.documents_for(case)
    spec = next(spec for spec in specs if spec.kind == (document if document == h.PLAN else "case_summary"))
    made = spec.build(reader_for(user, case, audience, recipient), case.opened_on, recipient)
    pdf = timed(f"pdf {document} {audience.value}", render_pdf, made)
    docx = timed(f"docx {document} {audience.value}", render_docx, made)
    return pdf, docx


def kinds_of_document(household: h.Household) -> list[str]:
    return [h.SUMMARY] + ([h.PLAN] if household.case.plans.exists() else [])


@EXAMPLES
@given(shape=h.household_shapes)
@example(shape=h.EVERY_BRANCH)
def test_control_the_lead_professional_version_carries_every_canary(allocated_worker, team, shape, caplog):
    with rolled_back():
        household = h.build_household(allocated_worker, team, shape)
        for document in kinds_of_document(household):
            everything = {p.value for p in household.planted if p.document == document}
            with caplog.at_level(logging.DEBUG):
                pdf, docx = _render_both(household, document, Audience.PROFESSIONAL, allocated_worker, None)
            assert found(everything, pdf_page_text(pdf)) == everything
            assert found(everything, docx_visible_text(docx)) == everything
        assert found({p.value for p in household.planted}, log_text(caplog)) == set()


@EXAMPLES
@given(shape=h.household_shapes)
@example(shape=h.EVERY_BRANCH)
def test_control_the_non_abusing_parent_version_has_hers_and_the_childrens_only(allocated_worker, team, shape):
    with rolled_back():
        household = h.build_household(allocated_worker, team, shape)
        for document in kinds_of_document(household):
            must_see, must_not_see = split(household, Audience.NON_ABUSING_PARENT, document)
            pdf, docx = _render_both(
                household, document, Audience.NON_ABUSING_PARENT, allocated_worker, household.non_abusing_parent
            )
            for full, visible in ((pdf_text(pdf), pdf_page_text(pdf)), (docx_text(docx), docx_visible_text(docx))):
                assert found(must_not_see, full) == set()
                assert found(must_see, visible) == must_see
            # Her own contact details that are not confidential are in it; other adults' never are.
            others = {
                p.value
                for p in household.planted
                if p.where.startswith("cases.ContactDetail") and not p.owners & {h.NAP, h.CHILD, h.SIBLING}
            }
            assert found(others, pdf_text(pdf), docx_text(docx)) == set()


@EXAMPLES
@given(shape=h.household_shapes)
@example(shape=h.EVERY_BRANCH)
def test_a_partner_professional_version_leaves_out_only_confidential_locations(
    allocated_worker, partner_practitioner, partner_org, team, shape
):
    with rolled_back():
        household = h.build_household(allocated_worker, team, shape)
        household.case.shares.create(organisation=partner_org)
        for document in kinds_of_document(household):
            must_see, must_not_see = split(household, Audience.PROFESSIONAL, document, lead=False)
            pdf, docx = _render_both(household, document, Audience.PROFESSIONAL, partner_practitioner, None)
            for full, visible in ((pdf_text(pdf), pdf_page_text(pdf)), (docx_text(docx), docx_visible_text(docx))):
                assert found(must_not_see, full) == set()
                assert found(must_see, visible) == must_see


@EXAMPLES
@given(shape=h.household_shapes)
@example(shape=h.EVERY_BRANCH)
def test_every_field_the_policy_allows_is_in_the_document(allocated_worker, team, shape):
    """Missing content is a bug too: whatever the policy lets a reader see, the document shows."""
    with rolled_back():
        household = h.build_household(allocated_worker, team, shape)
        case = household.case
        readers = [
            (Audience.PROFESSIONAL, None),
            (Audience.NON_ABUSING_PARENT, household.non_abusing_parent),
            (Audience.PARENT_USING_ABUSE, household.parent_using_abuse),
        ]
        for audience, recipient in readers:
            reader = reader_for(allocated_worker, case, audience, recipient)
            presenter = Presenter(reader, case)
            for document in kinds_of_document(household):
                allowed = {
                    p.value
                    for p in household.planted
                    if p.record is not None and p.document == document and presenter.allows(p.record, p.field)
                }
                spec = next(
                    s
                    for s in catalogue.documents_for(case)
                    if s.kind == ("plan" if document == h.PLAN else "case_summary")
                )
                docx = render_docx(spec.build(reader, case.opened_on, recipient))
                assert found(allowed, docx_visible_text(docx)) == allowed, (audience, document)


def policy_overreach(household: h.Household, worker) -> set[tuple[str, Audience]]:
    """(field, audience) for every canary the policy would let an audience have that the rules keep from it."""
    case = household.case
    readers = [
        (Audience.PROFESSIONAL, None),
        (Audience.NON_ABUSING_PARENT, household.non_abusing_parent),
        (Audience.PARENT_USING_ABUSE, household.parent_using_abuse),
    ]
    overreach = set()
    for audience, recipient in readers:
        presenter = Presenter(reader_for(worker, case, audience, recipient), case)
        for planted in household.planted:
            if planted.record is None or visible_to(planted, audience, household):
                continue
            if presenter.allows(planted.record, planted.field):
                overreach.add((planted.where, audience))
    return overreach


@EXAMPLES
@given(shape=h.household_shapes)
@example(shape=h.EVERY_BRANCH)
def test_the_policy_gives_no_reader_a_field_the_rules_keep_from_them(allocated_worker, team, shape):
    """Also for fields no document prints yet (a planned contact, a safety check, a programme session's note): the
    policy alone must keep each from whoever the rules keep it from, before anyone adds it to a document."""
    with rolled_back():
        household = h.build_household(allocated_worker, team, shape)
        assert policy_overreach(household, allocated_worker) == set()
