"""The safety app: safety plans, worker safety flags, and the checks around contact with the parent using abuse."""

from __future__ import annotations

from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "childsafe.safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        # Registers the check that the bank holiday list reaches far enough ahead.
        from childsafe.safety import system_checks  # noqa: F401
