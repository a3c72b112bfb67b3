"""Start-up checks on the safety data that cannot be caught by its schema.

Registered in `apps.SafetyConfig.ready`. The bank holiday list in `data/rules.yaml` is a list of dates, so it
simply stops: after its last year every weekday is a working day and follow-ups after contact with the parent
using abuse fall due on bank holidays, silently. A Warning a year ahead gives time to add the next year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.checks import CheckMessage, Warning, register
from django.utils import timezone

from childsafe.safety import rules

# How far ahead the bank holiday list must reach before `manage.py check` warns.
BANK_HOLIDAYS_NEEDED_AHEAD_DAYS = 365


@register()
def check_bank_holidays_reach_ahead(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    today = timezone.localdate()
    needed_until = today + dt.timedelta(days=BANK_HOLIDAYS_NEEDED_AHEAD_DAYS)
    known_until = rules.bank_holidays_known_until()
    if known_until is not None and known_until >= needed_until:
        return []
    until = "lists none" if known_until is None else f"stops after {known_until.year}"
    return [
        Warning(
            f"The bank holiday list in childsafe/safety/data/rules.yaml {until}: from then on, follow-ups after "
            "contact with the parent using abuse can fall due on a bank holiday",
            hint=f"Add the bank holidays in England and Wales up to at least {needed_until.year} "
            "(https://www.gov.uk/bank-holidays).",
            id="safety.W001",
        )
    ]
