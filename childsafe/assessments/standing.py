"""Where each person in a case stands: their current risk level and tier of need, and how it has moved.

For other apps (plans prompt escalation when a level rises; services propose services for a tier) and for this
app's case overview panel. The work is in pure functions over plain data (`points_from`, `standing_from`,
`rises_from`), tested without a database; the loaders read a case in a constant number of queries (two, however
many people and assessments the case has) and hand the rows to them.

API:
- `current_standing(case, today=None, include_disclosures=True) -> dict[str, Standing]`, keyed by the person's id
  as text. Only people with a completed, scored assessment appear. Pass `include_disclosures=False` when showing
  the result to a user who may not see disclosures (see `access.can_see_disclosures`): levels that come from the
  victim-survivor checklist are then left out.
- `level_history(case, include_disclosures=True) -> dict[str, list[LevelPoint]]`: each person's levels, oldest
  first, for trend charts.
- `level_rises(case, since=None, include_disclosures=True) -> list[LevelRise]`: each time a person's level went up
  from one completed assessment to the next on the same scale (and `since` a datetime, only those after it),
  oldest first.
- `proposal_tiers(people, this_result, standings) -> dict[str, ProposalTier]`: the tier of need to propose services
  for, person by person, and why (pure).

A level is the one in force: the answers' level, or a professional-judgement change that is in force (a raise, or
a lowering a manager signed off). A lowering waiting for sign-off changes nothing. Levels are compared only within
one scale (`child_risk` for the screening and the full assessment; `victim_risk` for the checklist).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from childsafe.assessments.instruments import Tier, get_registry
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.cases.models import Case


@dataclass(frozen=True)
class AssessmentRow:
    """What standing needs from one completed assessment, so the pure functions need no models."""

    id: str
    instrument_id: str
    instrument_title: str
    instrument_version: int
    completed_at: dt.datetime
    reassess_by: dt.date | None
    is_disclosure: bool
    result: Mapping
    definition_levels: Mapping[str, tuple[int, str, int, str]]  # level id -> (rank, label, tier, tag)


@dataclass(frozen=True)
class ChangeRow:
    assessment_id: str
    person_id: str
    to_level: str
    in_force: bool
    pending: bool
    requested_at: dt.datetime


@dataclass(frozen=True)
class LevelPoint:
    person_id: str
    assessment_id: str
    instrument_id: str
    instrument_title: str
    instrument_version: int
    scale_id: str
    on: dt.datetime
    level: str
    label: str
    rank: int
    tier: int
    tag: str
    answers_level: str
    changed_by_judgement: bool
    pending_lowering: bool
    reassess_by: dt.date | None


@dataclass(frozen=True)
class Standing:
    person_id: str
    scale_id: str
    level: str
    level_label: str
    rank: int
    tier: int
    tier_name: str
    tag: str
    assessed_on: dt.date
    reassess_by: dt.date
    overdue: bool
    due_soon: bool
    instrument_id: str
    instrument_title: str
    instrument_version: int
    assessment_id: str
    changed_by_judgement: bool
    pending_lowering: bool


@dataclass(frozen=True)
class LevelRise:
    person_id: str
    scale_id: str
    from_level: str
    from_label: str
    to_level: str
    to_label: str
    when: dt.datetime
    assessment_id: str


DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class ProposalTier:
    tier: int
    basis: str  # plain words: where the tier comes from


def proposal_tiers(
    people: Sequence[Any], this_result: Mapping[str, tuple[int, str]], standings: Mapping[str, Standing]
) -> dict[str, ProposalTier]:
    """The tier of need to propose services for, for each person, keyed by their id as text.

    Each person's own level decides: this result's level in force for the people it is about (`this_result`: person
    id -> (tier, level label)), else their current standing. One child's screening never moves a sibling's tier,
    and the non-abusing parent's checklist never decides the children's. An adult with no assessment of their own
    (the parent using abuse, usually) gets the highest tier in the household: the services for them exist to
    protect the others. A child with no assessment gets none: nothing yet says what they need.
    """
    tiers: dict[str, ProposalTier] = {}
    for person in people:
        person_id = str(person.pk)
        if person_id in this_result:
            tier, label = this_result[person_id]
            tiers[person_id] = ProposalTier(tier, f"{label} in this assessment")
        elif person_id in standings:
            standing = standings[person_id]
            tiers[person_id] = ProposalTier(
                standing.tier,
                f"{standing.level_label} in the {standing.instrument_title.lower()} of "
                f"{standing.assessed_on.strftime('%-d %B %Y')}",
            )
    if tiers:
        highest = max(tiers.values(), key=lambda item: item.tier).tier
        for person in people:
            if str(person.pk) not in tiers and not person.is_child:
                tiers[str(person.pk)] = ProposalTier(highest, "Not assessed: the highest tier of need in the household")
    return tiers


def points_from(assessments: Iterable[AssessmentRow], changes: Iterable[ChangeRow]) -> dict[str, list[LevelPoint]]:
    """Each person's level at each completed assessment, oldest first, with judgement changes applied."""
    by_assessment: dict[tuple[str, str], list[ChangeRow]] = defaultdict(list)
    for change in sorted(changes, key=lambda item: item.requested_at):
        by_assessment[(change.assessment_id, change.person_id)].append(change)
    points: dict[str, list[LevelPoint]] = defaultdict(list)
    for row in sorted(assessments, key=lambda item: item.completed_at):
        for subject in row.result.get("subjects", ()):
            person_id = subject["subject_id"]
            level = subject["level"]
            pending = False
            for change in by_assessment.get((row.id, person_id), ()):
                if change.in_force and change.to_level in row.definition_levels:
                    level = change.to_level
                pending = pending or change.pending
            rank, label, tier, tag = row.definition_levels.get(
                level, (subject["rank"], subject["level_label"], subject["tier"], subject.get("tag", "grey"))
            )
            points[person_id].append(
                LevelPoint(
                    person_id=person_id,
                    assessment_id=row.id,
                    instrument_id=row.instrument_id,
                    instrument_title=row.instrument_title,
                    instrument_version=row.instrument_version,
                    scale_id=row.result.get("scale_id", ""),
                    on=row.completed_at,
                    level=level,
                    label=label,
                    rank=rank,
                    tier=tier,
                    tag=tag,
                    answers_level=subject["level"],
                    changed_by_judgement=level != subject["level"],
                    pending_lowering=pending,
                    reassess_by=row.reassess_by,
                )
            )
    return dict(points)


