"""Reading and checking the pattern file (`patterns.toml`), so the checker only ever runs on entries that make sense.

The file is data, versioned with the code: each `[[pattern]]` names a category, a regular expression, a plain
explanation of why the words matter (its own `why`, or a shared one from `[reasons]`), an optional accountable
rewrite, and examples it must (and must not) flag. `load_patterns(path)` refuses the whole file on the first
problem, with a message that names the file and the entry (its number, id and the line it starts on), so a typo can
never silently switch a check off.

File layout (version 1):

    version = 1
    [fragments]          # named pieces of regular expression, used in patterns (and later fragments) as {{name}}
    subject = '''(?:she|he|...)'''
    [maps.past]          # word maps that suggestions use as {group:past}
    beaten = "beat"
    [reasons]            # shared explanations, used by patterns as reason = "key"
    mutual = "One or two plain sentences."
    [[pattern]]
    id = "volatile-relationship"              # unique, lower-case words joined by hyphens
    category = "mutualising"                  # one of CATEGORIES
    regex = '''\\bvolatile relationship\\b'''  # case-insensitive; may use {{fragments}}; a group named `flag`
                                              # narrows the flagged span to that group
    why = "One or two plain sentences."       # or reason = "mutual"
    suggestion = "[name] chose to …"          # optional; {group} or {group:transform}; [name] is a placeholder
    priority = 0                              # optional; higher wins when two flags overlap
    unless_followed_by = '''\\bby\\b'''       # optional; no flag if this follows in the same clause
    unless_preceded_by = '''\\breducing\\s*$'''  # optional; no flag if the text just before ends like this
    subject = '''{{victim}}'''                # optional, for speed: who the sentence is about, matched only in the
                                              # clause just before the regex's match; the flag then starts at it, and
                                              # its groups can be used in the suggestion like the regex's own
    examples = ["They have a volatile relationship"]   # at least one; each must be flagged by this entry
    not_examples = ["..."]                    # optional; none may be flagged by this entry

Speed: when loading, `required_literals` works out from each regex (and subject) strings that every match must
contain; the checker runs an entry only when they are in the text. That is exact (no match is ever lost), and
tests compare the result with and without this skipping.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from childsafe.language.text import clause_after, clause_before, crosses_break, normalise

# The regex parser is private to the standard library but stable; `required_literals` only uses it to speed checking
# up, and gives up (returns None, so the entry always runs) on anything it does not recognise.
try:
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - other Pythons
    sre_constants = sre_parse = None  # type: ignore[assignment]

CATEGORIES: dict[str, str] = {
    "victim_blaming": "Victim-blaming",
    "mutualising": "Makes the abuse sound mutual",
    "minimising": "Minimises the abuse",
    "responsibility_shifting": "Puts responsibility on the non-abusing parent",
    "passive_hides_actor": "Hides who did it",
}
SUPPORTED_VERSION = 1
# Transforms a suggestion may apply to a captured group besides the file's own [maps].
BUILT_IN_TRANSFORMS = frozenset({"object", "subject", "lower"})

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FRAGMENT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FRAGMENT_REF = re.compile(r"\{\{([a-z][a-z0-9_]*)\}\}")
_TEMPLATE_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z_]+))?\}")
MIN_LITERAL = 3
MAX_GATES = 3
_EVERYDAY = frozenset(
    [
        "the",
        "and",
        "was",
        "were",
        "has",
        "had",
        "have",
        "with",
        "there",
        "that",
        "this",
        "been",
        "got",
        "get",
        "gets",
        "too",
        "also",
        "back",
        "over",
        "before",
        "going",
        "just",
        "only",
        "more",
        "made",
        "make",
        "then",
        "she",
        "her",
        "his",
        "him",
        "they",
        "them",
        "their",
        "will",
        "would",
        "should",
        "could",
        "must",
        "into",
        "from",
        "about",
        "did",
        "does",
        "not",
        "are",
        "is",
        "for",
        "but",
        "all",
        "can",
        "out",
        "one",
        "two",
        "its",
        "who",
        "what",
        "when",
        "where",
        "which",
        "after",
        "while",
        "being",
        "than",
        "very",
        "some",
        "any",
    ]
)
_PATTERN_KEYS = {
    "id",
    "category",
    "regex",
    "why",
    "reason",
    "suggestion",
    "priority",
    "unless_followed_by",
    "unless_preceded_by",
    "subject",
    "examples",
    "not_examples",
}
_TOP_KEYS = {"version", "fragments", "maps", "reasons", "pattern"}
WHY_MIN, WHY_MAX = 30, 400
SUBJECT_LIMIT = 70
FLAGS = re.IGNORECASE

Fail = Callable[[str, str], "PatternFileError"]


class PatternFileError(ValueError):
    """The pattern file cannot be used; the message names the file and the entry at fault."""


@dataclass(frozen=True)
class Pattern:
    id: str
    category: str
    regex: re.Pattern[str]
    why: str
    suggestion: str | None = None
    priority: int = 0
    unless_followed_by: re.Pattern[str] | None = None
    unless_preceded_by: re.Pattern[str] | None = None
    subject: re.Pattern[str] | None = None
    examples: tuple[str, ...] = ()
    # Sets of lower-case strings: every match contains at least one string of each set (`required_literals`).
    needs: tuple[frozenset[str], ...] = ()
    not_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """One accepted match: the flagged span and every named group's span (regex and subject), in text offsets."""

    start: int
    end: int
    groups: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class PatternSet:
    version: int
    patterns: tuple[Pattern, ...]
    maps: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def load_patterns(path: Path) -> PatternSet:
    """Read, validate and compile the pattern file at `path`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PatternFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise PatternFileError(f"{path}: is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PatternFileError(f"{path}: is not valid TOML ({exc})") from exc
    return parse_patterns(data, source=str(path), lines=_entry_lines(text))


def _entry_lines(text: str) -> list[int]:
    """The line number of each `[[pattern]]` header, in order, so errors can point at the entry in the file."""
    return [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == "[[pattern]]"]


def parse_patterns(data: Mapping[str, Any], *, source: str, lines: list[int] | None = None) -> PatternSet:
    """Validate already-parsed file contents; `source` names the file in error messages."""

    def fail(where: str, problem: str) -> PatternFileError:
        return PatternFileError(f"{source}: {where}: {problem}")

    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise fail("top level", f"unknown key(s) {', '.join(sorted(unknown))}")
    version = data.get("version")
    if version != SUPPORTED_VERSION:
        raise fail("top level", f"version must be {SUPPORTED_VERSION}, not {version!r}")

    fragments = _parse_fragments(data.get("fragments", {}), fail)
    maps = _parse_maps(data.get("maps", {}), fail)
    reasons = _parse_reasons(data.get("reasons", {}), fail)

    entries = data.get("pattern")
    if not isinstance(entries, list) or not entries:
        raise fail("top level", "there must be at least one [[pattern]]")

    patterns: list[Pattern] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        line = f", line {lines[index - 1]}" if lines and len(lines) == len(entries) else ""
        if not isinstance(entry, dict):
            raise fail(f"pattern #{index}{line}", "must be a table")
        entry_id = entry.get("id")
        named = f" ({entry_id})" if isinstance(entry_id, str) else ""
        where = f"pattern #{index}{named}{line}"
        patterns.append(_parse_entry(entry, where, fragments, maps, reasons, seen, fail))
    return PatternSet(version=version, patterns=tuple(patterns), maps=maps)


def _parse_fragments(value: Any, fail: Fail) -> dict[str, str]:
    """Fragments in file order; each may use fragments defined before it (never itself or a later one)."""
    if not isinstance(value, dict):
        raise fail("[fragments]", "must be a table of strings")
    expanded: dict[str, str] = {}
    for name, text in value.items():
        where = f"fragment {name!r}"
        if not _FRAGMENT_NAME.match(name):
            raise fail(where, "names are lower-case letters, digits and _")
        if not isinstance(text, str) or not text.strip():
            raise fail(where, "must be a non-empty string")

        def expand(found: re.Match[str], where: str = where) -> str:
            ref = found.group(1)
            if ref not in expanded:
                raise fail(where, f"uses {{{{{ref}}}}}, which is not a fragment defined before it")
            return f"(?:{expanded[ref]})"

        result = _FRAGMENT_REF.sub(expand, text)
        try:
            re.compile(result, FLAGS)
        except re.error as exc:
            raise fail(where, f"is not a valid regular expression ({exc})") from exc
        expanded[name] = result
    return expanded


def _parse_maps(value: Any, fail: Fail) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict):
        raise fail("[maps]", "must be a table of tables")
    for name, table in value.items():
        if name in BUILT_IN_TRANSFORMS:
            raise fail(f"map {name!r}", "has the name of a built-in transform")
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            raise fail(f"map {name!r}", "must map words to words")
        if any(key != key.lower() or key != " ".join(key.split()) for key in table):
            raise fail(f"map {name!r}", "keys must be lower case with single spaces (groups are looked up that way)")
    return value


def _parse_reasons(value: Any, fail: Fail) -> dict[str, str]:
    if not isinstance(value, dict):
        raise fail("[reasons]", "must be a table of texts")
    for key, text in value.items():
        if not _ID.match(key):
            raise fail(f"reason {key!r}", "keys are lower-case words joined by hyphens")
        _check_why(text, f"reason {key!r}", fail)
    return value


def _check_why(text: Any, where: str, fail: Fail) -> None:
    if not isinstance(text, str) or text != text.strip() or not WHY_MIN <= len(text) <= WHY_MAX:
        raise fail(where, f"why must be plain text of {WHY_MIN} to {WHY_MAX} characters")
    if "\n" in text or "{" in text or "}" in text:
        raise fail(where, "why must be one paragraph of plain text, without braces")


def _parse_entry(
    entry: dict[str, Any],
    where: str,
    fragments: Mapping[str, str],
    maps: Mapping[str, Mapping[str, str]],
    reasons: Mapping[str, str],
    seen: set[str],
    fail: Fail,
) -> Pattern:
    unknown = set(entry) - _PATTERN_KEYS
    if unknown:
        raise fail(where, f"unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "category", "regex", "examples"):
        if key not in entry:
            raise fail(where, f"missing {key!r}")

    entry_id = entry["id"]
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise fail(where, "id must be lower-case words joined by hyphens")
    if entry_id in seen:
        raise fail(where, "id is used twice")
    seen.add(entry_id)

    category = entry["category"]
    if category not in CATEGORIES:
        raise fail(where, f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")

    regex = _compile(entry["regex"], "regex", where, fragments, fail)
    if regex.search("") is not None:
        raise fail(where, "regex matches empty text, which would flag nothing")
    subject = entry.get("subject")
    subject_re = None
    if subject is not None:
        inner = _compile(subject, "subject", where, fragments, fail).pattern
        subject_re = re.compile(rf"(?:{inner})\s*$", FLAGS)
        if subject_re.search("") is not None:
            raise fail(where, "subject matches empty text")
        clash = set(subject_re.groupindex) & set(regex.groupindex)
        if clash:
            raise fail(where, f"subject and regex both name the group(s) {', '.join(sorted(clash))}")

    if ("why" in entry) == ("reason" in entry):
        raise fail(where, "give exactly one of 'why' (its own text) or 'reason' (a key of [reasons])")
    if "reason" in entry:
        if entry["reason"] not in reasons:
            raise fail(where, f"reason {entry['reason']!r} is not in [reasons]")
        why = reasons[entry["reason"]]
    else:
        why = entry["why"]
        _check_why(why, where, fail)

    suggestion = entry.get("suggestion")
    if suggestion is not None:
        if not isinstance(suggestion, str) or not suggestion.strip():
            raise fail(where, "suggestion must be non-empty text")
        groups = set(regex.groupindex) | set(subject_re.groupindex if subject_re is not None else ())
        for group, transform in _TEMPLATE_REF.findall(suggestion):
            if group not in groups:
                raise fail(where, f"suggestion uses {{{group}}}, which the regex does not capture")
            if transform and transform not in BUILT_IN_TRANSFORMS and transform not in maps:
                raise fail(where, f"suggestion uses an unknown transform {transform!r}")
        leftover = _TEMPLATE_REF.sub("", suggestion)
        if "{" in leftover or "}" in leftover:
            raise fail(where, "suggestion has an unmatched { or }")

    priority = entry.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise fail(where, "priority must be a whole number")

    followed = entry.get("unless_followed_by")
    preceded = entry.get("unless_preceded_by")
    followed_re = _compile(followed, "unless_followed_by", where, fragments, fail) if followed is not None else None
    preceded_re = _compile(preceded, "unless_preceded_by", where, fragments, fail) if preceded is not None else None

    examples = _strings(entry["examples"], "examples", where, fail)
    if not examples:
        raise fail(where, "needs at least one example")
    not_examples = _strings(entry.get("not_examples", []), "not_examples", where, fail)

    needs = required_literals(regex)
    if subject_re is not None:
        needs = (*needs, *required_literals(subject_re))[: MAX_GATES + 1]
    pattern = Pattern(
        id=entry_id,
        category=category,
        regex=regex,
        why=why,
        suggestion=suggestion,
        priority=priority,
        unless_followed_by=followed_re,
        unless_preceded_by=preceded_re,
        subject=subject_re,
        needs=needs,
        examples=tuple(examples),
        not_examples=tuple(not_examples),
    )
    for example in examples:
        if not raw_matches(pattern, example):
            raise fail(where, f"example {example!r} is not flagged by this entry")
    for counter in not_examples:
        if raw_matches(pattern, counter):
            raise fail(where, f"not_example {counter!r} is flagged by this entry")
    return pattern


def raw_matches(pattern: Pattern, text: str) -> list[Found]:
    """What one entry flags in `text`, after its own rules (not the checker's sentence-level rules)."""
    text = normalise(text)
    lower = text.lower()
    if len(lower) == len(text) and not could_match(pattern, lower):
        return []
    found = (accept(pattern, text, match) for match in find_matches(pattern, text))
    return [item for item in found if item is not None]


def could_match(pattern: Pattern, lower: str) -> bool:
    """False when the entry cannot match: a set of its required strings has none in the lower-cased, normalised text.

    `lower` must be the same length as the text (str.lower() changes the length of a few characters, such as "İ";
    the caller then skips this test)."""
    return all(any(item in lower for item in needs) for needs in pattern.needs)


def find_matches(pattern: Pattern, text: str) -> Iterator[re.Match[str]]:
    """Every match of the entry's regex in the (normalised) text, in order."""
    return pattern.regex.finditer(text)


def accept(pattern: Pattern, text: str, match: re.Match[str]) -> Found | None:
    """The entry's own conditions on a match: its subject just before it (when it has one), a non-empty flagged span
    within one sentence, and no unless_* hit. Returns the flagged span and group spans, or None."""
    start, end = flag_span(match)
    if start == end:
        return None
    groups = {name: match.span(name) for name in match.re.groupindex}
    if pattern.subject is not None:
        window_start = max(0, match.start() - SUBJECT_LIMIT)
        before = clause_before(text, match.start(), SUBJECT_LIMIT)
        offset = match.start() - len(before)
        who = pattern.subject.search(before)
        if who is None or offset < window_start:
            return None
        start = offset + who.start()
        groups.update({name: (offset + a, offset + b) if a >= 0 else (-1, -1) for name, (a, b) in _spans(who).items()})
    if crosses_break(text, start, max(end, match.end())):
        return None
    if pattern.unless_followed_by and pattern.unless_followed_by.search(clause_after(text, end)):
        return None
    if pattern.unless_preceded_by and pattern.unless_preceded_by.search(clause_before(text, start)):
        return None
    return Found(start, end, groups)


def _spans(match: re.Match[str]) -> dict[str, tuple[int, int]]:
    return {name: match.span(name) for name in match.re.groupindex}


def flag_span(match: re.Match[str]) -> tuple[int, int]:
    """The part of a match that is flagged: the group named `flag` when the regex has one, else all of it."""
    if "flag" in match.re.groupindex and match.group("flag") is not None:
        return match.span("flag")
    return match.span()


def _compile(value: Any, key: str, where: str, fragments: Mapping[str, str], fail: Fail) -> re.Pattern[str]:
    if not isinstance(value, str) or not value.strip():
        raise fail(where, f"{key} must be a non-empty string")

    def expand(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in fragments:
            raise fail(where, f"{key} uses an unknown fragment {{{{{name}}}}}")
        return f"(?:{fragments[name]})"

    expanded = _FRAGMENT_REF.sub(expand, value)
    try:
        return re.compile(expanded, FLAGS)
    except re.error as exc:
        raise fail(where, f"{key} is not a valid regular expression ({exc})") from exc


def _strings(value: Any, key: str, where: str, fail: Fail) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise fail(where, f"{key} must be a list of non-empty strings")
    return value


def required_literals(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of lower-case strings (each of at least MIN_LITERAL characters) such that every match of `regex`
    contains at least one string from each set. Empty when nothing can be said.

    Worked out from the parsed regex. A sequence needs each of its parts that itself needs something: a run of plain
    letters, or a group, branch or repeat of at least one; the most telling MAX_GATES of those are kept. A branch
    needs one of what each alternative needs most. The checker skips an entry when a set has no string in the text,
    which is safe: no match is possible then.
    """
    if sre_parse is None:
        return ()
    try:
        tree = sre_parse.parse(regex.pattern, regex.flags)
    except Exception:
        return ()
    options = _all_needs_of_sequence(list(tree))
    options.sort(key=_telling, reverse=True)
    return tuple(frozenset(option) for option in options[:MAX_GATES])


def _telling(option: set[str]) -> tuple[int, int, int]:
    # Fewest everyday words (they are in nearly every paragraph), then the longest shortest string, then the fewest.
    return (-len(option & _EVERYDAY), min(map(len, option)), -len(option))


def _all_needs_of_sequence(items: list[Any]) -> list[set[str]]:
    """Every set this sequence needs (each match has a string from each)."""
    options: list[set[str]] = []
    run = ""
    for op, value in [*items, (None, None)]:
        if op is sre_constants.LITERAL:
            run += chr(value).lower()
            continue
        if op is sre_constants.BRANCH and run:
            # The parser moves a shared start out of a branch ("bl" of "blew|blows"): put it back on each word.
            words = _branch_words(run, value)
            if words:
                options.append(words)
        if len(run) >= MIN_LITERAL:
            options.append({run})
        run = ""
        if op is None:
            break
        options.extend(_all_needs_of_node(op, value))
    return options


def _branch_words(prefix: str, branch: Any) -> set[str] | None:
    """`prefix` joined to the plain letters each alternative of `branch` starts with, if all are long enough."""
    words = set()
    for alternative in branch[1]:
        lead = ""
        for op, value in alternative:
            if op is not sre_constants.LITERAL:
                break
            lead += chr(value).lower()
        if len(prefix + lead) < MIN_LITERAL:
            return None
        words.add(prefix + lead)
    return words


def _best(options: list[set[str]]) -> set[str] | None:
    return max(options, key=_telling) if options else None


def _all_needs_of_node(op: Any, value: Any) -> list[set[str]]:
    c = sre_constants
    if op is c.SUBPATTERN:
        return _all_needs_of_sequence(list(value[3]))
    if op is c.ATOMIC_GROUP:
        return _all_needs_of_sequence(list(value))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, body = value
        return _all_needs_of_sequence(list(body)) if low >= 1 else []
    if op is c.BRANCH:
        union: set[str] = set()
        for alternative in value[1]:
            best = _best(_all_needs_of_sequence(list(alternative)))
            if not best:
                return []
            union |= best
        return [union]
    return []
