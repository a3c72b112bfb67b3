"""Safety plans for documents and exports: the one way another app should read them for an output.

Two gates, both needed:
1. The professional making the output must be allowed to see safety plans on this case
   (`access.can_see_safety_plans`): a behaviour-change programme worker never is, whatever the audience.
2. The audience: never the parent using abuse. For the non-abusing parent, only her own and her children's
   plans; the disclosure policy (`childsafe.disclosure.policy`) decides field by field from each field's class,
   which `fields` gives alongside the value.

Records are read in two queries (the plans with their current versions and people).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from childsafe.accounts.models import User
from childsafe.cases.models import Case, Person
from childsafe.disclosure.classes import Audience, Sensitivity
from childsafe.safety.access import can_see_safety_plans
from childsafe.safety.models import SafetyPlan, SafetyPlanRevision
from childsafe.safety.sensitivity import FIELD_CLASSES

# The content of a version, in the order a document shows it, with the words a document uses.
OUTPUT_FIELDS: tuple[tuple[str, str], ...] = (
    ("safe_place", "A safe place to go"),
    ("safe_place_route", "How to get there"),
    ("trusted_person", "A trusted person to talk to"),
    ("trusted_person_contact", "How to reach them"),
    ("help_methods", "Safe ways to summon help"),
    ("summon_help", "How to summon help"),
    ("childs_understanding", "What the child understands"),
    ("other_steps", "Other steps"),
)


@dataclass(frozen=True)
class OutputField:
    name: str
    label: str
    value: Any
    sensitivity: Sensitivity


@dataclass(frozen=True)
class SafetyPlanForOutput:
    plan: SafetyPlan
    person: Person
    revision: SafetyPlanRevision
    fields: tuple[OutputField, ...]


def safety_plans_for_output(case: Case, *, made_by: User, audience: Audience) -> list[SafetyPlanForOutput]:
    """Each plan on the case with its current version, or [] when the maker or the audience may not have any."""
    if audience == Audience.PARENT_USING_ABUSE or not can_see_safety_plans(made_by, case):
        return []
    plans = SafetyPlan.objects.filter(case=case, current__isnull=False).select_related("person", "current")
    result = []
    for plan in plans:
        revision = plan.current
        values = []
        for name, label in OUTPUT_FIELDS:
            value = revision.help_method_labels() if name == "help_methods" else getattr(revision, name)
            if value:
                values.append(OutputField(name, label, value, FIELD_CLASSES[f"SafetyPlanRevision.{name}"]))
        result.append(SafetyPlanForOutput(plan=plan, person=plan.person, revision=revision, fields=tuple(values)))
    return result
