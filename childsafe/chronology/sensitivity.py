"""The sensitivity class of every field of the chronology, for childsafe.disclosure.

An entry is split so that the person who chose a behaviour can be told what is of concern without learning who
told professionals about it or what they said:
- the kind of behaviour, who chose it and when are BEHAVIOUR;
- the description is what the victim-survivor, a child or another witness disclosed (DISCLOSURE), and so is who
  reported it: "reported by the child" is enough to put a child at risk;
- the source document and the worker who recorded the entry are PROFESSIONAL (a refuge worker's name locates her);
- the impact on each child is WELLBEING, including which child it was recorded for.

One rule depends on the entry (`field_class`): an entry the victim-survivor or a child reported is, as a whole,
what they disclosed. "Pushed her, 3 March", listed for him, tells him that she (or a child) told professionals
about 3 March, even with the reporter left out, since he knows who saw it. So its kind, dates and whom it names are
DISCLOSURE too, and the version for the parent using abuse leaves the entry out; what the police, a school or
anyone else reported stays BEHAVIOUR. Those who work with him see on screen what his version has
(`visible_entries`), so they are not shown such an entry either.

An entry whose words (what happened, the source, the impact on a child: `texts_of`) name one of the case's
confidential locations (`plans.sensitivity.case_places`: a refuge's or a new address's lines, postcode or town, a
confidential contact detail) is, like a plan action that does, a confidential location itself
(`names_a_confidential_location`): "He waited outside <the refuge> in <its town>" is the address, wherever it is
typed. The disclosure facts (childsafe.disclosure.facts) and the chronology's pages
(`chronology.access.words_hidden_as_confidential`) keep it to the lead organisation, as they keep the address.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from childsafe.disclosure.classes import Sensitivity
from childsafe.plans.sensitivity import names_a_case_place

ADMIN = Sensitivity.CASE_ADMIN
BEHAVIOUR = Sensitivity.BEHAVIOUR

FIELD_CLASSES: dict[str, Sensitivity] = {
    "ChronologyEntry.id": ADMIN,
    "ChronologyEntry.case": ADMIN,
    "ChronologyEntry.behaviour": BEHAVIOUR,
    "ChronologyEntry.person_responsible": BEHAVIOUR,
    "ChronologyEntry.description": Sensitivity.DISCLOSURE,
    "ChronologyEntry.occurred_from": BEHAVIOUR,
    "ChronologyEntry.occurred_to": BEHAVIOUR,
    "ChronologyEntry.date_is_approximate": BEHAVIOUR,
    "ChronologyEntry.reported_by": Sensitivity.DISCLOSURE,
    "ChronologyEntry.source_document": Sensitivity.PROFESSIONAL,
    "ChronologyEntry.recorded_by": Sensitivity.PROFESSIONAL,
    "ChronologyEntry.recorded_at": ADMIN,
    "ChronologyEntry.updated_at": ADMIN,
    "ChildImpact.id": ADMIN,
    "ChildImpact.entry": ADMIN,
    "ChildImpact.child": Sensitivity.WELLBEING,
    "ChildImpact.impact": Sensitivity.WELLBEING,
}

# Reporters whose report is their own disclosure (ChronologyEntry.Reporter values).
DISCLOSED_BY_HER_OR_A_CHILD: frozenset[str] = frozenset({"victim_survivor", "child"})


def field_class(entry: Any, field: str) -> Sensitivity:
    """The class of `entry.field`: the table's, except that an entry the victim-survivor or a child reported has
    no BEHAVIOUR fields; they are DISCLOSURE (see the module docstring)."""
    sensitivity = FIELD_CLASSES[f"{type(entry).__name__}.{field}"]
    if sensitivity == BEHAVIOUR and entry.reported_by in DISCLOSED_BY_HER_OR_A_CHILD:
        return Sensitivity.DISCLOSURE
    return sensitivity


def visible_entries(entries: QuerySet[Any], *, works_with_him: bool) -> QuerySet[Any]:
    """The entries the per-record rule above lets those who work with the parent using abuse see: none that she or
    a child reported. Everyone else gets every entry."""
    if not works_with_him:
        return entries
    return entries.exclude(reported_by__in=DISCLOSED_BY_HER_OR_A_CHILD)


def texts_of(record: Any) -> list[str]:
    """The words of a chronology record that may name a place: an entry's description, its source document and
    each impact on a child (prefetch `child_impacts` when reading many); an impact's own words."""
    model = type(record).__name__
    if model == "ChronologyEntry":
        return [record.description, record.source_document, *(impact.impact for impact in record.child_impacts.all())]
    if model == "ChildImpact":
        return [record.impact]
    return []


def names_a_confidential_location(record: Any, places: Iterable[str]) -> bool:
    """Whether a chronology record's words name one of the case's confidential locations (`places` from
    `plans.sensitivity.case_places`, whose `confidential` are those locations): such a record is treated as a
    confidential location itself (see the module docstring)."""
    confidential = getattr(places, "confidential", ())
    return bool(confidential) and names_a_case_place(texts_of(record), confidential)
