"""The sensitivity class of every field of the chronology, for childsafe.disclosure.

An entry is split so that the person who chose a behaviour can be told what is of concern without learning who
told professionals about it or what they said:
- the kind of behaviour, who chose it and when are BEHAVIOUR;
- the description is what the victim-survivor, a child or another witness disclosed (DISCLOSURE), and so is who
  reported it: "reported by the child" is enough to put a child at risk;
- the source document and the worker who recorded the entry are PROFESSIONAL (a refuge worker's name locates her);
- the impact on each child is WELLBEING, including which child it was recorded for.
"""

from __future__ import annotations

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
