"""Properties that hold for any text at all: no exception, spans inside the text, sorted and separate, and an
accountable sentence added after a text never gains a flag."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from childsafe.language import _CHECKER, CATEGORIES, check
from childsafe.language.checker import Checker
from childsafe.language.patterns import PatternSet

ROOT = Path(__file__).resolve().parents[3]
TUNING = ROOT / "childsafe" / "language" / "evaluation" / "tuning.jsonl"
ACCOUNTABLE = [
    "Darren chose to push Rachel into the wall.",
    "He chose to use violent behaviours.",
    "Mr Cole to attend every session of the programme.",
    "Rachel was supported by the refuge to register with a GP.",
    "Mia said she hides under her bed when her dad shouts.",
]
# Words the patterns look for, so generated texts often come close to a match (and sometimes make one).
WORDS = [
    "she",
    "was",
    "pushed",
    "by",
    "the",
    "couple",
    "argued",
    "volatile",
    "relationship",
    "mother",
    "to",
    "prevent",
    "not",
    "a",
    "domestic",
    "incident",
    "he",
    "lost",
    "his",
    "temper",
    "and",
    "why",
    "doesn't",
    "leave",
    "Mia",
    "Darren",
    "Rachel",
    "said",
    "\u201c",
    "\u201d",
    "'",
    ".",
    ",",
    "\n",
    "\n\n",
    "- ",
    "only",
    "once",
    "failure",
    "protect",
    "there",
    "violence",
    "occurred",
    "😢",
    "Пример",
    "e\u0301",
    "\u202e",
    "\x00",
    "İ",
    "ß",
    "\u2028",
]
texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_flags_are_inside_the_text_sorted_separate_and_well_formed(text: str):
    flags = check(text)
    previous_end = 0
    for flag in flags:
        assert 0 <= flag.start < flag.end <= len(text)
        assert flag.start >= previous_end
        previous_end = flag.end
        assert flag.category in CATEGORIES
        assert flag.why
        assert flag.suggestion is None or (isinstance(flag.suggestion, str) and flag.suggestion.strip())
    # Every flag can be sent as JSON, whatever the text held.
    json.dumps([flag.as_dict() for flag in flags], ensure_ascii=False)


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(ACCOUNTABLE))
def test_an_accountable_sentence_added_after_any_text_gains_no_flag(text: str, sentence: str):
    combined = f"{text}\n\n{sentence}"
    begins = len(text) + 2
    assert [flag for flag in check(combined) if flag.end > begins] == []


@settings(max_examples=150, deadline=None)
@given(texts)
def test_skipping_entries_by_their_required_words_never_changes_the_result(text: str):
    ungated = _ungated_checker()
    assert check(text) == ungated.check(text)


def test_skipping_entries_never_changes_the_result_on_the_tuning_texts():
    ungated = _ungated_checker()
    with TUNING.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            assert check(text) == ungated.check(text), text


def _ungated_checker() -> Checker:
    """The same entries with no required strings, so every regex runs on every text."""
    current = _CHECKER.pattern_set
    patterns = tuple(replace(pattern, needs=()) for pattern in current.patterns)
    return Checker(PatternSet(current.version, patterns, current.maps))


def test_a_very_long_text_is_checked_in_a_bounded_time():
    """100,000 characters built to tempt backtracking (long words, repeated near-matches, no full stops) must finish
    in a second process well inside a generous limit; catastrophic backtracking would take minutes."""
    script = (
        "from childsafe.language import check\n"
        "texts = [\n"
        "    'she was ' + 'a' * 100_000,\n"
        "    ('Mother to ' * 12_500)[:100_000],\n"
        "    ('the couple ' * 10_000)[:100_000],\n"
        "    ('They have a volatile relationship, ' * 3_000)[:100_000],\n"
        "    ('Rachel Rachel ' * 8_000)[:100_000],\n"
        "    (\"'\" * 50_000 + '\"' * 50_000),\n"
        "]\n"
        "for text in texts:\n"
        "    check(text)\n"
        "print('done')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done"
