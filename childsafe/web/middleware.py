"""Pages about children must not be kept by browsers or proxies once the user has gone; and a form sent in anything
but UTF-8 is refused rather than stored garbled."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

FORM_ENCODED = "application/x-www-form-urlencoded"


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


def is_utf8_form_data(data: bytes) -> bool:
    """Whether form-encoded data is UTF-8 both as sent and once its %-escapes are decoded."""
    try:
        data.decode("utf-8")
        unquote_to_bytes(data.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RefuseUndecodableFormMiddleware:
    """400 for a query string or a form body that is not UTF-8 (security.md IN-3).

    Django would read such a body as Latin-1 (and bad %-escapes as U+FFFD), so a record could be saved with text
    nobody typed. Browsers always send these pages' forms as UTF-8, so only a broken or hostile client sees this.
    Multipart bodies (file uploads) are left to the form that reads them: a file's bytes need not be text.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if query and not is_utf8_form_data(query.encode("latin-1", errors="replace")):
            raise BadRequest("The address is not UTF-8")
        if request.content_type == FORM_ENCODED and not is_utf8_form_data(request.body):
            raise BadRequest("The form was not sent as UTF-8")
        return self.get_response(request)
