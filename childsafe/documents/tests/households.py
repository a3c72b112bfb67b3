"""Generated households for the leak tests: every text field holds a unique canary, and each canary remembers what
it is, whose it is and whether it is a confidential location, so the tests can say from the rules (not from the
policy code) which audience may see it. `test_canary_coverage` fails when a free-text field of personal data gets
no canary here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field

from hypothesis import strategies as st

from childsafe.accounts.models import Organisation, Team, User
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.cases.models import Address, Case, CaseShare, CaseStatusChange, ContactDetail, Person, Relationship
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.plans.models import (
    Action,
    ChildView,
    Outcome,
    Plan,
    PlanVersion,
    ProgressUpdate,
    PromptAcknowledgement,
    Review,
)
from childsafe.safety.models import (
    ContactFollowUp,
    ContactSafetyCheck,
    PlannedContact,
    SafetyPlan,
    SafetyPlanReview,
    SafetyPlanRevision,
    WorkerSafetyFlag,
)
from childsafe.services.models import ProgrammeSession, Referral, ReferralStatusChange, Service

CHILD, SIBLING, NAP, PUAB, OTHER = (
    "child",
    "sibling_elsewhere",
    "non_abusing_parent",
    "parent_using_abuse",
    "other_adult",
)

# What a canary is, in the words of the rule.
LOCATION, DISCLOSURE, WELLBEING, PROFESSIONAL, SAFETY_PLAN = "location", "disclosure", "wellbeing", "professional", "sp"
IDENTITY, FIRST_NAME, AGENCY, ADMIN, ACTION, OUTCOME, SERVICE = (
    "identity",
    "first_name",
    "agency",
    "admin",
    "action",
    "outcome",
    "service",
)
# What the parent using abuse is asked to do or talk about, outside a plan's rows (the purpose of a meeting with him).
ACCOUNTABILITY = "accountability"
# Which document a canary belongs in: the case summary, the plan, or neither (kept in the record, not printed).
SUMMARY, PLAN, NOWHERE = "summary", "plan", "nowhere"
PREFIX = {
    LOCATION: "CANARYLOC",
    DISCLOSURE: "CANARYDIS",
    WELLBEING: "CANARYWB",
    PROFESSIONAL: "CANARYPRO",
    SAFETY_PLAN: "CANARYSP",
    IDENTITY: "CANARYID",
    FIRST_NAME: "CANARYFN",
    AGENCY: "CANARYORG",
    ADMIN: "CANARYADM",
    ACTION: "CANARYACT",
    OUTCOME: "CANARYOUT",
    SERVICE: "CANARYSVC",
    ACCOUNTABILITY: "CANARYACC",
}


def canary(kind: str, short: bool = False) -> str:
    """A unique token; `short` ones fit a postcode (10 characters)."""
    if short:
        return f"PC{uuid.uuid4().hex[:8]}"
    return f"{PREFIX[kind]}{uuid.uuid4().hex[:16]}"


@dataclass(frozen=True)
class Planted:
    value: str
    kind: str
    where: str  # "cases.Address.line_1"
    owners: frozenset[str]  # roles of the people it is about ("self" is worked out by the test)
    owner_ids: frozenset[uuid.UUID] = frozenset()
    confidential: bool = False
    agency_kind: str = ""
    record: object = None
    field: str = ""
    document: str = SUMMARY
    meta: dict = dataclasses.field(default_factory=dict, hash=False, compare=False)


@dataclass
class Household:
    case: Case
    lead_worker: User
    non_abusing_parent: Person
    parent_using_abuse: Person
    children: list[Person]
    planted: list[Planted] = field(default_factory=list)

    def plant(
        self, kind: str, record: object, name: str, owners: list[Person] = (), *, in_list: bool = False, **extra: object
    ) -> str:
        """Put a canary in `record.name` (as the one item of a list for a JSON list field, `in_list`)."""
        value = canary(kind, short=name == "postcode")
        setattr(record, name, [value] if in_list else value)
        label = f"{record._meta.app_label}.{record._meta.object_name}.{name}"
        self.planted.append(
            Planted(
                value,
                kind,
                label,
                frozenset(person.role_in_case for person in owners),
                frozenset(person.pk for person in owners),
                record=record,
                field=name,
                **extra,
            )
        )
        return value

    def plant_value(self, kind: str, where: str, owners: list[Person] = (), **extra: object) -> str:
        """A canary inside a structured value (JSON), not a field of its own."""
        value = canary(kind)
        self.planted.append(
            Planted(
                value,
                kind,
                where,
                frozenset(person.role_in_case for person in owners),
                frozenset(person.pk for person in owners),
                **extra,
            )
        )
        return value


SHARE_KINDS = [
    Organisation.Kind.REFUGE,
    Organisation.Kind.SCHOOL,
    Organisation.Kind.DOMESTIC_ABUSE_SERVICE,
    Organisation.Kind.POLICE,
    Organisation.Kind.PERPETRATOR_PROGRAMME,
    Organisation.Kind.PROBATION,
    Organisation.Kind.HEALTH,
    Organisation.Kind.HOUSING,
]
ADDRESS_KINDS = [choice for choice, _ in Address.Kind.choices]
SERVICE_TYPES = ["refuge", "housing_options", "behaviour_change_programme", "childrens_group_work", "idva"]
OWNERS = ["nap", "puab", "other", "agency:childrens_social_care", "agency:refuge", "agency:school"]
OWNERS += ["agency:perpetrator_programme", "agency:domestic_abuse_service", "agency:health"]
FOR_WHOM = ["child", "non_abusing_parent", "parent_using_abuse", "whole_family"]
LOCATING_AGENCIES = {"refuge", "school", "health"}
CONTACT_STAGES = ["planned", "checked", "followed_up"]
REPORTERS = ["child", "victim_survivor", "police", "school", "person_using_abuse", "neighbour"]

household_shapes = st.fixed_dictionaries(
    {
        "children": st.integers(min_value=1, max_value=3),
        "sibling_elsewhere": st.booleans(),
        "other_adults": st.integers(min_value=0, max_value=2),
        "shares": st.lists(st.sampled_from(SHARE_KINDS), max_size=4, unique=True),
        # (kind, confidential, residents as indexes into the people)
        "addresses": st.lists(
            st.tuples(
                st.sampled_from(ADDRESS_KINDS), st.booleans(), st.lists(st.integers(0, 7), max_size=4, unique=True)
            ),
            min_size=1,
            max_size=3,
        ),
        # (person index, kind, confidential)
        "contacts": st.lists(
            st.tuples(st.integers(0, 7), st.sampled_from(["phone", "email", "safe_contact", "other"]), st.booleans()),
            max_size=6,
        ),
        # (person responsible as an adult index, reporter, which children had an impact recorded)
        "entries": st.lists(
            st.tuples(st.integers(0, 3), st.sampled_from(REPORTERS), st.lists(st.integers(0, 3), max_size=3)),
            max_size=4,
        ),
        "closed": st.booleans(),
        # Safety plans for people by index, and whether each has been reviewed.
        "safety_plans": st.lists(st.integers(0, 7), max_size=3, unique=True),
        "safety_plan_reviewed": st.booleans(),
        # Worker safety flags: (person index, lifted).
        "flags": st.lists(st.tuples(st.integers(0, 7), st.booleans()), max_size=2),
        # Contacts planned with the parent using abuse, and how far each got: planned, safety-checked, or held and
        # followed up with the non-abusing parent.
        "planned_contacts": st.lists(st.sampled_from(CONTACT_STAGES), max_size=2),
        # Completed assessments: (about a person by index or the household (None), a level change requested).
        "assessments": st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 7)), st.booleans()), max_size=2),
        # Referrals: (person index, service type, declined).
        "referrals": st.lists(st.tuples(st.integers(0, 7), st.sampled_from(SERVICE_TYPES), st.booleans()), max_size=3),
        "plan": st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {
                    "outcomes": st.lists(st.tuples(st.integers(0, 3), st.booleans()), max_size=3),
                    "actions": st.lists(st.tuples(st.sampled_from(OWNERS), st.sampled_from(FOR_WHOM)), max_size=6),
                    "reviews": st.integers(0, 2),
                    "ended": st.booleans(),
                    # A saved version of the plan, and an escalation prompt a worker acknowledged.
                    "versioned": st.booleans(),
                    "prompt_acknowledged": st.booleans(),
                }
            ),
        ),
    }
)

# A household that takes every branch of `build_household`, so one build plants a canary in every field the
# generator knows (the coverage test compares that with the registry).
EVERY_BRANCH: dict = {
    "children": 2,
    "sibling_elsewhere": True,
    "other_adults": 1,
    "shares": list(SHARE_KINDS),
    "addresses": [("home", False, [0, 2, 3]), ("refuge", True, [1]), ("other", True, [4, 5])],
    "contacts": [(0, "phone", False), (2, "email", True), (1, "safe_contact", False)],
    "entries": [(0, "child", [0, 1]), (1, "police", [1])],
    "closed": True,
    "safety_plans": [0, 2],
    "safety_plan_reviewed": True,
    "flags": [(1, False), (1, True)],
    "planned_contacts": list(CONTACT_STAGES),
    "assessments": [(None, False), (2, True)],
    "referrals": [(1, "behaviour_change_programme", False), (0, "refuge", True), (2, "childrens_group_work", True)],
    "plan": {
        "outcomes": [(0, True), (1, False)],
        "actions": [("puab", "parent_using_abuse"), ("agency:refuge", "child"), ("agency:health", "whole_family")],
        "reviews": 1,
        "ended": True,
        "versioned": True,
        "prompt_acknowledged": True,
    },
}


def build_household(lead_worker: User, team: Team, shape: dict) -> Household:
    """A case led by the worker's organisation, filled with canaries according to `shape`."""
    lead = lead_worker.organisation
    case = Case(lead_organisation=lead, team=team, allocated_worker=lead_worker, opened_on=dt.date(2026, 1, 5))
    household = Household(case, lead_worker, None, None, [])  # type: ignore[arg-type]
    household.plant(PROFESSIONAL, case, "summary")
    if shape["closed"]:
        case.status, case.closed_on, case.closure_outcome = "closed", dt.date(2026, 10, 1), "moved_away"
        household.plant(PROFESSIONAL, case, "closure_note")
    case.save()
    if shape["closed"]:
        closure = CaseStatusChange(case=case, status="closed", outcome="moved_away", effective_on=case.closed_on)
        household.plant(PROFESSIONAL, closure, "note", document=NOWHERE)  # the history is printed in no document
        closure.save()
    CaseShare.objects.create(case=case, organisation=lead)
    for kind in shape["shares"]:
        organisation = Organisation(kind=kind)
        household.plant(AGENCY, organisation, "name", agency_kind=kind)
        organisation.save()
        share = CaseShare(case=case, organisation=organisation)
        household.plant(PROFESSIONAL, share, "reason")
        share.save()

    roles = [NAP, PUAB] + [CHILD] * shape["children"] + [SIBLING] * shape["sibling_elsewhere"]
    roles += [OTHER] * shape["other_adults"]
    people = []
    for index, role in enumerate(roles):
        person = Person(case=case, role_in_case=role, date_of_birth=dt.date(2010 + index, 2, 3))
        owners = [person]
        household.plant(FIRST_NAME, person, "first_name", owners)
        for name in ("last_name", "gender", "identity_and_culture", "preferred_language"):
            household.plant(IDENTITY, person, name, owners)
        for name in ("known_as", "school_or_setting"):
            household.plant(LOCATION, person, name, owners)
        for name in ("communication", "needs"):
            household.plant(WELLBEING, person, name, owners)
        if person.is_child:
            household.plant(DISCLOSURE, person, "childs_own_words", owners)
        person.save()
        people.append(person)
    household.non_abusing_parent, household.parent_using_abuse = people[0], people[1]
    household.children = [person for person in people if person.role_in_case == CHILD]
    adults = [person for person in people if not person.is_child]

    housed: set[int] = set()
    for kind, confidential, resident_indexes in shape["addresses"]:
        # Each person lives at one address at most.
        indexes = [index for index in resident_indexes if index < len(people) and index not in housed]
        housed.update(indexes)
        residents = [people[index] for index in indexes]
        # A refuge is always a confidential location: the database refuses one that is not.
        secret = confidential or kind == Address.Kind.REFUGE
        address = Address(case=case, kind=kind, is_confidential_location=secret)
        for name in ("line_1", "line_2", "town", "postcode"):
            household.plant(LOCATION, address, name, residents, confidential=secret)
        address.save()
        for resident in residents:
            resident.address = address
            resident.save(update_fields=["address"])

    for index, kind, confidential in shape["contacts"]:
        owner = people[index % len(people)]
        detail = ContactDetail(person=owner, kind=kind, is_confidential_location=confidential)
        household.plant(LOCATION, detail, "value", [owner], confidential=confidential)
        household.plant(LOCATION, detail, "note", [owner], confidential=confidential)
        detail.save()

    for child in household.children:
        for adult, kind in ((people[0], "parent_of"), (people[1], "parent_of")):
            Relationship.objects.create(case=case, person=adult, kind=kind, other_person=child)
    Relationship.objects.create(case=case, person=people[1], kind="former_partner_of", other_person=people[0])
    for other in (person for person in people if person.role_in_case == OTHER):
        Relationship.objects.create(case=case, person=other, kind="partner_of", other_person=people[0])

    for day, (adult_index, reporter, impacted) in enumerate(shape["entries"]):
        chooser = adults[adult_index % len(adults)]
        entry = ChronologyEntry(
            case=case,
            behaviour="coercive_control",
            person_responsible=chooser,
            occurred_from=dt.date(2026, 2, 1) + dt.timedelta(days=day),
            reported_by=reporter,
            recorded_by=lead_worker,
        )
        household.plant(DISCLOSURE, entry, "description", [chooser])
        household.plant(PROFESSIONAL, entry, "source_document", [chooser])
        entry.save()
        for child_index in sorted(set(impacted)):
            if child_index < len(household.children):
                child = household.children[child_index]
                impact = ChildImpact(entry=entry, child=child)
                household.plant(WELLBEING, impact, "impact", [child])
                impact.save()

    add_safety(household, people, shape)
    add_assessments(household, people, shape)
    add_referrals(household, people, shape)
    if shape["plan"] is not None:
        add_plan(household, people, shape["plan"])
    return household


