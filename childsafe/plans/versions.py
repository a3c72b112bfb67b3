"""A plan's versions: the snapshot of the whole plan kept after each change, and the readable difference between two.

`snapshot` serialises the plan from its own models into plain JSON: the plan's details, each outcome and each
action, with the labels as they read at the time (names, "Weekly", "Not started"), so an old version reads as it
did even after people or organisations are renamed. `diff` compares two snapshots (pure: data in, changes out).

Snapshot shape (schema 1)::

    {"schema": 1,
     "plan": {"kind", "kind_label", "status", "status_label", "start_date", "children": [{"id", "name"}],
              "first_review_on", "review_interval_months", "ended_on", "end_reason"},
     "outcomes": [{"id", "child_id", "child_name", "text", "share_with_parent_using_abuse"}],
     "actions": [{"id", "owner_label", "owner_person_id", "owner_organisation_id", "owner_worker", "what",
                  "due_on", "frequency_times", "frequency_unit", "when_label", "measure", "for_whom",
                  "for_child_id", "for_label", "status", "status_label"}]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from childsafe.plans.models import Action, Outcome, Plan

SCHEMA = 1


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def owner_label(action: Action) -> str:
    """ "Darren Cole (parent using abuse)", "Northbrook Domestic Abuse Service: outreach worker", or ""."""
    if action.owner_person_id is not None:
        person = action.owner_person
        role = person.get_role_in_case_display()
        return f"{person.display_name} ({role[:1].lower()}{role[1:]})"
    if action.owner_organisation_id is not None:
        worker = f": {action.owner_worker}" if action.owner_worker else ""
        return f"{action.owner_organisation.name}{worker}"
    return ""


def when_label(action: Action) -> str:
    if action.due_on:
        return f"By {_day(action.due_on)}"
    return action.frequency_label


def for_label(action: Action, non_abusing_parents: str = "") -> str:
    if action.for_whom == Action.ForWhom.CHILD and action.for_child_id is not None:
        return action.for_child.known_as or action.for_child.first_name
    if action.for_whom == Action.ForWhom.NON_ABUSING_PARENT and non_abusing_parents:
        return non_abusing_parents
    return str(Action.ForWhom(action.for_whom).label)


def snapshot(plan: Plan, outcomes: Iterable[Outcome], actions: Iterable[Action], children: Iterable[Any]) -> dict:
    """The whole plan as plain JSON. Pass the plan's outcomes and actions with their people and organisations
    loaded (select_related), and the children it covers."""
    return {
        "schema": SCHEMA,
        "plan": {
            "kind": plan.kind,
            "kind_label": plan.get_kind_display(),
            "status": plan.status,
            "status_label": plan.get_status_display(),
            "start_date": plan.start_date.isoformat() if plan.start_date else None,
            "children": [{"id": str(child.pk), "name": child.display_name} for child in children],
            "first_review_on": plan.first_review_on.isoformat() if plan.first_review_on else None,
            "review_interval_months": plan.review_interval_months,
            "ended_on": plan.ended_on.isoformat() if plan.ended_on else None,
            "end_reason": plan.end_reason,
        },
        "outcomes": [
            {
                "id": str(outcome.pk),
                "child_id": str(outcome.child_id),
                "child_name": outcome.child.display_name,
                "text": outcome.text,
                "share_with_parent_using_abuse": outcome.share_with_parent_using_abuse,
            }
            for outcome in outcomes
        ],
        "actions": [
            {
                "id": str(action.pk),
                "owner_label": owner_label(action),
                "owner_person_id": str(action.owner_person_id) if action.owner_person_id else None,
                "owner_organisation_id": action.owner_organisation_id,
                "owner_worker": action.owner_worker,
                "what": action.what,
                "due_on": action.due_on.isoformat() if action.due_on else None,
                "frequency_times": action.frequency_times,
                "frequency_unit": action.frequency_unit,
                "when_label": when_label(action),
                "measure": action.measure,
                "for_whom": action.for_whom,
                "for_child_id": str(action.for_child_id) if action.for_child_id else None,
                "for_label": for_label(action),
                "status": action.status,
                "status_label": action.get_status_display(),
            }
            for action in actions
        ],
    }


# What a reader compares, in the order shown, with the label they know it by.
PLAN_FIELDS = (
    ("kind_label", "Kind of plan"),
    ("status_label", "Status"),
    ("start_date", "Start date"),
    ("children", "Children covered"),
    ("first_review_on", "First review"),
    ("review_interval_months", "Reviewed every (months)"),
    ("ended_on", "Ended on"),
    ("end_reason", "Why it ended"),
)
OUTCOME_FIELDS = (("child_name", "Child"), ("text", "Outcome"), ("share_with_parent_using_abuse", "Shared"))
ACTION_FIELDS = (
    ("owner_label", "Who is responsible"),
    ("what", "What"),
    ("when_label", "When"),
    ("measure", "How progress is measured"),
    ("for_label", "For whom"),
    ("status_label", "Status"),
)


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ItemChange:
    """One outcome or action: added, removed or changed, with its text as it reads now (or last read)."""

    change: str  # "added", "removed" or "changed"
    title: str
    fields: tuple[FieldChange, ...] = ()


@dataclass
class PlanDiff:
    plan: list[FieldChange] = field(default_factory=list)
    outcomes: list[ItemChange] = field(default_factory=list)
    actions: list[ItemChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.plan or self.outcomes or self.actions)


def _readable(key: str, value: Any) -> str:
    if value is None or value == "":
        return "Not given"
    if key == "children":
        return ", ".join(child["name"] for child in value) or "None"
    if key in {"start_date", "first_review_on", "ended_on"}:
        return _day(dt.date.fromisoformat(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _field_changes(before: dict, after: dict, fields: tuple[tuple[str, str], ...]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(label, _readable(key, before.get(key)), _readable(key, after.get(key)))
        for key, label in fields
        if before.get(key) != after.get(key)
    )


def _items(
    before: list[dict], after: list[dict], fields: tuple[tuple[str, str], ...], title_key: str
) -> list[ItemChange]:
    old = {item["id"]: item for item in before}
    new = {item["id"]: item for item in after}
    changes: list[ItemChange] = []
    for item_id, item in new.items():
        if item_id not in old:
            changes.append(ItemChange("added", item[title_key], _field_changes({}, item, fields)))
            continue
        changed = _field_changes(old[item_id], item, fields)
        if changed:
            changes.append(ItemChange("changed", item[title_key], changed))
    changes.extend(ItemChange("removed", item[title_key]) for item_id, item in old.items() if item_id not in new)
    return changes


def diff(before: dict, after: dict) -> PlanDiff:
    """What changed from `before` to `after` (two snapshots): plan details, outcomes and actions."""
    return PlanDiff(
        plan=list(_field_changes(before.get("plan", {}), after.get("plan", {}), PLAN_FIELDS)),
        outcomes=_items(before.get("outcomes", []), after.get("outcomes", []), OUTCOME_FIELDS, "text"),
        actions=_items(before.get("actions", []), after.get("actions", []), ACTION_FIELDS, "what"),
    )


def display_content(content: dict) -> dict:
    """A snapshot with its dates written the GOV.UK way ("4 June 2026"), for reading a version on screen."""
    details = dict(content.get("plan", {}))
    for key in ("start_date", "first_review_on", "ended_on"):
        if details.get(key):
            details[key] = _readable(key, details[key])
    return {**content, "plan": details}