def standing_from(
    points: Mapping[str, Sequence[LevelPoint]], tiers: Mapping[int, Tier], today: dt.date
) -> dict[str, Standing]:
    """The latest point for each person, with its tier and when to assess again (the sooner of the tier's interval
    and any date asked for)."""
    standings = {}
    for person_id, person_points in points.items():
        if not person_points:
            continue
        latest = person_points[-1]
        tier = tiers.get(latest.tier)
        assessed_on = timezone.localtime(latest.on).date() if timezone.is_aware(latest.on) else latest.on.date()
        due = assessed_on + dt.timedelta(days=tier.reassess_days if tier else 90)
        if latest.reassess_by is not None and latest.reassess_by < due:
            due = latest.reassess_by
        standings[person_id] = Standing(
            person_id=person_id,
            scale_id=latest.scale_id,
            level=latest.level,
            level_label=latest.label,
            rank=latest.rank,
            tier=latest.tier,
            tier_name=tier.name if tier else "",
            tag=latest.tag,
            assessed_on=assessed_on,
            reassess_by=due,
            overdue=due < today,
            due_soon=today <= due <= today + dt.timedelta(days=DUE_SOON_DAYS),
            instrument_id=latest.instrument_id,
            instrument_title=latest.instrument_title,
            instrument_version=latest.instrument_version,
            assessment_id=latest.assessment_id,
            changed_by_judgement=latest.changed_by_judgement,
            pending_lowering=latest.pending_lowering,
        )
    return standings


