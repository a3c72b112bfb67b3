"""A case with something in every section, built through each app's own service functions, for tests that walk every
page: the household (people, an address, contact details, a relationship), a chronology entry, a completed and a draft
assessment of every instrument (the child's screenings rising, a lowering waiting for sign-off), a programme referral
with partner support and three missed sessions, an active plan with outcomes, actions, progress, a review and several
versions, safety plans with versions and a review, a worker safety flag, and contacts with the parent using abuse at
each stage. A second case of the same worker holds the same kinds of record, so a test can post "ids from another
case" that the worker may see but that do not belong here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from childsafe.accounts.models import Organisation, Team, User
from childsafe.assessments import services as assessments
from childsafe.assessments.instruments import get_registry
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.assessments.tests.conftest import checklist_answers, full_answers, screening_answers
from childsafe.cases import services as cases
from childsafe.cases.models import Address, Case, ContactDetail, Person, Relationship
from childsafe.chronology import services as chronology
from childsafe.plans import services as plans
from childsafe.plans.models import Plan
from childsafe.plans.prompts import prompts_for_case
from childsafe.safety import services as safety
from childsafe.safety.models import PlannedContact
from childsafe.services import attendance, referrals
from childsafe.services.directory import save_service
from childsafe.services.models import EvidenceLevel, Referral, Service

SCREENING = "child-threshold-screening"
FULL = "full-nine-area-assessment"
CHECKLIST = "victim-survivor-risk-checklist"
VOICE = "childs-voice"
REFLECTION = "practice-reflection"

VOICE_ANSWERS = {
    "setting": "school",
    "heard_by": "Aisha Worker, social worker",
    "how_shared": ["talking"],
    "wishes": "I want Mum to be happy.",
    "feelings": "Sometimes my tummy hurts at night.",
    "worries": "When Dad shouts I hide in my room.",
    "feels_safe": "When the door is locked and Mum is home.",
    "feels_unsafe": "Loud noises and the front door banging.",
}
REFLECTION_ANSWERS = {
    "domestic_abuse_informed_rating": "established",
    "domestic_abuse_informed_notes": "The chronology names Darren as choosing each behaviour.",
    "trauma_informed_rating": "developing",
    "trauma_informed_notes": "Visits planned with the children's worker.",
    "whole_family_rating": "developing",
    "whole_family_notes": "Darren has not yet been seen as a parent.",
    "intersectional_rating": "not_yet",
    "intersectional_notes": "Ask about money and immigration status.",
}


@dataclass
class RichCase:
    case: Case
    worker: User
    manager: User
    people: dict[str, Person]
    # Record ids by the URL keyword that names them; lists where a page depends on the record's state.
    ids: dict[str, Any] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)
    contacts: list[PlannedContact] = field(default_factory=list)
    prompt_keys: list[str] = field(default_factory=list)
    plan_versions: list[int] = field(default_factory=list)
    safety_versions: list[int] = field(default_factory=list)


def _person(case: Case, by: User, role: str, first: str, last: str, born: dt.date | None = None) -> Person:
    person = Person(case=case, role_in_case=role, first_name=first, last_name=last, date_of_birth=born)
    cases.save_record(person, by=by, request=None, changed=["first_name"], creating=True)
    return person


def _service(by: User, key: str, name: str, service_type: str, serves: list[str], **extra: Any) -> Service:
    values: dict[str, Any] = {
        "key": key,
        "name": name,
        "service_type": service_type,
        "tiers": [1, 2, 3, 4],
        "serves": serves,
        "areas": ["Northbrook"],
        "waiting_weeks": 0,
        "evidence_level": EvidenceLevel.NOT_YET_EVALUATED,
        "is_active": True,
        **extra,
    }
    service = Service(**values)
    save_service(service, by=by, changed=list(values), creating=True)
    return service


def _complete(case: Case, by: User, instrument_id: str, answers: dict, subject: Person | None) -> Assessment:
    instrument = get_registry().latest(instrument_id)
    assessment = assessments.start_assessment(case, instrument, subject=subject, by=by)
    return assessments.complete_assessment(assessment, answers, people=list(case.people.all()), by=by)


def _draft(case: Case, by: User, instrument_id: str, subject: Person | None) -> Assessment:
    instrument = get_registry().latest(instrument_id)
    return assessments.start_assessment(case, instrument, subject=subject, by=by)


def _action(plan: Plan, by: User, **fields: Any):
    data: dict[str, Any] = {
        "owner_person": None,
        "owner_organisation": None,
        "owner_worker": "",
        "what": "",
        "due_on": None,
        "frequency_times": 1,
        "frequency_unit": "week",
        "measure": "Session notes",
        "for_whom": "whole_family",
        "for_child": None,
    }
    data.update(fields)
    return plans.save_action(plan, by, data)


def _household(case: Case, by: User, prefix: str = "") -> dict[str, Person]:
    return {
        "mia": _person(case, by, "child", f"{prefix}Mia", "Fernhill", dt.date(2017, 3, 4)),
        "leo": _person(case, by, "child", f"{prefix}Leo", "Fernhill", dt.date(2020, 7, 19)),
        "rachel": _person(case, by, "non_abusing_parent", f"{prefix}Rachel", "Fernhill"),
        "darren": _person(case, by, "parent_using_abuse", f"{prefix}Darren", "Cole"),
    }


def build_rich_case(worker: User, manager: User, team: Team, partner: Organisation) -> RichCase:
    """The rich case (see the module docstring), opened 1 September 2026 by `worker`, shared with `partner`."""
    today = timezone.localdate()
    case = cases.open_case(
        by=worker,
        shared_with=[partner],
        summary="Police notification after an assault; two children in the home",
        team=team,
        allocated_worker=worker,
        opened_on=today - dt.timedelta(days=90),
    )
    people = _household(case, worker)
    mia, leo, rachel, darren = people["mia"], people["leo"], people["rachel"], people["darren"]
    rich = RichCase(case=case, worker=worker, manager=manager, people=people)
    ids = rich.ids
    ids["case_id"] = case.pk
    ids["person_id"] = leo.pk  # Leo has no safety plan yet, so "add a safety plan" for him is a real form

    address = Address(
        case=case, kind="refuge", line_1="1 Hidden Way", postcode="NB1 2ZZ", is_confidential_location=True
    )
    cases.save_record(address, by=worker, request=None, changed=["line_1"], creating=True)
    detail = ContactDetail(person=rachel, kind="phone", value="07000 111222")
    cases.save_record(detail, by=worker, request=None, changed=["value"], creating=True)
    relationship = Relationship(case=case, person=darren, kind="parent_of", other_person=mia)
    cases.save_record(relationship, by=worker, request=None, changed=["kind"], creating=True)
    ids.update(address_id=address.pk, detail_id=detail.pk, relationship_id=relationship.pk)

    entry = chronology.add_entry(
        case,
        worker,
        {
            "behaviour": "coercive_control",
            "person_responsible": darren,
            "description": "Darren took Rachel's phone and bank card.",
            "occurred_from": today - dt.timedelta(days=80),
            "occurred_to": None,
            "date_is_approximate": False,
            "reported_by": "victim_survivor",
            "source_document": "Police notification",
        },
        {mia: "Mia heard the shouting and hid in her room."},
        None,
    )
    ids["entry_id"] = entry.pk

    # Assessments: Mia's screenings rise from moderate to serious; a draft and a completed one of every instrument.
    everyone = list(case.people.all())
    rich.assessments = [
        _complete(case, worker, SCREENING, screening_answers(controlling_behaviour=["control"]), mia),
        _complete(
            case,
            worker,
            SCREENING,
            screening_answers(
                physical_violence=["serious_or_increasing"],
                controlling_behaviour=["control", "fear_for_life"],
                circumstances=["separation", "escalation"],
                child_harm=["lives_with_abuse", "distress"],
            ),
            mia,
        ),
        _complete(case, worker, FULL, full_answers([p for p in everyone if p.is_child]), None),
        _complete(case, worker, CHECKLIST, checklist_answers(yes=15), rachel),
        _complete(case, worker, VOICE, {**VOICE_ANSWERS, "heard_on": today.isoformat()}, mia),
        _complete(case, worker, REFLECTION, REFLECTION_ANSWERS, None),
        _draft(case, worker, SCREENING, leo),
        _draft(case, worker, FULL, None),
        _draft(case, worker, CHECKLIST, rachel),
        _draft(case, worker, VOICE, leo),
        _draft(case, worker, REFLECTION, None),
    ]
    lowering = assessments.change_level(
        rich.assessments[1], mia, "moderate", "Mia is now at her grandmother's, away from him", by=worker
    )
    if lowering.status != LevelChange.Status.AWAITING_SIGN_OFF:
        raise AssertionError("a lowering below what the answers give waits for a manager's sign-off")
    ids["change_id"] = lowering.pk

    # Services and referrals: the programme with partner support, three sessions missed in a row.
    programme = _service(
        worker,
        "nb-change",
        "Northbrook Change Programme",
        "behaviour_change_programme",
        ["parent_using_abuse"],
    )
    partner_support = _service(
        worker, "nb-change-partner", "Change Programme partner support", "partner_support",
        ["non_abusing_parent"],
    )  # fmt: skip
    childrens = _service(worker, "nb-children", "Children's one-to-one support", "community_outreach", ["child"])
    ids["service_id"] = childrens.pk
    sent = today - dt.timedelta(days=60)
    on_programme, partner_referral = referrals.refer_to_programme(
        case,
        darren,
        programme,
        reason="Darren chose to use coercive and violent behaviour towards Rachel.",
        on=sent,
        by=worker,
        partner=rachel,
        partner_service=partner_support,
        partner_reason="Partner support for Rachel alongside the programme.",
    )
    referrals.change_status(on_programme, Referral.Status.ACCEPTED, on=sent + dt.timedelta(days=2), by=worker)
    referrals.change_status(on_programme, Referral.Status.STARTED, on=sent + dt.timedelta(days=7), by=worker)
    for week, attended in enumerate([True, True, False, False, False]):
        attendance.record_session(
            on_programme,
            held_on=sent + dt.timedelta(days=7 + 7 * week),
            planned_hours=Decimal("2.5"),
            attended=attended,
            hours_attended=Decimal("2.5") if attended else None,
            note="" if attended else "Did not attend and did not call.",
            by=worker,
        )
    referrals.refer(case, mia, childrens, reason="Mia is frightened at night.", on=sent, by=worker)
    ids["referral_id"] = on_programme.pk
    ids["partner_referral_id"] = partner_referral.pk if partner_referral else None

    # The plan: accountable, active, with progress, a review and several versions.
    plan = plans.create_plan(case, worker, kind="child_protection", start_date=sent, children=[mia, leo])
    for child in (mia, leo):
        plans.save_outcome(plan, worker, {"child": child, "text": f"{child.first_name} feels safe at home"})
    programme_action = _action(
        plan,
        worker,
        owner_person=darren,
        what="Darren to attend every weekly session of the behaviour-change programme",
        measure="The programme's weekly attendance reports",
        for_whom="parent_using_abuse",
    )
    _action(
        plan,
        worker,
        owner_organisation=partner,
        owner_worker="outreach worker",
        what="Northbrook Domestic Abuse Service to meet Rachel every fortnight to review her safety plan",
        frequency_unit="fortnight",
        for_whom="non_abusing_parent",
    )
    for child in (mia, leo):
        _action(
            plan,
            worker,
            owner_organisation=partner,
            owner_worker="children's worker",
            what=f"Children's worker to hold one-to-one sessions with {child.first_name} every week",
            for_whom="child",
            for_child=child,
        )
    plans.activate_plan(plan, worker)
    plans.record_progress(
        plan, programme_action, worker, recorded_on=today - dt.timedelta(days=20), status="in_progress", note="2 of 5"
    )
    review = plans.record_review(
        plan,
        worker,
        {
            "held_on": today - dt.timedelta(days=10),
            "others_attended": "health visitor",
            "engagement": "engaged_no_change",
            "engagement_notes": "Attending most weeks; no change reported yet.",
            "safety_change": "no_change",
            "safety_notes": "No new incidents reported.",
            "decision": "continue",
            "next_review_on": today + dt.timedelta(days=60),
            "agencies_attended": [partner],
            "plan_versions": [],
        },
        child_views={mia: "Mia said she likes her worker."},
    )
    plan.refresh_from_db()
    ids.update(
        plan_id=plan.pk,
        outcome_id=plan.outcomes.first().pk,
        action_id=programme_action.pk,
        review_id=review.pk,
    )
    rich.plan_versions = sorted({1, plan.version})

    # Safety: Mia's plan in two versions and reviewed, Rachel's plan, a flag on Darren, contacts at each stage.
    mia_plan = safety.create_plan(
        case,
        mia,
        safety.PlanContent(
            safe_place="Nana Jean's house",
            trusted_person="Nana Jean",
            help_methods=["call_999"],
            childs_understanding="Mia knows to go to Nana's",
        ),
        by=worker,
        made_on=today - dt.timedelta(days=30),
    )
    safety.update_plan(
        mia_plan,
        safety.PlanContent(
            safe_place="Nana Jean's house, by the back lane",
            trusted_person="Nana Jean",
            help_methods=["call_999", "code_word"],
            summon_help="The code word is pancakes",
            childs_understanding="Mia knows to go to Nana's",
        ),
        change_summary="Added the code word",
        by=worker,
    )
    safety.record_review(
        mia_plan, reviewed_on=today, reviewed_with="Mia, with Rachel", how="school", outcome="still_right", by=worker
    )
    safety.create_plan(
        case,
        rachel,
        safety.PlanContent(
            safe_place="Her sister's house", trusted_person="Her support worker", help_methods=["call_999"]
        ),
        by=worker,
    )
    flag = safety.raise_flag(
        case, darren, kind="do_not_visit_alone", details="Shouted at a worker", review_by=today + dt.timedelta(days=60),
        by=worker,
    )  # fmt: skip
    ids.update(flag_id=flag.pk)
    ids["safety_plan_id"] = mia_plan.pk
    rich.safety_versions = [1, 2]
    rich.contacts = _contacts(case, darren, worker, today)

    # Open escalation prompts now come from the real records: the rise in Mia's level, the missed sessions.
    rich.prompt_keys = [prompt.key for prompt in prompts_for_case(case, user=worker)]
    return rich


CHECK = {
    "risk_information_read": "yes",
    "risk_to_her": "High: threatening messages since she left",
    "risk_to_children": "He has threatened to take the children",
    "recent_changes": "Court hearing next month",
    "could_increase_risk": "yes",
    "risk_management": "Rachel told in advance; support worker with her that afternoon",
    "perspective_gathered": "via_worker",
    "perspective_via": "Pat Partner, Northbrook Domestic Abuse Service",
    "not_safe_to_ask_reason": "",
    "her_view_on_safety": "She is frightened he will follow her",
    "her_view_on_risk": "yes",
    "childrens_perspective": "Mia does not want to see him",
    "must_not_disclose": ["her_address", "school", "safety_plans", "what_she_said"],
    "must_not_disclose_other": "",
    "everyone_briefed": "yes",
    "worker_arrangements": ["pairs", "office", "whereabouts"],
    "worker_safety_notes": "",
    "manager_consulted": "",
    "manager_advice": "",
}


def _contacts(case: Case, darren: Person, worker: User, today: dt.date) -> list[PlannedContact]:
    """Contacts with the parent using abuse: planned, checked, happened (follow-up due) and followed up."""
    found = []
    for stage in ("planned", "checked", "happened", "followed_up"):
        contact = safety.plan_contact(
            case,
            darren,
            safety.ContactPlan(
                planned_for=today,
                meeting_workers="Aisha Worker and Tom Manager",
                venue="our_office",
                venue_detail="Civic Centre, interview room 2",
                purpose="Discuss the child protection plan",
            ),
            by=worker,
        )
        if stage != "planned":
            safety.save_safety_check(contact, dict(CHECK), by=worker)
            safety.complete_safety_check(contact, by=worker)
        if stage in ("happened", "followed_up"):
            safety.record_outcome(contact, took_place=True, outcome_on=today, notes="He attended on time", by=worker)
        if stage == "followed_up":
            safety.record_follow_up(
                contact,
                safety.FollowUpAnswers(followed_up_on=today, spoke_with="her", safety_changed="no", retaliation="no"),
                by=worker,
            )
        contact.refresh_from_db()
        found.append(contact)
    return found


@dataclass
class OtherCase:
    """Another case of the same worker: ids the worker may see, but not as part of the rich case."""

    case: Case
    ids: dict[str, Any]
    # Every id of a record in this case, by the id of the rich case's record of the same kind.
    swaps: dict[str, str]


def build_other_case(rich: RichCase, team: Team) -> OtherCase:
    worker = rich.worker
    today = timezone.localdate()
    case = cases.open_case(by=worker, team=team, allocated_worker=worker, opened_on=today - dt.timedelta(days=30))
    people = _household(case, worker, prefix="Other")
    address = Address(case=case, kind="home", line_1="9 Elsewhere Road")
    cases.save_record(address, by=worker, request=None, changed=["line_1"], creating=True)
    detail = ContactDetail(person=people["rachel"], kind="phone", value="07000 999888")
    cases.save_record(detail, by=worker, request=None, changed=["value"], creating=True)
    relationship = Relationship(case=case, person=people["darren"], kind="parent_of", other_person=people["mia"])
    cases.save_record(relationship, by=worker, request=None, changed=["kind"], creating=True)
    entry = chronology.add_entry(
        case,
        worker,
        {
            "behaviour": "coercive_control",
            "person_responsible": people["darren"],
            "description": "He checked her phone.",
            "occurred_from": today - dt.timedelta(days=20),
            "occurred_to": None,
            "date_is_approximate": False,
            "reported_by": "victim_survivor",
            "source_document": "",
        },
        {},
        None,
    )
    screening = _complete(case, worker, SCREENING, screening_answers(controlling_behaviour=["control"]), people["mia"])
    draft = _draft(case, worker, FULL, None)
    plan = plans.create_plan(case, worker, kind="child_in_need", start_date=today, children=[people["mia"]])
    outcome = plans.save_outcome(plan, worker, {"child": people["mia"], "text": "Mia feels safe"})
    action = _action(plan, worker, owner_person=people["darren"], what="Darren to attend the programme")
    safety_plan = safety.create_plan(
        case,
        people["mia"],
        safety.PlanContent(
            safe_place="School",
            trusted_person="Her teacher",
            help_methods=["call_999"],
            childs_understanding="Tell Miss",
        ),
        by=worker,
    )
    flag = safety.raise_flag(case, people["darren"], kind="dog", review_by=today + dt.timedelta(days=30), by=worker)
    contact = safety.plan_contact(
        case,
        people["darren"],
        safety.ContactPlan(
            planned_for=today, meeting_workers="Two workers", venue="our_office", venue_detail="Room 1", purpose="Plan"
        ),
        by=worker,
    )
    ids = {
        "case_id": case.pk,
        "person_id": people["leo"].pk,
        "address_id": address.pk,
        "detail_id": detail.pk,
        "relationship_id": relationship.pk,
        "entry_id": entry.pk,
        "assessment_id": screening.pk,
        "plan_id": plan.pk,
        "outcome_id": outcome.pk,
        "action_id": action.pk,
        "flag_id": flag.pk,
        "contact_id": contact.pk,
        "safety_plan_id": safety_plan.pk,
    }
    rich_people = rich.people
    swaps = {str(rich_people[name].pk): str(people[name].pk) for name in rich_people}
    swaps[str(rich.ids["address_id"])] = str(address.pk)
    swaps[str(rich.ids["plan_id"])] = str(plan.pk)
    swaps[str(rich.ids["entry_id"])] = str(entry.pk)
    swaps[str(rich.ids["safety_plan_id"])] = str(safety_plan.pk)
    for assessment in rich.assessments:
        swaps[str(assessment.pk)] = str(screening.pk if not assessment.is_draft else draft.pk)
    return OtherCase(case=case, ids=ids, swaps=swaps)
