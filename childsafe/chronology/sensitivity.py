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
anyone else reported stays BEHAVIOUR.
"""

from __future__ import annotations

from typing import Any

from childsafe.disclosure.classes import Sensitivity

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