def add_safety(household: Household, people: list[Person], shape: dict) -> None:
    case = household.case
    # One safety plan per person at most.
    for owner in {
        people[index % len(people)].pk: people[index % len(people)] for index in shape["safety_plans"]
    }.values():
        plan = SafetyPlan.objects.create(case=case, person=owner, made_on=dt.date(2026, 3, 1))
        revision = SafetyPlanRevision(case=case, plan=plan, number=1, phase="safety_work")
        for name in ("safe_place", "safe_place_route", "trusted_person", "trusted_person_contact", "summon_help"):
            household.plant(SAFETY_PLAN, revision, name, [owner])
        for name in ("childs_understanding", "other_steps"):
            household.plant(SAFETY_PLAN, revision, name, [owner])
        # The ways to get help are chosen from a list; a code the list does not know is printed as it is.
        household.plant(SAFETY_PLAN, revision, "help_methods", [owner], in_list=True)
        # Why the phase changed and what this version changed: kept with the plan, printed in no document.
        for name in ("phase_change_reason", "change_summary"):
            household.plant(SAFETY_PLAN, revision, name, [owner], document=NOWHERE)
        revision.save()
        plan.current = revision
        plan.save(update_fields=["current"])
        if shape["safety_plan_reviewed"]:
            review = SafetyPlanReview(
                case=case, plan=plan, reviewed_on=dt.date(2026, 4, 1), how="office", outcome="changed"
            )
            review.revision_number = 1
            for name in ("reviewed_with", "what_changed"):
                household.plant(SAFETY_PLAN, review, name, [owner], document=NOWHERE)
            review.save()
    for index, lifted in shape["flags"]:
        about = people[index % len(people)]
        flag = WorkerSafetyFlag(case=case, person=about, kind="do_not_visit_alone", review_by=dt.date(2026, 12, 1))
        # A lifted flag is no longer in force, so the summary leaves it out altogether.
        household.plant(PROFESSIONAL, flag, "details", [about], document=NOWHERE if lifted else SUMMARY)
        if lifted:
            flag.lifted_on = dt.date(2026, 6, 1)
            household.plant(PROFESSIONAL, flag, "lifted_reason", [about], document=NOWHERE)
        flag.save()
    for stage in shape["planned_contacts"]:
        add_planned_contact(household, stage)


