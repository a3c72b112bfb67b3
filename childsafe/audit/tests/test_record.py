"""record(): each entry is chained to the one before, and lands or rolls back with the caller's transaction."""

from __future__ import annotations

import itertools
import uuid

import pytest
from django.db import transaction
from django.test import RequestFactory

from childsafe.audit.models import AuditEntry, ChainHead
from childsafe.audit.service import CHAIN_HEAD_ID, GENESIS_HASH, digest_of, record
from childsafe.audit.tests.helpers import write_entries

pytestmark = pytest.mark.django_db


def test_first_entry_follows_the_genesis_hash(allocated_worker):
    entry = record(actor=allocated_worker, action=AuditEntry.Action.VIEW, object_type="case", object_id="a")

    assert entry.seq == 1
    assert entry.prev_hash == GENESIS_HASH


def test_each_entry_links_to_the_hash_of_the_one_before(allocated_worker):
    entries = write_entries(allocated_worker, 5)

    assert [entry.seq for entry in entries] == [1, 2, 3, 4, 5]
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.entry_hash
    head = ChainHead.objects.get(pk=CHAIN_HEAD_ID)
    assert (head.seq, head.last_hash) == (5, entries[-1].entry_hash)


def test_stored_entries_still_match_their_hash_after_a_round_trip(allocated_worker):
    """Times, UUIDs and JSON come back from the database exactly as they were hashed, on either database."""
    case_id = uuid.uuid4()
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="Firefox")
    record(
        actor=allocated_worker,
        action=AuditEntry.Action.UPDATE,
        object_type="person",
        object_id=uuid.uuid4(),
        case_id=case_id,
        changed_fields=["last_name", "date_of_birth"],
        request=request,
    )

    stored = AuditEntry.objects.get(seq=1)
    assert digest_of(stored) == stored.entry_hash
    assert stored.case_id == case_id
    assert stored.changed_fields == ["date_of_birth", "last_name"]
    assert (stored.ip_address, stored.user_agent) == ("192.0.2.10", "Firefox")
    assert stored.actor_organisation_id == allocated_worker.organisation_id


def test_an_entry_is_rolled_back_with_the_change_it_records(allocated_worker):
    before = AuditEntry.objects.count()
    head_before = ChainHead.objects.get(pk=CHAIN_HEAD_ID)

    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=allocated_worker, action=AuditEntry.Action.UPDATE, object_type="case", object_id="a")
        raise RuntimeError("the change it records failed")

    assert AuditEntry.objects.count() == before
    head = ChainHead.objects.get(pk=CHAIN_HEAD_ID)
    assert (head.seq, head.last_hash) == (head_before.seq, head_before.last_hash)


def test_the_chain_continues_cleanly_after_a_rolled_back_entry(allocated_worker):
    first = record(actor=allocated_worker, action=AuditEntry.Action.VIEW, object_type="case", object_id="a")
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=allocated_worker, action=AuditEntry.Action.VIEW, object_type="case", object_id="b")
        raise RuntimeError

    second = record(actor=allocated_worker, action=AuditEntry.Action.VIEW, object_type="case", object_id="c")

    assert (second.seq, second.prev_hash) == (2, first.entry_hash)


def test_an_anonymous_actor_is_recorded_as_no_one():
    entry = record(actor=None, action=AuditEntry.Action.VIEW, object_type="case", object_id="a")

    assert entry.actor_id is None
    assert entry.actor_organisation_id is None
