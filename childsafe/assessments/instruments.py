"""Instruments as data: reading, checking and holding the versioned YAML files in `instruments/`.

An instrument file says everything about one assessment form: who it is for, its sections and questions, how its
answers are scored and what the result says. The engine (`engine.py`) and the pages work from what this module
returns, so adding or revising an instrument needs no code change.

Every file is checked twice: against `instruments/schema.json` (its shape) and by `semantic_problems` (unique ids,
rules that name real questions, options and levels, thresholds in range, bands that rise). A file that fails is
refused with a message naming the file and the line, so the person editing it can go straight to the fault. Line
numbers come from PyYAML's composer: the node tree keeps where each value started, and a failing JSON path is
mapped back to the nearest line.

Files are read from the folders named by the `ASSESSMENT_INSTRUMENT_DIRS` setting (default: this app's
`instruments/` folder). The tiers of need come from `tiers.yaml` beside this module's instruments (setting
`ASSESSMENT_TIERS_FILE`). `get_registry()` caches what it read for those settings and raises `InstrumentsNotUsable`
(an ImproperlyConfigured) if any file is bad: a broken version 2 must stop the app, never let version 1 carry on
quietly. `AssessmentsConfig.ready` calls it, so a WSGI server refuses to start; under `manage.py` the system check in
`checks.py` reports every fault instead (`check`, `runserver` and `migrate` stop with the file and line).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

APP_INSTRUMENTS = Path(__file__).resolve().parent / "instruments"
SCHEMA_FILE = APP_INSTRUMENTS / "schema.json"
DEFAULT_TIERS_FILE = APP_INSTRUMENTS / "tiers.yaml"
TIERS_FILENAME = "tiers.yaml"

YES_NO_UNKNOWN = (("yes", "Yes"), ("no", "No"), ("not_known", "Not known"))
CHOICE_TYPES = {"radios", "checkboxes", "select"}
TEXT_TYPES = {"text", "textarea"}
DEFAULT_MAX_LENGTH = {"text": 300, "textarea": 4000}
SUBJECT_LABELS = {
    "child": "a child",
    "non_abusing_parent": "the non-abusing parent",
    "household": "the household",
}

Path_ = tuple[Any, ...]


class InstrumentError(ValueError):
    """A file that cannot be used, with where the fault is: `file, line N: what is wrong`."""

    def __init__(self, file: Path | str, line: int | None, message: str) -> None:
        self.file = Path(file)
        self.line = line
        self.message = message
        where = f"{self.file.name}, line {line}" if line else self.file.name
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------------------------------------------------------
# Reading YAML with line numbers


def _compose(text: str, file: Path) -> tuple[Any, dict[Path_, int]]:
    """The data in a YAML document and the line each value (by JSON path) starts on, counted from 1."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InstrumentError(file, 1, "the file is empty")
        lines: dict[Path_, int] = {}
        return _node_value(loader, node, (), lines, file), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        raise InstrumentError(file, mark.line + 1 if mark else None, f"YAML syntax error: {problem}") from exc
    except yaml.YAMLError as exc:
        raise InstrumentError(file, None, f"YAML syntax error: {exc}") from exc
    finally:
        loader.dispose()