def rises_from(points: Mapping[str, Sequence[LevelPoint]], since: dt.datetime | None = None) -> list[LevelRise]:
    rises = []
    for person_id, person_points in points.items():
        last_on_scale: dict[str, LevelPoint] = {}
        for point in person_points:
            previous = last_on_scale.get(point.scale_id)
            if previous is not None and point.rank > previous.rank and (since is None or point.on >= since):
                rises.append(
                    LevelRise(
                        person_id=person_id,
                        scale_id=point.scale_id,
                        from_level=previous.level,
                        from_label=previous.label,
                        to_level=point.level,
                        to_label=point.label,
                        when=point.on,
                        assessment_id=point.assessment_id,
                    )
                )
            last_on_scale[point.scale_id] = point
    return sorted(rises, key=lambda rise: rise.when)


# ---------------------------------------------------------------------------------------------------------------
# Loaders: two queries per case


def _levels_of(definition: Mapping) -> dict[str, tuple[int, str, int, str]]:
    levels = definition.get("scale", {}).get("levels", ())
    return {level["id"]: (level["rank"], level["label"], level["tier"], level.get("tag", "grey")) for level in levels}


def load_rows(case: Case | str, include_disclosures: bool = True) -> tuple[list[AssessmentRow], list[ChangeRow]]:
    case_id = str(case.pk if isinstance(case, Case) else case)
    return load_rows_for_cases([case_id], include_disclosures).get(case_id, ([], []))


def load_rows_for_cases(
    case_ids: Iterable[Any], include_disclosures: bool = True
) -> dict[str, tuple[list[AssessmentRow], list[ChangeRow]]]:
    """The rows of many cases, keyed by case id as text, in two queries however many cases there are."""
    case_ids = [str(case_id) for case_id in case_ids]
    query = Assessment.objects.filter(
        case_id__in=case_ids, status=Assessment.Status.COMPLETED, result__isnull=False
    ).only(
        "id",
        "case_id",
        "instrument_id",
        "instrument_title",
        "instrument_version",
        "completed_at",
        "reassess_by",
        "is_disclosure",
        "result",
        "definition",
    )
    if not include_disclosures:
        query = query.filter(is_disclosure=False)
    rows: dict[str, tuple[list[AssessmentRow], list[ChangeRow]]] = {case_id: ([], []) for case_id in case_ids}
    for item in query:
        rows[str(item.case_id)][0].append(
            AssessmentRow(
                id=str(item.pk),
                instrument_id=item.instrument_id,
                instrument_title=item.instrument_title,
                instrument_version=item.instrument_version,
                completed_at=item.completed_at,
                reassess_by=item.reassess_by,
                is_disclosure=item.is_disclosure,
                result=item.result,
                definition_levels=_levels_of(item.definition),
            )
        )
    changes = LevelChange.objects.filter(assessment__case_id__in=case_ids).values_list(
        "assessment__case_id", "assessment_id", "person_id", "to_level", "status", "requested_at"
    )
    for case_id, assessment_id, person_id, to_level, status, requested_at in changes:
        rows[str(case_id)][1].append(
            ChangeRow(
                assessment_id=str(assessment_id),
                person_id=str(person_id),
                to_level=to_level,
                in_force=LevelChange.status_in_force(status),
                pending=status == LevelChange.Status.AWAITING_SIGN_OFF,
                requested_at=requested_at,
            )
        )
    return rows


def current_standings(
    case_ids: Iterable[Any], today: dt.date | None = None, include_disclosures: bool = True
) -> dict[str, dict[str, Standing]]:
    """`current_standing` for many cases at once (keyed by case id as text), in two queries."""
    tiers = get_registry().tiers
    today = today or timezone.localdate()
    return {
        case_id: standing_from(points_from(*rows), tiers, today)
        for case_id, rows in load_rows_for_cases(case_ids, include_disclosures).items()
    }


def level_history(case: Case | str, include_disclosures: bool = True) -> dict[str, list[LevelPoint]]:
    return points_from(*load_rows(case, include_disclosures))


def current_standing(
    case: Case | str, today: dt.date | None = None, include_disclosures: bool = True
) -> dict[str, Standing]:
    points = level_history(case, include_disclosures)
    return standing_from(points, get_registry().tiers, today or timezone.localdate())


def level_rises(
    case: Case | str, since: dt.datetime | None = None, include_disclosures: bool = True
) -> list[LevelRise]:
    return rises_from(level_history(case, include_disclosures), since)
