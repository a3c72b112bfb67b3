"""Case state changes: each checks its transition and lands with its audit entry, or not at all."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from childsafe.audit.models import AuditEntry
from childsafe.cases import services
from childsafe.cases.models import Case, CaseShare
from childsafe.conftest import person


def test_opening_shares_with_the_lead_and_named_partners(allocated_worker, partner_org, lead_org):
    case = services.open_case(by=allocated_worker, shared_with=[partner_org])
    assert set(CaseShare.objects.filter(case=case).values_list("organisation", flat=True)) == {
        lead_org.pk,
        partner_org.pk,
    }
    assert case.reference.startswith("CS-") and len(case.reference) == 12
    assert AuditEntry.objects.filter(case_id=case.pk, action="share").count() == 2


def test_a_user_with_no_organisation_cannot_open_a_case(db):
    from childsafe.accounts.models import User

    lone = User.objects.create_user("lone@example.org", "pw-long-enough-1", full_name="Lone")
    with pytest.raises(services.TransitionNotAllowed):
        services.open_case(by=lone)


def test_close_then_reopen(allocated_worker, a_case):
    services.close_case(a_case, by=allocated_worker, outcome="stepped_down", note="Early help")
    with pytest.raises(services.TransitionNotAllowed, match="already closed"):
        services.close_case(a_case, by=allocated_worker, outcome="safer")
    services.reopen_case(a_case, by=allocated_worker)
    with pytest.raises(services.TransitionNotAllowed, match="already open"):
        services.reopen_case(a_case, by=allocated_worker)
    a_case.refresh_from_db()
    assert a_case.is_open and a_case.times_reopened == 1


def test_unknown_outcome_is_refused(allocated_worker, a_case):
    with pytest.raises(services.TransitionNotAllowed):
        services.close_case(a_case, by=allocated_worker, outcome="made_up")
    a_case.refresh_from_db()
    assert a_case.is_open


def test_database_refuses_a_closed_case_without_a_closing_date(a_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=a_case.pk).update(status="closed")


def test_change_and_audit_land_together_or_not_at_all(allocated_worker, a_case, monkeypatch):
    """If the audit entry cannot be written, the change is rolled back with it."""
    before = AuditEntry.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    # A fake on purpose: nothing a test can do makes the audit log refuse one insert while the change itself would
    # succeed, and that is exactly the failure this guards against.
    monkeypatch.setattr(services, "record", broken)
    with pytest.raises(RuntimeError):
        services.close_case(a_case, by=allocated_worker, outcome="safer")
    a_case.refresh_from_db()
    assert a_case.is_open
    assert AuditEntry.objects.count() == before


def test_sharing_twice_is_one_share(allocated_worker, a_case, other_org):
    services.share_case(a_case, other_org, by=allocated_worker, reason="Police")
    services.share_case(a_case, other_org, by=allocated_worker, reason="Police again")
    assert CaseShare.objects.filter(case=a_case, organisation=other_org).count() == 1


def test_removing_a_relationship_is_logged(allocated_worker, a_case):
    from childsafe.cases.models import Relationship

    rel = Relationship(
        case=a_case, person=person(a_case, "parent_using_abuse"), kind="parent_of", other_person=person(a_case, "child")
    )
    services.save_record(rel, by=allocated_worker, request=None, changed=["kind"], creating=True)
    services.remove_record(rel, by=allocated_worker, request=None)
    assert not Relationship.objects.exists()
    assert AuditEntry.objects.filter(object_type="relationship", action="delete").count() == 1
