"""The engine's scoring, threshold by threshold, driven by the instrument files themselves.

Each boundary is read from the data (the levels a tick sets, the bands of the count, the call-out threshold), so
revising a threshold in a file moves the test with it, and a threshold the engine ignored would fail here.
"""

from __future__ import annotations

import pytest

from childsafe.assessments import engine
from childsafe.assessments.engine import SubjectRef
from childsafe.assessments.tests.conftest import (
    CHECKLIST,
    FULL,
    POLICE_ONLY,
    SCREENING,
    checklist_answers,
    instrument,
    screening_answers,
)

CHILD = SubjectRef("1b7d5a52-9f00-4f7e-9a55-000000000001", "Mia")
SECOND = SubjectRef("1b7d5a52-9f00-4f7e-9a55-000000000002", "Leo")

screening = instrument(SCREENING)
checklist = instrument(CHECKLIST)
full = instrument(FULL)


def level_of(inst, answers, subject=CHILD) -> str:
    return engine.score(inst, answers, [subject]).subjects[0].level


def rules_of(inst, kind):
    return [rule for rule in inst.rules if rule.kind == kind]


# --- The child threshold screening ------------------------------------------------------------------------------

SINGLE_TICKS = [
    pytest.param(condition.question, condition.includes, rule.level, id=f"{condition.question}={condition.includes}")
    for rule in rules_of(screening, "indicator")
    for condition in rule.when_any
]


def test_nothing_ticked_gives_the_default_level_and_tier_1():
    result = engine.score(screening, screening_answers(), [CHILD]).subjects[0]
    assert (result.level, result.tier, result.reasons) == (screening.scale.default, 1, ())


@pytest.mark.parametrize(("question", "option", "level"), SINGLE_TICKS)
def test_each_risk_factor_on_its_own_sets_its_level(question, option, level):
    result = engine.score(screening, screening_answers(**{question: [option]}), [CHILD]).subjects[0]
    assert result.level == level
    assert result.tier == screening.scale.level(level).tier
    assert any(reason.effect == "sets" and reason.level == level for reason in result.reasons)


def test_the_highest_risk_factor_wins_and_every_factor_is_a_reason():
    answers = screening_answers(physical_violence=["few_minor"], danger_signs=["strangulation"])
    result = engine.score(screening, answers, [CHILD]).subjects[0]
    assert result.level == "severe"
    assert [reason.level for reason in result.reasons] == ["severe", "moderate"]
    assert "Strangling" in result.reasons[0].answers[0]


def _tick_for_level(level: str) -> dict:
    for rule in rules_of(screening, "indicator"):
        if rule.level == level:
            condition = rule.when_any[0]
            return {condition.question: [condition.includes]}
    return {}


STEP_UP = rules_of(screening, "step_up")[0]
VULNERABILITIES = [condition.includes for condition in STEP_UP.when_any]


@pytest.mark.parametrize("vulnerability", VULNERABILITIES)
@pytest.mark.parametrize("level", [level.id for level in screening.scale.ordered])
def test_a_vulnerability_moves_up_one_scale_only_from_the_levels_the_matrix_names(level, vulnerability):
    answers = screening_answers(**_tick_for_level(level), vulnerabilities=[vulnerability])
    ordered = [item.id for item in screening.scale.ordered]
    expected = ordered[ordered.index(level) + 1] if level in STEP_UP.from_levels else level
    assert level_of(screening, answers) == expected


def test_the_matrix_moves_are_moderate_to_serious_to_serious_and_serious_to_severe():
    assert (
        level_of(screening, screening_answers(**_tick_for_level("moderate_to_serious"), vulnerabilities=["under_7"]))
        == "serious"
    )
    assert (
        level_of(screening, screening_answers(**_tick_for_level("serious"), vulnerabilities=["disability"])) == "severe"
    )
    assert (
        level_of(screening, screening_answers(**_tick_for_level("moderate"), vulnerabilities=["under_1_or_unborn"]))
        == "moderate"
    )


STEP_DOWN = rules_of(screening, "step_down")[0]
PROTECTIVE = [condition.includes for condition in STEP_DOWN.when_any]


@pytest.mark.parametrize("level", ["moderate", "moderate_to_serious", "serious"])
def test_protective_factors_move_down_one_scale_at_their_threshold_and_not_below_it(level):
    below = screening_answers(
        **_tick_for_level(level), protective_factors=PROTECTIVE[: STEP_DOWN.min_count - 1] or ["none"]
    )
    at = screening_answers(**_tick_for_level(level), protective_factors=PROTECTIVE[: STEP_DOWN.min_count])
    ordered = [item.id for item in screening.scale.ordered]
    assert level_of(screening, below) == level
    assert level_of(screening, at) == ordered[ordered.index(level) - 1]


