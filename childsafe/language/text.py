"""Small, linear-time helpers over the text being checked: one spelling for quotes and spaces, the clause around a
phrase, whether a phrase is negated, attributed to someone's own account, inside quotation marks, or runs across
a sentence or paragraph break.

Every helper looks at a bounded window around a phrase (or makes one pass over the text), so checking stays linear
in the length of the text.
"""

from __future__ import annotations

import bisect
import itertools
import re

# Curly quotes, primes, non-breaking and other spaces, and Unicode hyphens become their plain forms. Every
# replacement is one character for one character, so offsets into the normalised text are offsets into the original.
_SAME_LENGTH = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\uff07": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\uff02": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\t": " ",
        # A carriage return (of a Windows line end) counts as a space, so "\r\n" is one line break, not a blank line.
        "\r": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u2010": "-",
        "\u2011": "-",
    }
)

CLAUSE_BEFORE_LIMIT = 60
CLAUSE_AFTER_LIMIT = 120
SENTENCE_BEFORE_LIMIT = 200
QUOTE_LIMIT = 400
NEGATION_WORDS = 5

_CLAUSE_START = re.compile(r"[.;:!?\n()\[\],\"\u2014\u2013]")
_CLAUSE_END = re.compile(r"[.;:!?\n]")
_SENTENCE_START = re.compile(r"[.!?]\s|\n")
# A sentence end (full stop, question or exclamation mark, maybe closing a quote or bracket, then a space), a blank
# line, or a new list item. A flag never runs across one of these.
_BREAK = re.compile(r"[.!?][\"')\]]*\s|\n[ ]*\n|\n[ ]*(?:[-*\u2022\u25cf]|\d+[.)])\s")
_WORD = re.compile(r"[\w']+")
_CONJUNCTIONS = frozenset(
    [
        "but",
        "and",
        "because",
        "although",
        "though",
        "while",
        "whereas",
        "however",
        "so",
        "yet",
        "or",
        "when",
        "after",
        "before",
        "until",
        "that",
        "which",
        "who",
    ]
)
_NEGATIONS = frozenset(["not", "never", "no", "nor", "without", "avoid", "avoids", "avoided", "avoiding", "cannot"])
_NEGATION_PAIRS = frozenset({("rather", "than"), ("instead", "of"), ("far", "from")})
# "It is wrong to call this…", "it is misleading to describe it as…": the sentence rejects the words that follow.
_REJECTION = re.compile(
    r"\b(?:wrong|inaccurate|misleading|unhelpful|inappropriate|incorrect|unacceptable|not\s+acceptable|"
    r"not\s+appropriate|a\s+mistake|an\s+error)\s+(?:to|for\s+\w+\s+to)\s+(?:call|describe|write|say|use|label|"
    r"record|refer\s+to|frame|present|treat|see)\b",
    re.IGNORECASE,
)
# "He said…", "Darren told the officer…", "according to him", "in his words", "his account": the words that follow
# are someone's own account. A passive ("she was told") is not an account, nor is a professional's own judgement
# ("the worker thinks…"), which the record adopts and so is checked like any other sentence.
_ATTRIBUTION = re.compile(
    r"\b(?!(?:was|were|been|being|is|are|be|i|we|worker|workers|professionals?|school|police|officers?|gp|"
    r"assessment|report|plan|panel|conference|teacher|visitor|manager|log|record|records|notes|notification|"
    r"referral|minutes|letter|email|entry|chronology|form|summary|it|this)\b)\w+\s+"
    r"(?:(?:has|had|have|later|then|also|first|initially|repeatedly|always|often|himself|herself|still|now)\s+)?"
    r"(?:said|says|saying|told|tells|telling|claim(?:s|ed|ing)?|describ(?:es|ed|ing)|explain(?:s|ed|ing)|"
    r"stat(?:es|ed|ing)|insist(?:s|ed|ing)?|maintain(?:s|ed|ing)?|admit(?:s|ted|ting)?|den(?:y|ies|ied|ying)|"
    r"blam(?:es|ed|ing)|minimi[sz](?:es|ed|ing)|put(?:s)?\s+it\s+down\s+to|disclos(?:es|ed|ing)|"
    r"alleg(?:es|ed|ing)|think(?:s)?|thought|believ(?:es|ed)|reckon(?:s|ed)?|accept(?:s|ed)?|"
    r"acknowledg(?:es|ed)|recall(?:s|ed)?|argu(?:es|ed)\s+that|complain(?:s|ed)?\s+that|insists|"
    r"excus(?:es|ed)|justif(?:ies|ied)|calls?\s+it|called\s+it|refers?\s+to\s+it|referred\s+to\s+it)\b"
    r"|\b(?:is|are|was|were|am|'re|'s)\s+(?:saying|telling|claiming|describing|explaining|insisting|suggesting|"
    r"denying|blaming|minimi[sz]ing|admitting|arguing|alleging)\b"
    r"|\baccording\s+to\b|\bin\s+(?:his|her|their)\s+(?:own\s+)?words\b"
    r"|\b(?:his|her|their)\s+(?:own\s+)?(?:account|version|explanation|view|words|story)\b",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """The text with one spelling for quotes, apostrophes, spaces and line breaks, character for character."""
    return text.translate(_SAME_LENGTH)


def clause_before(text: str, start: int, limit: int = CLAUSE_BEFORE_LIMIT) -> str:
    """The words just before `start`, back to the start of their clause (punctuation), at most `limit` characters."""
    window = text[max(0, start - limit) : start]
    cuts = [found.end() for found in _CLAUSE_START.finditer(window)]
    return window[cuts[-1] :] if cuts else window


def clause_after(text: str, end: int, limit: int = CLAUSE_AFTER_LIMIT) -> str:
    """The words just after `end`, up to the end of their clause or sentence, at most `limit` characters."""
    window = text[end : end + limit]
    stop = _CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window


def sentence_before(text: str, start: int, limit: int = SENTENCE_BEFORE_LIMIT) -> str:
    """The words of the sentence before `start`, at most `limit` characters back."""
    window = text[max(0, start - limit) : start]
    cuts = [found.end() for found in _SENTENCE_START.finditer(window)]
    return window[cuts[-1] :] if cuts else window


def crosses_break(text: str, start: int, end: int) -> bool:
    """True when text[start:end] runs over the end of a sentence, a blank line or into a new list item.

    A single line break inside a sentence (hard-wrapped or pasted text) is not a break.
    """
    return _BREAK.search(text, start, end) is not None


def is_negated(text: str, start: int) -> bool:
    """True when the few words before `start`, in the same clause, deny or reject what follows.

    "This was not a volatile relationship", "it was never a one-off", "rather than 'the couple argued'". A
    conjunction ends the look-back, so "He did not stop and she was hit" is not read as a denial of "she was hit".
    """
    before = clause_before(text, start)
    if _REJECTION.search(before):
        return True
    words = [word.lower() for word in _WORD.findall(before)]
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _CONJUNCTIONS:
            words = words[index + 1 :]
            break
    words = words[-NEGATION_WORDS:]
    if any(word in _NEGATIONS or word.endswith("n't") for word in words):
        return True
    return any(pair in _NEGATION_PAIRS for pair in itertools.pairwise(words))


def is_attributed(text: str, start: int) -> bool:
    """True when the sentence so far says these are someone's own words ("He said…", "according to him")."""
    return _ATTRIBUTION.search(sentence_before(text, start)) is not None


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges of `text` inside quotation marks, found in one pass over the normalised text.

    Double quotes pair up in order. A single quote opens only at the start of a word and closes only where it is
    not an apostrophe (not followed by a letter), so "don't" and "Darren's" never open a quotation. A quotation
    that is not closed within QUOTE_LIMIT characters or before a blank line is treated as a stray mark.
    """
    ranges: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    length = len(text)
    for index, char in enumerate(text):
        if char not in "\"'":
            if char == "\n" and index + 1 < length and text[index + 1] == "\n":
                open_at.clear()
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < length else " "
        started = open_at.get(char)
        if started is not None and index - started > QUOTE_LIMIT:
            del open_at[char]
            started = None
        if char == '"':
            if started is None:
                open_at[char] = index
            else:
                ranges.append((started, index + 1))
                del open_at[char]
        elif started is None:
            if not before.isalnum() and not after.isspace():
                open_at[char] = index
        elif not after.isalnum() and not before.isspace():
            ranges.append((started, index + 1))
            del open_at[char]
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for begin, end in ranges:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    return merged


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the sorted, disjoint `ranges` from `quoted_ranges`."""
    position = bisect.bisect_right(ranges, (start, 1 << 62)) - 1
    return position >= 0 and ranges[position][0] <= start and end <= ranges[position][1]
