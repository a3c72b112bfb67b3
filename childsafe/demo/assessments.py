"""Demo assessments: threshold screenings for most children of the open households, a full nine-area assessment,
victim-survivor checklists, the children's own words, a practice reflection, a lowering waiting for sign-off and
re-assessments that are overdue.

Everything is saved through `childsafe.assessments.services`, so each record is scored by the real engine and its
audit entries are written as if a worker had typed it. The story spans months but loads in a moment, so each
assessment's start and completion dates (and a lowering's request date) are then moved back to when the story
says it happened; the audit log keeps the real load time.

By household (index into `childsafe.demo.loading.PROFILES`):
- 0 (two children in a refuge, escalating): screenings eight months, three months and two weeks ago, rising to
  severe, so the trend chart shows the rise; the full nine-area assessment last week; the mother's checklist high by
  its count of yes answers; both children's own words; the practice reflection.
- 1 (a baby, escalating): screenings rising from serious to severe (the baby's age moves each up one scale); the
  mother's checklist high by repeat police call-outs.
- 2 (three children, shared with the behaviour-change programme): screenings; the mother's checklist high by
  professional judgement (the programme sees that it exists, never what it says); the eldest's own words.
- 3, 4, 8, 10, 11: one screening each, from moderate to serious; household 4 shows protective factors lowering.
- 5 (two young children in a refuge): severe screenings, and a lowering for the younger child waiting for the demo
  manager's sign-off.
- 6 (four children): screenings seven months ago, now overdue for re-assessment.
- 9 (a toddler) is left unscreened, to show a child who still needs screening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.assessments import services
from childsafe.assessments.instruments import get_registry
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.cases.models import Case, Person

if TYPE_CHECKING:
    from childsafe.demo.loading import DemoWorld

SCREENING = "child-threshold-screening"
FULL = "full-nine-area-assessment"
CHECKLIST = "victim-survivor-risk-checklist"
VOICE = "childs-voice"
REFLECTION = "practice-reflection"

Role = Person.RoleInCase
SCREENING_QUESTIONS = (
    "physical_violence",
    "controlling_behaviour",
    "danger_signs",
    "circumstances",
    "child_harm",
    "vulnerabilities",
    "protective_factors",
)

# What a screening found, by the level it was meant to show (before the child's age is taken into account).
FINDINGS: dict[str, dict[str, list[str]]] = {
    "moderate": {"controlling_behaviour": ["control"], "child_harm": ["lives_with_abuse"]},
    "moderate_to_serious": {
        "physical_violence": ["history_moderate"],
        "controlling_behaviour": ["control"],
        "child_harm": ["lives_with_abuse", "distress"],
    },
    "serious": {
        "physical_violence": ["serious_or_increasing"],
        "controlling_behaviour": ["control", "fear_for_life"],
        "circumstances": ["separation", "escalation"],
        "child_harm": ["lives_with_abuse", "distress"],
    },
    "severe": {
        "physical_violence": ["serious_or_increasing", "life_threatening"],
        "controlling_behaviour": ["fear_for_life"],
        "danger_signs": ["threats_to_kill", "strangulation", "stalking"],
        "circumstances": ["separation", "escalation"],
        "child_harm": ["lives_with_abuse", "caught_up"],
    },
}

WHAT_YOU_KNOW = {
    "moderate": "{mum} told me {dad} checks her phone every evening and decides what she may spend. {child} hears "
    "{dad} shouting at her most weekends.",
    "moderate_to_serious": "{mum} told me {dad} has pushed and slapped her several times this year. {child} has "
    "been wetting the bed and is frightened to leave her at home.",
    "serious": "Police notification: {dad} punched {mum} in the face in the kitchen while {child} was in the next "
    "room. {mum} says he is getting worse since she asked him to leave.",
    "severe": "{mum} told me {dad} put his hands round her neck until she could not breathe and said he would kill "
    "her if she left. {child} was in the room and tried to pull him away.",
}

VOICES = {
    "young": {
        "wishes": "I want Mummy to be happy and I want my own bed back.",
        "feelings": "Sometimes my tummy hurts at night.",
        "worries": "When Daddy shouts I hide under the table with Teddy.",
        "feels_safe": "Cuddles with Mummy. My teacher Miss Hale.",
        "feels_unsafe": "Loud noises and the front door banging.",
    },
    "middle": {
        "wishes": "I wish we could stay here and not move again. I want to see my friends from my old school.",
        "feelings": "I feel sad a lot and sometimes angry but I don't know why.",
        "worries": "I worry he will find out where we live. I check the window before bed.",
        "feels_safe": "When the door is locked and Mum is home. Playing football at lunch.",
        "feels_unsafe": "When Mum's phone keeps buzzing with his messages.",
    },
    "teen": {
        "wishes": "I want him to stop. I don't want to have to see him unless I choose to.",
        "feelings": "Tired. I can't concentrate in lessons because I'm thinking about home.",
        "worries": "That he'll hurt Mum when I'm not there to see it, and that it's my job to stop it.",
        "feels_safe": "At my nan's. Talking to Ms Ferris at school.",
        "feels_unsafe": "When he turns up outside school, and when he's been drinking.",
    },
}


def _name(person: Person | None, fallback: str) -> str:
    return (person.known_as or person.first_name) if person else fallback


def _backdate(assessment: Assessment, when: dt.datetime) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(
        started_at=when - dt.timedelta(hours=1), completed_at=when, updated_at=when
    )


def _at(today: dt.date, days_ago: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(11, 30)))


class _Household:
    def __init__(self, case: Case, today: dt.date) -> None:
        self.case = case
        self.today = today
        self.people = list(Person.objects.filter(case=case).order_by("date_of_birth", "first_name"))
        self.children = [person for person in self.people if person.role_in_case == Role.CHILD]
        self.mother = next((p for p in self.people if p.role_in_case == Role.NON_ABUSING_PARENT), None)
        self.father = next((p for p in self.people if p.role_in_case == Role.PARENT_USING_ABUSE), None)
        self.worker: User = case.allocated_worker  # type: ignore[assignment]

    def complete(
        self, instrument_id: str, answers: dict[str, Any], subject: Person | None, days_ago: int
    ) -> Assessment:
        instrument = get_registry().latest(instrument_id)
        assessment = services.start_assessment(self.case, instrument, subject=subject, by=self.worker)
        services.complete_assessment(assessment, answers, people=self.people, by=self.worker)
        _backdate(assessment, _at(self.today, days_ago))
        return assessment

    def screening(self, child: Person, finding: str, days_ago: int, **extra: list[str]) -> Assessment:
        age = child.age_on(self.today - dt.timedelta(days=days_ago))
        answers: dict[str, Any] = {question: ["none"] for question in SCREENING_QUESTIONS}
        answers.update(FINDINGS[finding])
        vulnerabilities = []
        if age is not None and age < 7:
            vulnerabilities.append("under_7")
        if age is not None and age < 1:
            vulnerabilities.append("under_1_or_unborn")
        answers["vulnerabilities"] = vulnerabilities or ["none"]
        answers.update(extra)
        answers["what_you_know"] = WHAT_YOU_KNOW[finding].format(
            mum=_name(self.mother, "The non-abusing parent"), dad=_name(self.father, "the parent using abuse"),
            child=_name(child, "the child"),
        )  # fmt: skip
        return self.complete(SCREENING, answers, child, days_ago)

    def voice(self, child: Person, days_ago: int, heard_by: str, setting: str) -> Assessment:
        age = child.age_on(self.today) or 0
        words = VOICES["young" if age < 8 else "middle" if age < 13 else "teen"]
        answers = {
            "heard_on": (self.today - dt.timedelta(days=days_ago)).isoformat(),
            "setting": setting,
            "heard_by": heard_by,
            "how_shared": ["talking", "drawing"] if age < 8 else ["talking"],
            **words,
        }
        return self.complete(VOICE, answers, child, days_ago)

    def checklist(self, yes: int, days_ago: int, *, callouts: int = 0, judgement: str = "") -> Assessment:
        instrument = get_registry().latest(CHECKLIST)
        counted = instrument.rules[0].questions
        answers: dict[str, Any] = {"safe_to_talk": "yes", "variant": "agency_24", "police_callouts": callouts}
        asked = [question for question in counted if instrument.questions[question].asked_when is None]
        for index, question in enumerate(asked):
            answers[question] = "yes" if index < yes else ("not_known" if index == yes else "no")
        answers["professional_judgement"] = "yes" if judgement else "no"
        if judgement:
            answers["judgement_reasons"] = judgement
        answers["her_view"] = "She said: “He has never been this angry. I think he could really hurt me now.”"
        return self.complete(CHECKLIST, answers, self.mother, days_ago)


def _full_assessment(household: _Household, days_ago: int) -> Assessment:
    instrument = get_registry().latest(FULL)
    mum, dad = _name(household.mother, "the non-abusing parent"), _name(household.father, "the parent using abuse")
    answers: dict[str, Any] = {}
    ratings = {
        "nature_of_abuse": "severe",
        "risks_to_children": "serious",
        "lethality": "severe",
        "pattern": "severe",
        "impact_on_parent": "serious",
        "impact_on_children": "serious",
        "impact_on_parenting": "serious",
        "past_help_seeking": "serious",
    }
    for section in instrument.sections:
        if section.id == "each_child":
            continue
        answers[f"{section.id}_evidence"] = (
            f"{section.title}: from {mum}'s account on two home visits, police notifications and the school. "
            f"{dad} chose these behaviours; the record names each one in the chronology."
        )
        answers[f"{section.id}_analysis"] = (
            f"What {dad} has done puts the children at risk. {mum} has acted to protect them: she moved to the "
            "refuge and keeps the school informed."
        )
        if section.id == "protective_factors":
            answers["protective_factors_rating"] = "some"
        else:
            answers[f"{section.id}_rating"] = ratings[section.id]
    answers["lethality_evidence"] = (
        f"{dad} strangled {mum} in March and threatened to kill her if she left; he has followed her car twice since."
    )
    answers["child_level"] = {str(child.pk): "serious" for child in household.children}
    answers["child_summary"] = {
        str(child.pk): f"{_name(child, 'The child')} has seen {dad} hurt {mum} and is frightened he will find them."
        for child in household.children
    }
    return household.complete(FULL, answers, None, days_ago)


def _reflection(household: _Household, days_ago: int) -> Assessment:
    dad = _name(household.father, "the parent using abuse")
    answers = {
        "domestic_abuse_informed_rating": "established",
        "domestic_abuse_informed_notes": f"The chronology names {dad} as choosing each behaviour. Next: record his "
        "pattern with his previous partner.",
        "trauma_informed_rating": "developing",
        "trauma_informed_notes": "Visits planned with the refuge worker; the children chose where to meet.",
        "whole_family_rating": "developing",
        "whole_family_notes": f"{dad} has not yet been seen or assessed as a parent. Book a joint visit with police.",
        "intersectional_rating": "not_yet",
        "intersectional_notes": "Ask about immigration status and money: both shape what help feels safe to her.",
    }
    return household.complete(REFLECTION, answers, None, days_ago)


def add_demo(world: DemoWorld, write: Callable[[str], None]) -> None:
    today = world.today
    households = [_Household(case, today) if case.is_open else None for case in world.cases]
    manager_check: list[str] = []

    def each(index: int) -> _Household | None:
        return households[index] if index < len(households) else None

    # 0: the refuge household, escalating over eight months.
    if (home := each(0)) is not None:
        for days_ago, (elder, younger) in (
            (240, ("moderate", "moderate")),
            (90, ("serious", "moderate_to_serious")),
            (14, ("severe", "severe")),
        ):
            for child, finding in zip(home.children, (elder, younger), strict=False):
                home.screening(child, finding, days_ago)
        _full_assessment(home, 7)
        home.checklist(16, 20)
        for child in home.children:
            home.voice(child, 10, "Nina Ashcombe, social worker", "refuge")
        _reflection(home, 3)

    # 1: a baby, escalating; the checklist high by repeat call-outs.
    if (baby := each(1)) is not None:
        for child in baby.children:
            baby.screening(child, "moderate_to_serious", 150)
            baby.screening(child, "serious", 21)
        baby.checklist(6, 25, callouts=4)

    # 2: three children, shared with the programme; the checklist high by professional judgement.
    if (programme := each(2)) is not None:
        for child in programme.children:
            programme.screening(child, "serious", 30)
        programme.checklist(
            9, 28,
            judgement="Recent separation with coercive control and strangulation in the past month; she believes he "
            "will kill her and he has started waiting outside the school.",
        )  # fmt: skip
        if programme.children:
            programme.voice(programme.children[-1], 26, "Ms Ferris, school safeguarding lead", "school")

    for index, finding, extra in (
        (3, "moderate", {}),
        (4, "moderate_to_serious", {"protective_factors": ["trusted_adult", "specialist_support"]}),
        (8, "moderate_to_serious", {}),
        (10, "moderate", {}),
        (11, "moderate_to_serious", {}),
    ):
        if (household := each(index)) is not None:
            for child in household.children:
                household.screening(child, finding, 40, **extra)

    # 5: two young children in a refuge; a lowering waits for the manager.
    if (refuge := each(5)) is not None:
        screenings = [refuge.screening(child, "serious", 12) for child in refuge.children]
        if screenings and refuge.children:
            change = services.change_level(
                screenings[-1],
                refuge.children[-1],
                "serious",
                "They are now in a refuge the person using abuse does not know about, and there is a non-molestation "
                "order. I judge the risk serious rather than severe while they stay there.",
                by=refuge.worker,
            )
            LevelChange.objects.filter(pk=change.pk).update(requested_at=_at(today, 2))
            manager_check.append(refuge.case.reference)

    # 6: four children screened seven months ago: overdue.
    if (large := each(6)) is not None:
        for child in large.children:
            large.screening(child, "moderate" if (child.age_on(today) or 0) >= 7 else "moderate_to_serious", 210)

    count = Assessment.objects.filter(case__in=world.cases).count()
    write(f"  assessments: {count}, one lowering waiting for sign-off on {', '.join(manager_check) or 'no case'}")
