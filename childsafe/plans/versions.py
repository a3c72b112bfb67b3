"""A plan's versions: the snapshot of the whole plan kept after each change, and the readable difference between two.

`snapshot` serialises the plan from its own models into plain JSON: the plan's details, each outcome and each
action, with the labels as they read at the time (names, "Weekly", "Not started"), so an old version reads as it
did even after people or organisations are renamed. `diff` compares two snapshots (pure: data in, changes out).

A snapshot is read by the same rules as the live plan (`plans.access.hidden_in_snapshot`): `as_action` and
`as_outcome` turn a snapshot's item back into an unsaved model instance for those rules to judge, and
`leave_out` and `diff_leaving_out` drop what a reader may not see before anything is shown or compared, so no
version page or comparison can carry words the plan page keeps from them.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from childsafe.accounts.models import Organisation
from childsafe.cases.models import Person
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
    # Outcomes and actions that differ but were left out for this reader (`diff_leaving_out`): counted, never shown.
    hidden_outcomes: int = 0
    hidden_actions: int = 0

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


@dataclass(frozen=True)
class LeftOut:
    """The ids of the outcomes and actions of a snapshot that one reader may not see."""

    outcomes: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()

    def __or__(self, other: LeftOut) -> LeftOut:
        return LeftOut(self.outcomes | other.outcomes, self.actions | other.actions)


def leave_out(content: dict, left_out: LeftOut) -> dict:
    """The snapshot without these outcomes and actions (a copy: the stored version is never touched)."""
    return {
        **content,
        "outcomes": [item for item in content.get("outcomes", []) if item["id"] not in left_out.outcomes],
        "actions": [item for item in content.get("actions", []) if item["id"] not in left_out.actions],
    }


def _differs(before: list[dict], after: list[dict], ids: frozenset[str]) -> int:
    old = {item["id"]: item for item in before if item["id"] in ids}
    new = {item["id"]: item for item in after if item["id"] in ids}
    return sum(1 for item_id in old.keys() | new.keys() if old.get(item_id) != new.get(item_id))


def diff_leaving_out(before: dict, after: dict, left_out: LeftOut) -> PlanDiff:
    """`diff` without these outcomes and actions on either side, counting those of them that differ.

    Left out of both sides, not just the side where it is hidden: an action changed to name a refuge would
    otherwise read as "removed", which is untrue, and a comparison must never show what a reader may not see."""
    changes = diff(leave_out(before, left_out), leave_out(after, left_out))
    changes.hidden_outcomes = _differs(before.get("outcomes", []), after.get("outcomes", []), left_out.outcomes)
    changes.hidden_actions = _differs(before.get("actions", []), after.get("actions", []), left_out.actions)
    return changes


def as_outcome(item: dict) -> Outcome:
    """A snapshot's outcome as an unsaved Outcome, for the rules written for the model (plans.access). Never saved."""
    shared = bool(item.get("share_with_parent_using_abuse"))
    return Outcome(text=item.get("text", ""), share_with_parent_using_abuse=shared)


def as_action(item: dict, people: Mapping[str, Person], agencies: Mapping[Any, Organisation]) -> Action:
    """A snapshot's action as an unsaved Action, its owner taken from the case's `people` (by id as text) and
    `agencies` (by id) as they are now, for the rules written for the model (plans.access). Never saved.

    An owner no longer on record stands in as neither parent, and as an agency whose name places someone (a
    refuge), so a rule that depends on the owner keeps the action from those who work with the parent using abuse."""
    action = Action(
        what=item.get("what", ""),
        measure=item.get("measure", ""),
        owner_worker=item.get("owner_worker", ""),
        for_whom=item.get("for_whom", ""),
    )
    person_id = item.get("owner_person_id")
    if person_id:
        action.owner_person = people.get(person_id) or Person(pk=person_id, role_in_case="")
    child_id = item.get("for_child_id")
    if child_id and child_id in people:
        action.for_child = people[child_id]
    agency_id = item.get("owner_organisation_id")
    if agency_id is not None:
        action.owner_organisation = agencies.get(agency_id) or Organisation(
            pk=agency_id, name="", kind=Organisation.Kind.REFUGE
        )
    return action


NO_LONGER_IN_THE_CASE = "Someone no longer in the case"


def _name(person_id: str | None, people: Mapping[str, Person]) -> str:
    person = people.get(person_id or "")
    return person.display_name if person is not None else NO_LONGER_IN_THE_CASE


def relabelled(content: dict, people: Mapping[str, Person]) -> dict:
    """The snapshot with every name of a person in it as `people` read now, not as it was then: for a reader who
    is given the case's people redacted (`cases.access.redact_people`), so a name the snapshot kept (a child's
    known-as name, which says where she can be found) never reaches them. Someone no longer in the case is named
    as that. A copy: the stored version is never touched."""
    details = dict(content.get("plan", {}))
    details["children"] = [
        {"id": child["id"], "name": _name(child["id"], people)} for child in details.get("children", [])
    ]
    outcomes = [{**item, "child_name": _name(item.get("child_id"), people)} for item in content.get("outcomes", [])]
    actions = []
    for item in content.get("actions", []):
        action = as_action(item, people, {})  # only its people are read here
        relabelled_item = {**item, "for_label": for_label(action)}
        if item.get("for_child_id") and item["for_child_id"] not in people:
            relabelled_item["for_label"] = NO_LONGER_IN_THE_CASE
        # An agency's name is not redacted per reader: only a person's name is read again.
        if item.get("owner_person_id"):
            owner_known = item["owner_person_id"] in people
            relabelled_item["owner_label"] = owner_label(action) if owner_known else NO_LONGER_IN_THE_CASE
        actions.append(relabelled_item)
    return {**content, "plan": details, "outcomes": outcomes, "actions": actions}


def display_content(content: dict) -> dict:
    """A snapshot with its dates written the GOV.UK way ("4 June 2026"), for reading a version on screen."""
    details = dict(content.get("plan", {}))
    for key in ("start_date", "first_review_on", "ended_on"):
        if details.get(key):
            details[key] = _readable(key, details[key])
    return {**content, "plan": details}
