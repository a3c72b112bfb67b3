"""Fictional households at any scale, written with `bulk_create`, for load testing and benchmarks.

This is synthetic load data, not practice: no audit entries are written for it, and nothing here goes through the
case services. Never run it against a database holding real cases.

Households are planned and saved a batch at a time, each batch in its own transaction, so memory stays flat however
many are asked for and an interrupted run leaves only whole households behind.

Caseloads stay realistic: each case is allocated to a worker who has fewer than `OPEN_CASELOAD` open cases. The
demo's own caseworkers are topped up first (so the demo practitioner's "mine" view shows about 25 open cases, not
100,000); the rest go to generated workers, `WORKERS_PER_TEAM` to a generated team with a manager.

Case references look like every other reference (`CS-XXXX-XXXX`, same alphabet) so searching treats them alike,
but come from a counter passed through a fixed bijection of the 40-bit reference space: distinct counters give
distinct references. The counter starts at the number of cases already stored, and any reference already taken
(by a randomly numbered case, or an earlier run after deletions) is skipped.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from childsafe.accounts.models import Organisation, Team, User
from childsafe.cases.models import REFERENCE_ALPHABET, Address, Case, CaseShare, ContactDetail, Person, Relationship
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.demo import organisations as demo
from childsafe.demo.fictional import worker_name
from childsafe.demo.households import HouseholdPlan, plan_household
from childsafe.demo.loading import load_demo

OPEN_CASELOAD = 25
WORKERS_PER_TEAM = 8
GENERATED_DOMAIN = "generated.northbrook.example"
TEAM_PREFIX = "Locality team "
SHARE_WITH_PARTNER = 0.3  # the share of generated cases the demo domestic abuse service also works on
INSERT_BATCH = 2000  # rows per INSERT statement

# A fixed odd multiplier makes counter -> counter * M + C (mod 2^40) a bijection; 32^8 == 2^40 references.
_REFERENCE_SPACE = len(REFERENCE_ALPHABET) ** 8
_MULTIPLIER = 0x5DEECE66D
_INCREMENT = 0x2545F4914F


def generated_reference(counter: int) -> str:
    value = (counter * _MULTIPLIER + _INCREMENT) % _REFERENCE_SPACE
    chars = []
    for _ in range(8):
        value, digit = divmod(value, len(REFERENCE_ALPHABET))
        chars.append(REFERENCE_ALPHABET[digit])
    body = "".join(reversed(chars))
    return f"CS-{body[:4]}-{body[4:]}"


@dataclass
class Counts:
    cases: int = 0
    shares: int = 0
    addresses: int = 0
    people: int = 0
    contact_details: int = 0
    relationships: int = 0
    chronology_entries: int = 0
    child_impacts: int = 0
    teams: int = 0
    workers: int = 0

    def rows(self) -> int:
        return sum(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class _Batch:
    cases: list[Case] = field(default_factory=list)
    shares: list[CaseShare] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    contacts: list[ContactDetail] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    entries: list[ChronologyEntry] = field(default_factory=list)
    impacts: list[ChildImpact] = field(default_factory=list)


def _max_number(values: Iterable[str], prefix: str, suffix: str = "") -> int:
    """The highest N among values shaped like prefix + N + suffix, or 0."""
    numbers = (value.removeprefix(prefix).removesuffix(suffix) for value in values if value.startswith(prefix))
    return max((int(number) for number in numbers if number.isdigit()), default=0)


class Allocator:
    """Hands out the worker for each case (the case's team is theirs), keeping open caseloads at `OPEN_CASELOAD`."""

    def __init__(self, organisation: Organisation, rng: random.Random, counts: Counts) -> None:
        self.organisation = organisation
        self.rng = rng
        self.counts = counts
        self.password_hash = make_password(demo.DEMO_PASSWORD)
        self.queue: list[tuple[User, int]] = []
        demo_workers = User.objects.filter(
            email__in=demo.DEMO_CASEWORKERS, organisation=organisation, team__isnull=False
        )
        for worker in sorted(demo_workers, key=lambda user: demo.DEMO_CASEWORKERS.index(user.email)):
            open_cases = Case.objects.filter(allocated_worker=worker, status=Case.Status.OPEN).count()
            if open_cases < OPEN_CASELOAD:
                self.queue.append((worker, OPEN_CASELOAD - open_cases))
        self.queue.reverse()  # pop() from the end: the demo practitioner first
        self.current: tuple[User, int] | None = None
        emails = list(User.objects.filter(email__endswith=f"@{GENERATED_DOMAIN}").values_list("email", flat=True))
        self.next_worker = _max_number(emails, "worker-", f"@{GENERATED_DOMAIN}") + 1
        self.next_manager = _max_number(emails, "manager-", f"@{GENERATED_DOMAIN}") + 1
        team_names = Team.objects.filter(organisation=organisation, name__startswith=TEAM_PREFIX)
        self.next_team = _max_number(team_names.values_list("name", flat=True), TEAM_PREFIX) + 1

    def allocate(self, *, open_case: bool) -> User:
        """The worker for the next case. Closed cases do not count towards an open caseload."""
        if self.current is None or self.current[1] == 0:
            if not self.queue:
                self._new_team()
            self.current = self.queue.pop()
        worker, remaining = self.current
        if open_case:
            self.current = (worker, remaining - 1)
        return worker

    def _new_team(self) -> None:
        team = Team.objects.create(organisation=self.organisation, name=f"{TEAM_PREFIX}{self.next_team:05d}")
        self.next_team += 1
        users = [
            User(
                email=f"manager-{self.next_manager:05d}@{GENERATED_DOMAIN}",
                full_name=worker_name(self.rng),
                role=User.Role.MANAGER,
                organisation=self.organisation,
                team=team,
                password=self.password_hash,
            )
        ]
        self.next_manager += 1
        for _ in range(WORKERS_PER_TEAM):
            users.append(
                User(
                    email=f"worker-{self.next_worker:06d}@{GENERATED_DOMAIN}",
                    full_name=worker_name(self.rng),
                    role=User.Role.PRACTITIONER,
                    organisation=self.organisation,
                    team=team,
                    password=self.password_hash,
                )
            )
            self.next_worker += 1
        # PostgreSQL and SQLite (3.35 and later) both return the new ids from a bulk insert.
        created = User.objects.bulk_create(users)
        self.queue = [(user, OPEN_CASELOAD) for user in reversed(created) if user.role == User.Role.PRACTITIONER]
        self.counts.teams += 1
        self.counts.workers += len(created)


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8 + rng.randint(0, 9), rng.randint(0, 59)), tzinfo=dt.UTC)


