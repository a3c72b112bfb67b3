"""Recording and changing chronology entries.

An entry, its impact on each child and its audit entry are written in one transaction: all land or none do.
The audit entry names the fields that changed (impacts as `impact_<child uuid hex>`, like the form), never
their values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.cases.models import Case, Person
from childsafe.cases.services import Action, audit
from childsafe.chronology.models import ChildImpact, ChronologyEntry

ENTRY_FIELDS = (
    "behaviour",
    "person_responsible",
    "description",
    "occurred_from",
    "occurred_to",
    "date_is_approximate",
    "reported_by",
    "source_document",
)


class EntryNotAllowed(ValueError):
    """Data that breaks a rule of the chronology itself; the form stops it first, this stops everything else."""


def impact_name(child: Person | Any) -> str:
    child_id = child.pk if isinstance(child, Person) else child
    return f"impact_{child_id.hex}"


def _check(case: Case, data: Mapping[str, Any], impacts: Mapping[Person, str]) -> None:
    missing = [name for name in ENTRY_FIELDS if name not in data]
    if missing:
        raise EntryNotAllowed(f"Missing entry fields: {', '.join(missing)}")
    person = data["person_responsible"]
    if person.case_id != case.pk or person.is_child:
        raise EntryNotAllowed("The person who chose a behaviour must be an adult in this case")
    for child in impacts:
        if child.case_id != case.pk or not child.is_child:
            raise EntryNotAllowed("An impact can be recorded only for a child in this case")


def _value(source: ChronologyEntry | Mapping[str, Any], name: str) -> Any:
    """A field's comparable value; a person by id, so comparing never loads them."""
    if name == "person_responsible":
        return source.person_responsible_id if isinstance(source, ChronologyEntry) else source[name].pk
    return getattr(source, name) if isinstance(source, ChronologyEntry) else source[name]


def _touch(case_id: Any) -> None:
    Case.objects.filter(pk=case_id).update(updated_at=timezone.now())


def add_entry(
    case: Case, by: User, data: Mapping[str, Any], impacts: Mapping[Person, str], request: HttpRequest | None = None
) -> ChronologyEntry:
    """Record one behaviour and its impact on each child named. Blank impacts are not stored."""
    _check(case, data, impacts)
    with transaction.atomic():
        entry = ChronologyEntry(case=case, recorded_by=by, **{name: data[name] for name in ENTRY_FIELDS})
        entry.save(force_insert=True)
        rows = [ChildImpact(entry=entry, child=child, impact=text) for child, text in impacts.items() if text]
        ChildImpact.objects.bulk_create(rows)
        changed = [name for name in ENTRY_FIELDS if data[name] not in (None, "", False)]
        changed += [impact_name(row.child) for row in rows]
        audit(by, Action.CREATE, entry, request, changed)
        _touch(case.pk)
    return entry


def update_entry(
    entry: ChronologyEntry,
    by: User,
    data: Mapping[str, Any],
    impacts: Mapping[Person, str],
    request: HttpRequest | None = None,
) -> list[str]:
    """Change an entry and its impacts; return the names of what changed. Nothing changed, nothing written.

    A blank impact removes that child's impact. Children not in `impacts` keep theirs untouched.
    """
    _check(entry.case, data, impacts)
    with transaction.atomic():
        # Compare against the row as it is now, locked, so two people saving at once cannot hide each
        # other's changes from the audit log.
        current = ChronologyEntry.objects.select_for_update().get(pk=entry.pk)
        changed = [name for name in ENTRY_FIELDS if _value(current, name) != _value(data, name)]
        for name in changed:
            setattr(current, name, data[name])

        existing = {impact.child_id: impact for impact in ChildImpact.objects.filter(entry=current)}
        for child, text in impacts.items():
            row = existing.get(child.pk)
            if row is None and text:
                ChildImpact.objects.create(entry=current, child=child, impact=text)
            elif row is not None and not text:
                row.delete()
            elif row is not None and row.impact != text:
                row.impact = text
                row.save(update_fields=["impact"])
            else:
                continue
            changed.append(impact_name(child))

        if changed:
            current.updated_at = timezone.now()
            current.save()
            audit(by, Action.UPDATE, current, request, changed)
            _touch(current.case_id)
    # The caller's object reflects what was saved.
    for name in (*ENTRY_FIELDS, "updated_at"):
        value = data[name] if name in data else getattr(current, name)
        setattr(entry, name, value)
    return changed
