"""The demo's service directory and referrals.

The directory comes from `childsafe/services/data/northbrook_directory.yaml`, every entry checked by the same rules as
a CSV import and added by the demo administrator through `services.directory.save_service`, so the audit log shows
it. Then a few households get referrals, made and moved on through `services.referrals` and
`services.attendance` as their allocated workers would:
  - the household in a refuge (case 1): the non-abusing parent to the refuge (a confidential, location-revealing
    referral), the eldest child to a children's group and the school's pastoral team, the younger to one-to-one
    support, a declined IDVA referral;
  - the household shared with the Change Programme (case 3): the parent using abuse on the programme with partner
    support for the non-abusing parent, having missed the last three sessions, so disengagement is flagged;
  - the other household shared with the programme (case 7): on the programme, attending, but with no partner
    support yet, so the case warns.
Everything is fictional, and the reasons name the behaviour and who chose it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from childsafe.cases.models import Case, Person
from childsafe.demo import organisations as demo
from childsafe.services import attendance, referrals
from childsafe.services.catalogue import DATA
from childsafe.services.csv_io import COLUMNS, check_cells
from childsafe.services.directory import save_service
from childsafe.services.models import Referral, Service

DIRECTORY_FILE: Path = DATA / "northbrook_directory.yaml"
Status = Referral.Status
Role = Person.RoleInCase

REFUGE_CASE, PROGRAMME_CASE, PROGRAMME_CASE_NO_PARTNER_SUPPORT, BABY_CASE = 0, 2, 6, 1


class DirectoryFileError(Exception):
    """The demo directory file breaks the directory's rules; the message lists each problem."""


def _cells(entry: dict[str, Any], today: dt.date) -> dict[str, str]:
    days = entry.get("last_reviewed_days_ago")
    values = {
        **{column: "" for column in COLUMNS},
        **{key: value for key, value in entry.items() if key in COLUMNS},
        "tiers": "; ".join(str(tier) for tier in entry.get("tiers", [])),
        "serves": "; ".join(entry.get("serves", [])),
        "areas": "; ".join(entry.get("areas", [])),
        "is_active": "yes" if entry.get("is_active", True) else "no",
        "last_reviewed": (today - dt.timedelta(days=days)).isoformat() if days is not None else "",
    }
    return {column: "" if values[column] is None else str(values[column]) for column in COLUMNS}


def directory_entries(today: dt.date) -> list[dict[str, Any]]:
    """The checked, typed values of every service in the demo directory file, or DirectoryFileError."""
    data = yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8"))
    entries, problems = [], []
    for number, entry in enumerate(data["services"], start=1):
        values, found = check_cells(number, _cells(entry, today))
        key = entry.get("key")
        problems.extend(f"entry {number} ({key}): {problem.column}: {problem.message}" for problem in found)
        entries.append(values)
    keys = [entry["key"] for entry in entries]
    problems.extend(f"the key {key} is used twice" for key in sorted({key for key in keys if keys.count(key) > 1}))
    if problems:
        raise DirectoryFileError("; ".join(problems))
    return entries


def load_directory(by: Any, today: dt.date) -> dict[str, Service]:
    services = {}
    for values in directory_entries(today):
        service = Service(**values)
        save_service(service, by=by, changed=list(COLUMNS), creating=True)
        services[service.key] = service
    return services


def _people(case: Case) -> dict[str, list[Person]]:
    by_role: dict[str, list[Person]] = {}
    for person in Person.objects.filter(case=case).order_by("date_of_birth", "first_name"):
        by_role.setdefault(person.role_in_case, []).append(person)
    return by_role


def _start(case: Case, today: dt.date, weeks_needed: int) -> dt.date:
    """A referral date after the case opened, early enough for `weeks_needed` weeks of work before today."""
    return max(case.opened_on, today - dt.timedelta(weeks=weeks_needed))


def _move(referral: Referral, worker: Any, *steps: tuple[str, dt.date, str]) -> None:
    for status, on, reason in steps:
        referrals.change_status(referral, status, on=on, by=worker, reason=reason)


def _programme_sessions(referral: Referral, worker: Any, first: dt.date, today: dt.date, missed_at_end: int) -> int:
    """Weekly sessions of 2.5 hours from `first` to yesterday (every 3 days if that leaves fewer than 5)."""
    step = 7 if (today - first).days >= 7 * 5 else 3
    days = []
    day = first
    while day < today:
        days.append(day)
        day += dt.timedelta(days=step)
    for index, held_on in enumerate(days):
        attended = index < len(days) - missed_at_end
        attendance.record_session(
            referral,
            held_on=held_on,
            planned_hours=Decimal("2.5"),
            attended=attended,
            hours_attended=Decimal("2.5") if attended else None,
            note="" if attended else "Did not attend and did not call the programme.",
            by=worker,
        )
    return len(days)