def _add_household(
    batch: _Batch,
    plan: HouseholdPlan,
    *,
    reference: str,
    organisation: Organisation,
    partner: Organisation | None,
    worker: User,
    rng: random.Random,
) -> None:
    """Turn one plan into unsaved model instances with their primary keys set, so they can refer to each other.

    Foreign keys are set by id rather than by object: it is much faster for both the constructor and
    bulk_create, which otherwise checks every related object it is given."""
    last_day = max([plan.opened_on, *(e.occurred_from for e in plan.entries)])
    case = Case(
        reference=reference,
        summary=plan.summary,
        status=Case.Status.CLOSED if plan.closed_on else Case.Status.OPEN,
        opened_on=plan.opened_on,
        closed_on=plan.closed_on,
        closure_outcome=plan.outcome,
        closure_note=plan.closure_note,
        lead_organisation_id=organisation.pk,
        team_id=worker.team_id,
        allocated_worker_id=worker.pk,
        created_at=_at(plan.opened_on, rng),
        updated_at=_at(plan.closed_on or last_day, rng),
    )
    batch.cases.append(case)
    shared_with = (
        [organisation, partner] if partner is not None and rng.random() < SHARE_WITH_PARTNER else [organisation]
    )
    batch.shares.extend(
        CaseShare(case_id=case.pk, organisation_id=org.pk, shared_by_id=worker.pk, shared_at=case.created_at)
        for org in shared_with
    )

    addresses = [
        Address(
            case_id=case.pk,
            kind=a.kind,
            line_1=a.line_1,
            line_2=a.line_2,
            town=a.town,
            postcode=a.postcode,
            is_confidential_location=a.confidential,
        )
        for a in plan.addresses
    ]
    batch.addresses.extend(addresses)

    people = []
    for p in plan.people:
        person = Person(
            case_id=case.pk,
            role_in_case=p.role,
            first_name=p.first_name,
            last_name=p.last_name,
            known_as=p.known_as,
            date_of_birth=p.date_of_birth,
            age_in_years=p.age_in_years,
            gender=p.gender,
            identity_and_culture=p.identity_and_culture,
            preferred_language=p.preferred_language,
            communication=p.communication,
            needs=p.needs,
            school_or_setting=p.school_or_setting,
            childs_own_words=p.childs_own_words,
            address_id=addresses[p.address].pk if p.address is not None else None,
            created_at=case.created_at,
        )
        people.append(person)
        batch.contacts.extend(
            ContactDetail(
                person_id=person.pk, kind=c.kind, value=c.value, note=c.note, is_confidential_location=c.confidential
            )
            for c in p.contacts
        )
    batch.people.extend(people)

    batch.relationships.extend(
        Relationship(
            case_id=case.pk,
            person_id=people[r.person].pk,
            kind=r.kind,
            other_person_id=people[r.other].pk,
            has_parental_responsibility=r.parental_responsibility,
            lives_with_other_person=r.lives_with,
        )
        for r in plan.relationships
    )

    for e in plan.entries:
        recorded_at = _at(max(e.occurred_from, plan.opened_on) + dt.timedelta(days=rng.randint(0, 5)), rng)
        entry = ChronologyEntry(
            case_id=case.pk,
            behaviour=e.behaviour,
            person_responsible_id=people[e.responsible].pk,
            description=e.description,
            occurred_from=e.occurred_from,
            occurred_to=e.occurred_to,
            date_is_approximate=e.approximate,
            reported_by=e.reporter,
            source_document=e.source_document,
            recorded_by_id=worker.pk,
            recorded_at=recorded_at,
            updated_at=recorded_at,
        )
        batch.entries.append(entry)
        batch.impacts.extend(
            ChildImpact(entry_id=entry.pk, child_id=people[i.child].pk, impact=i.text) for i in e.impacts
        )


