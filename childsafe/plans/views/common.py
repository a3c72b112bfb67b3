"""What every plan page needs: the case and plan (or 404), the right to change them (or 403), the version the
worker started from, and the plan's own header context."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse

from childsafe.audit.models import AuditEntry
from childsafe.cases.access import can_edit_case, get_case_for_user, redact_people
from childsafe.cases.models import Case, Person
from childsafe.cases.views.common import editable_case
from childsafe.plans import access, services
from childsafe.plans import accountability as rules
from childsafe.plans.models import Plan
from childsafe.plans.reading import LoadedPlan, load_plan, plan_in_case

PLANS_PAGE = "plans:case_plans"


def people_seen_by(request: HttpRequest, case: Case) -> list[Person]:
    """The case's people as this user may see them (`cases.access.redact_people`): pass them to `load_plan`, so
    every name on the page, in a choice or in a finding is one this user may read."""
    people = list(Person.objects.filter(case=case))
    redact_people(request.user, people)
    return people


def plan_for_viewer(
    request: HttpRequest, case: Case, plan: Plan, people: list[Person] | None = None, *, with_updates: bool = True
) -> LoadedPlan:
    """The plan as this user may read it: its people redacted for them (`people_seen_by`), and its findings worked
    out from only the agencies they may be told of (`access.nameable_agencies`). A suggested fix names the agency to
    support her or a child, and the case may be shared with a refuge, whose name says where she is: for those who
    work with the parent using abuse the fix names another agency, or none. Outcomes are checked too
    (`services.check_in_full`)."""
    loaded = load_plan(plan, people_seen_by(request, case) if people is None else people, with_updates=with_updates)
    return services.check_in_full(loaded, access.nameable_agencies(request.user, loaded.agencies))


# The plan-wide findings a behaviour-change programme is shown: whether the plan asks him to change. The others say
# whether there is support for her and each child, and what outcomes the children have: not theirs to know.
PLAN_FINDINGS_ABOUT_HIM = frozenset({"no_change_action"})


def finding_shown(
    request: HttpRequest, finding: rules.Finding, shown_action_ids: set[str], shown_outcome_ids: set[str]
) -> bool:
    """Whether this user is shown the finding: about an action or outcome they may see, or about the whole plan."""
    if finding.action_id is not None:
        return finding.action_id in shown_action_ids
    if finding.outcome_id is not None:
        return finding.outcome_id in shown_outcome_ids
    return access.sees_plan_in_full(request.user) or finding.rule in PLAN_FINDINGS_ABOUT_HIM


def readable_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> tuple[Case, Plan]:
    case = get_case_for_user(request.user, case_id, request)
    return case, plan_in_case(case, plan_id)


def changeable_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> tuple[Case, Plan]:
    """The case and plan if this user may change them: 404 without access, 403 on a closed case or ended plan."""
    case = editable_case(request, case_id)
    plan = plan_in_case(case, plan_id)
    if not plan.is_editable:
        raise PermissionDenied("This plan has ended, so it can no longer be changed")
    return case, plan


NOTE_WITHHELD = "Written by another organisation: not shared with yours."


def withhold_notes(request: HttpRequest, actions: Iterable[Any]) -> None:
    """In memory only, never saved: a progress note this user may not read (`access.note_visible`) says so instead.
    The actions must come from `load_plan` (their updates, with who recorded them, already loaded)."""
    if access.sees_plan_in_full(request.user):
        return
    for action in actions:
        for update in action.updates.all():
            if not access.note_visible(request.user, update):
                update.note = NOTE_WITHHELD


def require_plan_manager(request: HttpRequest, case: Case) -> None:
    """Starting, activating, ending a plan or changing its details: the lead organisation's (access.py)."""
    if not access.manages_plans(request.user, case):
        raise PermissionDenied(
            "Plans are started, changed, made active and ended by the organisation that leads the case"
        )


def can_edit_plan(request: HttpRequest, case: Case, plan: Plan) -> bool:
    return can_edit_case(request.user, case) and plan.is_editable


# Plain ASCII digits, and few enough of them for `int`: `str.isdigit()` is also true of "²" or "٣", which `int`
# refuses (or reads as a number the worker never typed), and `int` refuses strings of more than 4,300 digits.
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(value: str) -> int | None:
    """`value` as a non-negative whole number if it is written in ASCII digits; None for anything else."""
    return int(value) if WHOLE_NUMBER.fullmatch(value) else None


def based_on(request: HttpRequest) -> int | None:
    """The plan version the worker's form started from (hidden field `based_on`); None if missing or garbled."""
    return whole_number(request.POST.get("based_on", ""))


def plan_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("plans:plan", args=[plan.case_id, plan.pk])
    return f"{url}#{anchor}" if anchor else url


def removed_meanwhile(case: Case, object_type: str, object_id: uuid.UUID) -> bool:
    """Whether this record of the case was removed (so a worker still editing it is told, not shown a 404)."""
    return AuditEntry.objects.filter(
        case_id=case.pk, object_type=object_type, object_id=str(object_id), action=AuditEntry.Action.DELETE
    ).exists()


def form_context(case: Case, plan: Plan, **extra: Any) -> dict[str, Any]:
    return {"case": case, "plan": plan, "back": plan_url(plan), **extra}


def finding_rows(loaded: Any, case: Case, plan: Plan, *, editable: bool) -> list[dict[str, Any]]:
    """Each finding with where it points (the action on the plan page) and a link per suggested fix, which opens
    the action's form with the fix filled in (nothing changes until the worker saves)."""
    rows = []
    fix_counts: dict[str, int] = {}
    for finding in loaded.findings:
        fixes = []
        for fix in finding.fixes:
            index = fix_counts.get(finding.action_id, 0)
            fix_counts[finding.action_id] = index + 1
            if editable and finding.action_id:
                url = reverse("plans:edit_action", args=[case.pk, plan.pk, finding.action_id]) + f"?fix={index}"
                fixes.append({"label": fix.label, "wording": fix.wording, "url": url})
        rows.append(
            {
                "finding": finding,
                "href": (
                    f"#action-{finding.action_id}"
                    if finding.action_id
                    else f"#outcome-{finding.outcome_id}"
                    if finding.outcome_id
                    else ""
                ),
                "fixes": fixes,
            }
        )
    return rows
