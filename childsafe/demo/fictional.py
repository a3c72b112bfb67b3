"""Word lists and text templates for obviously fictional households.

Everything here is invented: the borough of Northbrook and its towns, streets, schools and "NB" postcodes (no real
UK postcode area is NB), phone numbers from the ranges Ofcom keeps for drama (07700 900xxx, 01632 960xxx), and
email addresses at `.example` domains, which can never be delivered. Names are common first names with mostly
invented surnames, so no combination points at a real household.

Texts follow the practice the service exists to support: every chronology description names the person who chose
the behaviour and says what they did ("Darren sent Rachel 40 messages..."), never a mutual "couple" or a
"volatile relationship", and nothing suggests the non-abusing parent is responsible for the abuse. `BANNED_PHRASES`
lists the wording the tests look for.

All randomness comes from a `random.Random` passed in, so the same seed gives the same households.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# Wording that hides who is responsible or blames the victim-survivor; no generated text may contain these.
BANNED_PHRASES = (
    "the couple",
    "volatile relationship",
    "domestic incident",
    "toxic relationship",
    "argument",
    "argued",
    "fight",
    "failed to protect",
    "allowed him",
    "allowed her",
    "chose to stay",
    "provoked",
)


@dataclass(frozen=True)
class Pronouns:
    subject: str  # she
    object: str  # her
    possessive: str  # her
    subject_was: str  # she was
    reflexive: str  # herself


SHE = Pronouns("she", "her", "her", "she was", "herself")
HE = Pronouns("he", "him", "his", "he was", "himself")
THEY = Pronouns("they", "them", "their", "they were", "themself")


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    """A word list written as running text: split on whitespace, or on `sep` with the spaces around it trimmed."""
    parts = text.split(sep) if sep else text.split()
    return tuple(part.strip() for part in parts if part.strip())


# --- Names -------------------------------------------------------------------------------------------------------

WOMEN_FIRST_NAMES = _words(
    """
    Rachel Amara Priya Zainab Oksana Gemma Kerry Shanice Aisling Farah Joanne Leanne Magda Nadia Chloe Tasha Bethany
    Roxanne Sadia Ifeoma Kirsty Dionne Marta Hollie Ruth Yasmin Grace Abena Laura Simone Ewa Halima Stacey Natalie
    Aylin Carys
    """
)
MEN_FIRST_NAMES = _words(
    """
    Darren Lee Craig Imran Tomasz Jason Wayne Kyle Dwayne Sean Adnan Ryan Marcus Gavin Piotr Nathan Tariq Shane
    Callum Emeka Jordan Scott Bilal Liam Andrei Kwame Dean Mehmet Rhys Stuart Connor Faisal Jamie Karl Luke Owen
    """
)
GIRLS_FIRST_NAMES = _words(
    """
    Mia Ava Amelia Isla Layla Maryam Zara Lily Poppy Ruby Aaliyah Maja Esme Hafsa Kacey Imani Orla Nevaeh Sienna
    Anaya Freya Lola Iqra Tia Hannah Skye
    """
)
BOYS_FIRST_NAMES = _words(
    """
    Leo Noah Oscar Harley Yusuf Kai Alfie Tyler Riley Ibrahim Jakub Mason Reggie Ezra Zayn Bobby Tobi Charlie Logan
    Musa Frankie Ollie Ashton Dev Kobe Archie
    """
)
# Names a child might give for themself; used with THEY pronouns for some teenagers.
CHOSEN_NAMES = ("Sam", "Alex", "Robin", "Jay", "Rowan", "Ash", "Quinn", "Sky")

SURNAMES = _words(
    """
    Fernhill, Ashcombe, Larkworth, Brackwater, Hollinshed, Thistlewood, Marrowby, Wrenfield, Oakenshaw, Pellingham,
    Sallowfield, Farrowdale, Gillingwater, Kestleton, Moorcroft, Netherby, Pennicott, Quarrendon, Rushmere,
    Stainforth, Tallowby, Underhill, Vellacott, Whinmoor, Yarwood, Alderley, Blackthorn, Copperfield, Dunsmore,
    Edgecombe, Fallowfield, Greaves, Holloway, Ingleby, Jessop, Kettering, Lanyon, Mossop, Nightingale, Orchard,
    Pickersgill, Ravensworth, Scarrow, Treadwell, Upton, Waddington, Birchall, Crowther, Densley, Emsley,
    Fothergill, Khan, Begum, Hussain, Ahmed, Patel, Singh, Nowak, Wojcik, Okoro, Mensah, Osei, Adeyemi, Popescu,
    Yilmaz, Haile, Farah, da Silva, O'Connell, McBride, Reilly, Campbell, Francis, Baptiste, Rahman, Chowdhury,
    Kaur, Kovacs, Mahmoud, Asante, Bello
    """,
    sep=",",
)

WORKER_FIRST_NAMES = WOMEN_FIRST_NAMES + MEN_FIRST_NAMES + ("Jo", "Sam", "Chris", "Alex", "Robin", "Kim")


# --- Places ------------------------------------------------------------------------------------------------------

BOROUGH = "Northbrook"
TOWNS = ("Northbrook", "Hollin Vale", "Brackenmere", "Sallowby", "Oakmire", "Fenmoor", "Larkhollow", "Eastwold")
STREET_NAMES = _words(
    """
    Larkspur Thistle Juniper Bramble Cowslip Foxglove Hawthorn Kingfisher Linnet Meadowsweet Nettle Orchard
    Pennyroyal Quince Rowan Sorrel Teasel Vetch Willowherb Yarrow Alder Buttercup Clover Damson Elderberry Fieldfare
    Goldcrest Heather Ironstone Jasmine
    """
)
STREET_KINDS = ("Row", "Close", "Lane", "Terrace", "Walk", "Gardens", "Way", "Crescent", "Road", "Mews", "Court")
FLAT_PREFIXES = ("Flat {n}", "Flat {n}", "Room {n}", "Apartment {n}")

NURSERIES = (
    "Larkhollow Children's Centre nursery",
    "Sunbeam Day Nursery, Northbrook",
    "Little Wrens Nursery, Sallowby",
    "Oakmire Pre-school",
)
PRIMARY_SCHOOLS = (
    "Hollin Lane Primary",
    "Brackenmere Primary",
    "Oakmire Infant and Junior School",
    "St Aldith's C of E Primary, Sallowby",
    "Fenmoor Community Primary",
    "Eastwold Park Primary",
)
SECONDARY_SCHOOLS = ("Northbrook Academy", "Sallowby High School", "Fenmoor School", "Hollin Vale College")
COLLEGES = ("Northbrook College", "Sallowby High School sixth form", "Brackenmere Training Centre")
DEMO_SCHOOL = "Hollin Lane Primary"


# --- People's details --------------------------------------------------------------------------------------------

IDENTITY_AND_CULTURE = (
    "White British.",
    "White British. No religion.",
    "British Pakistani, Muslim. Speaks English and Urdu at home.",
    "Polish, Catholic. Moved to the UK in 2014.",
    "Black British Caribbean. Attends a Pentecostal church.",
    "Mixed White and Black African.",
    "Romanian Roma.",
    "Irish Traveller.",
    "Bangladeshi, Muslim. Family originally from Sylhet.",
    "Somali, Muslim.",
    "Eritrean, Orthodox Christian. Has refugee status.",
    "Indian, Sikh.",
    "Ghanaian. Christian.",
    "Turkish Kurdish. Muslim.",
    "White Irish.",
    "Nigerian (Igbo). Catholic.",
)
ADULT_LANGUAGES = (
    ("English", ""),
    ("English", ""),
    ("English", ""),
    ("English", "Prefers text messages; check it is safe to talk before asking any questions."),
    ("Polish", "Needs a Polish interpreter for meetings; written English is good."),
    ("Urdu", "Needs a female Urdu interpreter who is not known to the local community."),
    ("Bengali (Sylheti)", "Needs a Sylheti interpreter; never ask family members to interpret."),
    ("Romanian", "Needs a Romanian interpreter. Reads little in any language, so explain letters in person."),
    ("Somali", "Needs a Somali interpreter, by phone rather than in person."),
    ("Tigrinya", "Needs a Tigrinya interpreter; check the interpreter is not known to the family."),
    ("British Sign Language", "Deaf. Book a BSL interpreter for every meeting; do not rely on lip-reading."),
    ("Arabic", "Speaks some English; offer an Arabic interpreter for anything about safety or court."),
)
ADULT_NEEDS = (
    "",
    "",
    "",
    "Anxiety and low mood; under the GP and waiting for talking therapy.",
    "Diagnosed with PTSD in the last year; appointments work best in the morning.",
    "Type 1 diabetes.",
    "Chronic back pain after an injury; cannot manage stairs easily.",
    "Pregnant (due in the spring); under the community midwife.",
    "Dyslexia: go through written plans together.",
    "Recovering from alcohol dependency; attends a weekly group.",
)
CHILD_NEEDS_BY_AGE = (
    (0, 1, ("", "Born at 34 weeks; seen regularly by the health visitor.", "Reflux; gaining weight slowly.")),
    (2, 4, ("", "Speech delay; referred to speech and language therapy.", "Eczema and asthma.", "Toilet training.")),
    (
        5,
        11,
        (
            "",
            "",
            "Autistic; finds changes in routine very hard.",
            "ADHD; medication reviewed by the community paediatrician.",
            "Asthma; carries an inhaler at school.",
            "Has an education, health and care plan for speech and language needs.",
            "Bed-wetting since the summer.",
        ),
    ),
    (
        12,
        17,
        (
            "",
            "",
            "Low mood; on the waiting list for CAMHS.",
            "Self-harm disclosed to the school nurse; a safety plan is in place at school.",
            "Dyspraxia.",
            "Young carer for a younger sibling.",
            "Type 1 diabetes; manages own insulin.",
        ),
    ),
)
CHILD_COMMUNICATION_BY_AGE = (
    (0, 1, ("Babbles and smiles; settles best with familiar voices.",)),
    (2, 4, ("Uses short sentences; talks most easily while drawing or playing.", "Says a few words; points to show.")),
    (
        5,
        11,
        (
            "Chatty once settled; likes to draw while talking.",
            "Quiet with new adults; talk at school with the class teacher present.",
            "Uses a visual timetable; give one question at a time.",
            "Bilingual; happier to talk in English than in the home language.",
        ),
    ),
    (
        12,
        17,
        (
            "Prefers to message; will talk while walking rather than face to face.",
            "Articulate; wants to be spoken to directly, not through parents.",
            "Uses BSL at home and at school.",
            "Reluctant to talk about home; build trust before asking direct questions.",
        ),
    ),
)


# --- Templates ---------------------------------------------------------------------------------------------------
# Placeholders: {abuser}, {victim}, {child} are first names; {abuser_sub}, {abuser_obj}, {abuser_pos}, {abuser_was},
# {abuser_self} (and the same for victim and child) are pronouns; {n}, {money}, {days}, {weekday} are numbers and
# days. A template names the one responsible and what they did.


@dataclass(frozen=True)
class Template:
    text: str
    child_min_age: int = 0  # the named child must be at least this old...
    child_max_age: int = 17  # ...and at most this old
    needs_separation: bool = False  # makes sense only after the non-abusing parent has left
    before_separation: bool = False  # makes sense only while they live together
    reporter: str = ""  # the only plausible reporter, when the text says who disclosed it
    n: tuple[int, int] = (2, 6)  # the range for {n}
    source: str = ""  # the source document, when the text says where it was disclosed
    behaviours: tuple[str, ...] = ()  # for a child impact: the behaviours it can follow (empty: any)

    @property
    def names_a_child(self) -> bool:
        return "{child" in self.text


DESCRIPTIONS: dict[str, tuple[Template, ...]] = {
    "coercive_control": (
        Template(
            "{abuser} sent {victim} {n} messages in one evening demanding to know where {victim_was} and who with, "
            "and said {abuser_sub} would come and find {victim_obj}.",
            n=(20, 80),
        ),
        Template(
            "{abuser} took {victim}'s phone, changed the passcode and kept it for {days} days, so {victim} could not "
            "contact {victim_pos} family or friends."
        ),
        Template(
            "{abuser} told {victim} that if {victim_sub} went to the school gate without {abuser_obj}, "
            "{abuser_sub} would make sure {victim} never saw {child} again.",
            child_min_age=4,
            before_separation=True,
        ),
        Template(
            "{abuser} timed {victim}'s trips to the shop and shouted at {victim_obj} in front of {child} when "
            "{victim_sub} came back ten minutes later than {abuser_sub} had allowed.",
            before_separation=True,
        ),
        Template(
            "{abuser} stopped {victim} going to {victim_pos} GP appointment by hiding the car keys and refusing to "
            "look after {child}.",
            before_separation=True,
        ),
        Template(
            "{abuser} told {victim} that no one would believe {victim_obj} and that social workers would take the "
            "children away if {victim_sub} told anyone what {abuser_sub} did at home."
        ),
        Template(
            "{abuser} decided which friends {victim} could see and sent threatening messages to {victim}'s friend "
            "until the friend stopped visiting.",
            before_separation=True,
        ),
        Template(
            "{abuser} kept {victim}'s passport and told {victim_obj} {victim_sub} would be deported if {victim_sub} "
            "spoke to the police about {abuser_obj}.",
            before_separation=True,
        ),
        Template(
            "{abuser} made {victim} account for every hour of {victim_pos} day in a notebook and checked it "
            "each night.",
            before_separation=True,
        ),
    ),
    "economic": (
        Template(
            "{abuser} took {victim}'s wages each month and gave {victim_obj} £{money} a week for the family's food.",
            before_separation=True,
        ),
        Template("{abuser} ran up debts of £{big_money} in {victim}'s name without {victim_pos} knowledge."),
        Template(
            "{abuser} refused to pay for {child}'s school uniform and told {victim} to find the money {victim_self}.",
            child_min_age=4,
        ),
        Template(
            "{abuser} stopped the child maintenance payments after {victim} refused to meet {abuser_obj} alone.",
            needs_separation=True,
        ),
        Template(
            "{abuser} controlled the only bank card and made {victim} ask {abuser_obj} for money for nappies and "
            "baby milk.",
            child_max_age=2,
            before_separation=True,
        ),
    ),
    "online": (
        Template(
            "{abuser} put a tracking app on {victim}'s phone and sent {victim_obj} screenshots of the places "
            "{victim} had been that day."
        ),
        Template(
            "{abuser} logged into {victim}'s email account without permission and deleted messages from "
            "{victim_pos} support worker."
        ),
        Template(
            "{abuser} threatened to share intimate photos of {victim} online if {victim_sub} spoke to "
            "{victim_pos} advocate again."
        ),
        Template(
            "{abuser} messaged {child} on a gaming app asking where {victim} was living now and who visited.",
            child_min_age=9,
            needs_separation=True,
        ),
        Template(
            "{abuser} set up {n} new social media accounts to contact {victim} after {victim_sub} blocked "
            "{abuser_obj}.",
            needs_separation=True,
        ),
    ),
    "psychological": (
        Template(
            "{abuser} called {victim} worthless and stupid in front of {child}, and told {child} that {victim} was "
            "a bad parent.",
            child_min_age=3,
        ),
        Template("{abuser} threatened to kill {abuser_self} if {victim} left, and said it would be {victim}'s fault."),
        Template(
            "{abuser} punched a hole in the bedroom door while {victim} and {child} were in the room.",
            before_separation=True,
        ),
        Template("{abuser} threatened to take {child} abroad and never bring {child_obj} back."),
        Template(
            "{abuser} smashed {victim}'s phone against the wall and told {victim_obj} {abuser_sub} would do the "
            "same to {victim_obj}.",
            before_separation=True,
        ),
        Template(
            "{abuser} woke {victim} repeatedly through the night for a week by shouting and switching on the lights, "
            "then told {victim_obj} {victim_was} losing {victim_pos} mind.",
            before_separation=True,
        ),
        Template("{abuser} threatened to kill {victim} and said no refuge would be able to hide {victim_obj}."),
    ),
    "physical": (
        Template(
            "{abuser} pushed {victim} against the banister while {victim_was} carrying {child}.",
            child_max_age=2,
            before_separation=True,
        ),
        Template(
            "{abuser} grabbed {victim} by the throat in the kitchen and held {victim_obj} against the wall; "
            "{victim} had bruising to {victim_pos} neck.",
            before_separation=True,
        ),
        Template(
            "{abuser} slapped {victim} across the face in front of {child}, then took {victim}'s phone so "
            "{victim_sub} could not call for help.",
            before_separation=True,
        ),
        Template(
            "{abuser} kicked {victim} repeatedly while {victim_was} on the floor; {victim} was treated at the "
            "emergency department for a fractured wrist.",
            before_separation=True,
        ),
        Template(
            "{abuser} threw a mug at {victim}, cutting {victim_pos} forehead, while {child} was in the room.",
            before_separation=True,
        ),
        Template(
            "{abuser} held {victim} down on the bed and would not let {victim_obj} leave the room for over an hour.",
            before_separation=True,
        ),
        Template(
            "{abuser} assaulted {victim} at the contact handover, punching {victim_obj} in the face in the car park.",
            needs_separation=True,
        ),
    ),
    "sexual": (
        Template(
            "{victim} told {victim_pos} advocate that {abuser} repeatedly pressured {victim_obj} into sex, "
            "including when {victim_was} ill and had said no.",
            reporter="domestic_abuse_service",
            source="Domestic abuse advocate's case notes",
        ),
        Template(
            "{victim} disclosed to the sexual health clinic that {abuser} forced {victim_obj} to have sex after "
            "{victim_sub} said no.",
            reporter="health",
            source="Sexual health clinic letter",
        ),
    ),
    "stalking": (
        Template(
            "{abuser} waited outside {victim}'s workplace on {n} days in one week and followed {victim_obj} to the "
            "bus stop.",
            needs_separation=True,
        ),
        Template(
            "{abuser} drove past the address where {victim} was staying at night and left notes on {victim_pos} car.",
            needs_separation=True,
        ),
        Template(
            "{abuser} came to {child}'s school at home time, against the agreed arrangements, and tried to take "
            "{child} with {abuser_obj}.",
            child_min_age=4,
            needs_separation=True,
        ),
        Template(
            "{abuser} phoned {victim}'s mother {n} times in a day demanding to know where {victim} and the children "
            "were living.",
            needs_separation=True,
            n=(10, 40),
        ),
    ),
    "post_separation": (
        Template(
            "{abuser} used the handover of {child} to shout abuse at {victim} and said {abuser_sub} would stop "
            "contact unless {victim} came back.",
            needs_separation=True,
        ),
        Template(
            "{abuser} made {n} applications to court about the children's arrangements in six months and told "
            "{victim} {abuser_sub} would keep dragging {victim_obj} back to court.",
            needs_separation=True,
        ),
        Template(
            "{abuser} asked {child} during contact to find out the new address and take photos of the front door.",
            child_min_age=6,
            needs_separation=True,
        ),
        Template(
            "{abuser} made an allegation to children's social care that {victim} neglected the children; it was "
            "checked and found untrue.",
            needs_separation=True,
        ),
    ),
    "harm_to_child": (
        Template(
            "{abuser} pushed {child} into a door frame when {child} tried to stand between {abuser} and {victim}.",
            child_min_age=6,
        ),
        Template(
            "{abuser} told {child} that {victim} would go to prison if {child} told a teacher what happened at home.",
            child_min_age=5,
        ),
        Template(
            "{abuser} left {child} alone in the house overnight while {abuser} went out looking for {victim}.",
            child_max_age=11,
            needs_separation=True,
        ),
        Template(
            "{abuser} drove with {child} in the car after drinking, to try to find where {victim} was staying.",
            needs_separation=True,
        ),
        Template("{abuser} shouted at {child} and threw {child_pos} belongings out of the window.", child_min_age=4),
    ),
}

# Behaviours seen early in a pattern that escalates, and those that come later.
EARLY_BEHAVIOURS = ("coercive_control", "coercive_control", "economic", "online", "psychological")
LATER_BEHAVIOURS = ("physical", "physical", "psychological", "coercive_control", "harm_to_child")
AFTER_SEPARATION_BEHAVIOURS = ("post_separation", "post_separation", "stalking", "online", "harm_to_child", "economic")


_SEEN = ("physical", "psychological", "harm_to_child")

IMPACTS: tuple[Template, ...] = (
    Template(
        "{child} was in the room, saw what {abuser} did, and has been waking at night and wetting the bed since.",
        child_min_age=3,
        child_max_age=9,
        behaviours=_SEEN,
    ),
    Template(
        "{child} told the class teacher {child_was} too tired to work because of what {abuser} did at home "
        "the night before.",
        child_min_age=5,
        child_max_age=13,
        before_separation=True,
        behaviours=(*_SEEN, "coercive_control"),
    ),
    Template("{child} has stopped eating lunch at school and cries when it is time to go home.", 5, 12),
    Template("{child} now stays close to {victim} and becomes distressed if {victim} is out of sight.", 2, 10),
    Template(
        "{child}'s school attendance fell to {pct}% this term; {child} said staying home was the only way to keep "
        "{victim} safe from {abuser}.",
        9,
        17,
    ),
    Template(
        "{child} was in the room; the health visitor found {child} unsettled, feeding poorly and startling at loud "
        "noises.",
        0,
        1,
        behaviours=_SEEN,
    ),
    Template(
        "{victim} missed {child}'s baby clinic appointments because {abuser} would not let {victim_obj} go out.",
        0,
        1,
        before_separation=True,
    ),
    Template("{child} has become clingy and tearful at nursery drop-off.", 2, 4),
    Template(
        "At nursery {child} repeated words {abuser} had used, calling another child stupid and useless.",
        2,
        5,
        behaviours=("psychological", "coercive_control"),
    ),
    Template(
        "{child} has become withdrawn, stopped seeing friends and told the school nurse about self-harm after what "
        "{abuser} did.",
        12,
        17,
    ),
    Template(
        "{child} tried to stop {abuser} and was very frightened; {child} now checks the doors are locked.",
        7,
        17,
        behaviours=("physical", "harm_to_child"),
    ),
    Template(
        "{child} was woken by the noise, came downstairs and saw {victim} injured by {abuser}.",
        4,
        17,
        behaviours=("physical",),
    ),
    Template(
        "{child} is anxious about contact with {abuser} and has stomach aches on contact days.",
        4,
        17,
        needs_separation=True,
    ),
    Template(
        "{child} lost {child_pos} school place and friends when the family had to move to get away from {abuser}.",
        5,
        17,
        needs_separation=True,
    ),
    Template(
        "{child} hid in the wardrobe with {child_pos} headphones on until {abuser} left the house.",
        4,
        14,
        before_separation=True,
        behaviours=_SEEN,
    ),
    Template(
        "{child} has started hitting other children at school, copying what {abuser} does at home.",
        4,
        10,
        behaviours=_SEEN,
    ),
    Template("{child} is angry with {abuser} and has asked not to have any contact for now.", 10, 17),
    Template(
        "{child} is frightened that {abuser} will find the family and asks every day if the doors are locked.",
        4,
        17,
        needs_separation=True,
    ),
)

CHILDS_OWN_WORDS: tuple[Template, ...] = (
    Template(
        "\u201cI don't like it when {abuser_called} shouts at {victim_called}. I go in my room and hide.\u201d", 4, 10
    ),
    Template("\u201c{abuser_called} said if I tell anyone I will get taken away.\u201d", 4, 12),
    Template(
        "\u201cI want to live with {victim_called} and feel safe. I want {abuser_called} to stop being scary.\u201d",
        4,
        12,
    ),
    Template("\u201cSometimes I can't sleep because I'm listening for the door.\u201d", 6, 17),
    Template("\u201cI like football and drawing dinosaurs. My teacher is kind.\u201d", 4, 9),
    Template("\u201cIt's calmer at the new place. I miss my friends though.\u201d", 6, 17, needs_separation=True),
    Template("\u201cI feel like it's my job to look after {victim_called}.\u201d", 9, 17),
    Template(
        "\u201cI'm not scared of {abuser_called} any more, I'm angry. It's not fair that we had to move and "
        "{abuser_called} didn't.\u201d",
        12,
        17,
        needs_separation=True,
    ),
    Template(
        "\u201cI don't want to go to {abuser_called}'s at the weekend. Please don't make me.\u201d",
        5,
        15,
        needs_separation=True,
    ),
    Template("\u201cI want someone to tell {abuser_called} to stop. It's not {victim_called}'s fault.\u201d", 7, 17),
    Template("\u201cMy best thing is swimming. When I'm swimming I don't think about home.\u201d", 7, 15),
)

CASE_SUMMARIES = (
    "Police notification after a physical assault by the {abuser_role}; {children} in the home",
    "School concern: a child told a teacher about being frightened at home",
    "Referral from the domestic abuse service after threats to kill; {children}",
    "Health visitor concern: baby present during physical abuse by the {abuser_role}",
    "Self-referral by the non-abusing parent after leaving; {children}",
    "Referral following a high-risk domestic abuse case conference; {children}",
    "Concern from the emergency department after an injury to the non-abusing parent; {children}",
    "Coercive control and threats after separation; {children} in contact disputes",
)

CLOSURE_NOTES = {
    "safer": (
        "{victim} and the children are settled and report feeling safe. {abuser} has no contact under a court "
        "order and has not breached it in six months. Closed with {victim}'s agreement."
    ),
    "stepped_down": (
        "Risk reduced after {abuser} moved out and the non-molestation order was made. Stepped down to early help "
        "with {victim}'s agreement; the school will monitor the children."
    ),
    "transferred": "{victim} and the children moved to another area for safety; the case was transferred securely.",
    "moved_away": "The family moved out of the area; information shared with the receiving authority.",
    "consent_withdrawn": (
        "{victim} declined further support; the children's needs are met by universal services. Safety plan and "
        "contact numbers given again before closing."
    ),
    "court_order": "Closed after the family court made a child arrangements order with supervised contact only.",
}


# --- Sources -----------------------------------------------------------------------------------------------------

REPORTERS_BY_BEHAVIOUR: dict[str, tuple[str, ...]] = {
    "coercive_control": ("victim_survivor", "victim_survivor", "domestic_abuse_service", "family_or_friend"),
    "economic": ("victim_survivor", "domestic_abuse_service", "other"),
    "online": ("victim_survivor", "domestic_abuse_service", "police"),
    "psychological": ("victim_survivor", "child", "school", "domestic_abuse_service"),
    "physical": ("police", "police", "victim_survivor", "health", "neighbour", "school"),
    "sexual": ("domestic_abuse_service", "health"),
    "stalking": ("victim_survivor", "police", "school", "family_or_friend"),
    "post_separation": ("victim_survivor", "childrens_social_care", "domestic_abuse_service"),
    "harm_to_child": ("child", "school", "police", "health"),
}

SOURCE_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "child": ("Direct work session notes", "Child's own account recorded at school"),
    "victim_survivor": ("Home visit record", "Safety planning session notes", "Telephone call note"),
    "police": ("Police notification PN/{year}/{serial}", "Police notification PN/{year}/{serial}"),
    "school": ("School safeguarding log", "Designated safeguarding lead's referral form"),
    "health": ("Health visitor contact record", "GP letter", "Emergency department discharge summary"),
    "childrens_social_care": ("Strategy discussion minutes", "Child and family assessment"),
    "domestic_abuse_service": ("Domestic abuse service referral form", "Risk case conference minutes"),
    "family_or_friend": ("Telephone call note",),
    "neighbour": ("Police notification PN/{year}/{serial}", "Telephone call note"),
    "person_using_abuse": ("Behaviour-change programme assessment notes",),
    "other": ("Housing officer's email", "Bank's safeguarding team letter"),
}


# --- Helpers -----------------------------------------------------------------------------------------------------


def street_address(rng: random.Random) -> tuple[str, str]:
    """A line 1 like "12 Larkspur Row" and sometimes a line 2 like "Flat 3"."""
    line_1 = f"{rng.randint(1, 140)} {rng.choice(STREET_NAMES)} {rng.choice(STREET_KINDS)}"
    line_2 = rng.choice(FLAT_PREFIXES).format(n=rng.randint(1, 24)) if rng.random() < 0.3 else ""
    return line_1, line_2


def postcode(rng: random.Random) -> str:
    """A postcode in a form no real UK address has ("NB" is not a postcode area), e.g. "NB4 7ZZ"."""
    return f"NB{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('PQTWXYZ')}Z"


def mobile_number(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def landline_number(rng: random.Random) -> str:
    return f"01632 960{rng.randint(0, 999):03d}"


def email_address(rng: random.Random, first_name: str, last_name: str) -> str:
    local = f"{first_name}.{last_name}".lower().replace(" ", "").replace("'", "")
    return f"{local}{rng.randint(1, 99)}@mail.example"


def school_for_age(rng: random.Random, age: int) -> str:
    if age < 2:
        return ""
    if age < 4:
        return rng.choice(NURSERIES) if rng.random() < 0.7 else ""
    if age < 11:
        return rng.choice(PRIMARY_SCHOOLS)
    if age < 16:
        return rng.choice(SECONDARY_SCHOOLS)
    return rng.choice(COLLEGES)


def pick_by_age(rng: random.Random, table: tuple[tuple[int, int, tuple[str, ...]], ...], age: int) -> str:
    for low, high, options in table:
        if low <= age <= high:
            return rng.choice(options)
    return ""


def source_document(rng: random.Random, reporter: str, day: dt.date) -> str:
    template = rng.choice(SOURCE_DOCUMENTS.get(reporter, SOURCE_DOCUMENTS["other"]))
    text = template.format(year=day.year % 100, serial=f"{rng.randint(1, 99999):05d}")
    if "{" not in template:
        text = f"{text}, {day + dt.timedelta(days=rng.randint(0, 6)):%d/%m/%Y}"
    return text


def worker_name(rng: random.Random) -> str:
    return f"{rng.choice(WORKER_FIRST_NAMES)} {rng.choice(SURNAMES)}"
