"""Checking the audit log's hash chain end to end, to find changes made behind the application's back.

The triggers stop the application (and anyone using its database role) from changing or removing entries. Someone
who can drop the triggers can still do both; this check is how that is found afterwards. It cannot find entries
removed from the very end of the log together with a matching rewind of the chain head: for that, keep a copy of the
head's hash somewhere the database's owner cannot reach (`verify_audit_chain -v 2` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from childsafe.audit.models import AuditEntry, ChainHead
from childsafe.audit.service import CHAIN_HEAD_ID, GENESIS_HASH, digest_of

BATCH_SIZE = 2000
# A wholesale rewrite would otherwise list every entry; the first problems are the ones worth reading.
MAX_PROBLEMS_LISTED = 100


@dataclass
class ChainVerification:
    """What a check of the chain found: how many entries it read, and each problem in plain words."""

    entries_checked: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)
    problems_not_listed: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(problem)
        else:
            self.problems_not_listed += 1


def _missing(first: int, last: int) -> str:
    if first == last:
        return f"Entry #{first} is missing: it has been removed or was never written."
    return f"Entries #{first} to #{last} are missing: they have been removed or were never written."


def verify_chain(batch_size: int = BATCH_SIZE) -> ChainVerification:
    """Walk every entry in order, in batches so memory stays flat however long the log is.

    The head is read first and only entries up to it are checked: an append commits its entry and the new head
    together, so every entry up to the head is visible, and entries appended while the check runs are left for the
    next check rather than reported as a mismatch.
    """
    result = ChainVerification()
    head = ChainHead.objects.filter(pk=CHAIN_HEAD_ID).first()
    if head is None:
        if AuditEntry.objects.exists():
            result.add("The chain head is missing, so the newest entry cannot be confirmed.")
        head_seq, head_hash = None, GENESIS_HASH
    else:
        head_seq, head_hash = head.seq, head.last_hash
        result.head_seq, result.head_hash = head.seq, head.last_hash

    expected_seq = 1
    previous_hash = GENESIS_HASH
    last_seen: AuditEntry | None = None
    entries = AuditEntry.objects.order_by("seq")
    if head_seq is not None:
        entries = entries.filter(seq__lte=head_seq)

    while True:
        # Keyset pagination: each batch starts after the last seq read, so no offset is rescanned.
        batch = entries if last_seen is None else entries.filter(seq__gt=last_seen.seq)
        rows = list(batch[:batch_size])
        for entry in rows:
            result.entries_checked += 1
            if entry.seq < expected_seq:
                result.add(f"Entry #{entry.seq} is out of sequence: the next entry expected was #{expected_seq}.")
            elif entry.seq > expected_seq:
                result.add(_missing(expected_seq, entry.seq - 1))
            elif entry.prev_hash != previous_hash:
                # Only checked when no entry is missing in between: a gap already explains a broken link.
                before = f"entry #{entry.seq - 1}" if entry.seq > 1 else "the start of the log"
                result.add(f"Entry #{entry.seq} does not link to {before}: one of them has been altered or replaced.")
            if digest_of(entry) != entry.entry_hash:
                result.add(f"Entry #{entry.seq} has been altered: its contents no longer match its hash.")
            expected_seq = max(expected_seq, entry.seq + 1)
            previous_hash = entry.entry_hash
            last_seen = entry
        if len(rows) < batch_size:
            break

    if head_seq is None:
        return result
    if last_seen is None:
        if head_seq != 0:
            result.add(f"The chain head says the newest entry is #{head_seq}, but there are no entries.")
    elif last_seen.seq != head_seq:
        result.add(_missing(last_seen.seq + 1, head_seq))
    elif last_seen.entry_hash != head_hash:
        result.add(f"Entry #{head_seq} is not the entry the chain head recorded as the newest: it has been replaced.")
    return result
