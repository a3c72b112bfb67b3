"""Property tests over generated answer sets: more risk never lowers a level; protection never raises it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from childsafe.assessments import engine
from childsafe.assessments.tests.conftest import CHECKLIST, SCREENING, instrument

SUBJECT = engine.SubjectRef("00000000-0000-4000-8000-000000000001", "A child")
screening = instrument(SCREENING)
checklist = instrument(CHECKLIST)

RISK_QUESTIONS = [
    "physical_violence",
    "controlling_behaviour",
    "danger_signs",
    "circumstances",
    "child_harm",
    "vulnerabilities",
]


def _options(question_id: str) -> list[str]:
    return [option.value for option in screening.questions[question_id].options if not option.exclusive]


def _rank(inst, answers) -> int:
    return engine.score(inst, answers, [SUBJECT]).subjects[0].rank


def _as_answers(ticks: dict[str, set[str]]) -> dict:
    answers = {question_id: sorted(values) or ["none"] for question_id, values in ticks.items()}
    answers["what_you_know"] = "Told by the non-abusing parent"
    return answers


screening_ticks = st.fixed_dictionaries(
    {
        question_id: st.sets(st.sampled_from(_options(question_id)))
        for question_id in [*RISK_QUESTIONS, "protective_factors"]
    }
)
risk_option = st.sampled_from(
    [(question_id, option) for question_id in RISK_QUESTIONS for option in _options(question_id)]
)
protective_option = st.sampled_from(_options("protective_factors"))


@settings(max_examples=300, deadline=None)
@given(ticks=screening_ticks, added=risk_option)
def test_adding_a_risk_factor_never_lowers_the_screening_level(ticks, added):
    question_id, option = added
    before = _rank(screening, _as_answers(ticks))
    ticks[question_id] = ticks[question_id] | {option}
    assert _rank(screening, _as_answers(ticks)) >= before


@settings(max_examples=300, deadline=None)
@given(ticks=screening_ticks, added=protective_option)
def test_a_protective_factor_never_raises_the_screening_level(ticks, added):
    before = _rank(screening, _as_answers(ticks))
    ticks["protective_factors"] = ticks["protective_factors"] | {added}
    assert _rank(screening, _as_answers(ticks)) <= before


@settings(max_examples=300, deadline=None)
@given(ticks=screening_ticks)
def test_protection_never_takes_a_confirmed_severe_indicator_below_severe(ticks):
    answers = _as_answers(ticks)
    held = [rule for rule in screening.rules if rule.holds]
    if any(engine.condition_holds(screening, condition, answers, None) for rule in held for condition in rule.when_any):
        assert engine.score(screening, answers, [SUBJECT]).subjects[0].level == "severe"


COUNTED = list(checklist.rules[0].questions)
checklist_sets = st.fixed_dictionaries(
    {
        "variant": st.sampled_from(["agency_24", "police_27"]),
        "police_callouts": st.integers(min_value=0, max_value=365),
        "professional_judgement": st.sampled_from(["yes", "no"]),
        "answers": st.fixed_dictionaries(
            {question_id: st.sampled_from(["yes", "no", "not_known"]) for question_id in COUNTED}
        ),
    }
)


def _checklist(data: dict) -> dict:
    return {
        "safe_to_talk": "yes",
        "variant": data["variant"],
        "police_callouts": data["police_callouts"],
        "professional_judgement": data["professional_judgement"],
        "judgement_reasons": "Written reasons",
        **data["answers"],
    }


@settings(max_examples=300, deadline=None)
@given(data=checklist_sets, question_id=st.sampled_from(COUNTED), extra_callouts=st.integers(min_value=0, max_value=20))
def test_more_yes_answers_more_call_outs_or_judgement_never_lower_the_checklist_level(
    data, question_id, extra_callouts
):
    before = _rank(checklist, _checklist(data))
    data["answers"][question_id] = "yes"
    data["police_callouts"] = min(365, data["police_callouts"] + extra_callouts)
    assert _rank(checklist, _checklist(data)) >= before
    data["professional_judgement"] = "yes"
    assert _rank(checklist, _checklist(data)) >= before


@settings(max_examples=200, deadline=None)
@given(data=checklist_sets)
def test_a_checklist_high_by_count_stays_high_whatever_the_judgement(data):
    answers = _checklist(data)
    counted = [q for q in COUNTED if engine.is_asked(checklist, checklist.questions[q], answers)]
    if sum(answers[q] == "yes" for q in counted) >= 14:
        answers["professional_judgement"] = "no"
        assert engine.score(checklist, answers, [SUBJECT]).subjects[0].level == "high"
