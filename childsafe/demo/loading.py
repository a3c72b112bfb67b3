"""Load the small demo: organisations, logins and a dozen households saved through the real case services.

Everything goes through `childsafe.cases.services` and `childsafe.chronology.services`, so the audit log shows
each record's creation exactly as if a worker had typed it, and `make run` gives a realistic log to look at.
The whole load is one transaction: it either finishes or leaves nothing behind, which keeps the "already loaded?"
check honest.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from childsafe.accounts.models import Organisation, Team, User
from childsafe.cases import services
from childsafe.cases.models import Address, Case, ContactDetail, Person, Relationship
from childsafe.chronology import services as chronology
from childsafe.demo import assessments as assessments_demo
from childsafe.demo import fictional
from childsafe.demo import organisations as demo
from childsafe.demo import plans as plans_demo
from childsafe.demo import safety as safety_demo
from childsafe.demo import services as services_demo
from childsafe.demo.households import HouseholdPlan, plan_household

DEMO_SEED = 2026


@dataclass(frozen=True)
class Profile:
    """One demo household: who holds it, who else it is shared with, and the choices that make it distinct."""

    worker: str
    partners: tuple[str, ...] = ()
    shared_later: tuple[str, ...] = ()  # shared after opening, to show a share in the audit log
    plan: dict[str, Any] = field(default_factory=dict)


PROFILES: tuple[Profile, ...] = (
    # The largest case: two children in a refuge after escalating abuse, known to the school.
    Profile(
        demo.PRACTITIONER,
        (demo.DOMESTIC_ABUSE_SERVICE, demo.REFUGE, demo.SCHOOL),
        plan={
            "child_ages": [9, 6],
            "separated": True,
            "refuge": True,
            "escalating": True,
            "school": fictional.DEMO_SCHOOL,
            "entries": (25, 25),
            "other_adult": "grandmother",
        },
    ),
    Profile(
        demo.PRACTITIONER,
        (demo.DOMESTIC_ABUSE_SERVICE,),
        plan={"child_ages": [0], "separated": False, "escalating": True},
    ),
    Profile(
        demo.PRACTITIONER,
        (demo.DOMESTIC_ABUSE_SERVICE,),
        shared_later=(demo.PROGRAMME,),
        plan={
            "child_ages": [14, 11, 4],
            "separated": True,
            "refuge": False,
            "escalating": True,
            "sibling_elsewhere": True,
        },
    ),
    Profile(
        demo.PRACTITIONER,
        (demo.SCHOOL,),
        plan={"child_ages": [7], "separated": False, "escalating": False, "school": fictional.DEMO_SCHOOL},
    ),
    Profile(
        demo.PRACTITIONER,
        (demo.DOMESTIC_ABUSE_SERVICE,),
        plan={"child_ages": [16], "separated": True, "other_adult": "grandmother"},
    ),
    Profile(
        demo.PRACTITIONER,
        (demo.REFUGE, demo.DOMESTIC_ABUSE_SERVICE),
        plan={"child_ages": [3, 1], "separated": True, "refuge": True, "escalating": True},
    ),
    Profile(
        demo.PRACTITIONER,
        (demo.DOMESTIC_ABUSE_SERVICE,),
        shared_later=(demo.PROGRAMME,),
        plan={"child_ages": [12, 10, 8, 2], "separated": False, "escalating": True},
    ),
    Profile(demo.PRACTITIONER, (demo.DOMESTIC_ABUSE_SERVICE,), plan={"child_ages": [5], "closed": True}),
    Profile(
        demo.COLLEAGUE,
        (demo.DOMESTIC_ABUSE_SERVICE,),
        plan={"child_ages": [13, 9], "separated": True, "other_adult": "new_partner", "sibling_elsewhere": True},
    ),
    # The smallest case: three entries about a toddler.
    Profile(demo.COLLEAGUE, (), plan={"child_ages": [2], "escalating": False, "entries": (3, 3)}),
    # Team managers hold a case or two of their own, so the manager's own caseload is not empty.
    Profile(demo.MANAGER, (demo.DOMESTIC_ABUSE_SERVICE,), plan={"child_ages": [6], "separated": True}),
    Profile(demo.PRACTITIONER_TEAM_2, (demo.DOMESTIC_ABUSE_SERVICE,), plan={"child_ages": [10, 6]}),
    Profile(demo.PRACTITIONER_TEAM_2, (), plan={"child_ages": [15], "closed": True}),
)


@dataclass(frozen=True)
class DemoWorld:
    """What the domain demos (assessments, services, plans, safety) build on: the directory and the households.

    `cases` are in `PROFILES` order, so a domain demo can pick "the escalating household with a grandmother" by
    its index and rely on it; each domain demo gets its own seeded `rng`, so adding one never changes another.
    """

    directory: demo.DemoDirectory
    cases: list[Case]
    today: Any
    rng: random.Random


# Each domain's demo content, added in this order after the households: callables taking (world, write).
DOMAIN_DEMOS: tuple[Callable[[DemoWorld, Callable[[str], None]], None], ...] = (
    assessments_demo.add_demo,
    safety_demo.add_demo,
    services_demo.add_demo,
    plans_demo.add_demo,
)


class DemoRefused(Exception):
    """The database looks like it holds real organisations, so demo accounts must not be added to it."""


def load_demo(write: Callable[[str], None] = print, *, force: bool = False) -> bool:
    """Create the demo if it is not there. Returns True if it created it, False if it was already loaded.

    Demo accounts share a published password and one is a superuser, so they must never sit beside real data:
    unless `force` is given, loading is refused when the database already has organisations that are not the
    demo's (a fresh database has none).
    """
    rng = random.Random(DEMO_SEED)
    today = timezone.localdate()
    with transaction.atomic():
        # Checked inside the transaction: on SQLite it holds the write lock, so two runs cannot both load.
        if demo.demo_exists():
            return False
        if not force and Organisation.objects.exclude(name__in=demo.ORGANISATIONS).exists():
            raise DemoRefused(
                "This database already has organisations that are not the demo's. Demo accounts share a published "
                "password, so they are not loaded beside other data; use --force if this really is a test database."
            )
        directory = demo.create_demo_directory()
        cases: list[Case] = []
        for number, profile in enumerate(PROFILES, start=1):
            options: dict[str, Any] = {"closed": False, "impacts": (1, 2), "contacts": (1, 3), **profile.plan}
            plan = plan_household(rng, today, **options)
            worker = directory.users[profile.worker]
            case = save_household(
                plan,
                by=worker,
                partners=[directory.organisations[name] for name in profile.partners],
            )
            for name in profile.shared_later:
                services.share_case(
                    case,
                    directory.organisations[name],
                    by=worker,
                    reason="Parent using abuse referred to the programme",
                )
            if plan.closed_on is not None:
                services.close_case(case, by=worker, outcome=plan.outcome, note=plan.closure_note, on=plan.closed_on)
            cases.append(case)
            write(
                f"  household {number:>2} of {len(PROFILES)}: {case.reference}, {len(plan.entries)} chronology entries"
            )
        for add_domain_demo in DOMAIN_DEMOS:
            domain_rng = random.Random(f"{DEMO_SEED}:{add_domain_demo.__module__}")
            add_domain_demo(DemoWorld(directory, cases, today, domain_rng), write)
    return True


def _filled(obj: Model, names: list[str]) -> list[str]:
    """The names of the fields given a value, for the audit entry's list of changed fields."""
    return [name for name in names if getattr(obj, name) not in ("", None, False)]


