"""Instrument files: the shipped ones are sound, and a bad file is refused with its name, line and fault."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from childsafe.assessments.checks import check_instruments
from childsafe.assessments.instruments import (
    APP_INSTRUMENTS,
    DEFAULT_TIERS_FILE,
    InstrumentError,
    get_registry,
    instrument_files,
    read_instrument,
    read_tiers,
    reload_registry,
)

TIERS = read_tiers(DEFAULT_TIERS_FILE)

GOOD = textwrap.dedent(
    """\
    id: tiny-check
    version: 1
    title: Tiny check
    subject: child
    description: A test instrument with one question.
    intro: Answer the one question.
    sections:
      - id: only
        title: Only section
        questions:
          - id: hurt
            type: yes_no_unknown
            label: Has the child been hurt?
          - id: callouts
            type: number
            label: Police call-outs
            minimum: 0
            maximum: 50
    scale:
      id: tiny
      default: low
      levels:
        - {id: low, rank: 0, label: Low, tier: 1, action: Keep going.}
        - {id: high, rank: 1, label: High, tier: 4, action: Refer now.}
    scoring:
      rules:
        - kind: indicator
          when_any: [{question: hurt, is: "yes"}]
          level: high
          reason: The child has been hurt
        - kind: count
          questions: [hurt]
          value: "yes"
          bands: [{from: 0, level: low}, {from: 1, level: high}]
          reason: Yes answers
    """
)


def write(tmp_path: Path, text: str, name: str = "tiny.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_number(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_every_shipped_instrument_and_the_tiers_are_sound():
    registry = get_registry()
    assert registry.errors == ()
    assert {instrument.id for instrument in registry.current()} == {
        "child-threshold-screening",
        "full-nine-area-assessment",
        "victim-survivor-risk-checklist",
        "childs-voice",
        "practice-reflection",
    }
    assert sorted(TIERS) == [1, 2, 3, 4]
    for file in instrument_files([APP_INSTRUMENTS]):
        read_instrument(file, TIERS)  # raises on any fault


def test_the_good_example_is_accepted(tmp_path):
    instrument = read_instrument(write(tmp_path, GOOD), TIERS)
    assert instrument.id == "tiny-check"
    assert [question.id for question in instrument.sections[0].questions] == ["hurt", "callouts"]


BAD_FILES = [
    pytest.param(
        GOOD.replace('when_any: [{question: hurt, is: "yes"}]', "when_any: [{question: callouts, at_least: 51}]"),
        "at_least: 51",
        "the threshold 51 is outside the answers allowed (0 to 50)",
        id="at_least threshold above the question's maximum",
    ),
    pytest.param(
        GOOD.replace('when_any: [{question: hurt, is: "yes"}]', "when_any: [{question: callouts, at_most: -1}]"),
        "at_most: -1",
        "the threshold -1 is outside the answers allowed (0 to 50)",
        id="at_most threshold below the question's minimum",
    ),
    pytest.param(
        GOOD.replace(
            "    title: Only section\n",
            "    title: Only section\n    required_any: {questions: [said, callouts], message: Write one}\n",
        ),
        "required_any",
        "“said” is not a question of the section “only”",
        id="required_any names a question the section does not have",
    ),
    pytest.param(
        GOOD.replace(
            "    title: Only section\n",
            "    title: Only section\n    required_any: {questions: [callouts, hurt], message: Write one}\n",
        ),
        "required_any",
        "“callouts” is required already: set required: false",
        id="required_any names a question that is required anyway",
    ),
    pytest.param(
        GOOD.replace(
            "    title: Only section\n", "    title: Only section\n    required_any: {questions: [hurt, callouts]}\n"
        ),
        "required_any",
        "is missing “message”",
        id="required_any without its message",
    ),
    pytest.param(
        GOOD.replace("      - id: hurt\n", "      - \n"),
        "type: yes_no_unknown",
        "sections[0].questions[0] is missing “id”",
        id="missing question id",
    ),
    pytest.param(
        GOOD.replace("type: yes_no_unknown", "type: slider"),
        "type: slider",
        "'slider' is not one of",
        id="unknown answer type",
    ),
    pytest.param(
        GOOD.replace("{from: 1, level: high}", "{from: 5, level: high}"),
        "bands:",
        "the threshold 5 is out of range: only 1 questions are counted",
        id="count threshold out of range",
    ),
    pytest.param(
        GOOD.replace('{question: hurt, is: "yes"}', '{question: injured, is: "yes"}'),
        "injured",
        "there is no question “injured”",
        id="rule names an unknown question",
    ),
    pytest.param(
        GOOD.replace("id: callouts", "id: hurt"),
        "type: number",
        "the question id “hurt” is used twice",
        id="duplicate question id",
    ),
    pytest.param(
        GOOD.replace("label: Police call-outs", "label: [Police call-outs"),
        "maximum: 50",
        "YAML syntax error",
        id="YAML syntax error",
    ),
    pytest.param(
        GOOD.replace("      level: high\n", "      level: critical\n"),
        "level: critical",
        "there is no level “critical”",
        id="rule names a level that does not exist",
    ),
    pytest.param(
        GOOD.replace("tier: 4, action: Refer now.", "tier: 7, action: Refer now."),
        "tier: 7",
        "tier 7 is not in tiers.yaml",
        id="level names a tier that does not exist",
    ),
    pytest.param(
        GOOD.replace("  id: tiny\n", "  id: tiny\n  id: tiny\n"),
        "  id: tiny\n  id: tiny",
        "“id” appears twice",
        id="duplicate key",
    ),
    pytest.param(
        GOOD.replace(
            "bands: [{from: 0, level: low}, {from: 1, level: high}]",
            "bands: [{from: 0, level: high}, {from: 1, level: low}]",
        ),
        "bands:",
        "a higher count cannot give a lower level",
        id="bands that fall",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "message"), BAD_FILES)
def test_a_bad_file_is_refused_naming_the_file_the_line_and_the_fault(tmp_path, text, fragment, message):
    path = write(tmp_path, text)
    with pytest.raises(InstrumentError) as caught:
        read_instrument(path, TIERS)
    error = caught.value
    assert message in str(error)
    assert str(error).startswith("tiny.yaml, line ")
    first_line_of_fragment = line_number(text, fragment.splitlines()[-1] if "\n" in fragment else fragment)
    # The line named is the fault's own line, or the line of the block that is missing something.
    assert abs(error.line - first_line_of_fragment) <= 2, (error.line, first_line_of_fragment, str(error))


def test_the_exact_line_is_named_for_an_unknown_answer_type(tmp_path):
    text = GOOD.replace("type: yes_no_unknown", "type: slider")
    with pytest.raises(InstrumentError) as caught:
        read_instrument(write(tmp_path, text), TIERS)
    assert caught.value.line == line_number(text, "type: slider")


def test_the_system_check_fails_check_and_runserver_on_a_bad_file(tmp_path, settings):
    write(tmp_path, GOOD.replace("type: yes_no_unknown", "type: slider"), "broken.yaml")
    settings.ASSESSMENT_INSTRUMENT_DIRS = [tmp_path]
    try:
        problems = check_instruments()
        assert len(problems) == 1
        assert problems[0].msg.startswith("broken.yaml, line ")
        with pytest.raises(SystemCheckError, match=r"broken\.yaml, line"):
            call_command("check")
    finally:
        settings.ASSESSMENT_INSTRUMENT_DIRS = None
        check_instruments()


@pytest.fixture
def broken_version_2(tmp_path, settings):
    """A sound version 1 beside a version 2 with a fault on a known line: nothing may quietly fall back to 1."""
    write(tmp_path, GOOD, "tiny_v1.yaml")
    text = GOOD.replace("version: 1", "version: 2").replace("type: yes_no_unknown", "type: slider")
    write(tmp_path, text, "tiny_v2.yaml")
    settings.ASSESSMENT_INSTRUMENT_DIRS = [tmp_path]
    yield f"tiny_v2.yaml, line {line_number(text, 'type: slider')}"
    settings.ASSESSMENT_INSTRUMENT_DIRS = None
    reload_registry()


def test_a_bad_file_stops_the_app_wherever_it_starts_naming_the_file_and_line(broken_version_2, monkeypatch):
    with pytest.raises(ImproperlyConfigured, match=re.escape(broken_version_2)):
        reload_registry()
    with pytest.raises(ImproperlyConfigured, match=re.escape(broken_version_2)):
        get_registry()  # every later use refuses too, rather than serve version 1 alone
    # A WSGI server loads the app: AssessmentsConfig.ready refuses to start.
    monkeypatch.setattr("sys.argv", ["/usr/bin/gunicorn", "childsafe.wsgi"])
    with pytest.raises(ImproperlyConfigured, match=re.escape(broken_version_2)):
        apps.get_app_config("assessments").ready()


def test_under_manage_py_the_system_check_reports_the_bad_file_as_before(broken_version_2, monkeypatch):
    monkeypatch.setattr("sys.argv", ["manage.py", "check"])
    apps.get_app_config("assessments").ready()  # leaves it to the check, whose output names file and line
    with pytest.raises(SystemCheckError, match=re.escape(broken_version_2)):
        call_command("check")


def test_the_app_starts_on_the_shipped_files(monkeypatch):
    monkeypatch.setattr("sys.argv", ["/usr/bin/gunicorn", "childsafe.wsgi"])
    apps.get_app_config("assessments").ready()
    assert reload_registry().errors == ()


def test_two_files_with_the_same_id_and_version_are_refused(tmp_path, settings):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    settings.ASSESSMENT_INSTRUMENT_DIRS = [tmp_path]
    try:
        problems = check_instruments()
        assert [problem.msg for problem in problems] == [
            "b.yaml, line 1: tiny-check version 1 is also defined in a.yaml: raise the version"
        ]
    finally:
        settings.ASSESSMENT_INSTRUMENT_DIRS = None
        check_instruments()


def test_every_free_text_question_of_every_instrument_is_a_text_type_with_a_limit():
    for instrument in get_registry().current():
        for question in instrument.questions.values():
            if question.is_free_text:
                assert question.max_length, (instrument.id, question.id)
