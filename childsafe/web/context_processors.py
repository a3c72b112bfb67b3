"""Values every page needs: the session timeout the warning dialog counts down from."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def session_timeout(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "session_timeout": {
            "idle_seconds": settings.SESSION_IDLE_MINUTES * 60,
            "warning_seconds": settings.SESSION_WARNING_SECONDS,
        }
    }