def save_household(plan: HouseholdPlan, *, by: User, partners: list[Organisation]) -> Case:
    """Save a planned household through the case services, as the worker it is allocated to."""
    team: Team | None = by.team
    case = services.open_case(
        by=by,
        shared_with=partners,
        summary=plan.summary,
        team=team,
        allocated_worker=by,
        opened_on=plan.opened_on,
    )

    addresses = []
    for planned_address in plan.addresses:
        address = Address(
            case=case,
            kind=planned_address.kind,
            line_1=planned_address.line_1,
            line_2=planned_address.line_2,
            town=planned_address.town,
            postcode=planned_address.postcode,
            is_confidential_location=planned_address.confidential,
        )
        fields = _filled(address, ["kind", "line_1", "line_2", "town", "postcode", "is_confidential_location"])
        services.save_record(address, by=by, request=None, changed=fields, creating=True)
        addresses.append(address)

    people = []
    for planned in plan.people:
        person = Person(
            case=case,
            role_in_case=planned.role,
            first_name=planned.first_name,
            last_name=planned.last_name,
            known_as=planned.known_as,
            date_of_birth=planned.date_of_birth,
            age_in_years=planned.age_in_years,
            gender=planned.gender,
            identity_and_culture=planned.identity_and_culture,
            preferred_language=planned.preferred_language,
            communication=planned.communication,
            needs=planned.needs,
            school_or_setting=planned.school_or_setting,
            childs_own_words=planned.childs_own_words,
            address=addresses[planned.address] if planned.address is not None else None,
        )
        fields = _filled(person, [f.name for f in Person._meta.concrete_fields if f.name not in {"id", "case"}])
        services.save_record(person, by=by, request=None, changed=fields, creating=True)
        people.append(person)
        for planned_contact in planned.contacts:
            contact = ContactDetail(
                person=person,
                kind=planned_contact.kind,
                value=planned_contact.value,
                note=planned_contact.note,
                is_confidential_location=planned_contact.confidential,
            )
            fields = _filled(contact, ["kind", "value", "note", "is_confidential_location"])
            services.save_record(contact, by=by, request=None, changed=fields, creating=True)

    for planned_relationship in plan.relationships:
        relationship = Relationship(
            case=case,
            person=people[planned_relationship.person],
            kind=planned_relationship.kind,
            other_person=people[planned_relationship.other],
            has_parental_responsibility=planned_relationship.parental_responsibility,
            lives_with_other_person=planned_relationship.lives_with,
        )
        fields = _filled(
            relationship, ["person", "kind", "other_person", "has_parental_responsibility", "lives_with_other_person"]
        )
        services.save_record(relationship, by=by, request=None, changed=fields, creating=True)

    for planned_entry in plan.entries:
        chronology.add_entry(
            case,
            by,
            {
                "behaviour": planned_entry.behaviour,
                "person_responsible": people[planned_entry.responsible],
                "description": planned_entry.description,
                "occurred_from": planned_entry.occurred_from,
                "occurred_to": planned_entry.occurred_to,
                "date_is_approximate": planned_entry.approximate,
                "reported_by": planned_entry.reporter,
                "source_document": planned_entry.source_document,
            },
            {people[impact.child]: impact.text for impact in planned_entry.impacts},
        )
    return case
