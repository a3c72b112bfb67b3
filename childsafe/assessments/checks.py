"""A system check that reads every instrument file and the tiers at start-up.

Registered in `apps.AssessmentsConfig.ready`. A file that fails its schema or the semantic checks is an Error,
which stops `manage.py check`, `migrate` and `runserver`, with the file and line of the fault in the message.
Outside `manage.py` (a WSGI server) `ready` itself refuses to start: see `instruments.get_registry`.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from childsafe.assessments.instruments import configured_registry


@register()
def check_instruments(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    registry = configured_registry(reload=True)
    problems: list[CheckMessage] = [
        Error(str(error), hint="Fix the instrument file; nothing else reads it wrongly.", id="assessments.E001")
        for error in registry.errors
    ]
    if not registry.instruments and not registry.errors:
        problems.append(Error("No assessment instruments were found", id="assessments.E002"))
    return problems