def add_planned_contact(household: Household, stage: str) -> None:
    """A meeting planned with the parent using abuse: its safety check records her views and what must never be
    disclosed to him, and the follow-up what she said afterwards. None of it is printed; all of it is his to be kept
    from, except the meeting's own arrangements and purpose, which are told to him."""
    case, him, her = household.case, household.parent_using_abuse, household.non_abusing_parent
    # The stages are the contact's own statuses.
    contact = PlannedContact(case=case, person=him, planned_for=dt.date(2026, 8, 3), venue="our_office", status=stage)
    for name in ("meeting_workers", "venue_detail"):
        household.plant(ADMIN, contact, name, [him], document=NOWHERE)
    household.plant(ACCOUNTABILITY, contact, "purpose", [him], document=NOWHERE)
    if stage == "followed_up":
        contact.took_place, contact.outcome_on, contact.follow_up_due = True, dt.date(2026, 8, 3), dt.date(2026, 8, 6)
        household.plant(PROFESSIONAL, contact, "outcome_notes", [him], document=NOWHERE)
    contact.save()
    if stage == "planned":
        return
    check = ContactSafetyCheck(case=case, contact=contact, risk_information_read="yes", perspective_gathered="directly")
    for name in (
        "risk_to_her",
        "risk_to_children",
        "recent_changes",
        "risk_management",
        "perspective_via",
        "not_safe_to_ask_reason",
        "must_not_disclose_other",
        "worker_safety_notes",
        "manager_consulted",
        "manager_advice",
    ):
        household.plant(PROFESSIONAL, check, name, [him], document=NOWHERE)
    for name in ("must_not_disclose", "worker_arrangements"):
        household.plant(PROFESSIONAL, check, name, [him], in_list=True, document=NOWHERE)
    household.plant(DISCLOSURE, check, "her_view_on_safety", [her], document=NOWHERE)
    household.plant(DISCLOSURE, check, "childrens_perspective", household.children, document=NOWHERE)
    check.save()
    if stage == "followed_up":
        follow_up = ContactFollowUp(
            case=case,
            contact=contact,
            followed_up_on=dt.date(2026, 8, 4),
            spoke_with="support_worker",
            safety_changed="no",
            retaliation="not_known",
        )
        household.plant(PROFESSIONAL, follow_up, "support_worker", [her], document=NOWHERE)
        household.plant(DISCLOSURE, follow_up, "notes", [her], document=NOWHERE)
        follow_up.save()


