"""What a user may see of a plan, beyond seeing the case (`childsafe.cases.access`).

A behaviour-change programme works with the parent using abuse, so its workers see what the plan asks of him and
how he is doing, and not the support arranged for the victim-survivor and the children, where they are, or what
anyone said: on its pages an action is shown only if its row class (`sensitivity.class_of_action`) is
ACCOUNTABILITY, an outcome only if a worker marked it shareable, and versions (the whole plan as it was) not at all.
Everyone else who may see the case sees the whole plan, except an action or outcome whose words name one of the
case's confidential locations (its refuge's or new address's lines, postcode or town, a confidential contact
detail): like the address itself, only the lead organisation reads it (`hidden_as_confidential`), and the plan page
tells others that there is such a record and who sees it. So too a review's notes and a child's views: the review
page shows the review without them, saying who sees them. The same organisations are kept from referrals to refuges
and from safety plans by the services and safety apps (`childsafe.services.access.works_for_programme`).

The same organisations (probation too) are never told where she or the children are, and a refuge's or a school's
name says exactly that (`cases.access.may_name_agency`). So an action a refuge or a school owns is not shown to them
even when it is about him ("the school to tell the allocated worker if he tries to collect the children" names the
children's school by its owner), such agencies are not offered as owners on their action form, and a review lists
only the agencies they may be told of. A name someone is known by now is a location too: every plan page gives them
the case's people redacted (`cases.access.redact_people`). Prompts already acknowledged keep the message of the
day and the worker's note on what they did (a level from her own risk checklist, a call to her), so they are
listed only for those who see the plan in full.

A progress note on one of his actions is evidence, and evidence often rests on what she or a child said ("Rachel
says he came to her door on Tuesday"), as a review's notes do (those are already kept from them). They see every
update's date and status, and the notes written by their own organisation (`note_visible`).

A version of the plan (the whole plan as it was) is read by the same rules, item by item (`hidden_in_versions`),
on its own page, in every comparison of two versions and in what a worker is shown changed while they were
editing: what a reader may not see of the live plan they do not see of its history either.

Running the plan belongs to the lead organisation, as closing the case does (`manages_plans`): starting one,
changing its details, making it active (which ends the plan in force), recording a review (which writes the
children's views and links versions others may not read), acknowledging an escalation prompt (which takes it off
every worker's list) and ending it. The plan is the lead organisation's to account for at conference; a partner
(a school, the police, a refuge) adds its own actions and records progress on them. A worker who sees only his
actions could never run it: a deceived or pressured one could otherwise end a child protection plan or silence a
missed-sessions prompt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from childsafe.accounts.models import Organisation
from childsafe.cases.access import can_see_confidential_locations, may_name_agency
from childsafe.cases.models import Person
from childsafe.disclosure.classes import Sensitivity
from childsafe.plans.models import Action, ChildView, Outcome, ProgressUpdate, Review
from childsafe.plans.sensitivity import case_places, class_of_action, class_of_outcome, names_a_confidential_place
from childsafe.plans.versions import LeftOut, as_action, as_outcome
from childsafe.services.access import works_for_programme


def sees_plan_in_full(user: Any) -> bool:
    return not works_for_programme(user)


def hidden_as_confidential(user: Any, record: Action | Outcome | Review | ChildView, places: Iterable[str]) -> bool:
    """Whether this record's words name a confidential location of the case (`places` from `case_places(case)`)
    and this user is outside the lead organisation, which alone may read one. For a review, its notes and who else
    attended; for a child's views, the views (`sensitivity.texts_of`)."""
    case = getattr(places, "case", None)
    if case is None or can_see_confidential_locations(user, case):
        return False
    return names_a_confidential_place(record, places)


def action_visible(user: Any, action: Action, places: Iterable[str]) -> bool:
    """`places`: `case_places(case)` for every user (it holds the confidential locations partners must not read)."""
    if hidden_as_confidential(user, action, places):
        return False
    if sees_plan_in_full(user):
        return True
    if action.owner_organisation_id is not None and not may_name_agency(user, action.owner_organisation):
        return False
    return class_of_action(action, places) == Sensitivity.ACCOUNTABILITY


def outcome_visible(user: Any, outcome: Outcome, places: Iterable[str]) -> bool:
    if hidden_as_confidential(user, outcome, places):
        return False
    return sees_plan_in_full(user) or class_of_outcome(outcome, places) == Sensitivity.ACCOUNTABILITY


def hidden_in_snapshot(
    user: Any, content: dict, places: Iterable[str], people: Mapping[str, Person], agencies: Mapping[Any, Organisation]
) -> LeftOut:
    """The outcomes and actions of one version (`versions.snapshot`) this user may not see: `outcome_visible` and
    `action_visible` applied to each as it was then (`versions.as_outcome`, `versions.as_action`)."""
    return LeftOut(
        outcomes=frozenset(
            item["id"] for item in content.get("outcomes", []) if not outcome_visible(user, as_outcome(item), places)
        ),
        actions=frozenset(
            item["id"]
            for item in content.get("actions", [])
            if not action_visible(user, as_action(item, people, agencies), places)
        ),
    )


def hidden_in_versions(user: Any, case: Any, contents: Sequence[dict]) -> list[LeftOut]:
    """`hidden_in_snapshot` for each of these versions of one of the case's plans, judged against the case's places
    and people as they are now: a refuge recorded after a version was made still keeps that version's words naming
    it from partners."""
    places = case_places(case)
    people = {str(person.pk): person for person in Person.objects.filter(case=case)}
    agency_ids = {
        item["owner_organisation_id"]
        for content in contents
        for item in content.get("actions", [])
        if item.get("owner_organisation_id") is not None
    }
    agencies = Organisation.objects.in_bulk(agency_ids)
    return [hidden_in_snapshot(user, content, places, people, agencies) for content in contents]


def nameable_agencies(user: Any, agencies: Iterable[Organisation]) -> list[Organisation]:
    """The agencies this user may be told are involved (not a refuge or a school, for those who work with him)."""
    return [agency for agency in agencies if may_name_agency(user, agency)]


def note_visible(user: Any, update: ProgressUpdate) -> bool:
    if sees_plan_in_full(user):
        return True
    author = update.recorded_by
    return author is not None and author.organisation_id is not None and author.organisation_id == user.organisation_id


def manages_plans(user: Any, case: Any) -> bool:
    """Starts, changes the details of, activates, reviews and ends plans, and acknowledges their prompts."""
    return sees_plan_in_full(user) and user.organisation_id == case.lead_organisation_id
