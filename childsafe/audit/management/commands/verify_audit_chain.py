"""`manage.py verify_audit_chain`: check the audit log's hash chain and exit non-zero if it has been tampered with.

Run it on a schedule and alert on failure. Exit status 0 means intact; 1 means at least one problem, each listed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from childsafe.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Check every audit entry against its hash and its link to the one before; exit 1 if any fail."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.intact:
            count = result.entries_checked
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} entr{'y' if count == 1 else 'ies'}"))
            if options["verbosity"] >= 2:
                # Worth copying off the server: it is what would show entries cut from the end of the log.
                self.stdout.write(f"Newest entry #{result.head_seq}, hash {result.head_hash}")
            return
        for problem in result.problems:
            self.stderr.write(problem)
        if result.problems_not_listed:
            self.stderr.write(f"... and {result.problems_not_listed} more problems not listed.")
        total = len(result.problems) + result.problems_not_listed
        raise CommandError(
            f"Audit chain broken: {total} problem{'s' if total != 1 else ''} found in {result.entries_checked} entries"
        )
