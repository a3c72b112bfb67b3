"""What every case view needs: the case (or 404), the right to change it (or 403), the shared header, the one form
template."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from childsafe.cases.access import can_edit_case, get_case_for_user
from childsafe.cases.models import Case, Person
from childsafe.cases.navigation import case_navigation, household_heading


def posted(request: HttpRequest) -> Any:
    """The submitted data for a POST (even an empty one, so required fields are reported), else None."""
    return request.POST if request.method == "POST" else None


def editable_case(request: HttpRequest, case_id: Any) -> Case:
    case = get_case_for_user(request.user, case_id, request)
    if not can_edit_case(request.user, case):
        raise PermissionDenied("This case is closed: reopen it to change it")
    return case


def children_oldest_first(people: list[Person]) -> list[Person]:
    """The case's children, oldest first; a child whose age is not known goes last."""
    today = timezone.localdate()

    def order(child: Person) -> tuple[int, str]:
        age = child.age_on(today)
        return (-(age if age is not None else -1), child.first_name)

    return sorted((person for person in people if person.is_child), key=order)


def case_header(case: Case, current: str, people: list[Person] | None = None) -> dict[str, Any]:
    """Context for cases/_case_header.html: the household heading and the case's sub-navigation.

    `current` is the URL name of the page being shown. Pass `people` if the view has loaded them already;
    otherwise they are read in one query.
    """
    if people is None:
        people = list(Person.objects.filter(case=case))
    return {
        "heading": household_heading(children_oldest_first(people), case),
        "case_navigation": case_navigation(case, current),
    }


def render_form(
    request: HttpRequest,
    *,
    case: Case | None,
    form: Any,
    title: str,
    submit_text: str,
    cancel_url: str,
    intro: str = "",
    template: str = "cases/form.html",
    **extra: Any,
) -> HttpResponse:
    context = {
        "case": case,
        "form": form,
        "title": title,
        "submit_text": submit_text,
        "cancel_url": cancel_url,
        "intro": intro,
        **extra,
    }
    return render(request, template, context, status=200)
