"""The pattern file is data, checked when it is loaded: a malformed entry is refused, naming the file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from childsafe.language import _CHECKER, PATTERN_FILE, PatternFileError
from childsafe.language.patterns import load_patterns, raw_matches

GOOD_ENTRY = """
[[pattern]]
id = "volatile-relationship"
category = "mutualising"
regex = '''\\bvolatile\\s+relationship\\b'''
why = "Calling the relationship volatile names no one; say who did what."
examples = ["They have a volatile relationship."]
"""


def write(tmp_path: Path, body: str, head: str = "version = 1\n") -> Path:
    path = tmp_path / "patterns.toml"
    path.write_text(head + body, encoding="utf-8")
    return path


def refusal(tmp_path: Path, body: str, head: str = "version = 1\n") -> str:
    path = write(tmp_path, body, head)
    with pytest.raises(PatternFileError) as caught:
        load_patterns(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_the_shipped_file_loads_and_every_entry_flags_its_examples():
    patterns = _CHECKER.patterns
    assert len(patterns) > 50
    assert len({pattern.id for pattern in patterns}) == len(patterns)
    for pattern in patterns:
        assert pattern.examples
        for example in pattern.examples:
            assert raw_matches(pattern, example), (pattern.id, example)
    assert load_patterns(PATTERN_FILE).patterns[0].id == patterns[0].id


def test_a_good_file_loads(tmp_path):
    [pattern] = load_patterns(write(tmp_path, GOOD_ENTRY)).patterns
    assert pattern.id == "volatile-relationship"


def test_an_entry_with_an_unknown_category_is_named_by_number_id_and_line(tmp_path):
    message = refusal(
        tmp_path,
        GOOD_ENTRY
        + GOOD_ENTRY.replace("volatile-relationship", "second", 1).replace(
            'category = "mutualising"', 'category = "rude"'
        ),
    )
    assert "pattern #2 (second), line 10" in message
    assert "category must be one of" in message


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("why = ", "wy = "), "unknown key(s) wy"),
        (('why = "Calling the relationship volatile names no one; say who did what."', ""), "exactly one of 'why'"),
        (("\\bvolatile\\s+relationship\\b", "(unclosed"), "regex is not a valid regular expression"),
        (("They have a volatile relationship.", "Nothing to see."), "is not flagged by this entry"),
        (('id = "volatile-relationship"', 'id = "Volatile Relationship"'), "id must be lower-case words"),
        (
            ('why = "Calling the relationship volatile names no one; say who did what."', 'why = "Too short."'),
            "why must be plain text",
        ),
    ],
)
def test_a_malformed_entry_is_refused_with_a_plain_reason(tmp_path, change, problem):
    old, new = change
    assert old in GOOD_ENTRY
    message = refusal(tmp_path, GOOD_ENTRY.replace(old, new, 1))
    assert "pattern #1" in message
    assert problem in message


def test_a_not_example_that_is_flagged_is_refused(tmp_path):
    body = GOOD_ENTRY + 'not_examples = ["A volatile relationship again."]\n'
    assert "not_example 'A volatile relationship again.' is flagged" in refusal(tmp_path, body)


def test_a_suggestion_must_use_groups_the_regex_captures(tmp_path):
    body = GOOD_ENTRY + 'suggestion = "{who} chose to use violent behaviours"\n'
    assert "suggestion uses {who}, which the regex does not capture" in refusal(tmp_path, body)


def test_a_fragment_must_exist_and_be_defined_before_it_is_used(tmp_path):
    body = GOOD_ENTRY.replace("\\bvolatile", "\\b{{adjective}}")
    assert "unknown fragment {{adjective}}" in refusal(tmp_path, body)
    head = "version = 1\n[fragments]\nfirst = '''{{second}}'''\nsecond = '''x'''\n"
    assert "fragment 'first'" in refusal(tmp_path, GOOD_ENTRY, head)


def test_duplicate_ids_and_a_wrong_version_are_refused(tmp_path):
    assert "id is used twice" in refusal(tmp_path, GOOD_ENTRY + GOOD_ENTRY)
    assert "version must be 1" in refusal(tmp_path, GOOD_ENTRY, head="version = 2\n")


def test_a_file_that_is_not_toml_or_not_there_is_refused_with_its_name(tmp_path):
    assert "is not valid TOML" in refusal(tmp_path, "[[pattern]\nid = ")
    missing = tmp_path / "missing.toml"
    with pytest.raises(PatternFileError, match=r"missing\.toml: cannot be read"):
        load_patterns(missing)


def test_a_reason_is_shared_by_key_and_must_exist(tmp_path):
    head = 'version = 1\n[reasons]\nmutual = "Calling the relationship volatile names no one; say who did what."\n'
    shared = GOOD_ENTRY.replace(
        'why = "Calling the relationship volatile names no one; say who did what."', 'reason = "mutual"'
    )
    [pattern] = load_patterns(write(tmp_path, shared, head)).patterns
    assert pattern.why.startswith("Calling the relationship volatile")
    assert "reason 'other' is not in [reasons]" in refusal(tmp_path, shared.replace('"mutual"', '"other"'), head)
