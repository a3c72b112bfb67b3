"""Reading a plan: everything about one plan in a fixed number of queries, and the facts the rules check.

`load_plan` is how the editor, the version snapshot and other apps (documents) read a plan: the plan, the children
it covers (oldest first), its outcomes (with their child), its actions (in plan order, numbered from 1, each with
its owner, the child it is for and its progress updates newest first), the people in the case and the agencies the
case is shared with. It makes the same number of queries whatever the size of the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from childsafe.accounts.models import Organisation
from childsafe.cases.access import redact_people
from childsafe.cases.models import Case, Person
from childsafe.plans import access
from childsafe.plans import accountability as rules
from childsafe.plans.models import Action, Outcome, Plan, PlanVersion, ProgressUpdate
from childsafe.plans.versions import PlanDiff, diff_leaving_out, relabelled


@dataclass
class LoadedPlan:
    plan: Plan
    children: list[Person]
    outcomes: list[Outcome]
    actions: list[Action]
    people: list[Person]
    agencies: list[Organisation]
    facts: rules.PlanFacts = field(init=False)
    findings: list[rules.Finding] = field(init=False)

    def __post_init__(self) -> None:
        self.facts = plan_facts(self.plan, self.children, self.outcomes, self.actions, self.people, self.agencies)
        self.findings = rules.check_plan(self.facts)

    @property
    def activation_problems(self) -> list[rules.Problem]:
        return rules.activation_problems(self.facts, self.findings)

    @property
    def blocking_count(self) -> int:
        return sum(1 for finding in self.findings if finding.blocking)

    def findings_for(self, action: Action) -> list[rules.Finding]:
        return [finding for finding in self.findings if finding.action_id == str(action.pk)]

    @property
    def plan_findings(self) -> list[rules.Finding]:
        return [finding for finding in self.findings if finding.action_id is None]

    def action_number(self, action_id: Any) -> int | None:
        for number, action in enumerate(self.actions, start=1):
            if str(action.pk) == str(action_id):
                return number
        return None


def children_oldest_first(children: list[Person], today: dt.date) -> list[Person]:
    def order(child: Person) -> tuple[int, str]:
        age = child.age_on(today)
        return (-(age if age is not None else -1), child.first_name)

    return sorted(children, key=order)


def plan_in_case(case: Case, plan_id: Any) -> Plan:
    """The plan, only if it belongs to this case: another case's plan id is a 404 like an unknown one."""
    plan = Plan.objects.filter(case=case, pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    plan.case = case
    return plan


def load_plan(plan: Plan, people: list[Person] | None = None, *, with_updates: bool = True) -> LoadedPlan:
    """Everything about the plan (see the module docstring). Pass `people` if already loaded, to save a query."""
    if people is None:
        people = list(Person.objects.filter(case_id=plan.case_id))
    by_id = {person.pk: person for person in people}
    child_ids = list(plan.children.values_list("pk", flat=True))
    children = children_oldest_first([by_id[pk] for pk in child_ids if pk in by_id], timezone.localdate())

    outcomes = list(Outcome.objects.filter(plan=plan).order_by("created_at", "id"))
    actions_query = Action.objects.filter(plan=plan).select_related("owner_organisation").order_by("created_at", "id")
    if with_updates:
        actions_query = actions_query.prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("recorded_by"))
        )
    actions = list(actions_query)
    # People come from the one list of the case's people rather than a join per relation.
    for outcome in outcomes:
        outcome.child = by_id.get(outcome.child_id) or outcome.child
    for number, action in enumerate(actions, start=1):
        if action.owner_person_id is not None:
            action.owner_person = by_id.get(action.owner_person_id) or action.owner_person
        if action.for_child_id is not None:
            action.for_child = by_id.get(action.for_child_id) or action.for_child
        action.number = number  # type: ignore[attr-defined]
        updates = list(action.updates.all()) if with_updates else []
        action.latest_update = updates[0] if updates else None  # type: ignore[attr-defined]
    agencies = list(Organisation.objects.filter(case_shares__case_id=plan.case_id).order_by("name").distinct())
    return LoadedPlan(plan, children, outcomes, actions, people, agencies)


def person_facts(person: Person) -> rules.PersonFacts:
    return rules.PersonFacts(id=str(person.pk), name=person.known_as or person.first_name, role=person.role_in_case)


def agency_facts(organisation: Organisation) -> rules.AgencyFacts:
    return rules.AgencyFacts(id=str(organisation.pk), name=organisation.name, kind=organisation.kind)


def action_facts(action: Action, number: int) -> rules.ActionFacts:
    return rules.ActionFacts(
        id=str(action.pk),
        label=f"Action {number}",
        what=action.what,
        owner_person=person_facts(action.owner_person) if action.owner_person_id else None,
        owner_agency=agency_facts(action.owner_organisation) if action.owner_organisation_id else None,
        owner_worker=action.owner_worker,
        due_on=action.due_on,
        frequency=action.frequency_label,
        measure=action.measure,
        for_whom=action.for_whom,
        for_child_id=str(action.for_child_id) if action.for_child_id else None,
    )


def plan_facts(
    plan: Plan,
    children: list[Person],
    outcomes: list[Outcome],
    actions: list[Action],
    people: list[Person],
    agencies: list[Organisation],
) -> rules.PlanFacts:
    return rules.PlanFacts(
        kind=plan.kind,
        people=tuple(person_facts(person) for person in people),
        covered_child_ids=tuple(str(child.pk) for child in children),
        actions=tuple(action_facts(action, number) for number, action in enumerate(actions, start=1)),
        agencies=tuple(agency_facts(agency) for agency in agencies),
        outcome_child_ids=tuple(sorted({str(outcome.child_id) for outcome in outcomes})),
        start_date=plan.start_date,
    )


def changes_since(plan: Plan, started_from: int | None, reader: Any) -> PlanDiff | None:
    """What changed in the plan between version `started_from` and its newest version (None if unknown), as
    `reader` may read it: without the outcomes and actions they may not see (`access.hidden_in_versions`), and, for
    those who see only part of the plan, without the plan's details and with everyone named as `redact_people`
    gives them (they do not run the plan, and a name kept in a version may be where a child can be found)."""
    if not started_from:
        return None
    contents = dict(
        PlanVersion.objects.filter(plan=plan, number__in=[started_from, plan.version]).values_list("number", "content")
    )
    if started_from not in contents or plan.version not in contents:
        return None
    before, after = contents[started_from], contents[plan.version]
    case = plan.case
    hidden_before, hidden_after = access.hidden_in_versions(reader, case, [before, after])
    if not access.sees_plan_in_full(reader):
        people = list(Person.objects.filter(case=case))
        redact_people(reader, people)
        by_id = {str(person.pk): person for person in people}
        before, after = ({**relabelled(content, by_id), "plan": {}} for content in (before, after))
    return diff_leaving_out(before, after, hidden_before | hidden_after)
