"""The disclosure policy: what each audience may receive, decided here and nowhere else.

Every field of personal data has a sensitivity class (each app's `sensitivity.py`, collected by `registry`), and
every output is made for an audience. A field is rendered only if `may_show` says so. The decision has two parts:

1. **The table** `ALLOWED`: which classes an audience may receive at all. Deny by default: a class not listed
   for an audience is never shown to it, and a field with no class is never shown to anyone.
2. **Rules that depend on the record**, not only the field, in the order `may_show` applies them:
   - *Confidential locations* (a refuge, a new address, a number that would find her) reach only professionals
     in the case's lead organisation. That includes the non-abusing parent's own version: a printed document can
     be found or taken, and she does not need to be told her own address.
   - *Safety plans in a professional's copy* reach only organisations that may read safety plans on screen
     (`Reader.sees_safety_plans`, from childsafe.safety.access): a school or probation officer sees that a plan
     exists, not what it says.
   - *Organisations that locate someone*: naming a refuge among the agencies involved tells the reader she is in
     a refuge, and naming a school tells them where a child spends the day. `NAMEABLE_AGENCY_KINDS` lists the
     kinds of organisation each audience may be told about; the rest are left out of the agencies involved.
   - *Whose information it is* (`SCOPES`): some classes are given to an audience only about some people. The
     non-abusing parent's version has her own and her children's addresses, contact details, wellbeing and
     safety plans, and nothing of the kind about other adults. The version for the parent using abusive
     behaviours has his own identity, actions and behaviours, and of the children only what names them
     (`LIMITED_FIELDS`): no one else in the household appears in it at all.

The policy knows nothing of models or documents: a presenter (`presenters.py`) works out the facts about a record
(whose it is, whether it is a confidential location, which organisation it names) and asks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from childsafe.accounts.models import Organisation
from childsafe.disclosure.classes import Audience, Sensitivity

S = Sensitivity
A = Audience

# 1. The table. Reasons are kept beside each decision so the README and the tests can print them.
ALLOWED: dict[Audience, frozenset[Sensitivity]] = {
    A.PROFESSIONAL: frozenset(Sensitivity),
    A.NON_ABUSING_PARENT: frozenset(
        {S.CASE_ADMIN, S.IDENTITY, S.LOCATION, S.DISCLOSURE, S.SAFETY_PLAN, S.WELLBEING, S.ACCOUNTABILITY, S.BEHAVIOUR}
    ),
    A.PARENT_USING_ABUSE: frozenset({S.CASE_ADMIN, S.IDENTITY, S.ACCOUNTABILITY, S.BEHAVIOUR}),
}

REASONS: dict[tuple[Audience, Sensitivity], str] = {
    (A.PROFESSIONAL, S.CASE_ADMIN): "Needed to work the case together.",
    (A.PROFESSIONAL, S.IDENTITY): "Needed to know who each person is.",
    (A.PROFESSIONAL, S.LOCATION): "Needed to visit and keep people safe; confidential locations only in the lead "
    "organisation.",
    (A.PROFESSIONAL, S.DISCLOSURE): "What was said is the evidence professionals act on.",
    (A.PROFESSIONAL, S.SAFETY_PLAN): "Professionals hold and review the safety plans.",
    (A.PROFESSIONAL, S.WELLBEING): "Needed to meet each person's needs.",
    (A.PROFESSIONAL, S.PROFESSIONAL): "Assessments and worker safety are shared between the professionals involved.",
    (A.PROFESSIONAL, S.ACCOUNTABILITY): "Professionals monitor the plan.",
    (A.PROFESSIONAL, S.BEHAVIOUR): "The pattern of behaviours is the basis of the work.",
    (A.NON_ABUSING_PARENT, S.CASE_ADMIN): "She needs to know who is involved and how to reach them (a refuge is "
    "not named: it is a location).",
    (A.NON_ABUSING_PARENT, S.IDENTITY): "She knows the people in her household.",
    (A.NON_ABUSING_PARENT, S.LOCATION): "Her own and her children's only, and never a confidential location: a "
    "printed copy can be found or taken.",
    (A.NON_ABUSING_PARENT, S.DISCLOSURE): "Her own account and her children's words are hers to have.",
    (A.NON_ABUSING_PARENT, S.SAFETY_PLAN): "Her own and her children's safety plans are made with her.",
    (A.NON_ABUSING_PARENT, S.WELLBEING): "Her own and her children's only; other adults' needs are theirs.",
    (A.NON_ABUSING_PARENT, S.PROFESSIONAL): "Professionals' analysis, worker-safety checks and notes are not "
    "shared with family members.",
    (A.NON_ABUSING_PARENT, S.ACCOUNTABILITY): "She may know what the parent using abuse has been asked to do.",
    (A.NON_ABUSING_PARENT, S.BEHAVIOUR): "The behaviours she and the children lived with.",
    (A.PARENT_USING_ABUSE, S.CASE_ADMIN): "He needs the case reference, dates and whom to contact; only agencies "
    "that do not locate her or the children are named.",
    (A.PARENT_USING_ABUSE, S.IDENTITY): "His own details, and the children's first names; no one else in the "
    "household.",
    (A.PARENT_USING_ABUSE, S.LOCATION): "Never: this is what he could use to find her or the children.",
    (A.PARENT_USING_ABUSE, S.DISCLOSURE): "Never: what she or a child told professionals could put them at risk.",
    (A.PARENT_USING_ABUSE, S.SAFETY_PLAN): "Never: a safety plan he knows is a safety plan that fails.",
    (A.PARENT_USING_ABUSE, S.WELLBEING): "Never: her and the children's needs and the impact of abuse on them.",
    (A.PARENT_USING_ABUSE, S.PROFESSIONAL): "Never: risk assessments and worker-safety checks.",
    (A.PARENT_USING_ABUSE, S.ACCOUNTABILITY): "His own actions and progress only: accountability is his.",
    (A.PARENT_USING_ABUSE, S.BEHAVIOUR): "The kinds of behaviour of concern he chose, and when, without who "
    "reported them or what was said; and none that she or a child reported, since the entry itself would tell him "
    "what they disclosed and when.",
}


class Subject(StrEnum):
    """Whose information a record is, as seen from the output being made."""

    SELF = "self"  # the person the output is for
    CHILD = "child"
    SIBLING_ELSEWHERE = "sibling_elsewhere"
    NON_ABUSING_PARENT = "non_abusing_parent"
    PARENT_USING_ABUSE = "parent_using_abuse"
    OTHER_ADULT = "other_adult"


@dataclass(frozen=True)
class SubjectScope:
    """The people about whom a class may be given to an audience.

    `every_subject=False`: the record is shown if it is about at least one allowed person (an address she shares
    with others is still her address). `True`: every person it is about must be allowed (an action for him and
    her together is not "his own action"). `about_no_one`: whether a record about no one in particular (the case
    itself, its sharing) passes; otherwise such a record is denied.
    """

    allowed: frozenset[Subject]
    every_subject: bool
    about_no_one: bool = False


HER_AND_THE_CHILDREN = frozenset({Subject.SELF, Subject.CHILD, Subject.SIBLING_ELSEWHERE})

SCOPES: dict[tuple[Audience, Sensitivity], SubjectScope] = {
    (A.NON_ABUSING_PARENT, S.LOCATION): SubjectScope(HER_AND_THE_CHILDREN, every_subject=False),
    (A.NON_ABUSING_PARENT, S.WELLBEING): SubjectScope(HER_AND_THE_CHILDREN, every_subject=False),
    (A.NON_ABUSING_PARENT, S.SAFETY_PLAN): SubjectScope(HER_AND_THE_CHILDREN, every_subject=False),
    # Case administration about other people (a child's referral to a group, the dates of her safety plan) tells
    # him what support they have and where: he gets the case's own administration and his own.
    (A.PARENT_USING_ABUSE, S.CASE_ADMIN): SubjectScope(
        frozenset({Subject.SELF}), every_subject=True, about_no_one=True
    ),
    (A.PARENT_USING_ABUSE, S.IDENTITY): SubjectScope(frozenset({Subject.SELF, Subject.CHILD}), every_subject=True),
    # His own actions; and the outcomes wanted for the children, where a worker has marked one shareable (the plans
    # app then classes it ACCOUNTABILITY) and only its words and the child's first name (LIMITED_FIELDS).
    (A.PARENT_USING_ABUSE, S.ACCOUNTABILITY): SubjectScope(
        frozenset({Subject.SELF, Subject.CHILD}), every_subject=True
    ),
    (A.PARENT_USING_ABUSE, S.BEHAVIOUR): SubjectScope(frozenset({Subject.SELF}), every_subject=True),
}

# Within a scope, the only fields an audience gets about one kind of person ("app.Model.field"). The parent using
# abuse knows his children; their first names let a plan say who it is for. Their surname (which may be new),
# date of birth, culture and language are not needed and are not given. Fields not named here are not limited.
LIMITED_FIELDS: dict[tuple[Audience, Subject], frozenset[str]] = {
    (A.PARENT_USING_ABUSE, Subject.CHILD): frozenset(
        {
            "cases.Person.first_name",
            "cases.Person.role_in_case",
            "cases.Relationship.person",
            "cases.Relationship.kind",
            "cases.Relationship.other_person",
            "cases.Relationship.has_parental_responsibility",
            "plans.Outcome.text",
            "plans.Outcome.child",
        }
    ),
}

# Fields that name an organisation, or a team or worker of one. Whether they are shown depends on the kind of
# organisation (`RecordFacts.agency_kind`), because some organisations' names are locations.
AGENCY_FIELDS: frozenset[str] = frozenset(
    {
        "cases.Case.lead_organisation",
        "cases.Case.team",
        "cases.Case.allocated_worker",
        "cases.CaseShare.organisation",
        "cases.CaseShare.shared_by",
        "plans.Action.owner_organisation",
        "plans.Action.owner_worker",  # "outreach worker at the refuge" names the refuge as surely as its name
        "services.Referral.referred_by",
        "services.Referral.referred_by_organisation",
    }
)

Kind = Organisation.Kind
# None means every kind. For the parent using abuse, only the organisations he deals with and that say nothing
# about where she or the children are: children's social care (who lead and whom he contacts), the behaviour-change
# programme and probation. A police force, health service, school, early help centre or housing provider can
# give away the area she has moved to or where a child spends the day; a domestic abuse service or refuge tells
# him she has sought help.
NAMEABLE_AGENCY_KINDS: dict[Audience, frozenset[str] | None] = {
    A.PROFESSIONAL: None,
    A.NON_ABUSING_PARENT: frozenset(set(Kind.values) - {Kind.REFUGE}),
    A.PARENT_USING_ABUSE: frozenset({Kind.CHILDRENS_SOCIAL_CARE, Kind.PERPETRATOR_PROGRAMME, Kind.PROBATION}),
}

# What each version leaves out, in plain words, for the documents page and the warning before producing one.
LEAVES_OUT: dict[Audience, tuple[str, ...]] = {
    A.PROFESSIONAL: (),
    A.NON_ABUSING_PARENT: (
        "confidential locations, including a refuge, and the refuge's name",
        "other adults' addresses, contact details and needs",
        "professionals' assessments, worker-safety checks and notes",
    ),
    A.PARENT_USING_ABUSE: (
        "every address, school or setting and contact detail, and any agency whose name could show where the "
        "non-abusing parent or the children are",
        "what the non-abusing parent or the children said, who reported each behaviour, and any behaviour that "
        "she or a child reported",
        "safety plans, and the support for the non-abusing parent and the children",
        "the needs and wellbeing of anyone in the household, and the impact of abuse on the children",
        "assessments and professionals' notes",
        "everyone in the household except himself and the children's first names",
    ),
}

# Records that are part of a safety plan: in a professional's copy, only what says a plan exists (CASE_ADMIN) is
# shown unless the reader's organisation may read safety plans.
SAFETY_PLAN_RECORDS: frozenset[str] = frozenset(
    {
        "safety.SafetyPlan",
        "safety.SafetyPlanRevision",
        "safety.SafetyPlanReview",
        "safety.ContactSafetyCheck",
        "safety.ContactFollowUp",
    }
)

WITHHELD_NOTICE = "Some information is not included in this version."


@dataclass(frozen=True)
class Reader:
    """Who an output is for, and what the professional making it may see.

    `recipient_id` is the person in the case the version is made for (the non-abusing parent or the parent using
    abuse): records about them are `Subject.SELF`. `sees_confidential_locations` is true only for a professional
    in the case's lead organisation, `sees_safety_plans` for a professional whose organisation may read safety
    plans; both only matter to the professional audience.
    """

    audience: Audience
    recipient_id: uuid.UUID | None = None
    sees_confidential_locations: bool = False
    sees_safety_plans: bool = False


@dataclass(frozen=True)
class RecordFacts:
    """What the policy needs to know about one record: whose it is, whether it locates someone, whose name it
    carries."""

    subjects: frozenset[Subject] = frozenset()
    confidential_location: bool = False
    agency_kind: str | None = None


def class_allowed(audience: Audience, sensitivity: Sensitivity) -> bool:
    return sensitivity in ALLOWED.get(audience, frozenset())


def _subject_permits(audience: Audience, subject: Subject, scope: SubjectScope, field: str) -> bool:
    if subject not in scope.allowed:
        return False
    limited = LIMITED_FIELDS.get((audience, subject))
    return limited is None or field in limited


def may_show(reader: Reader, field: str, sensitivity: Sensitivity | None, facts: RecordFacts) -> bool:
    """Whether this field ("app.Model.field") of a record with these facts may be rendered for this reader."""
    audience = reader.audience
    if sensitivity is None or not class_allowed(audience, sensitivity):
        return False
    if facts.confidential_location and not (audience == A.PROFESSIONAL and reader.sees_confidential_locations):
        return False
    safety_plan = sensitivity == S.SAFETY_PLAN or field.rsplit(".", 1)[0] in SAFETY_PLAN_RECORDS
    if audience == A.PROFESSIONAL and safety_plan and sensitivity != S.CASE_ADMIN and not reader.sees_safety_plans:
        return False
    if field in AGENCY_FIELDS:
        nameable = NAMEABLE_AGENCY_KINDS.get(audience, frozenset())
        if nameable is not None and facts.agency_kind not in nameable:
            return False
    scope = SCOPES.get((audience, sensitivity))
    if scope is None:
        return True
    if not facts.subjects:
        # Information scoped to people but about no one known is not given, unless the scope says otherwise.
        return scope.about_no_one
    permits = [_subject_permits(audience, subject, scope, field) for subject in facts.subjects]
    return all(permits) if scope.every_subject else any(permits)


def agency_nameable(audience: Audience, kind: str) -> bool:
    nameable = NAMEABLE_AGENCY_KINDS.get(audience, frozenset())
    return nameable is None or kind in nameable


@dataclass(frozen=True)
class Decision:
    audience: Audience
    sensitivity: Sensitivity
    allowed: bool
    limited_to: str  # "" when not limited to some people
    reason: str


def _scope_words(scope: SubjectScope | None) -> str:
    if scope is None:
        return ""
    names = {
        Subject.SELF: "themselves",
        Subject.CHILD: "the children",
        Subject.SIBLING_ELSEWHERE: "siblings living elsewhere",
    }
    return ", ".join(names.get(subject, subject.value) for subject in sorted(scope.allowed, key=list(Subject).index))


def decisions() -> list[Decision]:
    """Every audience × class decision with its reason, for the README table and the tests."""
    return [
        Decision(
            audience=audience,
            sensitivity=sensitivity,
            allowed=class_allowed(audience, sensitivity),
            limited_to=_scope_words(SCOPES.get((audience, sensitivity)))
            if class_allowed(audience, sensitivity)
            else "",
            reason=REASONS[(audience, sensitivity)],
        )
        for audience in Audience
        for sensitivity in Sensitivity
    ]