def add_assessments(household: Household, people: list[Person], shape: dict) -> None:
    for index, level_changed in shape["assessments"]:
        subject = people[index % len(people)] if index is not None else None
        owners = [subject] if subject else []
        name = household.plant_value(PROFESSIONAL, "assessments.Assessment.result", owners)
        level = household.plant_value(PROFESSIONAL, "assessments.Assessment.result", owners)
        answer = household.plant_value(DISCLOSURE, "assessments.Assessment.answers", owners, document=NOWHERE)
        assessment = Assessment.objects.create(
            case=household.case,
            instrument_id="screening",
            instrument_version=1,
            instrument_title="Quick threshold screening",
            definition={},
            subject=subject,
            status="completed",
            completed_at=dt.datetime(2026, 4, 1, 10, tzinfo=dt.UTC),
            answers={"what_she_said": answer},
            result={"subjects": [{"subject_name": name, "level_label": level, "tier": 3}]},
        )
        if level_changed and subject is not None:
            change = LevelChange(assessment=assessment, person=subject, direction="lower", status="signed_off")
            for field_name in ("from_level", "to_level", "rationale", "decision_comment"):
                household.plant(PROFESSIONAL, change, field_name, owners, document=NOWHERE)
            change.save()


def add_referrals(household: Household, people: list[Person], shape: dict) -> None:
    for index, service_type, declined in shape["referrals"]:
        person = people[index % len(people)]
        service = Service(key=uuid.uuid4().hex[:20], service_type=service_type)
        reveals = service.reveals_location
        household.plant(SERVICE, service, "name", [person], confidential=reveals)
        service.save()
        referral = Referral(
            case=household.case,
            person=person,
            service=service,
            referred_on=dt.date(2026, 5, 1),
            status="declined" if declined else "accepted",
            status_on=dt.date(2026, 5, 2),
            referred_by=household.lead_worker,
            referred_by_organisation=household.lead_worker.organisation,
        )
        for name in ("reason", "status_reason"):
            household.plant(PROFESSIONAL, referral, name, [person], confidential=reveals)
        referral.save()
        change = ReferralStatusChange(referral=referral, status=referral.status, on=referral.status_on)
        household.plant(PROFESSIONAL, change, "reason", [person], confidential=reveals, document=NOWHERE)
        change.save()
        if service_type == "behaviour_change_programme":
            session = ProgrammeSession(referral=referral, held_on=dt.date(2026, 5, 9), planned_hours=2, attended=True)
            # What the facilitators observed: a professional's note (README: professionals' notes reach
            # professionals only), though its class says it is his accountability.
            household.plant(PROFESSIONAL, session, "note", [person], document=NOWHERE)
            session.save()


