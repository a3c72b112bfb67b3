"""What every safety page needs: the case (404 for anyone it is not shared with, and for anyone who may not see
safety information), the right to change it (403 on a closed case), records scoped to the case, and the pieces of
context every safety form page shares."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse

from childsafe.cases.access import can_edit_case, get_case_for_user
from childsafe.cases.models import Case, Person
from childsafe.safety import access

M = TypeVar("M", bound=Model)

# Every free-text box carries this attribute, so the shared language checker can find it.
LANGUAGE_CHECK = {"data-language-check": ""}


def safety_case(request: HttpRequest, case_id: uuid.UUID, *, change: bool = False) -> Case:
    """The case, for someone who may see its safety plans and contact checks; otherwise 404.

    A programme worker (or anyone else the case is shared with who may not see safety plans) gets "page not found"
    for these pages, exactly as an outsider does. With `change`, a closed case is read-only: 403.
    """
    case = get_case_for_user(request.user, case_id, request)
    if not access.can_see_safety_plans(request.user, case):
        raise Http404("No such page")
    if change and not can_edit_case(request.user, case):
        raise PermissionDenied("This case is closed: reopen it to change it")
    return case


def editable_case_for_flags(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = get_case_for_user(request.user, case_id, request)
    if not access.can_raise_flags(request.user, case):
        raise PermissionDenied("This case is closed: reopen it to change it")
    return case


def in_case(queryset: QuerySet[M], case: Case, record_id: Any, what: str) -> M:
    """A record of this case; an id from another case is a 404 like any unknown one."""
    obj = queryset.filter(case=case, pk=record_id).first()
    if obj is None:
        raise Http404(f"No such {what}")
    obj.case = case  # type: ignore[attr-defined]
    return obj


def person_in_case(case: Case, person_id: Any) -> Person:
    person = Person.objects.filter(case=case, pk=person_id).first()
    if person is None:
        raise Http404("No such person")
    return person


def safety_page_url(case: Case, anchor: str = "") -> str:
    return reverse("safety:case_safety", args=[case.pk]) + anchor


def form_page_context() -> dict[str, Any]:
    """The language checker's script, if it is installed, and the attribute that marks free-text boxes."""
    return {
        "language_check": LANGUAGE_CHECK,
    }