HELD = [
    pytest.param(condition.question, condition.includes, id=condition.includes)
    for rule in rules_of(screening, "indicator")
    if rule.holds
    for condition in rule.when_any
]


@pytest.mark.parametrize(("question", "option"), HELD)
def test_protective_factors_never_lower_a_confirmed_severe_indicator(question, option):
    answers = screening_answers(**{question: [option]}, protective_factors=PROTECTIVE)
    result = engine.score(screening, answers, [CHILD]).subjects[0]
    assert result.level == "severe"
    assert result.reasons[-1].effect == "holds"
    assert "cannot lower the level below Severe" in result.reasons[-1].text


def test_severe_reached_by_a_vulnerability_can_come_down_with_protection_but_only_one_step():
    answers = screening_answers(
        **_tick_for_level("serious"), vulnerabilities=["under_7"], protective_factors=PROTECTIVE
    )
    result = engine.score(screening, answers, [CHILD]).subjects[0]
    assert result.level == "serious"
    assert [reason.effect for reason in result.reasons] == ["sets", "raises", "lowers"]


def test_a_draft_is_never_scored():
    answers = screening_answers()
    del answers["circumstances"]
    with pytest.raises(engine.IncompleteAnswers) as caught:
        engine.score(screening, answers, [CHILD])
    assert [(item.section_id, item.question_id) for item in caught.value.missing] == [
        ("circumstances", "circumstances")
    ]


# --- The victim-survivor risk checklist ------------------------------------------------------------------------

COUNT = rules_of(checklist, "count")[0]
BAND_EDGES = [
    pytest.param(previous.level, band.level, band.start, id=f"{band.start - 1}-vs-{band.start}")
    for previous, band in zip(COUNT.bands, COUNT.bands[1:], strict=False)
]


@pytest.mark.parametrize(("below_level", "level", "start"), BAND_EDGES)
@pytest.mark.parametrize("variant", ["police_27", "agency_24"])
def test_each_band_of_the_yes_count_starts_exactly_at_its_threshold(below_level, level, start, variant):
    assert level_of(checklist, checklist_answers(start - 1, variant=variant)) == below_level
    assert level_of(checklist, checklist_answers(start, variant=variant)) == level


def test_the_thresholds_are_the_published_ones():
    assert [(band.start, band.level) for band in COUNT.bands] == [(0, "standard"), (10, "medium"), (14, "high")]
    assert len(COUNT.questions) == 27
    callouts = rules_of(checklist, "indicator")[0].when_any[0]
    assert (callouts.question, callouts.at_least) == ("police_callouts", 3)


def test_13_yes_is_medium_and_14_is_high_which_recommends_a_marac():
    assert level_of(checklist, checklist_answers(13)) == "medium"
    result = engine.score(checklist, checklist_answers(14), [CHILD])
    assert result.subjects[0].level == "high"
    assert any("MARAC" in text for text in result.subjects[0].recommends)
    assert any("does not replace a child protection referral" in text for text in result.always)


def test_the_agency_variant_counts_only_the_questions_it_asks():
    answers = checklist_answers(13, variant="agency_24", **dict.fromkeys(POLICE_ONLY, "yes"))
    result = engine.score(checklist, answers, [CHILD]).subjects[0]
    assert result.level == "medium"
    assert "13 of 24" in result.reasons[0].text


def test_not_known_is_never_counted_as_yes():
    answers = checklist_answers(13)
    answers[COUNT.questions[20]] = "not_known"
    assert level_of(checklist, answers) == "medium"


ESCALATION = rules_of(checklist, "indicator")[0].when_any[0].at_least


@pytest.mark.parametrize(
    ("callouts", "level"), [(ESCALATION - 1, "standard"), (ESCALATION, "high"), (ESCALATION + 5, "high")]
)
def test_repeat_police_call_outs_escalate_to_high_at_the_threshold(callouts, level):
    result = engine.score(checklist, checklist_answers(2, callouts=callouts), [CHILD]).subjects[0]
    assert result.level == level
    if level == "high":
        assert any("call-outs" in reason.text for reason in result.reasons)


REPEAT = next(
    rule.when_any[0].at_most for rule in rules_of(checklist, "indicator") if rule.when_any[0].at_most is not None
)


def test_the_repeat_referral_window_is_the_published_12_months():
    assert REPEAT == 12


