"""The accountable-language checker: finds words in case records and plans that blame the victim-survivor, make
abuse sound mutual, minimise it, give the non-abusing parent the job of stopping it, or hide who did it — and says
why each matters and how to say it accountably.

Pure Python with no Django (the web app wraps it in `childsafe/web/language.py`), so any part of childsafe, a
script or the command line (`python -m childsafe.language --jsonl`) can use it::

    from childsafe.language import check
    for flag in check("They have a volatile relationship."):
        flag.start, flag.end, flag.category, flag.why, flag.suggestion

`check(text)` returns `Flag`s sorted by position and never overlapping; `start`/`end` are Python str offsets into
`text` exactly as given (curly quotes, line breaks, any script and emoji are fine). The categories and what each
covers are defined in `evaluation/LABELLING.md`; `CATEGORIES` maps each to its name in words.

The words to look for, why each matters and its rewrite are data, in `patterns.toml` beside this file. It is read,
validated (a bad entry is refused with the file and entry named) and compiled once, when this package is imported.

Suggestions — the accountable rewrite of exactly the flagged span, so a user can accept it in one click:
- When the flagged words themselves name the person, the rewrite keeps them and moves them to where they belong:
  "She was pushed" → "[name] pushed her", "Mia was repeatedly hit" → "[name] repeatedly hit Mia", "He lost his
  temper and hit her" → "He chose to hit her", "Her phone was smashed" → "[name] smashed her phone".
- Otherwise the rewrite is a template with placeholders in square brackets for what the record must supply:
  `[name]` for the person who chose the behaviour and `[victim-survivor]` for the person harmed, as in
  "They have a volatile relationship" → "[name] chose to use violent and controlling behaviours". A placeholder is
  left for the practitioner to fill in rather than a guess: the checker cannot know from the words alone who chose
  the behaviour, and naming the wrong person in a child's record would be worse than naming no one.
- None when no rewrite of the span alone can be made honestly (a judgement such as "she is hysterical" needs the
  facts behind it, not other words): the flag then explains what to write instead.
"""

from __future__ import annotations

from pathlib import Path

from childsafe.language.checker import Checker, Flag
from childsafe.language.patterns import CATEGORIES, PatternFileError, load_patterns

__all__ = ["CATEGORIES", "PATTERN_FILE", "Flag", "PatternFileError", "category_label", "check"]

PATTERN_FILE = Path(__file__).with_name("patterns.toml")

_CHECKER = Checker(load_patterns(PATTERN_FILE))


def check(text: str) -> list[Flag]:
    """Flag victim-blaming, mutualising, minimising, responsibility-shifting and actor-hiding words in `text`.

    Flags are sorted by position and never overlap. Offsets are Python str indices into `text` as given.
    """
    return _CHECKER.check(text)


def category_label(category: str) -> str:
    """The category in words, for people: "Makes the abuse sound mutual"."""
    return CATEGORIES[category]
