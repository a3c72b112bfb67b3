"""Who may see and change safety information: decided here, once, and used by views, templates and outputs.

The adversary is the person using abusive behaviours, directly or through a worker he has deceived, and a safety
plan tells him exactly where she and the children would run to, who they would tell and how they would call for
help. So safety plan content (and the contact safety checks, which hold her perspective and the list of what
must not be disclosed) goes only to:

- the lead organisation, which holds the case and made most of the plans, unless it is a behaviour-change
  programme; and
- partners whose job is to protect the victim-survivor and the children: children's social care, a domestic
  abuse service, a refuge, the police, health and the children's school. Each of them acts on the plan: the
  school knows who may collect a child and who the child's trusted adult is; the police respond to a 999 call
  and a Silent Solution "55"; health visitors and GPs see her alone; the refuge and the domestic abuse service
  make the plans with her.

Everyone else the case is shared with sees that a plan exists and nothing more. Above all a behaviour-change
(perpetrator) programme never does, even if it were the lead: its relationship is with him, and its worker is
the easiest person for him to deceive or pressure. Probation, housing and early help are left out for the same
need-to-know reason (they work with him, or need an address rather than a plan); they can be added here if a
local agreement says otherwise.

Worker safety flags are different: everyone who works on the case sees them, programme workers included,
because anyone may meet the person they warn about. They name the person flagged, and the safety pages name
each person who has a plan: for those who work with the person using abuse, never by a name someone is known by
now, which is a location (`cases.access.redact_people`, applied by every view here that shows them people).
"""

from __future__ import annotations

from childsafe.accounts.models import Organisation, User
from childsafe.cases.access import WORKS_WITH_THE_PERSON_USING_ABUSE, can_edit_case
from childsafe.cases.models import Case
from childsafe.safety.models import WorkerSafetyFlag

Kind = Organisation.Kind

SAFETY_PLAN_ORGANISATION_KINDS: frozenset[str] = frozenset(
    {
        Kind.CHILDRENS_SOCIAL_CARE,
        Kind.DOMESTIC_ABUSE_SERVICE,
        Kind.REFUGE,
        Kind.POLICE,
        Kind.HEALTH,
        Kind.SCHOOL,
    }
)
NEVER_SEE_SAFETY_PLANS: frozenset[str] = WORKS_WITH_THE_PERSON_USING_ABUSE


def can_see_safety_plans(user: User, case: Case) -> bool:
    """Whether this user (already allowed to see the case) may read safety plans and contact safety checks."""
    if not user.is_authenticated or not user.works_on_cases or user.organisation_id is None:
        return False
    kind = user.organisation.kind
    if kind in NEVER_SEE_SAFETY_PLANS:
        return False
    return user.organisation_id == case.lead_organisation_id or kind in SAFETY_PLAN_ORGANISATION_KINDS


def can_change_safety_plans(user: User, case: Case) -> bool:
    return can_see_safety_plans(user, case) and can_edit_case(user, case)


def can_work_on_contacts(user: User, case: Case) -> bool:
    """Planning contact with the parent using abuse needs her perspective and the safety plans: the same rule."""
    return can_see_safety_plans(user, case)


def can_raise_flags(user: User, case: Case) -> bool:
    return can_edit_case(user, case)


def can_lift_flag(user: User, case: Case, flag: WorkerSafetyFlag) -> bool:
    """A flag protects colleagues, so only whoever raised it, the allocated worker or a manager may lift it."""
    if not can_edit_case(user, case) or not flag.is_active:
        return False
    return user.oversees_cases or flag.raised_by_id == user.pk or case.allocated_worker_id == user.pk
