"""Case summary sections from the other domain apps: safety plans, worker safety, assessment results, referrals.

Each function reads its app's records and shows them through the document's `Presenter`, so the same policy
decides what each reader gets: a safety plan reaches professionals and, for her own and her children's, the
non-abusing parent; worker safety flags and assessment results (professionals' judgement) reach professionals only;
the parent using abuse sees his own referrals and attendance, and nothing of anyone else's.
"""

from __future__ import annotations

from decimal import Decimal

from childsafe.assessments.models import Assessment
from childsafe.cases.models import Case
from childsafe.disclosure.presenters import Presenter
from childsafe.documents.model import Heading, KeyValues, Paragraph, Section, Table
from childsafe.safety.models import HelpMethod, SafetyPlan, SafetyPlanRevision, WorkerSafetyFlag
from childsafe.services.models import Referral


def _people_by_id(presenter: Presenter) -> dict:
    return {person.pk: person for person in presenter.people()}


SAFETY_ROWS: tuple[tuple[str, str], ...] = (
    ("safe_place", "A safe place to go"),
    ("safe_place_route", "How to get there"),
    ("trusted_person", "A trusted person to talk to"),
    ("trusted_person_contact", "How to reach them"),
    ("help_methods", "Safe ways to get help"),
    ("summon_help", "How to call for help"),
    ("childs_understanding", "What the child understands of the plan"),
    ("other_steps", "Other steps"),
)


def safety_plans(case: Case, presenter: Presenter) -> list[Section]:
    people = _people_by_id(presenter)
    blocks: list[object] = []
    plans = SafetyPlan.objects.filter(case=case).select_related("current").order_by("made_on", "id")
    for plan in plans:
        plan.person = people.get(plan.person_id, plan.person)
        revision: SafetyPlanRevision | None = plan.current
        if revision is None:
            continue
        revision.plan = plan
        content = presenter.show(revision)
        name = presenter.name(plan.person)
        if not content or not name:
            continue
        shown_plan = presenter.show(plan)
        labels = dict(HelpMethod.choices)
        rows = []
        for field, label in SAFETY_ROWS:
            value = content.get(field)
            if field == "help_methods" and "help_methods" in content.values:
                value = "\n".join(str(labels.get(code, code)) for code in content.values["help_methods"])
            rows.append((label, value))
        rows += [
            ("Phase", shown_plan.get("phase") or content.get("phase")),
            ("Made", shown_plan.get("made_on")),
            ("Last reviewed", shown_plan.get("last_reviewed_on")),
        ]
        blocks += [Heading(f"Safety plan for {name}"), KeyValues(rows)]
    return [Section("Safety plans", blocks)] if blocks else []


def worker_safety(case: Case, presenter: Presenter) -> list[Section]:
    people = _people_by_id(presenter)
    rows = []
    for flag in WorkerSafetyFlag.objects.filter(case=case, lifted_on__isnull=True).order_by("raised_on", "id"):
        flag.person = people.get(flag.person_id, flag.person)
        shown = presenter.show(flag)
        if shown.get("kind") and shown.get("person"):
            rows.append([shown.get("person"), shown.get("kind"), shown.get("details"), shown.get("review_by")])
    if not rows:
        return []
    table = Table("Flags in force", ["About", "Flag", "Details", "Review by"], rows, [3, 3, 5, 2])
    return [Section("Worker safety", [table])]


def _result_text(result: object) -> str:
    if not isinstance(result, dict):
        return ""
    lines = []
    for subject in result.get("subjects", ()):
        level, tier = subject.get("level_label", ""), subject.get("tier")
        name = subject.get("subject_name", "")
        text = f"{level} (tier of need {tier})" if tier else level
        lines.append(f"{name}: {text}" if name else text)
    return "\n".join(line for line in lines if line)


def assessments(case: Case, presenter: Presenter) -> list[Section]:
    people = _people_by_id(presenter)
    rows = []
    completed = Assessment.objects.filter(case=case, status=Assessment.Status.COMPLETED).order_by("completed_at")
    for assessment in completed:
        if assessment.subject_id:
            assessment.subject = people.get(assessment.subject_id, assessment.subject)
        shown = presenter.show(assessment)
        result = _result_text(shown.values.get("result"))
        if not result:
            continue
        about = shown.get("subject") or "The household"
        rows.append([shown.get("instrument_title"), about, shown.get("completed_at"), result])
    if not rows:
        return []
    table = Table(
        "Completed assessments, oldest first", ["Assessment", "About", "Completed", "Result"], rows, [4, 3, 3, 5]
    )
    return [Section("Assessments", [table])]


def _attendance(presenter: Presenter, referral: Referral) -> str:
    sessions = [presenter.show(session) for session in referral.sessions.all()]
    held = [shown for shown in sessions if "attended" in shown.values]
    if not held:
        return ""
    attended = sum(1 for shown in held if shown.values["attended"])
    hours = sum((shown.values.get("hours_attended") or Decimal(0) for shown in held), Decimal(0))
    return f"{attended} of {len(held)} sessions attended ({hours.normalize():f} hours)"


def referrals(case: Case, presenter: Presenter) -> list[Section]:
    people = _people_by_id(presenter)
    rows = []
    query = (
        Referral.objects.filter(case=case)
        .select_related("service", "referred_by_organisation")
        .prefetch_related("sessions")
        .order_by("referred_on", "id")
    )
    for referral in query:
        referral.person = people.get(referral.person_id, referral.person)
        shown = presenter.show(referral)
        if not (shown.get("person") and shown.get("service")):
            continue
        status = shown.get("status")
        if shown.get("status_on") and status:
            status += f" ({shown.get('status_on')})"
        reasons = [shown.get("reason"), shown.get("status_reason")]
        rows.append(
            [
                shown.get("person"),
                shown.get("service"),
                shown.get("referred_on"),
                status,
                _attendance(presenter, referral),
                "\n".join(reason for reason in reasons if reason),
            ]
        )
    if not rows:
        return []
    columns = ["Who", "Service", "Referred on", "Status", "Attendance", "Reason"]
    keep = [index for index in range(len(columns)) if any(row[index] for row in rows)]
    weights = [3, 4, 2, 3, 3, 5]
    table = Table(
        "Referrals to services, oldest first",
        [columns[index] for index in keep],
        [[row[index] for index in keep] for row in rows],
        [weights[index] for index in keep],
    )
    return [Section("Referrals and services", [table])]


def note_on_safety_plans() -> Paragraph:
    return Paragraph("Keep this document somewhere only you can reach: it includes your safety plan.")


SECTIONS = (safety_plans, worker_safety, assessments, referrals)
