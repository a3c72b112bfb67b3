"""The checking itself: run every pattern over the text, drop what the sentence negates, quotes or attributes to
someone's own account, keep the most specific of overlapping flags, and fill in the accountable rewrite.

Patterns come from `patterns.toml` beside this file, read, validated and compiled once when the module is imported.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass

from childsafe.language.patterns import Found, Pattern, PatternSet, accept, find_matches
from childsafe.language.text import inside, is_attributed, is_negated, normalise, quoted_ranges

_TEMPLATE_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z_]+))?\}")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
# Pronouns change form when the person moves between subject and object of the rewritten sentence.
_TO_OBJECT = {"she": "her", "he": "him", "they": "them", "i": "me", "we": "us", "you": "you", "it": "it"}
_TO_SUBJECT = {"her": "she", "him": "he", "them": "they", "me": "I", "us": "we", "you": "you", "it": "it"}
# Words that start a noun phrase, or name a role rather than a person, are lower case in mid-sentence.
_LOWER_FIRST = frozenset(
    [
        "the",
        "a",
        "an",
        "her",
        "his",
        "their",
        "my",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "both",
        "all",
        "mother",
        "father",
        "mum",
        "dad",
        "child",
        "children",
        "baby",
        "son",
        "daughter",
        "stepfather",
        "stepmother",
        "partner",
        "victim",
        "boy",
        "girl",
        "woman",
        "man",
        "sister",
        "brother",
    ]
)


@dataclass(frozen=True)
class Flag:
    """One phrase that needs attention: where it is (str offsets into the checked text), what kind of problem it is,
    why it matters, and an accountable rewrite of exactly that span when one can be made (else None)."""

    start: int
    end: int
    category: str
    why: str
    suggestion: str | None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int
    pattern: Pattern
    found: Found


class Checker:
    """A compiled pattern set; `check` is safe to call from many threads (it keeps no state between calls)."""

    def __init__(self, pattern_set: PatternSet) -> None:
        self.pattern_set = pattern_set
        self.patterns = pattern_set.patterns
        self.maps = pattern_set.maps

    def check(self, text: str) -> list[Flag]:
        if not isinstance(text, str):
            raise TypeError(f"check() needs text (str), not {type(text).__name__}")
        if not text.strip():
            return []
        norm = normalise(text)
        candidates = self._candidates(norm)
        return [
            Flag(
                start=found.start,
                end=found.end,
                category=found.pattern.category,
                why=found.pattern.why,
                suggestion=self._suggest(found.pattern, found.found, text),
            )
            for found in _most_specific(candidates)
        ]

    def _candidates(self, norm: str) -> list[_Candidate]:
        """Every match that survives its entry's own rules and the sentence-level rules (quoted, negated, someone's
        own account)."""
        found: list[_Candidate] = []
        quotes: list[tuple[int, int]] | None = None
        # An entry runs only if each of its required sets (patterns.required_literals) has a string in the text;
        # each string is looked for at most once per text.
        lower = norm.lower()
        skipping = len(lower) == len(norm)  # str.lower() lengthens a few characters ("İ"): then run everything
        seen: dict[str, bool] = {}

        def present(item: str) -> bool:
            if item not in seen:
                seen[item] = item in lower
            return seen[item]

        for order, pattern in enumerate(self.patterns):
            if skipping and not all(any(map(present, needs)) for needs in pattern.needs):
                continue
            for match in find_matches(pattern, norm):
                accepted = accept(pattern, norm, match)
                if accepted is None:
                    continue
                start, end = accepted.start, accepted.end
                if quotes is None:
                    quotes = quoted_ranges(norm)
                if (
                    inside(quotes, start, end)
                    or is_negated(norm, min(start, match.start()))
                    or is_attributed(norm, start)
                ):
                    continue
                found.append(_Candidate(start, end, order, pattern, accepted))
        return found

    def _suggest(self, pattern: Pattern, found: Found, original: str) -> str | None:
        """The rewrite for this match, or None when a word it needs is not one the maps know (never a guess)."""
        if pattern.suggestion is None:
            return None
        missing = False

        def fill(ref: re.Match[str]) -> str:
            nonlocal missing
            group, transform = ref.group(1), ref.group(2)
            begin, finish = found.groups.get(group, (-1, -1))
            value = "" if begin < 0 else original[begin:finish]
            if not value or not transform:
                return value
            result = self._transform(value, transform)
            if result is None:
                missing = True
                return ""
            return result

        filled = _SPACES.sub(" ", _TEMPLATE_REF.sub(fill, pattern.suggestion)).strip()
        filled = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", filled)
        if missing or not filled:
            return None
        first = original[found.start]
        if first.isupper() and filled[0].islower():
            filled = filled[0].upper() + filled[1:]
        elif first.islower() and filled[0].isupper() and filled.split(" ", 1)[0].lower() in _LOWER_FIRST:
            filled = filled[0].lower() + filled[1:]
        return filled

    def _transform(self, value: str, transform: str) -> str | None:
        key = _SPACES.sub(" ", normalise(value).strip()).lower()
        if transform == "lower":
            return value.lower()
        if transform in ("object", "subject"):
            table = _TO_OBJECT if transform == "object" else _TO_SUBJECT
            if key in table:
                return table[key]
            first, _, rest = value.strip().partition(" ")
            if first.lower() in _LOWER_FIRST:
                return f"{first.lower()} {rest}".strip()
            return value.strip()
        return self.maps.get(transform, {}).get(key)


def _most_specific(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping flags in text order: the entry's priority wins, then the longer phrase, then the earlier
    phrase and the earlier entry. Kept intervals stay sorted, so each new one is checked against two neighbours."""
    starts: list[int] = []
    kept: list[_Candidate] = []
    for found in sorted(candidates, key=lambda c: (-c.pattern.priority, c.start - c.end, c.start, c.order)):
        position = bisect.bisect_left(starts, found.start)
        if position > 0 and kept[position - 1].end > found.start:
            continue
        if position < len(kept) and kept[position].start < found.end:
            continue
        starts.insert(position, found.start)
        kept.insert(position, found)
    return kept
