"""What the checker flags, in each category, and what it must leave alone (LABELLING.md's "never flagged" list)."""

from __future__ import annotations

import pytest

from childsafe.language import CATEGORIES, Flag, category_label, check


def flagged(text: str) -> list[tuple[str, str]]:
    return [(text[flag.start : flag.end], flag.category) for flag in check(text)]


def categories(text: str) -> set[str]:
    return {flag.category for flag in check(text)}


@pytest.mark.parametrize(
    ("text", "category", "phrase"),
    [
        ("They have a volatile relationship.", "mutualising", "They have a volatile relationship"),
        ("The couple argued about money.", "mutualising", "The couple argued"),
        ("Police were called to a domestic at the address.", "mutualising", "a domestic"),
        ("Following a domestic incident, police shared a notification.", "mutualising", "domestic incident"),
        ("There is domestic violence between the parents.", "mutualising", "domestic violence between the parents"),
        ("Mutual abuse was reported by both parents.", "mutualising", "Mutual abuse"),
        ("Parental conflict is affecting the children.", "mutualising", "Parental conflict"),
        ("He lost his temper and hit her.", "minimising", "lost his temper and hit"),
        ("He just snapped.", "minimising", "just snapped"),
        ("He gave her a bit of a slap.", "minimising", "a bit of a slap"),
        ("It was a one-off.", "minimising", "a one-off"),
        ("He hit her because he was stressed at work.", "minimising", "because he was stressed"),
        ("He has anger issues.", "minimising", "anger issues"),
        ("Leo is too young to remember it.", "minimising", "too young to remember"),
        ("She provoked him by going out with her friends.", "victim_blaming", "She provoked"),
        ("She keeps going back to him.", "victim_blaming", "keeps going back to him"),
        ("Why doesn't she leave?", "victim_blaming", "Why doesn't she leave"),
        ("She failed to protect the children.", "victim_blaming", "She failed to protect"),
        ("She is hysterical and unreliable.", "victim_blaming", "She is hysterical and unreliable"),
        ("Mother to prevent further incidents.", "responsibility_shifting", "Mother to prevent further incidents"),
        ("Mum needs to stop him coming round.", "responsibility_shifting", "Mum needs to stop him coming"),
        ("Mother to end the relationship with father.", "responsibility_shifting", "Mother to end the relationship"),
        ("Concerns: failure to protect.", "responsibility_shifting", "failure to protect"),
        ("Mum to report any breach of the order.", "responsibility_shifting", "Mum to report any breach"),
        ("She was pushed.", "passive_hides_actor", "She was pushed"),
        ("Mia was repeatedly hit with a belt.", "passive_hides_actor", "Mia was repeatedly hit"),
        ("Injuries were sustained.", "passive_hides_actor", "Injuries were sustained"),
        ("There was an assault at the property.", "passive_hides_actor", "There was an assault"),
        ("Violence occurred on Tuesday.", "passive_hides_actor", "Violence occurred"),
    ],
)
def test_flags_the_phrase_in_its_category(text: str, category: str, phrase: str):
    assert (phrase, category) in flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        # Sentences that name the person and what they did.
        "Darren hit Rachel.",
        "He chose to use violent behaviours.",
        "Darren chose to use violent behaviours towards Rachel in front of Mia and Leo.",
        "Darren pushed Rachel into the wall, grabbed her by the neck and took her phone.",
        # Passives that say who acted.
        "She was pushed by Darren.",
        "Rachel was assaulted by Darren on Friday night.",
        "Her phone was smashed by Darren.",
        # Actions for the parent using abuse.
        "Mr Cole to attend a behaviour-change programme.",
        "Abusive parent to engage with a domestic abuse behaviour change programme to address their abusive behaviour.",
        "Darren to stop using abusive behaviours.",
        "Father to stop using violence and to keep away from the children's school.",
        "Mr Cole to ensure he does not contact Rachel directly.",
        # Support for the non-abusing parent and the children.
        "Rachel and the children to have access to specialist domestic abuse support.",
        "Rachel has been offered the Freedom Programme if she would like it.",
        # Phrases the sentence itself rejects.
        "This was not a volatile relationship but a pattern of coercive control by Darren.",
        "It was not a one-off: Darren has hit Rachel on at least four occasions.",
        "Instead of “volatile relationship”, write who chose which behaviour.",
        "Avoid phrases such as 'domestic incident' in case records.",
        "It is wrong to call this a one-off.",
        # The parent using abuse's own account, quoted or attributed.
        "He said it was just a push.",
        "He told the officer she provoked him.",
        'Darren describes it as "a bit of a push".',
        "Darren said he lost his temper.",
        # Other senses of the words.
        "The school has a strong argument for more support for Mia.",
        "Mia was late three times in a row.",
        "Rachel is fighting to keep her tenancy.",
        "The core group was pushed back a week.",
        "Rachel was referred by the health visitor.",
        "Leo's conflict with his teacher has eased.",
        "The family is taking part in the Reducing Parental Conflict programme.",
        "The domestic abuse service has offered Rachel an advocate.",
        "Children are victims of domestic abuse in their own right.",
    ],
)
def test_never_flags_accountable_or_other_senses(text: str):
    assert check(text) == []