def _agency(household: Household, kind: str) -> Organisation:
    if kind == household.case.lead_organisation.kind:
        return household.case.lead_organisation
    organisation = Organisation(kind=kind)
    household.plant(AGENCY, organisation, "name", agency_kind=kind, document=NOWHERE)
    organisation.save()
    return organisation


def add_plan(household: Household, people: list[Person], shape: dict) -> None:
    case = household.case
    plan = Plan(
        case=case,
        kind="child_protection",
        status="active",
        start_date=dt.date(2026, 6, 1),
        first_review_on=dt.date(2026, 9, 1),
        next_review_on=dt.date(2026, 9, 1),
    )
    if shape["ended"]:
        plan.status, plan.ended_on = "ended", dt.date(2026, 11, 1)
        household.plant(PROFESSIONAL, plan, "end_reason", document=PLAN)
    plan.save()
    if shape["versioned"]:
        version = PlanVersion(plan=plan, number=1)
        household.plant(PROFESSIONAL, version, "summary", document=NOWHERE)
        household.plant(PROFESSIONAL, version, "content", in_list=True, document=NOWHERE)
        version.save()
    if shape["prompt_acknowledged"]:
        acknowledgement = PromptAcknowledgement(case=case, key="no_review_in_time")
        for name in ("message", "note"):
            household.plant(PROFESSIONAL, acknowledgement, name, document=NOWHERE)
        acknowledgement.save()
    plan.children.set(household.children)
    by_role = {person.role_in_case: person for person in reversed(people)}
    for child_index, shareable in shape["outcomes"]:
        child = household.children[child_index % len(household.children)]
        outcome = Outcome(plan=plan, child=child, share_with_parent_using_abuse=shareable)
        household.plant(OUTCOME, outcome, "text", [child], document=PLAN, meta={"shareable": shareable})
        outcome.save()
    for day, (owner, for_whom) in enumerate(shape["actions"]):
        action = Action(plan=plan, for_whom=for_whom, due_on=dt.date(2026, 7, 1) + dt.timedelta(days=day))
        if for_whom == "child":
            action.for_child = household.children[day % len(household.children)]
        agency_kind = ""
        if owner.startswith("agency:"):
            agency_kind = owner.split(":")[1]
            action.owner_organisation = _agency(household, agency_kind)
        else:
            action.owner_person = (
                {"nap": household.non_abusing_parent, "puab": household.parent_using_abuse}.get(owner)
                or by_role.get(OTHER)
                or household.non_abusing_parent
            )
        if action.owner_person is not None:
            subjects = [action.owner_person]
        elif for_whom == "child":
            subjects = [action.for_child]
        elif for_whom in (NAP, PUAB):
            subjects = [person for person in people if person.role_in_case == for_whom]
        else:
            subjects = list(people)
        owner_role = action.owner_person.role_in_case if action.owner_person else None
        if owner_role == PUAB or for_whom == PUAB:
            row_class = "accountability"
        elif agency_kind in LOCATING_AGENCIES:
            row_class = "location"
        else:
            row_class = "wellbeing"
        meta = {"row_class": row_class, "agency_kind": agency_kind}
        names = ["what", "measure"] + (["owner_worker"] if action.owner_organisation else [])
        for name in names:
            household.plant(ACTION, action, name, subjects, document=PLAN, meta={**meta, "field": name})
        action.save()
        update = ProgressUpdate(action=action, recorded_on=dt.date(2026, 7, 15), status="in_progress")
        household.plant(PROFESSIONAL, update, "note", subjects, document=PLAN)
        update.save()
    for number in range(shape["reviews"]):
        review = Review(
            plan=plan,
            held_on=dt.date(2026, 9, 1 + number),
            engagement="partly",
            safety_change="no_change",
            decision="continue",
            next_review_on=dt.date(2026, 12, 1),
        )
        for name in ("others_attended", "engagement_notes", "safety_notes"):
            household.plant(PROFESSIONAL, review, name, document=PLAN)
        review.save()
        for child in household.children:
            view = ChildView(review=review, child=child)
            household.plant(DISCLOSURE, view, "views", [child], document=PLAN)
            view.save()
