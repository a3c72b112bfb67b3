"""verify_chain and `manage.py verify_audit_chain`: quiet on an honest log, specific about tampering."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from childsafe.audit.chain import MAX_PROBLEMS_LISTED, verify_chain
from childsafe.audit.models import AuditEntry, ChainHead
from childsafe.audit.service import CHAIN_HEAD_ID, digest_of
from childsafe.audit.tests.helpers import write_entries

pytestmark = pytest.mark.django_db


def test_an_empty_log_is_intact():
    result = verify_chain()

    assert result.intact
    assert result.entries_checked == 0


def test_an_honest_log_is_intact(honest_log):
    result = verify_chain()

    assert result.intact, result.problems
    assert result.entries_checked == 10
    assert (result.head_seq, result.head_hash) == (10, honest_log[-1].entry_hash)


def test_an_honest_log_is_intact_across_many_batches(honest_log):
    assert verify_chain(batch_size=3).intact


def test_the_log_written_by_case_work_is_intact(a_case):
    assert AuditEntry.objects.filter(case_id=a_case.pk).exists()
    assert verify_chain().intact


def test_a_changed_entry_is_found(honest_log, attacker):
    attacker.set_column(4, "object_id", "someone-else")

    problems = verify_chain(batch_size=3).problems

    assert problems == ["Entry #4 has been altered: its contents no longer match its hash."]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor_id", None),
        ("action", "create"),
        ("case_id", uuid.uuid4().hex),
        ("changed_fields", json.dumps(["address"])),
        ("ip_address", "198.51.100.7"),
        ("at", dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    ],
)
def test_a_change_to_any_column_is_found(honest_log, attacker, column, value):
    attacker.set_column(7, column, value)

    assert "Entry #7 has been altered" in " ".join(verify_chain().problems)


def test_a_changed_entry_with_a_recomputed_hash_breaks_the_link_to_the_next(honest_log, attacker):
    """An attacker who knows the hashing scheme can make an entry consistent with itself, not with its successor."""
    forged = AuditEntry.objects.get(seq=5)
    forged.object_id = "someone-else"
    attacker.set_column(5, "object_id", "someone-else")
    attacker.set_column(5, "entry_hash", digest_of(forged))

    problems = verify_chain().problems

    assert problems == ["Entry #6 does not link to entry #5: one of them has been altered or replaced."]


def test_a_removed_entry_in_the_middle_is_found(honest_log, attacker):
    attacker.delete(5)

    problems = verify_chain(batch_size=4).problems

    assert problems == ["Entry #5 is missing: it has been removed or was never written."]


def test_removed_entries_at_the_start_are_found(honest_log, attacker):
    attacker.delete(1)
    attacker.delete(2)

    assert verify_chain().problems == ["Entries #1 to #2 are missing: they have been removed or were never written."]


def test_a_removed_newest_entry_is_found_from_the_chain_head(honest_log, attacker):
    attacker.delete(10)

    assert verify_chain().problems == ["Entry #10 is missing: it has been removed or was never written."]


def test_a_replaced_newest_entry_is_found_from_the_chain_head(honest_log, attacker):
    ChainHead.objects.filter(pk=CHAIN_HEAD_ID).update(last_hash="f" * 64)

    assert verify_chain().problems == [
        "Entry #10 is not the entry the chain head recorded as the newest: it has been replaced."
    ]


def test_a_missing_chain_head_is_reported(honest_log):
    ChainHead.objects.all().delete()

    assert verify_chain().problems == ["The chain head is missing, so the newest entry cannot be confirmed."]


def test_a_wholesale_rewrite_lists_the_first_problems_and_counts_the_rest(allocated_worker, attacker):
    write_entries(allocated_worker, MAX_PROBLEMS_LISTED + 5)
    for seq in list(AuditEntry.objects.values_list("seq", flat=True)):
        attacker.set_column(seq, "object_type", "rewritten")

    result = verify_chain()

    assert len(result.problems) == MAX_PROBLEMS_LISTED
    assert result.problems_not_listed == 5


def test_the_command_reports_an_intact_chain(honest_log):
    out = StringIO()

    call_command("verify_audit_chain", stdout=out)

    assert "Audit chain intact: 10 entries" in out.getvalue()


def test_the_command_counts_a_single_entry_in_the_singular(allocated_worker):
    write_entries(allocated_worker, 1)
    out = StringIO()

    call_command("verify_audit_chain", stdout=out)

    assert "Audit chain intact: 1 entry\n" in out.getvalue()


def test_the_command_prints_the_head_hash_when_asked(honest_log):
    out = StringIO()

    call_command("verify_audit_chain", stdout=out, verbosity=2)

    assert f"Newest entry #10, hash {honest_log[-1].entry_hash}" in out.getvalue()


def test_the_command_lists_problems_and_exits_non_zero(honest_log, attacker):
    attacker.set_column(3, "object_id", "someone-else")
    attacker.delete(8)
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="2 problems") as raised:
        call_command("verify_audit_chain", stdout=out, stderr=err)

    assert raised.value.returncode == 1
    assert "Entry #3 has been altered" in err.getvalue()
    assert "Entry #8 is missing" in err.getvalue()
    assert "intact" not in out.getvalue()