def _refuge_household(case: Case, services: dict[str, Service], today: dt.date) -> None:
    worker = case.allocated_worker
    people = _people(case)
    mother = people[Role.NON_ABUSING_PARENT][0]
    children = sorted(people[Role.CHILD], key=lambda child: -(child.age_on(today) or 0))
    older, younger = children[0], children[-1]
    father = people[Role.PARENT_USING_ABUSE][0]
    sent = _start(case, today, 10)
    refuge = referrals.refer(
        case,
        mother,
        services["nb-womens-refuge"],
        reason=f"{mother.first_name} and the children need a safe place to stay after {father.first_name}'s "
        "escalating violence and threats. Agreed with her by phone at a safe time.",
        on=sent,
        by=worker,
    )
    _move(refuge, worker, (Status.ACCEPTED, sent, ""), (Status.STARTED, sent + dt.timedelta(days=1), ""))
    group = referrals.refer(
        case,
        older,
        services["willow-tree-group"],
        reason=f"{older.first_name} has described being frightened when {father.first_name} shouted and broke "
        "things, and now says it was their fault. A group with other children would help.",
        on=sent + dt.timedelta(days=7),
        by=worker,
    )
    _move(group, worker, (Status.WAITING, sent + dt.timedelta(days=12), ""))
    school = referrals.refer(
        case,
        older,
        services["hollin-lane-pastoral"],
        reason=f"Quiet space and a trusted adult at school for {older.first_name} while settling after the move.",
        on=sent + dt.timedelta(days=8),
        by=worker,
    )
    _move(school, worker, (Status.ACCEPTED, sent + dt.timedelta(days=9), ""))
    one_to_one = referrals.refer(
        case,
        younger,
        services["nb-childrens-support-workers"],
        reason=f"{younger.first_name} is wetting the bed again and will not leave {mother.first_name}'s side since "
        f"{father.first_name} assaulted her.",
        on=sent + dt.timedelta(days=7),
        by=worker,
    )
    _move(one_to_one, worker, (Status.ACCEPTED, sent + dt.timedelta(days=14), ""))
    idva = referrals.refer(
        case,
        mother,
        services["nb-idva"],
        reason=f"High risk: {father.first_name} strangled {mother.first_name} and threatened to kill her. "
        "Risk checklist attached.",
        on=sent + dt.timedelta(days=2),
        by=worker,
    )
    _move(
        idva,
        worker,
        (
            Status.DECLINED,
            sent + dt.timedelta(days=5),
            "The service was at capacity that week and asked for the referral to go to the MARAC coordinator instead.",
        ),
    )


def _programme_household(case: Case, services: dict[str, Service], today: dt.date, *, with_partner: bool) -> None:
    worker = case.allocated_worker
    people = _people(case)
    father = people[Role.PARENT_USING_ABUSE][0]
    mother = people[Role.NON_ABUSING_PARENT][0]
    sent = _start(case, today, 16)
    programme, partner_referral = referrals.refer_to_programme(
        case,
        father,
        services["nb-change-programme"],
        reason=f"{father.first_name} chose to use coercive and violent behaviour towards {mother.first_name}, "
        f"which the children saw and heard. The child protection plan asks {father.first_name} to attend and "
        "complete an accredited behaviour-change programme.",
        on=sent,
        by=worker,
        partner=mother if with_partner else None,
        partner_service=services["nb-change-partner-support"] if with_partner else None,
        partner_reason=f"Partner support for {mother.first_name} alongside the programme, for her safety and so "
        "she hears honestly how it is going."
        if with_partner
        else "",
    )
    started = sent + dt.timedelta(days=14)
    _move(programme, worker, (Status.ACCEPTED, sent + dt.timedelta(days=5), ""), (Status.STARTED, started, ""))
    _programme_sessions(programme, worker, started, today, missed_at_end=3 if with_partner else 0)
    if partner_referral is not None:
        _move(
            partner_referral, worker, (Status.ACCEPTED, sent + dt.timedelta(days=3), ""), (Status.STARTED, started, "")
        )


def _baby_household(case: Case, services: dict[str, Service], today: dt.date) -> None:
    worker = case.allocated_worker
    people = _people(case)
    mother = people[Role.NON_ABUSING_PARENT][0]
    sent = _start(case, today, 3)
    referrals.refer(
        case,
        mother,
        services["nbdas-outreach"],
        reason="Outreach support and safety planning; contact only through the health visitor's clinic.",
        on=sent,
        by=worker,
    )


def add_demo(world: Any, write: Callable[[str], None]) -> None:
    """Load the directory, then the referrals (see the module docstring)."""
    administrator = world.directory.users[demo.ADMINISTRATOR]
    services = load_directory(administrator, world.today)
    write(f"  service directory: {len(services)} services")
    _refuge_household(world.cases[REFUGE_CASE], services, world.today)
    _programme_household(world.cases[PROGRAMME_CASE], services, world.today, with_partner=True)
    _programme_household(world.cases[PROGRAMME_CASE_NO_PARTNER_SUPPORT], services, world.today, with_partner=False)
    _baby_household(world.cases[BABY_CASE], services, world.today)
    write(f"  referrals: {Referral.objects.count()}")
