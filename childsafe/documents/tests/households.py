"""Generated households for the leak tests: every text field holds a unique canary, and each canary remembers what
it is, whose it is and whether it is a confidential location, so the tests can say from the rules (not from the
policy code) which audience may see it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field

from hypothesis import strategies as st

from childsafe.accounts.models import Organisation, Team, User
from childsafe.assessments.models import Assessment
from childsafe.cases.models import Address, Case, CaseShare, ContactDetail, Person, Relationship
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.plans.models import Action, ChildView, Outcome, Plan, ProgressUpdate, Review
from childsafe.safety.models import SafetyPlan, SafetyPlanRevision, WorkerSafetyFlag
from childsafe.services.models import ProgrammeSession, Referral, Service

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

    def plant(self, kind: str, record: object, name: str, owners: list[Person] = (), **extra: object) -> str:
        value = canary(kind, short=name == "postcode")
        setattr(record, name, value)
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
        # Safety plans and worker safety flags, for people by index.
        "safety_plans": st.lists(st.integers(0, 7), max_size=3, unique=True),
        "flags": st.lists(st.integers(0, 7), max_size=2),
        # Completed assessments: about a person by index, or the household (None).
        "assessments": st.lists(st.one_of(st.none(), st.integers(0, 7)), max_size=2),
        # Referrals: (person index, service type).
        "referrals": st.lists(st.tuples(st.integers(0, 7), st.sampled_from(SERVICE_TYPES)), max_size=3),
        "plan": st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {
                    "outcomes": st.lists(st.tuples(st.integers(0, 3), st.booleans()), max_size=3),
                    "actions": st.lists(st.tuples(st.sampled_from(OWNERS), st.sampled_from(FOR_WHOM)), max_size=6),
                    "reviews": st.integers(0, 2),
                }
            ),
        ),
    }
)


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
        address = Address(case=case, kind=kind, is_confidential_location=confidential)
        secret = confidential or kind == Address.Kind.REFUGE
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
        revision = SafetyPlanRevision(case=case, plan=plan, number=1, phase="safety_work", help_methods=["call_999"])
        for name in ("safe_place", "safe_place_route", "trusted_person", "trusted_person_contact", "summon_help"):
            household.plant(SAFETY_PLAN, revision, name, [owner])
        for name in ("childs_understanding", "other_steps"):
            household.plant(SAFETY_PLAN, revision, name, [owner])
        revision.save()
        plan.current = revision
        plan.save(update_fields=["current"])
    for index in shape["flags"]:
        about = people[index % len(people)]
        flag = WorkerSafetyFlag(case=case, person=about, kind="do_not_visit_alone", review_by=dt.date(2026, 12, 1))
        household.plant(PROFESSIONAL, flag, "details", [about])
        flag.save()


def add_assessments(household: Household, people: list[Person], shape: dict) -> None:
    for index in shape["assessments"]:
        subject = people[index % len(people)] if index is not None else None
        owners = [subject] if subject else []
        name = household.plant_value(PROFESSIONAL, "assessments.Assessment.result", owners)
        level = household.plant_value(PROFESSIONAL, "assessments.Assessment.result", owners)
        answer = household.plant_value(DISCLOSURE, "assessments.Assessment.answers", owners, document=NOWHERE)
        Assessment.objects.create(
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


def add_referrals(household: Household, people: list[Person], shape: dict) -> None:
    for index, service_type in shape["referrals"]:
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
            status_on=dt.date(2026, 5, 2),
            referred_by=household.lead_worker,
            referred_by_organisation=household.lead_worker.organisation,
        )
        household.plant(PROFESSIONAL, referral, "reason", [person], confidential=reveals)
        referral.save()
        if service_type == "behaviour_change_programme":
            ProgrammeSession.objects.create(
                referral=referral, held_on=dt.date(2026, 5, 9), planned_hours=2, attended=True
            )


def _agency(household: Household, kind: str) -> Organisation:
    if kind == household.case.lead_organisation.kind:
        return household.case.lead_organisation
    organisation = Organisation(kind=kind)
    household.plant(AGENCY, organisation, "name", agency_kind=kind, document=NOWHERE)
    organisation.save()
    return organisation


def add_plan(household: Household, people: list[Person], shape: dict) -> None:
    case = household.case
    plan = Plan.objects.create(
        case=case,
        kind="child_protection",
        status="active",
        start_date=dt.date(2026, 6, 1),
        first_review_on=dt.date(2026, 9, 1),
        next_review_on=dt.date(2026, 9, 1),
    )
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
