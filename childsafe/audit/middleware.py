"""Every page that shows something of a case is a read of it, logged even if its view forgot to (AU-1).

Views log their reads themselves, naming what was read (a plan, a referral, an entry). Blank forms, confirmation
pages and the like show the case's header and often its people, and are reads too; rather than rely on each new
view remembering, this middleware writes a `view` entry of the page's name for any successful GET of a URL that
names a case when the view wrote nothing for that case. A 200 means the view already found the case visible to
this user (`cases.access.get_case_for_user`); refusals are logged there.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from childsafe.audit.models import AuditEntry
from childsafe.audit.service import LOGGED_CASES_ATTRIBUTE, record

CASE_ATTRIBUTE = "_childsafe_case_in_url"


class LogCaseReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict[str, Any]) -> None:
        with contextlib.suppress(KeyError, ValueError):
            setattr(request, CASE_ATTRIBUTE, uuid.UUID(str(view_kwargs["case_id"])))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        case_id = getattr(request, CASE_ATTRIBUTE, None)
        if (
            case_id is not None
            and request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and request.user.is_authenticated
            and str(case_id) not in getattr(request, LOGGED_CASES_ATTRIBUTE, set())
        ):
            match = request.resolver_match
            record(
                actor=request.user,
                action=AuditEntry.Action.VIEW,
                object_type="page",
                object_id=(match.view_name if match else request.path)[:64],
                case_id=case_id,
                request=request,
            )
        return response