@pytest.mark.parametrize(
    ("months", "level"), [(0, "high"), (REPEAT, "high"), (REPEAT + 1, "standard"), (None, "standard")]
)
def test_a_new_incident_within_12_months_of_her_last_marac_referral_is_high(months, level):
    answers = checklist_answers(2)
    if months is not None:
        answers["months_since_marac"] = months
    result = engine.score(checklist, answers, [CHILD]).subjects[0]
    assert result.level == level
    assert any("Repeat referral" in reason.text for reason in result.reasons) == (level == "high")


def test_professional_judgement_raises_to_high_and_needs_written_reasons():
    answers = checklist_answers(3, professional_judgement="yes")
    with pytest.raises(engine.IncompleteAnswers) as caught:
        engine.score(checklist, answers, [CHILD])
    assert [item.question_id for item in caught.value.missing] == ["judgement_reasons"]
    answers["judgement_reasons"] = "Recent separation, he strangled her last month and she believes he will kill her."
    result = engine.score(checklist, answers, [CHILD]).subjects[0]
    assert result.level == "high"
    assert any("professional judgement" in reason.text for reason in result.reasons)


def test_professional_judgement_never_lowers_a_high_count():
    assert level_of(checklist, checklist_answers(16, professional_judgement="no")) == "high"


# --- The full assessment ---------------------------------------------------------------------------------------


def _full(child_levels: dict, **ratings) -> dict:
    answers = {}
    for question in full.questions.values():
        if question.per_child:
            continue
        answers[question.id] = {"textarea": "Evidence", "level": "moderate", "radios": "some"}[question.type]
    answers["child_level"] = {child.id: level for child, level in child_levels.items()}
    answers["child_summary"] = {child.id: "Why" for child in child_levels}
    answers.update(ratings)
    return answers


def test_each_child_gets_their_own_level_and_tier_with_reasons():
    result = engine.score(full, _full({CHILD: "serious", SECOND: "moderate"}), [CHILD, SECOND])
    by_child = {item.subject_id: item for item in result.subjects}
    assert (by_child[CHILD.id].level, by_child[CHILD.id].tier) == ("serious", 3)
    assert (by_child[SECOND.id].level, by_child[SECOND.id].tier) == ("moderate", 2)
    assert "Your summary of the risk to this child: Serious" in [reason.text for reason in by_child[CHILD.id].reasons]


def test_a_lethality_rating_is_a_floor_for_every_child():
    result = engine.score(
        full, _full({CHILD: "moderate", SECOND: "moderate"}, lethality_rating="severe"), [CHILD, SECOND]
    )
    assert [item.level for item in result.subjects] == ["severe", "severe"]
    assert result.subjects[0].reasons[0].text == "Risk of lethality: Severe"


def test_the_full_assessment_asks_for_every_child_by_name():
    answers = _full({CHILD: "moderate"})
    with pytest.raises(engine.IncompleteAnswers) as caught:
        engine.score(full, answers, [CHILD, SECOND])
    assert {(item.question_id, item.child_id) for item in caught.value.missing} == {
        ("child_level", SECOND.id),
        ("child_summary", SECOND.id),
    }


def test_unscored_instruments_have_no_result():
    voice = instrument("childs-voice")
    answers = {"heard_on": "2026-05-01", "setting": "school", "heard_by": "Class teacher", "wishes": "A dog"}
    assert engine.score(voice, answers, [CHILD]) is None


@pytest.mark.parametrize("level", [level.id for level in full.scale.ordered])
@pytest.mark.parametrize("question", ["child_level", "lethality_rating", "risks_to_children_rating"])
def test_every_level_of_every_full_assessment_rating_that_drives_the_result_gives_that_level(question, level):
    lowest = full.scale.ordered[0].id
    answers = _full({CHILD: lowest}, lethality_rating=lowest, risks_to_children_rating=lowest)
    if question == "child_level":
        answers["child_level"] = {CHILD.id: level}
    else:
        answers[question] = level
    result = engine.score(full, answers, [CHILD]).subjects[0]
    assert (result.level, result.tier) == (level, full.scale.level(level).tier)


def test_the_vulnerability_help_says_exactly_which_levels_the_rule_moves_up():
    """The help a practitioner reads must match the step-up rule (version 1 said "from moderate to serious")."""
    [rule] = rules_of(screening, "step_up")
    help_text = " ".join(screening.questions["vulnerabilities"].help.split())
    ordered = screening.scale.ordered
    for level in ordered[:-1]:
        above = ordered[ordered.index(level) + 1]
        moves = f"from “{level.label.lower()}” up to “{above.label.lower()}”"
        assert (moves in help_text) == (level.id in rule.from_levels), (level.id, help_text)