def _references(start: int, count: int) -> tuple[list[str], int]:
    """`count` generated references not yet taken, from counter `start`; returns them and the next counter."""
    references: list[str] = []
    counter = start
    while len(references) < count:
        wanted = count - len(references)
        candidates = [generated_reference(c) for c in range(counter, counter + wanted)]
        counter += wanted
        taken = set(Case.objects.filter(reference__in=candidates).values_list("reference", flat=True))
        references.extend(r for r in candidates if r not in taken)
    return references, counter


def generate(
    *,
    households: int,
    seed: int,
    organisation_name: str | None = None,
    batch_size: int = 1000,
    write: Callable[[str], None] = print,
) -> tuple[Counts, float]:
    """Create `households` households led by (and shared with) the organisation. Returns counts and seconds taken.

    With no organisation named, the demo's lead organisation is used, and the demo is loaded first if it is not
    there; a named organisation must exist already.
    """
    started = time.monotonic()
    if organisation_name is None:
        if load_demo(write=lambda _line: None):
            write("Loaded the demo organisations and logins first (manage.py load_demo_data prints them).")
        organisation_name = demo.LEAD
    organisation = Organisation.objects.filter(name=organisation_name).first()
    if organisation is None:
        raise LookupError(f"There is no organisation called {organisation_name!r}")
    partner = Organisation.objects.filter(name=demo.DOMESTIC_ABUSE_SERVICE).first()
    if partner == organisation:
        partner = None

    rng = random.Random(seed)
    today = timezone.localdate()
    counts = Counts()
    allocator = Allocator(organisation, rng, counts)
    counter = Case.objects.count()
    done = 0
    while done < households:
        size = min(batch_size, households - done)
        with transaction.atomic():
            references, counter = _references(counter, size)
            batch = _Batch()
            for reference in references:
                plan = plan_household(rng, today, entries=(3, 30), impacts=(0, 2), contacts=(0, 3))
                worker = allocator.allocate(open_case=plan.closed_on is None)
                _add_household(
                    batch,
                    plan,
                    reference=reference,
                    organisation=organisation,
                    partner=partner,
                    worker=worker,
                    rng=rng,
                )
            # Parents before children: each list only refers to rows in the lists above it.
            Case.objects.bulk_create(batch.cases, batch_size=INSERT_BATCH)
            CaseShare.objects.bulk_create(batch.shares, batch_size=INSERT_BATCH)
            Address.objects.bulk_create(batch.addresses, batch_size=INSERT_BATCH)
            Person.objects.bulk_create(batch.people, batch_size=INSERT_BATCH)
            ContactDetail.objects.bulk_create(batch.contacts, batch_size=INSERT_BATCH)
            Relationship.objects.bulk_create(batch.relationships, batch_size=INSERT_BATCH)
            ChronologyEntry.objects.bulk_create(batch.entries, batch_size=INSERT_BATCH)
            ChildImpact.objects.bulk_create(batch.impacts, batch_size=INSERT_BATCH)
        counts.cases += len(batch.cases)
        counts.shares += len(batch.shares)
        counts.addresses += len(batch.addresses)
        counts.people += len(batch.people)
        counts.contact_details += len(batch.contacts)
        counts.relationships += len(batch.relationships)
        counts.chronology_entries += len(batch.entries)
        counts.child_impacts += len(batch.impacts)
        done += size
        elapsed = time.monotonic() - started
        write(f"{done:>10,} / {households:,} households  ({done / elapsed:,.0f} a second)")
    write("Updating the query planner's statistics...")
    analyse(WRITTEN_MODELS)
    return counts, time.monotonic() - started


WRITTEN_MODELS = (
    User,
    Team,
    Case,
    CaseShare,
    Address,
    Person,
    ContactDetail,
    Relationship,
    ChronologyEntry,
    ChildImpact,
)


def analyse(models: Iterable[type[Model]]) -> None:
    """Refresh the planner's statistics for tables just filled in bulk.

    Without this, PostgreSQL plans queries for the tables as they were before the load (nearly empty) until
    autovacuum gets round to them, and searches over 100,000 households took a second instead of milliseconds.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
            cursor.execute(f"ANALYZE {tables}")
        else:
            cursor.execute("ANALYZE")