def _node_value(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, lines: dict[Path_, int], file: Path) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise InstrumentError(file, key_node.start_mark.line + 1, f"the key {key!r} must be a word")
            if key in result:
                raise InstrumentError(file, key_node.start_mark.line + 1, f"“{key}” appears twice in the same block")
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _node_value(loader, value_node, (*path, key), lines, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_node_value(loader, item, (*path, index), lines, file) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def line_of(lines: Mapping[Path_, int], path: Iterable[Any]) -> int | None:
    """The line of the deepest part of `path` that the file has (a missing key points at its parent)."""
    path = tuple(path)
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _path_text(path: Iterable[Any]) -> str:
    parts = []
    for part in path:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(parts).lstrip(".") or "the file"


@cache
def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


# ---------------------------------------------------------------------------------------------------------------
# The instrument as typed data


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""
    exclusive: bool = False


@dataclass(frozen=True)
class Condition:
    """`question` is `value` (a single answer), includes `value` (a tick-all box), or is at least `at_least` or at
    most `at_most` (a number: "3 or more call-outs", "a MARAC referral 12 or fewer months before")."""

    question: str
    is_: str | None = None
    includes: str | None = None
    at_least: int | None = None
    at_most: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    section_id: str
    short: str = ""
    help: str = ""
    required: bool = True
    required_message: str = ""
    required_when: Condition | None = None
    asked_when: Condition | None = None
    per_child: bool = False
    options: tuple[Option, ...] = ()
    max_length: int | None = None
    rows: int = 4
    minimum: int | None = None
    maximum: int | None = None
    not_future: bool = False

    @property
    def name(self) -> str:
        """The question in a few words, for error messages and reasons."""
        return self.short or self.label

    @property
    def is_free_text(self) -> bool:
        return self.type in TEXT_TYPES


@dataclass(frozen=True)
class RequiredAny:
    """At least one of these questions must be answered to complete (each may be left blank on its own)."""

    questions: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    required_any: RequiredAny | None = None


@dataclass(frozen=True)
class Level:
    id: str
    rank: int
    label: str
    tier: int
    action: str
    tag: str = "grey"
    recommends: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scale:
    id: str
    levels: tuple[Level, ...]
    default: str
    allow_lowering: bool = True

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def by_rank(self, rank: int) -> Level:
        for level in self.levels:
            if level.rank == rank:
                return level
        raise KeyError(rank)

    @property
    def ordered(self) -> tuple[Level, ...]:
        return tuple(sorted(self.levels, key=lambda level: level.rank))


@dataclass(frozen=True)
class Band:
    start: int
    level: str


@dataclass(frozen=True)
class Rule:
    kind: str
    reason: str
    when_any: tuple[Condition, ...] = ()
    level: str | None = None
    holds: bool = False
    questions: tuple[str, ...] = ()
    value: str | None = None
    bands: tuple[Band, ...] = ()
    question: str | None = None
    min_count: int = 1
    from_levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    title: str
    short_title: str
    subject: str
    results_for: str
    disclosure: bool
    layout: str
    minutes: int | None
    for_whom: str
    description: str
    intro: str
    shows_childs_voice: bool
    sections: tuple[Section, ...]
    scale: Scale | None
    rules: tuple[Rule, ...]
    result_heading: str
    always: tuple[str, ...]
    caveat: str
    definition: dict[str, Any] = field(repr=False, compare=False, hash=False)
    source: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    @property
    def is_scored(self) -> bool:
        return self.scale is not None and bool(self.rules)

    @property
    def questions(self) -> dict[str, Question]:
        return {question.id: question for section in self.sections for question in section.questions}

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    @property
    def subject_label(self) -> str:
        return SUBJECT_LABELS[self.subject]

    def options_of(self, question: Question) -> tuple[Option, ...]:
        """The choices a question offers: its own, yes / no / not known, or the scale's levels."""
        if question.type == "yes_no_unknown":
            return tuple(Option(value, label) for value, label in YES_NO_UNKNOWN)
        if question.type == "level" and self.scale is not None:
            return tuple(Option(level.id, level.label) for level in self.scale.ordered)
        return question.options


def _condition(data: Mapping[str, Any] | None) -> Condition | None:
    if data is None:
        return None
    return Condition(
        question=data["question"],
        is_=data.get("is"),
        includes=data.get("includes"),
        at_least=data.get("at_least"),
        at_most=data.get("at_most"),
    )


def build_instrument(data: Mapping[str, Any], source: str = "") -> Instrument:
    """Typed instrument from data that has passed `check_data` (or was stored after passing it)."""
    sections = tuple(
        Section(
            id=section["id"],
            title=section["title"],
            intro=section.get("intro", ""),
            required_any=RequiredAny(tuple(section["required_any"]["questions"]), section["required_any"]["message"])
            if "required_any" in section
            else None,
            questions=tuple(
                Question(
                    id=question["id"],
                    type=question["type"],
                    label=question["label"],
                    section_id=section["id"],
                    short=question.get("short", ""),
                    help=question.get("help", ""),
                    required=question.get("required", True),
                    required_message=question.get("required_message", ""),
                    required_when=_condition(question.get("required_when")),
                    asked_when=_condition(question.get("asked_when")),
                    per_child=question.get("per_child", False),
                    options=tuple(
                        Option(option["value"], option["label"], option.get("hint", ""), option.get("exclusive", False))
                        for option in question.get("options", ())
                    ),
                    max_length=question.get("max_length", DEFAULT_MAX_LENGTH.get(question["type"])),
                    rows=question.get("rows", 4),
                    minimum=question.get("minimum"),
                    maximum=question.get("maximum"),
                    not_future=question.get("not_future", False),
                )
                for question in section["questions"]
            ),
        )
        for section in data["sections"]
    )
    scale = None
    if "scale" in data:
        scale_data = data["scale"]
        scale = Scale(
            id=scale_data["id"],
            levels=tuple(
                Level(
                    id=level["id"],
                    rank=level["rank"],
                    label=level["label"],
                    tier=level["tier"],
                    action=level["action"],
                    tag=level.get("tag", "grey"),
                    recommends=tuple(level.get("recommends", ())),
                )
                for level in scale_data["levels"]
            ),
            default=scale_data["default"],
            allow_lowering=scale_data.get("allow_lowering", True),
        )
    rules = tuple(
        Rule(
            kind=rule["kind"],
            reason=rule["reason"],
            when_any=tuple(_condition(item) for item in rule.get("when_any", ())),  # type: ignore[misc]
            level=rule.get("level"),
            holds=rule.get("holds", False),
            questions=tuple(rule.get("questions", ())),
            value=rule.get("value"),
            bands=tuple(Band(band["from"], band["level"]) for band in rule.get("bands", ())),
            question=rule.get("question"),
            min_count=rule.get("min_count", 1),
            from_levels=tuple(rule.get("from", ())),
        )
        for rule in data.get("scoring", {}).get("rules", ())
    )
    result = data.get("result", {})
    return Instrument(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        short_title=data.get("short_title", data["title"]),
        subject=data["subject"],
        results_for=data.get("results_for", "subject"),
        disclosure=data.get("disclosure", False),
        layout=data.get("layout", "single_page"),
        minutes=data.get("minutes"),
        for_whom=data.get("for_whom", ""),
        description=data["description"],
        intro=data["intro"],
        shows_childs_voice=data.get("shows_childs_voice", False),
        sections=sections,
        scale=scale,
        rules=rules,
        result_heading=result.get("heading", "Result"),
        always=tuple(result.get("always", ())),
        caveat=result.get("caveat", ""),
        definition=dict(data),
        source=source,
    )


# ---------------------------------------------------------------------------------------------------------------
# Checks beyond the schema


def semantic_problems(data: Mapping[str, Any], tiers: Iterable[int]) -> list[tuple[Path_, str]]:
    """Faults the schema cannot see, each as (JSON path, plain message). Empty means the file is sound."""
    problems: list[tuple[Path_, str]] = []
    tier_numbers = set(tiers)
    questions: dict[str, tuple[Path_, Mapping[str, Any]]] = {}
    section_ids: set[str] = set()

    for s_index, section in enumerate(data["sections"]):
        s_path: Path_ = ("sections", s_index)
        if section["id"] in section_ids:
            problems.append(((*s_path, "id"), f"the section id “{section['id']}” is used twice"))
        section_ids.add(section["id"])
        for q_index, question in enumerate(section["questions"]):
            q_path: Path_ = (*s_path, "questions", q_index)
            if question["id"] in questions:
                problems.append(((*q_path, "id"), f"the question id “{question['id']}” is used twice"))
            else:
                questions[question["id"]] = (q_path, question)

    level_ids: set[str] = set()
    scale = data.get("scale")
    if scale is not None:
        ranks: set[int] = set()
        for l_index, level in enumerate(scale["levels"]):
            l_path: Path_ = ("scale", "levels", l_index)
            if level["id"] in level_ids:
                problems.append(((*l_path, "id"), f"the level id “{level['id']}” is used twice"))
            if level["rank"] in ranks:
                problems.append(((*l_path, "rank"), f"two levels have the rank {level['rank']}"))
            if level["tier"] not in tier_numbers:
                problems.append(((*l_path, "tier"), f"tier {level['tier']} is not in tiers.yaml"))
            level_ids.add(level["id"])
            ranks.add(level["rank"])
        if scale["default"] not in level_ids:
            problems.append((("scale", "default"), f"the default level “{scale['default']}” is not a level"))
    level_rank = {level["id"]: level["rank"] for level in scale["levels"]} if scale else {}

    def valid_values(question: Mapping[str, Any]) -> set[str]:
        if question["type"] == "yes_no_unknown":
            return {value for value, _ in YES_NO_UNKNOWN}
        if question["type"] == "level":
            return set(level_ids)
        return {option["value"] for option in question.get("options", ())}

    def check_condition(condition: Mapping[str, Any], path: Path_) -> None:
        target = questions.get(condition["question"])
        if target is None:
            problems.append(((*path, "question"), f"there is no question “{condition['question']}”"))
            return
        question = target[1]
        if "includes" in condition:
            if question["type"] != "checkboxes":
                problems.append(((*path, "includes"), f"“includes” needs a tick-all question, not {question['type']}"))
            elif condition["includes"] not in valid_values(question):
                problems.append(
                    ((*path, "includes"), f"“{condition['includes']}” is not an option of “{question['id']}”")
                )
        elif "is" in condition:
            if question["type"] in {"checkboxes", "text", "textarea", "date", "number"}:
                problems.append(((*path, "is"), f"“is” cannot compare a {question['type']} answer"))
            elif condition["is"] not in valid_values(question):
                problems.append(((*path, "is"), f"“{condition['is']}” is not an answer to “{question['id']}”"))
        elif "at_least" in condition or "at_most" in condition:
            key = "at_least" if "at_least" in condition else "at_most"
            if question["type"] != "number":
                problems.append(((*path, key), f"“{key}” needs a number question"))
            else:
                low, high = question.get("minimum", 0), question.get("maximum")
                if condition[key] < low or (high is not None and condition[key] > high):
                    problems.append(
                        (
                            (*path, key),
                            f"the threshold {condition[key]} is outside the answers allowed "
                            f"({low} to {high if high is not None else 'any'})",
                        )
                    )
        else:
            problems.append((path, "a condition needs “is”, “includes”, “at_least” or “at_most”"))

    for s_index, section in enumerate(data["sections"]):
        group = section.get("required_any")
        if group is None:
            continue
        g_path: Path_ = ("sections", s_index, "required_any", "questions")
        own = {question["id"]: question for question in section["questions"]}
        for index, question_id in enumerate(group["questions"]):
            if question_id not in own:
                problems.append(
                    ((*g_path, index), f"“{question_id}” is not a question of the section “{section['id']}”")
                )
            elif own[question_id].get("per_child"):
                problems.append(((*g_path, index), f"“{question_id}” is asked per child and cannot be in required_any"))
            elif own[question_id].get("required", True) and "required_when" not in own[question_id]:
                problems.append(((*g_path, index), f"“{question_id}” is required already: set required: false"))
        if len(set(group["questions"])) != len(group["questions"]):
            problems.append((g_path, "a question is named twice in required_any"))

    for question_id, (q_path, question) in questions.items():
        kind = question["type"]
        has_options = "options" in question
        if kind in CHOICE_TYPES and not has_options:
            problems.append((q_path, f"the {kind} question “{question_id}” needs options"))
        if kind not in CHOICE_TYPES and has_options:
            problems.append(((*q_path, "options"), f"a {kind} question does not take options"))
        if kind == "level" and scale is None:
            problems.append(((*q_path, "type"), "a level question needs the instrument to have a scale"))
        values: set[str] = set()
        for o_index, option in enumerate(question.get("options", ())):
            if option["value"] in values:
                problems.append(
                    ((*q_path, "options", o_index, "value"), f"the option “{option['value']}” is used twice")
                )
            values.add(option["value"])
            if option.get("exclusive") and kind != "checkboxes":
                problems.append(((*q_path, "options", o_index, "exclusive"), "only tick-all options can be exclusive"))
        if "max_length" in question and kind not in TEXT_TYPES:
            problems.append(((*q_path, "max_length"), "only text answers have a maximum length"))
        if "minimum" in question and "maximum" in question and question["minimum"] > question["maximum"]:
            problems.append(((*q_path, "minimum"), "the minimum is above the maximum"))
        if question.get("not_future") and kind != "date":
            problems.append(((*q_path, "not_future"), "only a date can be “not in the future”"))
        if question.get("per_child") and data["subject"] != "household":
            problems.append(((*q_path, "per_child"), "only an instrument about the household can ask per child"))
        for key in ("required_when", "asked_when"):
            if key in question:
                if question[key]["question"] == question_id:
                    problems.append(((*q_path, key, "question"), "a question cannot depend on itself"))
                else:
                    check_condition(question[key], (*q_path, key))

    rules = data.get("scoring", {}).get("rules", [])
    if rules and scale is None:
        problems.append((("scoring",), "scoring rules need a scale of levels"))
    for r_index, rule in enumerate(rules):
        r_path: Path_ = ("scoring", "rules", r_index)
        for c_index, condition in enumerate(rule.get("when_any", ())):
            check_condition(condition, (*r_path, "when_any", c_index))
        if "level" in rule and scale is not None and rule["level"] not in level_ids:
            problems.append(((*r_path, "level"), f"there is no level “{rule['level']}”"))
        for f_index, level_id in enumerate(rule.get("from", ())):
            if level_id not in level_ids:
                problems.append(((*r_path, "from", f_index), f"there is no level “{level_id}”"))
        if rule.get("min_count", 1) > len(rule.get("when_any", ())) and "when_any" in rule:
            problems.append(((*r_path, "min_count"), "min_count is more than the number of conditions"))
        if rule["kind"] == "level_from_answer":
            target = questions.get(rule["question"])
            if target is None:
                problems.append(((*r_path, "question"), f"there is no question “{rule['question']}”"))
            elif target[1]["type"] != "level":
                problems.append(((*r_path, "question"), f"“{rule['question']}” is not a level question"))
        if rule["kind"] == "count":
            for c_index, question_id in enumerate(rule["questions"]):
                target = questions.get(question_id)
                if target is None:
                    problems.append(((*r_path, "questions", c_index), f"there is no question “{question_id}”"))
                elif rule["value"] not in valid_values(target[1]) or target[1]["type"] == "checkboxes":
                    problems.append(
                        ((*r_path, "questions", c_index), f"“{question_id}” cannot be answered “{rule['value']}”")
                    )
            if len(set(rule["questions"])) != len(rule["questions"]):
                problems.append(((*r_path, "questions"), "a question is counted twice"))
            previous_start, previous_rank = -1, -1
            for b_index, band in enumerate(rule["bands"]):
                b_path: Path_ = (*r_path, "bands", b_index)
                if not 0 <= band["from"] <= len(rule["questions"]):
                    problems.append(
                        (
                            (*b_path, "from"),
                            f"the threshold {band['from']} is out of range: "
                            f"only {len(rule['questions'])} questions are counted",
                        )
                    )
                if band["from"] <= previous_start:
                    problems.append(((*b_path, "from"), "bands must start at rising counts"))
                if scale is not None and band["level"] not in level_ids:
                    problems.append(((*b_path, "level"), f"there is no level “{band['level']}”"))
                elif band["level"] in level_rank:
                    if level_rank[band["level"]] < previous_rank:
                        problems.append(((*b_path, "level"), "a higher count cannot give a lower level"))
                    previous_rank = level_rank[band["level"]]
                previous_start = band["from"]
    return problems


# ---------------------------------------------------------------------------------------------------------------
# Files and the registry


def _schema_problem(data: Any, file: Path, lines: Mapping[Path_, int]) -> InstrumentError | None:
    error = jsonschema.exceptions.best_match(_schema_validator().iter_errors(data))
    if error is None:
        return None
    path = tuple(error.absolute_path)
    message = error.message
    if error.validator == "required":
        message = f"{_path_text(path)} is missing “{message.split(' is a required property')[0].strip(chr(39))}”"
    elif error.validator == "additionalProperties":
        message = f"{_path_text(path)}: {message}"
    elif error.validator == "enum":
        message = f"{_path_text(path)}: {error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    else:
        message = f"{_path_text(path)}: {message}"
    return InstrumentError(file, line_of(lines, path), message)


def check_data(data: Any, file: Path, lines: Mapping[Path_, int], tiers: Iterable[int]) -> list[InstrumentError]:
    schema_error = _schema_problem(data, file, lines)
    if schema_error is not None:
        return [schema_error]
    return [
        InstrumentError(file, line_of(lines, path), f"{_path_text(path)}: {message}")
        for path, message in semantic_problems(data, tiers)
    ]


def read_instrument(file: Path, tiers: Iterable[int]) -> Instrument:
    """One instrument from its file; raises InstrumentError (the first fault, with its line) if it is unusable."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(file, None, f"cannot be read: {exc}") from exc
    data, lines = _compose(text, file)
    errors = check_data(data, file, lines, tiers)
    if errors:
        raise errors[0]
    return build_instrument(data, source=file.name)


@dataclass(frozen=True)
class Tier:
    number: int
    name: str
    who: str
    services: tuple[str, ...]
    reassess_days: int


TIERS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["tiers"],
    "properties": {
        "description": {"type": "string"},
        "tiers": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["number", "name", "who", "services", "reassess_days"],
                "properties": {
                    "number": {"type": "integer", "minimum": 1, "maximum": 9},
                    "name": {"type": "string", "minLength": 1},
                    "who": {"type": "string", "minLength": 1},
                    "services": {"type": "array", "items": {"type": "string"}},
                    "reassess_days": {"type": "integer", "minimum": 1, "maximum": 730},
                },
            },
        },
    },
}


def read_tiers(file: Path) -> dict[int, Tier]:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InstrumentError(file, None, f"cannot be read: {exc}") from exc
    data, lines = _compose(text, file)
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(TIERS_SCHEMA).iter_errors(data))
    if error is not None:
        path = tuple(error.absolute_path)
        raise InstrumentError(file, line_of(lines, path), f"{_path_text(path)}: {error.message}")
    tiers: dict[int, Tier] = {}
    for index, item in enumerate(data["tiers"]):
        if item["number"] in tiers:
            raise InstrumentError(file, line_of(lines, ("tiers", index)), f"tier {item['number']} appears twice")
        tiers[item["number"]] = Tier(
            item["number"], item["name"], item["who"], tuple(item["services"]), item["reassess_days"]
        )
    return tiers


@dataclass(frozen=True)
class Registry:
    """Every instrument version found, and the tiers of need. New assessments use each instrument's latest version."""

    instruments: dict[tuple[str, int], Instrument]
    tiers: dict[int, Tier]
    errors: tuple[InstrumentError, ...] = ()

    def latest(self, instrument_id: str) -> Instrument:
        versions = [instrument for key, instrument in self.instruments.items() if key[0] == instrument_id]
        if not versions:
            raise KeyError(instrument_id)
        return max(versions, key=lambda instrument: instrument.version)

    def get(self, instrument_id: str, version: int) -> Instrument:
        return self.instruments[(instrument_id, version)]

    def current(self) -> list[Instrument]:
        """The latest version of each instrument, in the order their files are named."""
        ids = list(dict.fromkeys(key[0] for key in self.instruments))
        return [self.latest(instrument_id) for instrument_id in ids]


def instrument_files(directories: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in directories:
        files.extend(
            path
            for path in sorted(Path(directory).glob("*.yaml")) + sorted(Path(directory).glob("*.yml"))
            if path.name != TIERS_FILENAME
        )
    return files


def load_registry(directories: Sequence[Path], tiers_file: Path) -> Registry:
    """Read every instrument file. Faults are collected, not raised, so a check can report them all."""
    errors: list[InstrumentError] = []
    try:
        tiers = read_tiers(tiers_file)
    except InstrumentError as exc:
        return Registry({}, {}, (exc,))
    instruments: dict[tuple[str, int], Instrument] = {}
    for file in instrument_files(directories):
        try:
            instrument = read_instrument(file, tiers)
        except InstrumentError as exc:
            errors.append(exc)
            continue
        if instrument.key in instruments:
            other = instruments[instrument.key].source
            errors.append(
                InstrumentError(
                    file,
                    1,
                    f"{instrument.id} version {instrument.version} is also defined in {other}: raise the version",
                )
            )
            continue
        instruments[instrument.key] = instrument
    return Registry(instruments, tiers, tuple(errors))


def configured_directories() -> tuple[Path, ...]:
    configured = getattr(settings, "ASSESSMENT_INSTRUMENT_DIRS", None)
    return tuple(Path(directory) for directory in configured) if configured else (APP_INSTRUMENTS,)


def configured_tiers_file() -> Path:
    return Path(getattr(settings, "ASSESSMENT_TIERS_FILE", None) or DEFAULT_TIERS_FILE)


class InstrumentsNotUsable(ImproperlyConfigured):
    """An instrument file or the tiers file is bad: the app must not run on what is left."""

    def __init__(self, errors: Sequence[InstrumentError]) -> None:
        self.errors = tuple(errors)
        faults = "; ".join(str(error) for error in errors) or "no instrument files were found"
        super().__init__(f"Assessment instruments cannot be used until they are fixed: {faults}")


@cache
def _registry_for(directories: tuple[Path, ...], tiers_file: Path) -> Registry:
    return load_registry(directories, tiers_file)


def configured_registry(*, reload: bool = False) -> Registry:
    """What the configured files give, faults included, without refusing: for the system check to report."""
    if reload:
        _registry_for.cache_clear()
    return _registry_for(configured_directories(), configured_tiers_file())


def get_registry() -> Registry:
    """The instruments for the current settings. Read once per set of folders; `reload_registry` forgets them.

    Raises InstrumentsNotUsable, naming every bad file and line, rather than serving the files that were good.
    """
    registry = configured_registry()
    if registry.errors or not registry.instruments:
        raise InstrumentsNotUsable(registry.errors)
    return registry


def reload_registry() -> Registry:
    _registry_for.cache_clear()
    return get_registry()


def instrument_for(instrument_id: str, version: int, definition: Mapping[str, Any] | None = None) -> Instrument:
    """The instrument exactly as an assessment was started with: from its stored definition if it has one."""
    if definition:
        return build_instrument(definition)
    return get_registry().get(instrument_id, version)
