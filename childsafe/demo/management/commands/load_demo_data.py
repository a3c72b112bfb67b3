"""Load the fictional demo (organisations, logins, a dozen households) unless it is already there.

Safe to run on every start (`make run` does): a second run changes nothing and prints the logins again. It refuses
a database that already has other organisations (see `childsafe.demo.loading.load_demo`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from childsafe.demo.loading import DemoRefused, load_demo
from childsafe.demo.organisations import login_table


class Command(BaseCommand):
    help = "Create the fictional demo organisations, logins and households (does nothing if they exist)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though the database already has other organisations (test databases only)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Loading the fictional demo data...")
        try:
            loaded = load_demo(write=self.stdout.write, force=options["force"])
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        if loaded:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data is already loaded; nothing changed.")
        self.stdout.write("")
        self.stdout.write(login_table())