def test_a_flag_carries_its_reason_and_an_accountable_rewrite():
    [flag] = check("They have a volatile relationship.")
    assert isinstance(flag, Flag)
    assert flag.category == "mutualising"
    assert "names no one" in flag.why
    assert flag.suggestion == "[name] chose to use violent and controlling behaviours"


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("She was pushed.", "[name] pushed her"),
        ("Later she was pushed.", "[name] pushed her"),
        ("Mia was repeatedly hit with a belt.", "[name] repeatedly hit Mia"),
        ("Mia has been hit with a belt.", "[name] has hit Mia"),
        ("Leo was kicked and punched.", "[name] kicked and punched Leo"),
        ("She was beaten up.", "[name] beat her up"),
        ("The children were locked in their bedroom.", "[name] locked the children in"),
        ("He lost his temper and hit her.", "chose to hit"),
        ("He lost his temper and threw a plate.", "chose to throw"),
        ("Her phone was smashed.", "[name] smashed her phone"),
        ("Mother to prevent further incidents.", "[name] to stop using abusive behaviours"),
    ],
)
def test_rewrite_uses_the_people_the_text_names(text: str, rewrite: str):
    suggestions = [flag.suggestion for flag in check(text)]
    assert rewrite in suggestions


def test_rewrite_applied_to_the_span_reads_accountably_and_is_not_flagged_again():
    text = "Police attended. She was pushed into the wall."
    [flag] = check(text)
    fixed = text[: flag.start] + flag.suggestion + text[flag.end :]
    assert fixed == "Police attended. [name] pushed her into the wall."
    assert check(fixed) == []


def test_someone_s_account_needs_a_speech_verb_not_just_a_quarrel():
    # "argued" about money is the mutualising word, not an attribution that would hide the later passive.
    text = "The couple argued about money and Rachel was pushed into the wall."
    assert [(text[f.start : f.end], f.category) for f in check(text)] == [
        ("The couple argued", "mutualising"),
        ("Rachel was pushed", "passive_hides_actor"),
    ]
    assert check("He argued that she provoked him.") == []


def test_a_judgement_with_no_honest_rewrite_has_no_suggestion():
    [flag] = check("She is hysterical and unreliable.")
    assert flag.suggestion is None
    assert flag.why


def test_every_category_has_a_name_in_words():
    assert set(CATEGORIES) == {
        "victim_blaming",
        "mutualising",
        "minimising",
        "responsibility_shifting",
        "passive_hides_actor",
    }
    assert category_label("passive_hides_actor") == "Hides who did it"


def test_case_does_not_matter():
    assert categories("THEY HAVE A VOLATILE RELATIONSHIP") == {"mutualising"}
    assert categories("she WAS pushed") == {"passive_hides_actor"}


def test_curly_apostrophes_and_quotes_are_the_same_as_straight_ones():
    assert flagged("Why doesn’t she just leave him?") == [("Why doesn’t she just leave him", "victim_blaming")]
    assert check("Darren describes it as “a bit of a push”.") == []


def test_a_phrase_broken_over_a_line_is_found_with_offsets_into_the_original():
    text = "Notes:\nThey have a volatile\nrelationship."
    [flag] = check(text)
    assert text[flag.start : flag.end] == "They have a volatile\nrelationship"


def test_a_flag_never_runs_over_a_sentence_or_a_list_item():
    text = "Actions:\n- Mother to\n- Darren to stop using abusive behaviours."
    assert check(text) == []
    assert check("Mum and Dad. Argue with the school about transport.") == []


def test_offsets_are_python_string_indices_with_emoji_and_other_scripts():
    text = "😢😢 Mae hi'n ofnus. Пример. She was pushed 👊 again."
    [flag] = check(text)
    assert text[flag.start : flag.end] == "She was pushed"


def test_overlapping_matches_keep_the_most_specific_once():
    # "mother to prevent further incidents" (responsibility) overlaps "incidents of violence" (hides the actor).
    text = "Non-abusive parent to prevent further incidents of violence."
    flags = check(text)
    assert [flag.category for flag in flags] == ["responsibility_shifting"]


def test_several_flags_in_one_text_are_sorted_and_separate():
    text = "They got into a fight and she ended up with a black eye. He lost control."
    flags = check(text)
    assert [(text[f.start : f.end], f.category) for f in flags] == [
        ("They got into a fight", "mutualising"),
        ("ended up with a black eye", "passive_hides_actor"),
        ("lost control", "minimising"),
    ]


def test_empty_and_blank_texts_have_no_flags():
    assert check("") == []
    assert check("  \n\t ") == []


def test_check_refuses_what_is_not_text():
    with pytest.raises(TypeError):
        check(b"They have a volatile relationship")  # type: ignore[arg-type]
