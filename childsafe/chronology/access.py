"""What a user sees of a case's chronology, beyond whether they see the case (`cases.access`).

Two rules, each the one the documents already apply, so a screen never shows what a printed copy would not:
- Those who work with the parent using abuse (a behaviour-change programme, probation) are not shown entries the
  victim-survivor or a child reported (`chronology.sensitivity.visible_entries`): the kind and date alone say
  what she or a child disclosed and when. The list, its count, its filter and the pattern picture are all built
  from the same entries, and nothing says that any were left out, since that too would tell.
- Outside the lead organisation, an entry whose words name a confidential location
  (`chronology.sensitivity.names_a_confidential_location`) is shown without those words: its kind, dates, who
  chose it and who reported it stay, with a line saying only the lead organisation sees the rest, as with the
  address itself (`cases.access.can_see_confidential_locations`, and the plans app's `hidden_as_confidential`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from childsafe.cases.access import can_see_confidential_locations, works_with_the_person_using_abuse
from childsafe.cases.models import Case
from childsafe.chronology.models import ChronologyEntry
from childsafe.chronology.sensitivity import names_a_confidential_location, visible_entries
from childsafe.plans.sensitivity import CasePlaces, case_places


def entries_for(user: Any, case: Case) -> QuerySet[ChronologyEntry]:
    """The case's entries this user may be shown at all."""
    entries = ChronologyEntry.objects.filter(case=case)
    return visible_entries(entries, works_with_him=works_with_the_person_using_abuse(user))


def places_for(user: Any, case: Case) -> CasePlaces:
    """The case's places for `words_hidden_as_confidential`: none to look for in the lead organisation, which reads
    every word (so its pages make no extra queries)."""
    if can_see_confidential_locations(user, case):
        return CasePlaces(case=case)
    return case_places(case)


def words_hidden_as_confidential(user: Any, entry: ChronologyEntry, places: CasePlaces) -> bool:
    """Whether this entry's words name a confidential location of the case and this user is outside the lead
    organisation, which alone may read one. `places` from `places_for`; `entry.child_impacts` prefetched."""
    if places.case is None or can_see_confidential_locations(user, places.case):
        return False
    return names_a_confidential_location(entry, places)
