"""The accountability rules for plans: plain data in, findings out. No database, no HTTP.

The plan editor runs `check_plan` on every page and explains each finding: what is wrong, why it matters (in the
words of seed 004, "Focusing child protection plans on accountability"), and a suggested fix, often with the
wording to use. Nothing here refuses to save anything: an action with no owner or no date is kept as a draft
(`draft_reasons`), and the only thing findings stop is making the plan active (`activation_problems`).

Which findings block activation, and why:

Blocking (the plan cannot be made active while any is found):
- `no_owner`: an action nobody owns is not done; it stays a draft until someone is chosen.
- `no_when`: without a date or a frequency no one can tell the action is late.
- `placeholder_left`: an action or outcome still holds a placeholder from a suggested rewrite ("[name] chose to
  ..."): printed and shared as it is, it says about no one what the plan must say about someone.
- `victim_held_responsible`: seed 004, actions to stop the abuse belong to the parent using abuse alone. A plan
  that asks the non-abusing parent or a child to stop it ("Mother to prevent further incidents", "Rachel to avoid
  arguments") must not become the plan in force, whoever is recorded as owning it. A fix is always available: give
  it to the parent using abuse, or make it support for her.
- `change_work_given_to_victim`: the same for the work of changing his behaviour ("Rachel to ensure Darren attends
  the programme", "Rachel to manage Darren's anger", or any action for the parent using abuse that she or a child
  owns). Only he can do it; the same two fixes.

Warnings (shown with their fix, never enforced):
- `vague` ("be aware", "continue to"): worth recording, but it cannot be checked.
- `no_verb`: the list of verbs cannot know every word practitioners use.
- `no_measure`: progress can still be recorded as evidence.
- `agency_not_named`: the owner field already names someone; the wording should too.
- `no_named_worker`: an agency owns the action but no worker or role is named (seed 004 asks for "an agency and
  worker"); the agency may not yet know who it will be.
- `no_support_for_non_abusing_parent`, `no_support_for_child`: support may be arranged outside the plan.
- `no_change_action`: it may not be safe or possible to engage the parent using abuse; the plan should say why.
- `no_outcome_for_child`: a plan can start while outcomes are agreed with the child.

The wording the rules look for is data: `data/accountability_phrases.yaml`, validated by its schema at load.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

import jsonschema
import yaml

DATA = Path(__file__).resolve().parent / "data"

CHILD = "child"
SIBLING_ELSEWHERE = "sibling_elsewhere"
NON_ABUSING_PARENT = "non_abusing_parent"
PARENT_USING_ABUSE = "parent_using_abuse"
WHOLE_FAMILY = "whole_family"
CHILD_ROLES = frozenset({CHILD, SIBLING_ELSEWHERE})
# Agencies whose work is specialist support for the victim-survivor: first choice for a suggested support action.
SUPPORT_AGENCY_KINDS = ("domestic_abuse_service", "refuge")
# Words practitioners use for the non-abusing parent at the start of an action ("Mother to ...").
MOTHER_WORDS = ("mother", "mum", "the mother", "non-abusing parent", "non-abusive parent", "victim", "victim-survivor")


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"


@dataclass(frozen=True)
class PersonFacts:
    id: str
    name: str
    role: str

    @property
    def is_child(self) -> bool:
        return self.role in CHILD_ROLES


@dataclass(frozen=True)
class AgencyFacts:
    id: str
    name: str
    kind: str = ""


@dataclass(frozen=True)
class ActionFacts:
    """One action as the rules see it. `label` names it in messages ("Action 3")."""

    id: str
    label: str
    what: str
    owner_person: PersonFacts | None = None
    owner_agency: AgencyFacts | None = None
    owner_worker: str = ""
    due_on: dt.date | None = None
    frequency: str = ""
    measure: str = ""
    for_whom: str = WHOLE_FAMILY
    for_child_id: str | None = None

    @property
    def has_owner(self) -> bool:
        return self.owner_person is not None or self.owner_agency is not None

    @property
    def has_when(self) -> bool:
        return self.due_on is not None or bool(self.frequency)


@dataclass(frozen=True)
class OutcomeFacts:
    """One outcome wanted for a child, as the rules see it."""

    id: str
    child_name: str
    text: str


@dataclass(frozen=True)
class PlanFacts:
    """A plan as the rules see it: everyone in the case, the children it covers, its actions and outcomes."""

    kind: str
    people: tuple[PersonFacts, ...]
    covered_child_ids: tuple[str, ...]
    actions: tuple[ActionFacts, ...]
    agencies: tuple[AgencyFacts, ...] = ()
    outcome_child_ids: tuple[str, ...] = ()
    start_date: dt.date | None = None
    # The outcomes' words, when the caller has them (`services.check_in_full`): only the placeholder rule reads them.
    outcomes: tuple[OutcomeFacts, ...] = ()

    def with_role(self, role: str) -> list[PersonFacts]:
        return [person for person in self.people if person.role == role]

    @property
    def covered_children(self) -> list[PersonFacts]:
        by_id = {person.id: person for person in self.people}
        return [by_id[child_id] for child_id in self.covered_child_ids if child_id in by_id]


@dataclass(frozen=True)
class Fix:
    """A suggested change to one action: who should own it, what it should say, whom it is for.

    `owner` is a choice value of the action form: "person:<id>" or "agency:<id>".
    """

    kind: str  # "reassign" (to the parent using abuse) or "support" (turn it into support for the victim)
    label: str
    owner: str
    wording: str
    for_whom: str
    for_child_id: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    title: str
    reason: str
    suggestion: str
    action_id: str | None = None
    fixes: tuple[Fix, ...] = field(default_factory=tuple)
    outcome_id: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == Severity.BLOCKING


@dataclass(frozen=True)
class Phrases:
    stopping_the_abuse: tuple[re.Pattern[str], ...]
    his_change_work: tuple[str, ...]  # regular expressions with {him}: see `change_work_phrase`
    vague: tuple[re.Pattern[str], ...]
    unnamed_owner: tuple[re.Pattern[str], ...]
    concrete_verbs: frozenset[str]


@cache
def phrases() -> Phrases:
    """The wording the rules look for, from data/accountability_phrases.yaml (validated; read once)."""
    data = yaml.safe_load((DATA / "accountability_phrases.yaml").read_text(encoding="utf-8"))
    schema = json.loads((DATA / "accountability_phrases.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)

    def compiled(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"(?:{pattern})", re.IGNORECASE) for pattern in patterns)

    return Phrases(
        stopping_the_abuse=compiled(data["stopping_the_abuse"]),
        his_change_work=tuple(data["his_change_work"]),
        vague=compiled(data["vague"]),
        unnamed_owner=compiled(data["unnamed_owner"]),
        concrete_verbs=frozenset(_inflections(data["concrete_verbs"])),
    )


# Past tenses and participles that the regular rules below do not make.
IRREGULAR = {
    "bring": ["brought"],
    "build": ["built"],
    "do": ["does", "did", "done"],
    "draw": ["drew", "drawn"],
    "find": ["found"],
    "give": ["gave", "given"],
    "go": ["goes", "went", "gone"],
    "have": ["has", "had"],
    "hold": ["held"],
    "keep": ["kept"],
    "learn": ["learnt"],
    "make": ["made"],
    "meet": ["met"],
    "pay": ["paid"],
    "see": ["saw", "seen"],
    "send": ["sent"],
    "speak": ["spoke", "spoken"],
    "take": ["took", "taken"],
    "teach": ["taught"],
    "tell": ["told"],
    "undertake": ["undertook", "undertaken"],
    "write": ["wrote", "written"],
}


def _inflections(verbs: list[str]) -> set[str]:
    forms: set[str] = set()
    for verb in verbs:
        forms.update({verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"})
        if verb.endswith("e"):
            forms.add(verb[:-1] + "ing")
        if re.fullmatch(r".*[^aeiou][aeiou][bdgklmnprt]", verb):
            forms.update({verb + verb[-1] + "ing", verb + verb[-1] + "ed"})
        forms.update(IRREGULAR.get(verb, []))
    return forms


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return " ".join(match.group(0).split())
    return None


def stopping_the_abuse_phrase(text: str) -> str | None:
    """The words in `text` that ask someone to stop, prevent or keep away the abuse, if any."""
    return _first_match(phrases().stopping_the_abuse, text)


# How an action refers to the parent using abuse, besides his name: `{him}` in `his_change_work`.
HIM = (
    r"him|he|his|the\s+father|father|dad|the\s+dad|her\s+ex-partner|her\s+ex|her\s+partner|partner"
    r"|the\s+parent\s+using\s+abuse"
)


@cache
def _change_work_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """`his_change_work` with {him} standing for his pronouns, his roles and the names given ("Darren's" too)."""
    alternatives = "|".join([*(re.escape(name) for name in names if name.strip()), HIM])
    him = rf"\b(?:{alternatives})(?:['’]s)?\b"
    return tuple(
        re.compile(rf"(?:{pattern.replace('{him}', him)})", re.IGNORECASE) for pattern in phrases().his_change_work
    )


def change_work_phrase(text: str, names: tuple[str, ...] = ()) -> str | None:
    """The words in `text` that ask someone to do the work of changing his behaviour ("ensure Darren attends",
    "manage his anger"); `names` are the names of the parents using abuse in the case."""
    return _first_match(_change_work_patterns(names), text)


def vague_phrase(text: str) -> str | None:
    return _first_match(phrases().vague, text)


def has_concrete_verb(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return any(word in phrases().concrete_verbs for word in words)


def names_no_one(text: str) -> bool:
    """True for an owner like "professionals", "all agencies" or "everyone": no one in particular."""
    return _first_match(phrases().unnamed_owner, text) is not None


# The placeholders the language checker's rewrites leave for the worker to fill in ("[name] chose to use violent
# behaviours": see childsafe/language/__init__.py). Saved as they are, they would be printed in the plan.
PLACEHOLDER = re.compile(r"\[(?:name|victim-survivor)\]", re.IGNORECASE)
PLACEHOLDER_MEANS = {"[name]": "the person's name", "[victim-survivor]": "the name of the person harmed"}


def placeholder_in(text: str) -> str | None:
    """The first checker placeholder still in `text` ("[name]"), if any."""
    match = PLACEHOLDER.search(text)
    return match.group(0) if match else None


def _placeholder_finding(
    placeholder: str, title: str, *, action_id: str | None = None, outcome_id: str | None = None
) -> Finding:
    means = PLACEHOLDER_MEANS.get(placeholder.lower(), "the words it stands for")
    return Finding(
        rule="placeholder_left",
        severity=Severity.BLOCKING,
        title=title,
        reason=(
            f"“{placeholder}” was put in by a suggested rewrite for you to fill in. Left as it is, the plan is "
            "printed and shared with it, and no one can tell who the words are about."
        ),
        suggestion=f"Replace {placeholder} with {means}.",
        action_id=action_id,
        outcome_id=outcome_id,
    )


def draft_reasons(action: ActionFacts) -> list[str]:
    """Why an action is a draft, in the words the editor shows; empty when it is complete enough to be in force."""
    reasons = []
    if not action.has_owner:
        reasons.append("This action has no one responsible for it: it is saved as a draft until you choose who")
    if not action.has_when:
        reasons.append(
            "This action has no date or frequency: it is saved as a draft until you say when it will be done"
        )
    return reasons


def is_draft(action: ActionFacts) -> bool:
    return not action.has_owner or not action.has_when


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(people: list[PersonFacts]) -> str:
    names = [person.name for person in people]
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _support_agency(facts: PlanFacts) -> AgencyFacts | None:
    for kind in SUPPORT_AGENCY_KINDS:
        for agency in facts.agencies:
            if agency.kind == kind:
                return agency
    return None


# What follows the name of whoever an action asks to act: "Rachel to ...", "Mother (Rachel) must ...", "Mum: ...".
# Matching the link word, not the name alone, keeps "Rachel's outreach worker to ..." from reading as Rachel.
SUBJECT_LINK = (
    r"(?:\s+\w+)?(?:\s*\([^)]{0,40}\))?\s*,?\s*"
    r"(?::|to\b|must\b|should\b|shall\b|will\b|needs?\s+to\b|is\s+to\b|has\s+to\b|is\s+expected\s+to\b)"
)


def _named_at_start(text: str, facts: PlanFacts) -> PersonFacts | None:
    """The non-abusing parent or a child the text starts by asking to act ("Mother to ...", "Mia to ..."), if any."""
    start = " ".join(text.split()).lower()
    victims = [person for person in facts.people if person.role == NON_ABUSING_PARENT or person.is_child]
    for person in victims:
        first_name = person.name.split(" ")[0].lower()
        if first_name and re.match(rf"{re.escape(first_name)}{SUBJECT_LINK}", start):
            return person
    mothers = facts.with_role(NON_ABUSING_PARENT)
    if mothers and any(re.match(rf"{re.escape(word)}{SUBJECT_LINK}", start) for word in MOTHER_WORDS):
        return mothers[0]
    return None


def _subject_of(action: ActionFacts, facts: PlanFacts) -> PersonFacts | None:
    """Whom the action asks to act: its owner if a person, else a victim named at the start of its text.

    "Mother to prevent further incidents" still asks the mother to prevent the abuse when no one owns it, and when
    an agency does: the agency is then recorded as answering for something the words still ask of her.
    """
    if action.owner_person is not None:
        return action.owner_person
    return _named_at_start(action.what, facts)


def _is_victim(person: PersonFacts | None) -> bool:
    return person is not None and (person.role == NON_ABUSING_PARENT or person.is_child)


def _who_and_why(subject: PersonFacts, asked: str = "to prevent it") -> tuple[str, str]:
    """How a finding names the victim it wrongly asks to act, and why that harms them."""
    if subject.is_child:
        return (
            f"{subject.name}, a child",
            "Children are victims of domestic abuse in their own right; a child is never responsible for keeping "
            "themselves or anyone else safe from it.",
        )
    return (
        f"{subject.name}, the non-abusing parent",
        f"Asking her {asked} holds the victim-survivor accountable for behaviour she does not control, "
        "and can be held against her if the abuse happens again.",
    )


def _one_step_fixes(subject: PersonFacts, facts: PlanFacts, his_wording: str) -> list[Fix]:
    """Give the action to each parent using abuse (in `his_wording`, with {name} for his name), or turn it into
    support for the victim from the domestic abuse service or refuge the case is shared with."""
    fixes = [
        Fix(
            kind="reassign",
            label=f"Give it to {abuser.name}",
            owner=f"person:{abuser.id}",
            wording=his_wording.format(name=abuser.name),
            for_whom=PARENT_USING_ABUSE,
        )
        for abuser in facts.with_role(PARENT_USING_ABUSE)
    ]
    agency = _support_agency(facts)
    if agency is not None:
        label = f"Make it support for {subject.name}"
        if subject.is_child:
            wording = f"{agency.name} to offer {subject.name} one-to-one support to talk about what has happened"
            fixes.append(Fix("support", label, f"agency:{agency.id}", wording, CHILD, subject.id))
        else:
            wording = (
                f"{agency.name} to support {subject.name} with a safety plan and specialist domestic abuse support"
            )
            fixes.append(Fix("support", label, f"agency:{agency.id}", wording, NON_ABUSING_PARENT))
    return fixes


def _victim_held_responsible(action: ActionFacts, facts: PlanFacts) -> Finding | None:
    subject = _subject_of(action, facts)
    if subject is None or not _is_victim(subject):
        return None
    phrase = stopping_the_abuse_phrase(action.what)
    if phrase is None:
        return None
    abuser_names = _names(facts.with_role(PARENT_USING_ABUSE)) or "the parent using abuse"
    victims = _names([*facts.with_role(NON_ABUSING_PARENT), *facts.covered_children]) or "the family"
    who, why_them = _who_and_why(subject)
    his_wording = (
        f"{{name}} to stop using abusive behaviours towards {victims}, and to keep to the contact arrangements set "
        "out in this plan"
    )
    return Finding(
        rule="victim_held_responsible",
        severity=Severity.BLOCKING,
        action_id=action.id,
        title=f"{action.label} asks {subject.name} to stop the abuse",
        reason=(
            f"It asks {who}, to “{phrase}”. Stopping the abuse is the responsibility of the parent who chose to use "
            f"abusive behaviours ({abuser_names}) and of no one else. {why_them}"
        ),
        suggestion=(
            f"Give this action to {abuser_names}, worded as what they must do, or turn it into an action that "
            f"supports {subject.name}, owned by an agency."
        ),
        fixes=tuple(_one_step_fixes(subject, facts, his_wording)),
    )


def _change_work_given_to_victim(action: ActionFacts, facts: PlanFacts) -> Finding | None:
    """Work on his behaviour (getting him to the programme, managing his anger) asked of her or a child.

    Found from the words ("Rachel to ensure Darren attends", "Rachel to manage Darren's anger") or, whatever the
    words, from an action for the parent using abuse that she or a child owns.
    """
    subject = _subject_of(action, facts)
    if subject is None or not _is_victim(subject):
        return None
    abusers = facts.with_role(PARENT_USING_ABUSE)
    phrase = change_work_phrase(action.what, tuple(abuser.name for abuser in abusers))
    owns_his_work = action.owner_person == subject and action.for_whom == PARENT_USING_ABUSE
    if phrase is None and not owns_his_work:
        return None
    abuser_names = _names(abusers) or "the parent using abuse"
    who, why_them = _who_and_why(subject, "to make them change")
    asked = f"It asks {who}, to “{phrase}”." if phrase else f"It is work for {abuser_names}, but {who}, owns it."
    return Finding(
        rule="change_work_given_to_victim",
        severity=Severity.BLOCKING,
        action_id=action.id,
        title=f"{action.label} gives {subject.name} work that is {abuser_names}’s to do",
        reason=(
            f"{asked} Changing the abusive behaviour (going to the programme, dealing with their anger, drinking "
            f"or jealousy) is the work of the parent who chose that behaviour ({abuser_names}), and only they can do "
            f"it. {why_them}"
        ),
        suggestion=(
            f"Give this action to {abuser_names}, worded as what they must do, or turn it into an action that "
            f"supports {subject.name}, owned by an agency."
        ),
        fixes=tuple(
            _one_step_fixes(
                subject,
                facts,
                "{name} to attend every weekly session of an accredited domestic abuse behaviour-change programme "
                "and work on the behaviours of concern in this plan",
            )
        ),
    )


def check_action(action: ActionFacts, facts: PlanFacts) -> list[Finding]:
    """The findings about one action: who owns it, whether it is specific and measurable, whose job it is."""
    findings: list[Finding] = []
    placeholder = placeholder_in(action.what) or placeholder_in(action.measure)
    if placeholder:
        title = f"{action.label} still has “{placeholder}” in it"
        findings.append(_placeholder_finding(placeholder, title, action_id=action.id))
    # One blocking finding about whose job the action is: its one-step fix settles both.
    responsible = _victim_held_responsible(action, facts) or _change_work_given_to_victim(action, facts)
    if responsible is not None:
        findings.append(responsible)
    if not action.has_owner:
        findings.append(
            Finding(
                rule="no_owner",
                severity=Severity.BLOCKING,
                action_id=action.id,
                title=f"{action.label} has no one responsible for it",
                reason="An action that no one owns is not done, and no one can be held to it. It is kept as a draft.",
                suggestion="Choose a named person in the case, or an agency and the worker who will do it.",
            )
        )
    if not action.has_when:
        findings.append(
            Finding(
                rule="no_when",
                severity=Severity.BLOCKING,
                action_id=action.id,
                title=f"{action.label} has no date or frequency",
                reason="Without a date or how often, no one can tell when the action is late. It is kept as a draft.",
                suggestion="Give the date it must be done by, or how often it happens: weekly, at every session.",
            )
        )
    # An action that asks a victim to stop the abuse or to do his work is rewritten by its fix, so its wording is
    # not picked at too.
    if responsible is None:
        findings.extend(_wording_findings(action))
    if not action.measure.strip():
        findings.append(
            Finding(
                rule="no_measure",
                severity=Severity.WARNING,
                action_id=action.id,
                title=f"{action.label} has no measure of progress",
                reason="Without a measure, the review cannot tell whether the action is working.",
                suggestion=(
                    "Say how progress will be known: the programme's attendance reports, a record of visits, what "
                    "the child says in one-to-one sessions."
                ),
            )
        )
    unnamed = names_no_one(action.owner_worker) or names_no_one(action.what)
    if unnamed:
        findings.append(
            Finding(
                rule="agency_not_named",
                severity=Severity.WARNING,
                action_id=action.id,
                title=f"{action.label} is for no agency in particular",
                reason="An action for “professionals” or “all agencies” is done by no one in particular.",
                suggestion="Name the agency and the worker or role who will do it, and start the wording with them.",
            )
        )
    elif action.owner_agency is not None and not action.owner_worker.strip():
        findings.append(
            Finding(
                rule="no_named_worker",
                severity=Severity.WARNING,
                action_id=action.id,
                title=f"{action.label} names {action.owner_agency.name} but no worker",
                reason=(
                    "An agency does an action through one of its workers. With no one named, no one knows it is "
                    "theirs, and no one can be asked about it at the review."
                ),
                suggestion=(
                    f"Add the worker or role at {action.owner_agency.name} who will do it: a name, or a role such "
                    "as “outreach worker” or “allocated social worker”."
                ),
            )
        )
    return findings


def _wording_findings(action: ActionFacts) -> list[Finding]:
    """Whether the action says what will be done: not vague, and built on a verb that can be checked."""
    vague = vague_phrase(action.what)
    if vague:
        return [
            Finding(
                rule="vague",
                severity=Severity.WARNING,
                action_id=action.id,
                title=f"{action.label} is not specific",
                reason=(
                    f"“{vague}” does not say what will be done, so no one can check it happened or challenge it "
                    "when it has not."
                ),
                suggestion=(
                    "Say who will do what: for example “Darren to attend every weekly session of the "
                    "behaviour-change programme”."
                ),
            )
        ]
    if not has_concrete_verb(action.what):
        return [
            Finding(
                rule="no_verb",
                severity=Severity.WARNING,
                action_id=action.id,
                title=f"{action.label} does not say what will be done",
                reason="An action needs a doing word, so everyone knows what is expected.",
                suggestion="Use a verb that can be checked: attend, complete, meet, visit, call, refer, provide.",
            )
        ]
    return []


def _plan_findings(facts: PlanFacts) -> list[Finding]:
    findings: list[Finding] = []
    for outcome in facts.outcomes:
        placeholder = placeholder_in(outcome.text)
        if placeholder:
            title = f"The outcome for {outcome.child_name} still has “{placeholder}” in it"
            findings.append(_placeholder_finding(placeholder, title, outcome_id=outcome.id))
    agency = _support_agency(facts)
    agency_name = agency.name if agency else "The domestic abuse service"
    supports = [action for action in facts.actions if not _owned_by_abuser(action)]

    mothers = facts.with_role(NON_ABUSING_PARENT)
    if mothers and not any(action.for_whom == NON_ABUSING_PARENT for action in supports):
        name = _names(mothers)
        findings.append(
            Finding(
                rule="no_support_for_non_abusing_parent",
                severity=Severity.WARNING,
                title=f"The plan has no support for {name}",
                reason=(
                    "Supporting the non-abusing parent and keeping her safe is one of the surest ways of protecting "
                    "the children."
                ),
                suggestion=(
                    f"Add an action for {name}: for example “{agency_name} to offer {mothers[0].name} a specialist "
                    "domestic abuse worker, meeting every fortnight”."
                ),
            )
        )

    for child in facts.covered_children:
        has_support = any(action.for_whom == CHILD and action.for_child_id == child.id for action in supports)
        if not has_support:
            findings.append(
                Finding(
                    rule="no_support_for_child",
                    severity=Severity.WARNING,
                    title=f"The plan has no support for {child.name}",
                    reason=(
                        "Children are victims of domestic abuse in their own right, and each child needs support "
                        "of their own, not only through the adults."
                    ),
                    suggestion=(
                        f"Add an action for {child.name}: for example one-to-one sessions with a children's worker "
                        "every week, measured by the worker's session notes."
                    ),
                )
            )
        if child.id not in facts.outcome_child_ids:
            findings.append(
                Finding(
                    rule="no_outcome_for_child",
                    severity=Severity.WARNING,
                    title=f"No outcome is written for {child.name}",
                    reason="The plan should say what must be different for each child, so the review can tell.",
                    suggestion=f"Add the outcome wanted for {child.name}, in the child's own words where possible.",
                )
            )

    for abuser in facts.with_role(PARENT_USING_ABUSE):
        if not any(action.owner_person is not None and action.owner_person.id == abuser.id for action in facts.actions):
            findings.append(
                Finding(
                    rule="no_change_action",
                    severity=Severity.WARNING,
                    title=f"Nothing in the plan asks {abuser.name} to change",
                    reason=(
                        "The plan should hold the parent who chose to use abusive behaviours to account. Without an "
                        "action of their own, the plan's work falls on the people who were harmed."
                    ),
                    suggestion=(
                        f"Add an action owned by {abuser.name}: for example “{abuser.name} to attend every weekly "
                        "session of an accredited behaviour-change programme”, measured by the programme's "
                        f"attendance reports. If it is not safe or possible to work with {abuser.name}, say why in "
                        "the plan."
                    ),
                )
            )
    return findings


def _owned_by_abuser(action: ActionFacts) -> bool:
    return action.owner_person is not None and action.owner_person.role == PARENT_USING_ABUSE


def check_plan(facts: PlanFacts) -> list[Finding]:
    """Every finding about the plan: blocking ones first, then each action's in plan order, then the plan's own."""
    findings: list[Finding] = []
    for action in facts.actions:
        findings.extend(check_action(action, facts))
    findings.extend(_plan_findings(facts))
    return sorted(findings, key=lambda finding: not finding.blocking)


@dataclass(frozen=True)
class Problem:
    """Something that stops the plan being made active, with where to go to fix it."""

    text: str
    action_id: str | None = None
    target: str = ""  # "details", "actions" or "" for an action's or outcome's own anchor
    outcome_id: str | None = None


def activation_problems(facts: PlanFacts, findings: list[Finding]) -> list[Problem]:
    """Why the plan cannot become active yet; empty when it can. Every blocking finding is one problem."""
    problems: list[Problem] = []
    if facts.start_date is None:
        problems.append(Problem("Enter the date the plan starts", target="details"))
    if not facts.covered_child_ids:
        problems.append(Problem("Choose the children the plan covers", target="details"))
    if not facts.actions:
        problems.append(Problem("Add at least one action", target="actions"))
    problems.extend(
        Problem(finding.title, action_id=finding.action_id, outcome_id=finding.outcome_id)
        for finding in findings
        if finding.blocking
    )
    return problems
