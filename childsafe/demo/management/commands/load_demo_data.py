"""Load the fictional demo (organisations, logins, a dozen households) unless it is already there.

Safe to run on every start (`make run` does): a second run changes nothing and prints the logins again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from childsafe.demo.loading import load_demo
from childsafe.demo.organisations import login_table


class Command(BaseCommand):
    help = "Create the fictional demo organisations, logins and households (does nothing if they exist)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Loading the fictional demo data...")
        if load_demo(write=self.stdout.write):
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data is already loaded; nothing changed.")
        self.stdout.write("")
        self.stdout.write(login_table())
