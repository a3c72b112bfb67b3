"""The accountability rules on plain data: each rule found when it should be, and never on a plain accountable
action; the explanations say why and suggest a fix; drafts and activation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from childsafe.language import PATTERN_FILE
from childsafe.language.patterns import load_patterns
from childsafe.plans import accountability as rules
from childsafe.plans.accountability import ActionFacts, AgencyFacts, PersonFacts, PlanFacts

DARREN = PersonFacts("p-darren", "Darren", "parent_using_abuse")
RACHEL = PersonFacts("p-rachel", "Rachel", "non_abusing_parent")
MIA = PersonFacts("p-mia", "Mia", "child")
LEO = PersonFacts("p-leo", "Leo", "child")
GRAN = PersonFacts("p-gran", "Joan", "other_adult")
DAS = AgencyFacts("7", "Northbrook Domestic Abuse Service", "domestic_abuse_service")
CSC = AgencyFacts("8", "Northbrook Children's Services", "childrens_social_care")
WEEKLY = "Weekly"


def action(what: str, **fields) -> ActionFacts:
    values = {
        "id": "a1",
        "label": "Action 1",
        "what": what,
        "owner_person": DARREN,
        "frequency": WEEKLY,
        "measure": "The programme's attendance reports",
        "for_whom": "parent_using_abuse",
    }
    values.update(fields)
    return ActionFacts(**values)


def support_for(child: PersonFacts, number: int) -> ActionFacts:
    return ActionFacts(
        id=f"s{number}",
        label=f"Action {number}",
        what=f"Children's worker to hold one-to-one sessions with {child.name} every week",
        owner_agency=DAS,
        owner_worker="children's worker",
        frequency=WEEKLY,
        measure="Session notes",
        for_whom="child",
        for_child_id=child.id,
    )


SUPPORT_FOR_RACHEL = ActionFacts(
    id="s0",
    label="Action 2",
    what="Northbrook Domestic Abuse Service to meet Rachel every fortnight to review her safety plan",
    owner_agency=DAS,
    owner_worker="outreach worker",
    frequency="Fortnightly",
    measure="Session records",
    for_whom="non_abusing_parent",
)
DARREN_PROGRAMME = action("Darren to attend every weekly session of the behaviour-change programme")


def plan(*actions: ActionFacts, outcomes: tuple[str, ...] = ("p-mia", "p-leo"), **fields) -> PlanFacts:
    values = {
        "kind": "child_protection",
        "people": (DARREN, RACHEL, MIA, LEO),
        "covered_child_ids": ("p-mia", "p-leo"),
        "actions": actions,
        "agencies": (CSC, DAS),
        "outcome_child_ids": outcomes,
        "start_date": dt.date(2026, 10, 1),
    }
    values.update(fields)
    return PlanFacts(**values)


def good_plan(*extra: ActionFacts) -> PlanFacts:
    return plan(DARREN_PROGRAMME, SUPPORT_FOR_RACHEL, support_for(MIA, 3), support_for(LEO, 4), *extra)


def rules_found(facts: PlanFacts) -> list[str]:
    return [finding.rule for finding in rules.check_plan(facts)]


def test_the_phrase_data_is_valid_and_loaded():
    phrases = rules.phrases()
    assert phrases.stopping_the_abuse and phrases.vague and phrases.unnamed_owner
    assert "attend" in phrases.concrete_verbs and "attending" in phrases.concrete_verbs
    assert "kept" in phrases.concrete_verbs and "stopping" in phrases.concrete_verbs


# A plan that does what seed 004 asks raises nothing at all.


def test_an_accountable_plan_has_no_findings():
    assert rules.check_plan(good_plan()) == []


@pytest.mark.parametrize(
    "what",
    [
        "Darren to attend every weekly session of the behaviour-change programme",
        "Darren to complete an accredited domestic abuse behaviour-change programme",
        "Darren to engage with a domestic abuse behaviour change programme to address his abusive behaviour",
        "Darren to pay child maintenance through the Child Maintenance Service",
        "Darren to stop contacting Rachel except through her solicitor",
        "Darren to keep to the contact arrangements set by the family court",
    ],
)
def test_plain_accountable_actions_of_the_parent_using_abuse_are_never_warned(what):
    assert rules.check_action(action(what), good_plan()) == []


@pytest.mark.parametrize(
    "what",
    [
        "Northbrook Domestic Abuse Service to meet Rachel every fortnight to review her safety plan",
        "Rachel to attend the Freedom Programme every Tuesday",
        "Police to keep Darren away from the house under his bail conditions",
        "Children's worker to help Mia make a safety plan she understands",
    ],
)
def test_plain_support_actions_are_never_warned(what):
    support = action(
        what, owner_person=None, owner_agency=DAS, owner_worker="outreach worker", for_whom="non_abusing_parent"
    )
    assert rules.check_action(support, good_plan()) == []


# Rule 1: actions to stop the abuse belong to the parent using abuse, never to the non-abusing parent or a child.

STOPPING_THE_ABUSE = [
    "Rachel to prevent further incidents of violence",
    "Rachel to keep him away from the children",
    "Rachel to keep Darren away from the house",
    "Rachel to not allow contact between Darren and the children",
    "Rachel not to allow him into the house",
    "Rachel to ensure the children are not exposed to domestic abuse",
    "Rachel to protect the children from further harm",
    "Rachel to stop him coming to the house",
    "Rachel to make sure there is no contact with the father",
    "Rachel to supervise all contact",
    "Rachel to end the relationship with Darren",
    # Common wordings that say the same (seed 004): keeping the children safe, or keeping him calm, is her job.
    "Rachel to protect the children",
    "Mother to protect the children at all times",
    "Rachel to safeguard Mia and Leo from further harm",
    "Rachel to safeguard the children",
    "Rachel to avoid arguments in front of the children",
    "Rachel to avoid conflict with Darren",
    "Rachel not to provoke Darren",
    "Rachel to make sure she does not provoke him",
    "Rachel to reduce conflict in the home",
    "Rachel not to upset him when he has been drinking",
]


@pytest.mark.parametrize("what", STOPPING_THE_ABUSE)
def test_asking_the_non_abusing_parent_to_stop_the_abuse_is_found_and_blocks(what):
    wrong = action(what, owner_person=RACHEL, for_whom="non_abusing_parent")
    findings = rules.check_action(wrong, good_plan())
    found = [finding for finding in findings if finding.rule == "victim_held_responsible"]
    assert len(found) == 1
    finding = found[0]
    assert finding.blocking
    assert finding.action_id == "a1"
    assert "Rachel" in finding.title
    # Explained: whose responsibility it is, and why it harms her.
    assert "Darren" in finding.reason and "responsibility" in finding.reason
    assert "victim-survivor" in finding.reason
    # A fix for each: give it to Darren with new wording, or turn it into support for her from the DA service.
    kinds = {fix.kind: fix for fix in finding.fixes}
    assert kinds["reassign"].owner == "person:p-darren"
    assert kinds["reassign"].wording.startswith("Darren to stop using abusive behaviours")
    assert kinds["reassign"].for_whom == "parent_using_abuse"
    assert kinds["support"].owner == "agency:7"
    assert "support Rachel" in kinds["support"].wording
    assert kinds["support"].for_whom == "non_abusing_parent"


@pytest.mark.parametrize("what", STOPPING_THE_ABUSE)
def test_the_same_words_on_the_parent_using_abuse_are_not_this_finding(what):
    right = action(what.replace("Rachel", "Darren"), owner_person=DARREN)
    assert "victim_held_responsible" not in [f.rule for f in rules.check_action(right, good_plan())]


def test_asking_a_child_to_stop_the_abuse_is_found_with_a_reason_about_children():
    wrong = action("Mia to keep her dad away from Leo", owner_person=MIA, for_whom="child", for_child_id="p-mia")
    finding = next(f for f in rules.check_action(wrong, good_plan()) if f.rule == "victim_held_responsible")
    assert finding.blocking
    assert "victims of domestic abuse in their own right" in finding.reason
    support = next(fix for fix in finding.fixes if fix.kind == "support")
    assert support.for_whom == "child" and support.for_child_id == "p-mia"


def test_an_action_with_no_owner_that_names_the_mother_still_asks_her_to_stop_the_abuse():
    wrong = action("Mother to prevent further incidents", owner_person=None, for_whom="non_abusing_parent")
    found = rules_found(good_plan(wrong))
    assert "victim_held_responsible" in found and "no_owner" in found


def test_an_agency_owning_a_protective_action_is_not_holding_a_victim_responsible():
    police = action("Police to keep Darren away from the house", owner_person=None, owner_agency=CSC)
    assert "victim_held_responsible" not in rules_found(good_plan(police))


def test_a_wrongly_placed_action_is_not_also_picked_at_for_its_wording():
    wrong = action("Rachel to prevent further incidents", owner_person=RACHEL, for_whom="non_abusing_parent")
    assert [f.rule for f in rules.check_action(wrong, good_plan())] == ["victim_held_responsible"]


def test_without_a_support_agency_the_fix_is_still_to_give_it_to_the_parent_using_abuse():
    wrong = action("Rachel to prevent further incidents", owner_person=RACHEL, for_whom="non_abusing_parent")
    facts = plan(DARREN_PROGRAMME, wrong, agencies=(CSC,))
    finding = next(f for f in rules.check_plan(facts) if f.rule == "victim_held_responsible")
    assert [fix.kind for fix in finding.fixes] == ["reassign"]


# Rule 2: support for the non-abusing parent and for each child.


def test_a_plan_without_support_for_the_non_abusing_parent_says_so():
    facts = plan(DARREN_PROGRAMME, support_for(MIA, 3), support_for(LEO, 4))
    finding = next(f for f in rules.check_plan(facts) if f.rule == "no_support_for_non_abusing_parent")
    assert not finding.blocking
    assert "Rachel" in finding.title
    assert "Northbrook Domestic Abuse Service" in finding.suggestion


def test_the_parent_using_abuse_s_own_action_for_her_is_not_support():
    his = action("Darren to pay for Rachel's new locks", for_whom="non_abusing_parent")
    facts = plan(DARREN_PROGRAMME, his, support_for(MIA, 3), support_for(LEO, 4))
    assert "no_support_for_non_abusing_parent" in rules_found(facts)


def test_each_child_without_support_is_named():
    facts = plan(DARREN_PROGRAMME, SUPPORT_FOR_RACHEL, support_for(MIA, 3))
    titles = [f.title for f in rules.check_plan(facts) if f.rule == "no_support_for_child"]
    assert titles == ["The plan has no support for Leo"]


def test_a_whole_family_action_is_not_a_child_s_own_support():
    family = action(
        "Social worker to visit the family every four weeks",
        owner_person=None,
        owner_agency=CSC,
        for_whom="whole_family",
    )
    facts = plan(DARREN_PROGRAMME, SUPPORT_FOR_RACHEL, family)
    assert sorted(f.title for f in rules.check_plan(facts) if f.rule == "no_support_for_child") == [
        "The plan has no support for Leo",
        "The plan has no support for Mia",
    ]


def test_a_household_without_a_non_abusing_parent_is_not_asked_for_her_support():
    facts = plan(DARREN_PROGRAMME, support_for(MIA, 3), support_for(LEO, 4), people=(DARREN, MIA, LEO))
    assert "no_support_for_non_abusing_parent" not in rules_found(facts)


# Rule 3: specific and measurable.


def test_no_owner_blocks_and_keeps_the_action_a_draft():
    draft = action("Attend every weekly session of the programme", owner_person=None)
    finding = next(f for f in rules.check_action(draft, good_plan()) if f.rule == "no_owner")
    assert finding.blocking and "draft" in finding.reason
    assert rules.is_draft(draft)
    assert rules.draft_reasons(draft) == [
        "This action has no one responsible for it: it is saved as a draft until you choose who"
    ]


def test_no_date_or_frequency_blocks_and_keeps_the_action_a_draft():
    draft = action("Darren to attend the programme", frequency="")
    assert "no_when" in [f.rule for f in rules.check_action(draft, good_plan()) if f.blocking]
    assert rules.is_draft(draft)
    assert "no date or frequency" in rules.draft_reasons(draft)[0]


def test_a_date_is_as_good_as_a_frequency():
    dated = action("Darren to complete the programme", frequency="", due_on=dt.date(2027, 6, 30))
    assert not rules.is_draft(dated)
    assert rules.check_action(dated, good_plan()) == []


@pytest.mark.parametrize(
    ("what", "phrase"),
    [
        ("Darren to be aware of the impact of his behaviour", "be aware"),
        ("Darren to consider attending a programme", "to consider"),
        ("Consider a referral to the programme", "consider"),
        ("Darren to continue to engage with services", "continue to"),
        ("Darren to try to attend appointments", "try to"),
        ("Darren to attend appointments as appropriate", "as appropriate"),
    ],
)
def test_vague_actions_are_warned_with_the_vague_words_quoted(what, phrase):
    finding = next(f for f in rules.check_action(action(what), good_plan()) if f.rule == "vague")
    assert not finding.blocking
    assert phrase in finding.reason.lower()


def test_an_action_without_a_verb_that_can_be_checked_is_warned():
    finding = next(f for f in rules.check_action(action("Darren: behaviour"), good_plan()) if f.rule == "no_verb")
    assert not finding.blocking


def test_an_action_without_a_measure_is_warned():
    finding = next(
        f
        for f in rules.check_action(action("Darren to attend the programme", measure="  "), good_plan())
        if f.rule == "no_measure"
    )
    assert not finding.blocking


# Rule 4: multi-agency actions name the agency.


@pytest.mark.parametrize(
    ("what", "worker"),
    [
        ("Professionals to share information about any concerns", ""),
        ("All agencies to share information about any concerns", ""),
        ("Share information about any concerns", "professionals"),
        ("Share information about any concerns", "all"),
        ("The core group to meet every month", ""),
    ],
)
def test_actions_owned_by_no_agency_in_particular_are_warned(what, worker):
    shared = action(what, owner_person=None, owner_agency=CSC, owner_worker=worker, for_whom="whole_family")
    assert "agency_not_named" in [f.rule for f in rules.check_action(shared, good_plan())]


def test_a_named_agency_and_worker_is_not_warned():
    named = action(
        "Social worker to share any concerns with the core group within a day",
        owner_person=None,
        owner_agency=CSC,
        owner_worker="social worker",
        for_whom="whole_family",
    )
    assert "agency_not_named" not in [f.rule for f in rules.check_action(named, good_plan())]


# Rule 5: the parent using abuse has an action of their own.


def test_a_plan_with_nothing_for_the_parent_using_abuse_to_do_says_so():
    facts = plan(SUPPORT_FOR_RACHEL, support_for(MIA, 3), support_for(LEO, 4))
    finding = next(f for f in rules.check_plan(facts) if f.rule == "no_change_action")
    assert not finding.blocking
    assert "Darren" in finding.title
    assert "behaviour-change programme" in finding.suggestion
    assert "If it is not safe or possible" in finding.suggestion


def test_an_agency_delivering_work_to_him_is_not_his_own_action():
    delivered = action("Change Programme to deliver weekly sessions to Darren", owner_person=None, owner_agency=CSC)
    facts = plan(delivered, SUPPORT_FOR_RACHEL, support_for(MIA, 3), support_for(LEO, 4))
    assert "no_change_action" in rules_found(facts)


def test_a_case_without_a_parent_using_abuse_is_not_asked_for_one():
    facts = plan(SUPPORT_FOR_RACHEL, support_for(MIA, 3), support_for(LEO, 4), people=(RACHEL, MIA, LEO))
    assert "no_change_action" not in rules_found(facts)


def test_a_child_without_an_outcome_is_named():
    facts = good_plan()
    facts = plan(*facts.actions, outcomes=("p-mia",))
    assert [f.title for f in rules.check_plan(facts) if f.rule == "no_outcome_for_child"] == [
        "No outcome is written for Leo"
    ]


# Order and activation.


def test_blocking_findings_come_first():
    vague = action("Darren to be aware of his behaviour", id="a2", label="Action 5")
    no_owner = action("Attend the programme", owner_person=None, id="a3", label="Action 6")
    findings = rules.check_plan(good_plan(vague, no_owner))
    severities = [finding.blocking for finding in findings]
    assert severities == sorted(severities, reverse=True)


def test_activation_lists_every_problem():
    wrong = action(
        "Rachel to prevent further incidents",
        owner_person=RACHEL,
        for_whom="non_abusing_parent",
        id="a9",
        label="Action 9",
    )
    draft = action("Attend the programme", owner_person=None, frequency="", id="a8", label="Action 8")
    facts = plan(wrong, draft, start_date=None, covered_child_ids=())
    problems = rules.activation_problems(facts, rules.check_plan(facts))
    texts = [problem.text for problem in problems]
    assert "Enter the date the plan starts" in texts
    assert "Choose the children the plan covers" in texts
    assert "Action 9 asks Rachel to stop the abuse" in texts
    assert "Action 8 has no one responsible for it" in texts
    assert "Action 8 has no date or frequency" in texts
    assert {problem.action_id for problem in problems if problem.action_id} == {"a8", "a9"}


def test_warnings_alone_never_stop_activation():
    vague = action("Darren to be aware of his behaviour", id="a2", label="Action 5", measure="")
    facts = plan(vague)  # no support for anyone, vague, no measure: all warnings
    findings = rules.check_plan(facts)
    assert findings and not any(finding.blocking for finding in findings)
    assert rules.activation_problems(facts, findings) == []


def test_an_empty_plan_cannot_be_made_active():
    facts = plan()
    assert [p.text for p in rules.activation_problems(facts, rules.check_plan(facts))] == ["Add at least one action"]


def test_other_adults_are_not_the_subject_of_the_victim_rule():
    gran = action("Joan to keep the children away from the house", owner_person=GRAN, for_whom="whole_family")
    facts = plan(DARREN_PROGRAMME, gran, people=(DARREN, RACHEL, MIA, LEO, GRAN))
    assert "victim_held_responsible" not in rules_found(facts)


# Whoever is recorded as owning it, an action whose words ask the mother or a child to stop the abuse still does.


@pytest.mark.parametrize(
    "what",
    [
        "Mother to prevent further incidents",
        "Mum must prevent further incidents of violence",
        "Mother (Rachel) to protect the children",
        "Rachel to keep Darren away from the house",
        "Rachel Fernhill to avoid arguments",
    ],
)
def test_an_agency_owning_words_that_ask_the_mother_to_stop_the_abuse_is_still_found(what):
    owned = action(what, owner_person=None, owner_agency=CSC, owner_worker="social worker", for_whom="whole_family")
    finding = next(f for f in rules.check_action(owned, good_plan()) if f.rule == "victim_held_responsible")
    assert finding.blocking and "Rachel" in finding.title
    assert {fix.kind for fix in finding.fixes} == {"reassign", "support"}
    # Not picked at for its wording as well: the fix rewrites it.
    assert "no_verb" not in [f.rule for f in rules.check_action(owned, good_plan())]


def test_an_agency_owning_words_that_ask_a_child_to_stop_the_abuse_is_still_found():
    owned = action("Mia to keep her dad away from Leo", owner_person=None, owner_agency=CSC, owner_worker="sw")
    finding = next(f for f in rules.check_action(owned, good_plan()) if f.rule == "victim_held_responsible")
    assert "Mia" in finding.title and "in their own right" in finding.reason


@pytest.mark.parametrize(
    "what",
    [
        "Rachel's outreach worker to protect the children from further harm",
        "Mia's school to safeguard her from contact at the school gate",
        "Children's worker to help Mia avoid arguments with Leo",
        "Police to keep Darren away from the house under his bail conditions",
    ],
)
def test_an_agency_s_own_protective_work_that_only_mentions_her_is_not_found(what):
    owned = action(what, owner_person=None, owner_agency=DAS, owner_worker="outreach worker")
    assert [f for f in rules.check_action(owned, good_plan()) if f.blocking] == []


# The work of changing his behaviour belongs to him too.

HIS_CHANGE_WORK = [
    "Rachel to ensure Darren attends every session of the behaviour-change programme",
    "Rachel to make sure that he engages with the programme",
    "Rachel to manage Darren's anger",
    "Mother to help him manage his temper",
    "Rachel to monitor his drinking",
    "Rachel to encourage Darren to attend the programme",
    "Rachel to take Darren to his appointments",
    "Rachel to keep the father calm",
]


@pytest.mark.parametrize("what", HIS_CHANGE_WORK)
def test_asking_the_non_abusing_parent_to_do_his_change_work_is_found_and_blocks(what):
    wrong = action(what, owner_person=RACHEL, for_whom="non_abusing_parent")
    findings = rules.check_action(wrong, good_plan())
    assert [f.rule for f in findings] == ["change_work_given_to_victim"]
    finding = findings[0]
    assert finding.blocking and finding.action_id == "a1"
    assert finding.title == "Action 1 gives Rachel work that is Darren’s to do"
    assert "only they can do it" in finding.reason and "victim-survivor" in finding.reason
    kinds = {fix.kind: fix for fix in finding.fixes}
    assert kinds["reassign"].owner == "person:p-darren" and kinds["reassign"].for_whom == "parent_using_abuse"
    assert kinds["reassign"].wording.startswith("Darren to attend every weekly session")
    assert kinds["support"].owner == "agency:7" and "support Rachel" in kinds["support"].wording
    problems = rules.activation_problems(good_plan(wrong), rules.check_plan(good_plan(wrong)))
    assert "Action 1 gives Rachel work that is Darren’s to do" in [problem.text for problem in problems]


@pytest.mark.parametrize("what", HIS_CHANGE_WORK)
def test_his_change_work_asked_of_him_is_not_found(what):
    right = action(what.replace("Rachel", "Darren").replace("Mother", "Darren"), owner_person=DARREN)
    assert "change_work_given_to_victim" not in [f.rule for f in rules.check_action(right, good_plan())]


def test_an_action_for_the_parent_using_abuse_that_a_child_owns_is_found_whatever_its_words():
    wrong = action("Mia to write to her dad every week", owner_person=MIA)  # for_whom: the parent using abuse
    finding = next(f for f in rules.check_action(wrong, good_plan()) if f.rule == "change_work_given_to_victim")
    assert finding.blocking
    assert "It is work for Darren, but Mia, a child, owns it." in finding.reason
    support = next(fix for fix in finding.fixes if fix.kind == "support")
    assert support.for_whom == "child" and support.for_child_id == "p-mia"


def test_her_own_support_mentioning_him_is_not_his_change_work():
    hers = action(
        "Rachel to attend the Freedom Programme every Tuesday while Darren is at his sessions",
        owner_person=RACHEL,
        for_whom="non_abusing_parent",
    )
    assert rules.check_action(hers, good_plan()) == []


@pytest.mark.parametrize(
    "what",
    [
        "Darren to stop shouting at Rachel in front of the children",
        "Darren to stop using abusive behaviours towards Rachel, Mia and Leo",
        "Darren to attend every session and work on managing his anger with the programme worker",
    ],
)
def test_accountable_forms_of_the_same_words_are_not_found(what):
    assert rules.check_action(action(what), good_plan()) == []


@pytest.mark.parametrize(
    "what",
    [
        "Support Rachel to make a safety plan that protects the children",
        "Support Rachel to avoid arguments being used against her in contact arrangements",
        "Northbrook Domestic Abuse Service to support Rachel to safeguard the children from further harm",
    ],
)
def test_support_for_her_in_the_same_words_is_not_found(what):
    support = action(
        what, owner_person=None, owner_agency=DAS, owner_worker="outreach worker", for_whom="non_abusing_parent"
    )
    assert rules.check_action(support, good_plan()) == []


# An agency action names its worker (seed 004: "an agency and worker").


def test_an_agency_action_without_a_worker_is_warned_with_a_fix():
    unnamed = action(
        "Northbrook Domestic Abuse Service to meet Rachel every fortnight",
        owner_person=None,
        owner_agency=DAS,
        owner_worker="  ",
        for_whom="non_abusing_parent",
    )
    finding = next(f for f in rules.check_action(unnamed, good_plan()) if f.rule == "no_named_worker")
    assert not finding.blocking
    assert finding.title == "Action 1 names Northbrook Domestic Abuse Service but no worker"
    assert "outreach worker" in finding.suggestion
    assert rules.activation_problems(good_plan(unnamed), rules.check_plan(good_plan(unnamed))) == []


def test_a_person_s_action_or_an_unnamed_owner_is_not_also_asked_for_a_worker():
    assert "no_named_worker" not in [f.rule for f in rules.check_action(DARREN_PROGRAMME, good_plan())]
    everyone = action("All agencies to share concerns", owner_person=None, owner_agency=CSC, owner_worker="all")
    rules_of = [f.rule for f in rules.check_action(everyone, good_plan())]
    assert "agency_not_named" in rules_of and "no_named_worker" not in rules_of


# A placeholder left by a suggested rewrite ("[name] chose to ...") is filled in before the plan is in force.


def test_an_action_still_holding_a_placeholder_blocks_with_what_to_write():
    left = action("[name] to stop the abuse by [name] on 3 May")
    finding = next(f for f in rules.check_action(left, good_plan()) if f.rule == "placeholder_left")
    assert finding.blocking and finding.action_id == "a1"
    assert finding.title == "Action 1 still has “[name]” in it"
    assert finding.suggestion == "Replace [name] with the person's name."
    problems = rules.activation_problems(good_plan(left), rules.check_plan(good_plan(left)))
    assert [(p.text, p.action_id) for p in problems] == [("Action 1 still has “[name]” in it", "a1")]


def test_a_placeholder_in_the_measure_blocks_too():
    left = action("Darren to attend every session", measure="[victim-survivor] says he has not come to the door")
    finding = next(f for f in rules.check_action(left, good_plan()) if f.rule == "placeholder_left")
    assert finding.suggestion == "Replace [victim-survivor] with the name of the person harmed."


def test_an_outcome_still_holding_a_placeholder_blocks():
    outcome = rules.OutcomeFacts("o1", "Mia", "Mia is no longer frightened of [name]")
    facts = plan(*good_plan().actions, outcomes=("p-mia", "p-leo"))
    facts = dataclasses.replace(facts, outcomes=(outcome,))
    finding = next(f for f in rules.check_plan(facts) if f.rule == "placeholder_left")
    assert finding.outcome_id == "o1" and finding.action_id is None
    assert finding.title == "The outcome for Mia still has “[name]” in it"
    problems = rules.activation_problems(facts, rules.check_plan(facts))
    assert [(p.text, p.outcome_id) for p in problems] == [("The outcome for Mia still has “[name]” in it", "o1")]


@pytest.mark.parametrize("what", ["Darren to pay [£50] a month", "Darren to attend [weekly]", "Named worker: [TBC]"])
def test_other_square_brackets_are_not_placeholders(what):
    assert "placeholder_left" not in [f.rule for f in rules.check_action(action(what), good_plan())]


def test_every_placeholder_the_language_checker_suggests_is_caught():
    suggested = {
        placeholder
        for pattern in load_patterns(PATTERN_FILE).patterns
        for placeholder in re.findall(r"\[[^\]\s]+\]", pattern.suggestion or "")
    }
    assert suggested  # the checker does suggest them
    assert {placeholder for placeholder in suggested if rules.placeholder_in(placeholder) is None} == set()
