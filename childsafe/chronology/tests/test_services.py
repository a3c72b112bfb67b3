"""Writing entries: the entry, its impacts and its audit entry land together or not at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from childsafe.audit.models import AuditEntry
from childsafe.chronology import services
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.chronology.tests.conftest import make_entry


def counts() -> tuple[int, int, int]:
    return ChronologyEntry.objects.count(), ChildImpact.objects.count(), AuditEntry.objects.count()


def test_add_entry_writes_entry_impacts_and_audit(a_case, allocated_worker, mia, leo):
    entry = make_entry(a_case, allocated_worker, impacts={mia: "Mia hid.", leo: ""}, source_document="Police log")
    assert entry.recorded_by == allocated_worker
    assert list(entry.child_impacts.values_list("child__first_name", "impact")) == [("Mia", "Mia hid.")]
    audit = AuditEntry.objects.filter(object_id=str(entry.pk)).get()
    assert audit.action == "create"
    assert audit.object_type == "chronologyentry"
    assert audit.case_id == a_case.pk
    assert f"impact_{mia.pk.hex}" in audit.changed_fields
    assert f"impact_{leo.pk.hex}" not in audit.changed_fields
    assert {"behaviour", "description", "source_document"} <= set(audit.changed_fields)
    # Names only: the log never holds what was written.
    assert "Mia hid." not in str(audit.changed_fields)


def test_a_failed_write_leaves_nothing_behind(a_case, allocated_worker):
    before = counts()
    with pytest.raises(IntegrityError):
        make_entry(a_case, allocated_worker, occurred_from=dt.date(2026, 5, 1), occurred_to=dt.date(2026, 4, 1))
    assert counts() == before


def test_a_child_cannot_be_recorded_as_choosing_a_behaviour(a_case, allocated_worker, mia):
    before = counts()
    with pytest.raises(services.EntryNotAllowed):
        make_entry(a_case, allocated_worker, person=mia)
    assert counts() == before


def test_impacts_only_for_children_of_this_case(a_case, allocated_worker, rachel):
    with pytest.raises(services.EntryNotAllowed):
        make_entry(a_case, allocated_worker, impacts={rachel: "Upset"})


def test_update_entry_changes_fields_and_impacts_in_one_audit_entry(
    a_case, allocated_worker, partner_practitioner, mia, leo
):
    entry = make_entry(a_case, allocated_worker, impacts={mia: "Mia hid.", leo: "Leo cried."})
    data = {
        "behaviour": "physical",
        "person_responsible": entry.person_responsible,
        "description": entry.description,
        "occurred_from": entry.occurred_from,
        "occurred_to": dt.date(2026, 3, 9),
        "date_is_approximate": True,
        "reported_by": entry.reported_by,
        "source_document": "",
    }
    changed = services.update_entry(entry, partner_practitioner, data, {mia: "Mia hid again.", leo: ""}, None)
    assert sorted(changed) == sorted(
        ["behaviour", "occurred_to", "date_is_approximate", f"impact_{mia.pk.hex}", f"impact_{leo.pk.hex}"]
    )
    entry.refresh_from_db()
    assert entry.behaviour == "physical"
    assert entry.occurred_to == dt.date(2026, 3, 9)
    assert list(entry.child_impacts.values_list("child__first_name", "impact")) == [("Mia", "Mia hid again.")]
    audit = AuditEntry.objects.filter(object_id=str(entry.pk), action="update").get()
    assert audit.actor == partner_practitioner
    assert sorted(audit.changed_fields) == sorted(changed)


def test_update_adds_an_impact_for_a_child_who_had_none(a_case, allocated_worker, leo):
    entry = make_entry(a_case, allocated_worker)
    data = {name: getattr(entry, name) for name in services.ENTRY_FIELDS}
    assert services.update_entry(entry, allocated_worker, data, {leo: "Leo was woken."}, None) == [
        f"impact_{leo.pk.hex}"
    ]
    assert entry.child_impacts.get().impact == "Leo was woken."


def test_update_with_no_changes_writes_nothing(a_case, allocated_worker, mia):
    entry = make_entry(a_case, allocated_worker, impacts={mia: "Mia hid."})
    data = {name: getattr(entry, name) for name in services.ENTRY_FIELDS}
    before = counts()
    assert services.update_entry(entry, allocated_worker, data, {mia: "Mia hid."}, None) == []
    assert counts() == before


def test_a_failed_update_changes_nothing(a_case, allocated_worker, mia):
    entry = make_entry(a_case, allocated_worker, impacts={mia: "Mia hid."})
    data = {name: getattr(entry, name) for name in services.ENTRY_FIELDS}
    data["occurred_to"] = dt.date(2026, 1, 1)  # before occurred_from: the database refuses it
    before = counts()
    with pytest.raises(IntegrityError):
        services.update_entry(entry, allocated_worker, data, {mia: ""}, None)
    assert counts() == before
    assert ChildImpact.objects.get().impact == "Mia hid."
