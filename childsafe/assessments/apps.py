"""The assessments app: instruments as versioned data files, one engine, drafts, levels and tiers with reasons."""

from __future__ import annotations

import sys
from pathlib import Path

from django.apps import AppConfig

# Under these the system check (`checks.py`) reports every bad instrument file as an Error with its file and line,
# and `check`, `runserver` and `migrate` stop there; refusing in `ready` would print a traceback instead.
MANAGEMENT_ENTRY_POINTS = {"manage.py", "django-admin", "django-admin.py"}


def started_by_manage_py(argv: list[str] | None = None) -> bool:
    """Is this process a management command (`manage.py ...`, `django-admin ...`, `python -m django ...`)?"""
    argv = sys.argv if argv is None else argv
    program = Path(argv[0]) if argv else Path()
    return program.name in MANAGEMENT_ENTRY_POINTS or program.parts[-2:] == ("django", "__main__.py")


class AssessmentsConfig(AppConfig):
    name = "childsafe.assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        # Registers the start-up check that reads and validates every instrument file.
        from childsafe.assessments import checks  # noqa: F401
        from childsafe.assessments.instruments import get_registry

        if not started_by_manage_py():
            # A WSGI server (or anything else) never runs the system check: refuse to start on a bad file here,
            # with ImproperlyConfigured naming the file and line, rather than serve whichever versions were good.
            get_registry()
