"""Generate fictional households at any scale for load testing: synthetic data, written without audit entries.

    manage.py generate_households --households 100000 [--seed 1] [--organisation NAME] [--batch-size 1000]

See `childsafe.demo.bulk` for how caseloads and references are chosen.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from childsafe.demo.bulk import generate
from childsafe.demo.loading import DemoRefused


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Create N fictional households with bulk inserts (no audit entries: synthetic load data, not practice). "
        "Cases are led by the demo's children's services unless --organisation names another."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--households", type=_positive, required=True, help="How many households to create")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same households")
        parser.add_argument("--organisation", default=None, help="Name of the lead organisation (must exist)")
        parser.add_argument("--batch-size", type=_positive, default=1000, help="Households per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        households: int = options["households"]
        self.stdout.write(f"Generating {households:,} fictional households (seed {options['seed']})...")
        try:
            counts, seconds = generate(
                households=households,
                seed=options["seed"],
                organisation_name=options["organisation"],
                batch_size=options["batch_size"],
                write=self.stdout.write,
            )
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        except DemoRefused as exc:
            raise CommandError(f"{exc} Or name the lead organisation with --organisation.") from exc
        self.stdout.write("")
        for name, value in vars(counts).items():
            self.stdout.write(f"  {name.replace('_', ' '):<20}{value:>12,}")
        self.stdout.write(f"  {'rows in all':<20}{counts.rows():>12,}")
        rate = counts.cases / max(seconds, 1e-9)
        self.stdout.write(
            self.style.SUCCESS(f"Created {counts.cases:,} households in {seconds:,.1f}s ({rate:,.0f} a second).")
        )
