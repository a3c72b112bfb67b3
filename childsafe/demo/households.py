"""Plans for fictional households: plain data, no database, so both ways of saving them share one generator.

`plan_household` decides who lives in a household, where, how they are related and the chronology of what the
parent using abuse did. `childsafe.demo.loading` saves a plan through the case services (with audit entries);
`childsafe.demo.bulk` turns thousands of plans into rows with `bulk_create`.

A plan is a small pattern of behaviour over 6 to 24 months: coercive control first and, in households where it
escalates, physical abuse later; after the non-abusing parent leaves, stalking and post-separation abuse. Every
entry is chosen by the parent using abuse, and every impact names a child of the household who was born by then.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from childsafe.demo import fictional
from childsafe.demo.fictional import HE, SHE, THEY, Pronouns, Template

CHILD = "child"
NON_ABUSING_PARENT = "non_abusing_parent"
PARENT_USING_ABUSE = "parent_using_abuse"
OTHER_ADULT = "other_adult"
SIBLING_ELSEWHERE = "sibling_elsewhere"

# Behaviours that usually go on for a while, so an entry may record a period rather than a day.
PATTERN_BEHAVIOURS = {"coercive_control", "economic", "online", "stalking", "post_separation"}


@dataclass
class AddressPlan:
    kind: str
    line_1: str
    line_2: str
    town: str
    postcode: str
    confidential: bool


@dataclass
class ContactPlan:
    kind: str
    value: str
    note: str
    confidential: bool


@dataclass
class PersonPlan:
    role: str
    first_name: str
    last_name: str
    pronouns: Pronouns
    born: dt.date  # always known to the generator; what is recorded is date_of_birth and/or age_in_years
    date_of_birth: dt.date | None
    age_in_years: int | None
    gender: str
    known_as: str = ""
    identity_and_culture: str = ""
    preferred_language: str = ""
    communication: str = ""
    needs: str = ""
    school_or_setting: str = ""
    childs_own_words: str = ""
    address: int | None = None  # index into HouseholdPlan.addresses
    contacts: list[ContactPlan] = field(default_factory=list)

    @property
    def is_child(self) -> bool:
        return self.role in {CHILD, SIBLING_ELSEWHERE}

    @property
    def name(self) -> str:
        return self.known_as or self.first_name

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.born.year
        if (day.month, day.day) < (self.born.month, self.born.day):
            years -= 1
        return years


@dataclass
class RelationshipPlan:
    person: int
    kind: str
    other: int
    parental_responsibility: bool = False
    lives_with: bool = False


@dataclass
class ImpactPlan:
    child: int
    text: str


@dataclass
class EntryPlan:
    behaviour: str
    responsible: int
    description: str
    occurred_from: dt.date
    occurred_to: dt.date | None
    approximate: bool
    reporter: str
    source_document: str
    impacts: list[ImpactPlan]


@dataclass
class HouseholdPlan:
    summary: str
    opened_on: dt.date
    closed_on: dt.date | None
    outcome: str
    closure_note: str
    separated_on: dt.date | None
    addresses: list[AddressPlan]
    people: list[PersonPlan]
    relationships: list[RelationshipPlan]
    entries: list[EntryPlan]

    def index_of(self, role: str) -> int:
        return next(i for i, person in enumerate(self.people) if person.role == role)

    def children(self) -> list[int]:
        """The children who live in the household (not a sibling who lives elsewhere)."""
        return [i for i, person in enumerate(self.people) if person.role == CHILD]

    @property
    def victim_address_is_confidential(self) -> bool:
        victim = self.people[self.index_of(NON_ABUSING_PARENT)]
        return victim.address is not None and self.addresses[victim.address].confidential


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _birth_date(rng: random.Random, today: dt.date, age: int) -> dt.date:
    """A date of birth giving exactly `age` years on `today`."""
    latest = _years_before(today, age)
    return latest - dt.timedelta(days=rng.randint(0, 364))


def _recorded_birth(
    rng: random.Random, born: dt.date, today: dt.date, p_dob: float, p_age: float
) -> tuple[dt.date | None, int | None]:
    """What the worker knows: usually the date of birth, sometimes only the age, for adults sometimes neither."""
    draw = rng.random()
    if draw < p_dob:
        return born, None
    if draw < p_dob + p_age:
        years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return None, years
    return None, None


def _adult_details(rng: random.Random, person: PersonPlan, identity: str) -> None:
    language, communication = rng.choice(fictional.ADULT_LANGUAGES)
    person.identity_and_culture = identity
    person.preferred_language = language
    person.communication = communication
    person.needs = rng.choice(fictional.ADULT_NEEDS)


def _gendered_first_name(rng: random.Random, pronouns: Pronouns, adult: bool) -> str:
    if adult:
        return rng.choice(fictional.WOMEN_FIRST_NAMES if pronouns is SHE else fictional.MEN_FIRST_NAMES)
    return rng.choice(fictional.GIRLS_FIRST_NAMES if pronouns is SHE else fictional.BOYS_FIRST_NAMES)


def _gender_word(pronouns: Pronouns) -> str:
    return {SHE: "Female", HE: "Male"}.get(pronouns, "Non-binary")


def _fill(template: Template, rng: random.Random, plan: HouseholdPlan, child: PersonPlan | None) -> str:
    victim = plan.people[plan.index_of(NON_ABUSING_PARENT)]
    abuser = plan.people[plan.index_of(PARENT_USING_ABUSE)]
    values: dict[str, object] = {
        "n": rng.randint(*template.n),
        "money": rng.randint(20, 60),
        "big_money": f"{rng.randint(2, 18) * 500:,}",
        "days": rng.randint(2, 10),
        "pct": rng.randint(40, 85),
        "abuser_called": _called_by_child(abuser, victim, plan),
        "victim_called": "Mum" if victim.pronouns is SHE else "Dad",
    }
    for key, person in (("abuser", abuser), ("victim", victim), ("child", child)):
        if person is None:
            continue
        values[key] = person.name
        values[f"{key}_sub"] = person.pronouns.subject
        values[f"{key}_obj"] = person.pronouns.object
        values[f"{key}_pos"] = person.pronouns.possessive
        values[f"{key}_was"] = person.pronouns.subject_was
        values[f"{key}_self"] = person.pronouns.reflexive
    return template.text.format(**values)


def _called_by_child(abuser: PersonPlan, victim: PersonPlan, plan: HouseholdPlan) -> str:
    """What a child calls the parent using abuse: Dad or Mum when that parent is theirs, otherwise a first name."""
    is_parent = any(
        rel.kind == "parent_of" and plan.people[rel.person] is abuser and plan.people[rel.other].is_child
        for rel in plan.relationships
    )
    if not is_parent or abuser.pronouns is victim.pronouns:
        return abuser.name
    return "Dad" if abuser.pronouns is HE else "Mum"


def _fits(template: Template, child: PersonPlan | None, day: dt.date, separated: bool, behaviour: str) -> bool:
    if template.behaviours and behaviour not in template.behaviours:
        return False
    if template.needs_separation and not separated:
        return False
    if template.before_separation and separated:
        return False
    if template.names_a_child:
        if child is None or child.born > day:
            return False
        return template.child_min_age <= child.age_on(day) <= template.child_max_age
    return True


def _choose_template(
    rng: random.Random,
    templates: tuple[Template, ...],
    children: list[PersonPlan],
    day: dt.date,
    *,
    separated: bool,
    behaviour: str,
    used: set[str],
) -> tuple[Template, PersonPlan | None] | None:
    """A random template that fits, preferring one not used yet in this household (or for this child)."""
    options = [
        (template, child)
        for template in templates
        for child in (children or [None])
        if _fits(template, child, day, separated, behaviour)
    ]
    fresh = [option for option in options if option[0].text not in used]
    if fresh or options:
        template, child = rng.choice(fresh or options)
        used.add(template.text)
        return template, child
    return None


def plan_household(
    rng: random.Random,
    today: dt.date,
    *,
    entries: tuple[int, int] = (3, 25),
    impacts: tuple[int, int] = (0, 2),
    contacts: tuple[int, int] = (0, 3),
    child_ages: list[int] | None = None,
    separated: bool | None = None,
    escalating: bool | None = None,
    closed: bool | None = None,
    refuge: bool | None = None,
    school: str = "",
    other_adult: str | None = None,
    sibling_elsewhere: bool | None = None,
) -> HouseholdPlan:
    """Plan one household. Keyword arguments fix choices that would otherwise be random (the demo uses them to
    show a spread of situations); `school` puts every primary-age child at that school, and `other_adult` is
    "grandmother" (the non-abusing parent's mother), "new_partner" (the parent using abuse's) or "" for neither."""
    if separated is None:
        separated = rng.random() < 0.55
    if escalating is None:
        escalating = rng.random() < 0.6
    if closed is None:
        closed = rng.random() < 0.2
    if child_ages is None:
        n_children = rng.choices([1, 2, 3, 4], weights=[35, 35, 20, 10])[0]
        child_ages = [rng.randint(0, 17) for _ in range(n_children)]
    child_ages = sorted(child_ages, reverse=True)  # the eldest child comes first, at index 2

    # When the chronology runs: 6 to 24 months, ending recently (or well before closure).
    span = rng.randint(183, 730)
    if closed:
        end = today - dt.timedelta(days=rng.randint(60, 200))
        closed_on: dt.date | None = min(today, end + dt.timedelta(days=rng.randint(14, 50)))
    else:
        end = today - dt.timedelta(days=rng.randint(0, 45))
        closed_on = None
    start = end - dt.timedelta(days=span)
    opened_on = start + dt.timedelta(days=rng.randint(span * 3 // 10, span * 8 // 10))
    separated_on = start + dt.timedelta(days=int(span * rng.uniform(0.45, 0.85))) if separated else None

    # Who the adults are. Most victim-survivors in these cases are women abused by a male partner; not all.
    draw = rng.random()
    victim_pronouns, abuser_pronouns = (
        (SHE, HE) if draw < 0.88 else (HE, SHE) if draw < 0.94 else (SHE, SHE) if draw < 0.97 else (HE, HE)
    )
    family_surname = rng.choice(fictional.SURNAMES)
    abuser_surname = family_surname if rng.random() < 0.45 else rng.choice(fictional.SURNAMES)
    identity = rng.choice(fictional.IDENTITY_AND_CULTURE)
    abuser_identity = identity if rng.random() < 0.6 else rng.choice(fictional.IDENTITY_AND_CULTURE)
    step_parent = rng.random() < 0.25

    eldest = max(child_ages)
    victim_age = min(58, eldest + rng.randint(18, 30))
    abuser_age = max(18, victim_age + rng.randint(-4, 9))
    victim_born = _birth_date(rng, today, victim_age)
    abuser_born = _birth_date(rng, today, abuser_age)
    victim = PersonPlan(
        NON_ABUSING_PARENT,
        _gendered_first_name(rng, victim_pronouns, adult=True),
        family_surname,
        victim_pronouns,
        victim_born,
        *_recorded_birth(rng, victim_born, today, 0.65, 0.25),
        gender=_gender_word(victim_pronouns),
    )
    _adult_details(rng, victim, identity)
    abuser_first = _gendered_first_name(rng, abuser_pronouns, adult=True)
    while abuser_first == victim.first_name:
        abuser_first = _gendered_first_name(rng, abuser_pronouns, adult=True)
    abuser = PersonPlan(
        PARENT_USING_ABUSE,
        abuser_first,
        abuser_surname,
        abuser_pronouns,
        abuser_born,
        *_recorded_birth(rng, abuser_born, today, 0.65, 0.25),
        gender=_gender_word(abuser_pronouns),
    )
    _adult_details(rng, abuser, abuser_identity)
    people = [victim, abuser]

    used_names = {victim.first_name, abuser.first_name}
    for age in child_ages:
        pronouns = SHE if rng.random() < 0.5 else HE
        first = _gendered_first_name(rng, pronouns, adult=False)
        while first in used_names:
            first = _gendered_first_name(rng, pronouns, adult=False)
        used_names.add(first)
        known_as = ""
        if age >= 12 and rng.random() < 0.05:
            known_as, pronouns = rng.choice(fictional.CHOSEN_NAMES), THEY
        born = _birth_date(rng, today, age)
        child = PersonPlan(
            CHILD,
            first,
            family_surname if step_parent or rng.random() < 0.6 else abuser_surname,
            pronouns,
            born,
            *_recorded_birth(rng, born, today, 0.75, 0.25),
            gender=_gender_word(pronouns),
            known_as=known_as,
        )
        child.identity_and_culture = identity if rng.random() < 0.8 else abuser_identity
        child.preferred_language = (
            "English" if victim.preferred_language == "English" else (f"English and {victim.preferred_language}")
        )
        child.communication = fictional.pick_by_age(rng, fictional.CHILD_COMMUNICATION_BY_AGE, age)
        child.needs = fictional.pick_by_age(rng, fictional.CHILD_NEEDS_BY_AGE, age)
        child.school_or_setting = school if school and 4 <= age < 11 else fictional.school_for_age(rng, age)
        people.append(child)

    # Sometimes another adult in the picture, or an older sibling living elsewhere.
    if other_adult is None:
        other_adult = rng.choice(["grandmother", "new_partner"]) if rng.random() < 0.25 else ""
    if other_adult:
        if other_adult == "grandmother":
            other = PersonPlan(
                OTHER_ADULT,
                rng.choice(fictional.WOMEN_FIRST_NAMES),
                family_surname,
                SHE,
                _birth_date(rng, today, victim_age + rng.randint(20, 30)),
                None,
                None,
                gender="Female",
            )
            other.needs = "Supportive; a safe person the children can call."
        else:
            pronouns = SHE if abuser_pronouns is HE else HE
            born = _birth_date(rng, today, abuser_age + rng.randint(-6, 4))
            other = PersonPlan(
                OTHER_ADULT,
                _gendered_first_name(rng, pronouns, adult=True),
                rng.choice(fictional.SURNAMES),
                pronouns,
                born,
                None,
                max(18, today.year - born.year),
                gender=_gender_word(pronouns),
            )
        people.append(other)
    if sibling_elsewhere is None:
        sibling_elsewhere = rng.random() < 0.15
    if sibling_elsewhere:
        age = rng.randint(max(10, eldest + 1), 17) if eldest < 17 else 17
        born = _birth_date(rng, today, age)
        pronouns = SHE if rng.random() < 0.5 else HE
        sibling = PersonPlan(
            SIBLING_ELSEWHERE,
            _gendered_first_name(rng, pronouns, adult=False),
            family_surname,
            pronouns,
            born,
            born,
            None,
            gender=_gender_word(pronouns),
        )
        sibling.needs = "Lives with a grandparent after leaving home last year."
        sibling.school_or_setting = fictional.school_for_age(rng, age)
        people.append(sibling)

    # Addresses: everyone at home, or the non-abusing parent and the children somewhere confidential.
    addresses: list[AddressPlan] = []
    home_line_1, home_line_2 = fictional.street_address(rng)
    home = AddressPlan("home", home_line_1, home_line_2, rng.choice(fictional.TOWNS), fictional.postcode(rng), False)
    if separated:
        if refuge is None:
            refuge = rng.random() < 0.35
        kind = "refuge" if refuge else rng.choice(["new_address", "family_or_friends", "temporary", "new_address"])
        line_1, line_2 = fictional.street_address(rng)
        confidential = kind in {"refuge", "new_address"} or rng.random() < 0.75
        addresses.append(
            AddressPlan(kind, line_1, line_2, rng.choice(fictional.TOWNS), fictional.postcode(rng), confidential)
        )
        victim_address = 0
        if rng.random() < 0.6:
            addresses.append(home)
            abuser.address = 1
    else:
        addresses.append(home)
        victim_address = 0
        abuser.address = 0
    for person in people:
        if person.role in {NON_ABUSING_PARENT, CHILD}:
            person.address = victim_address

    # Relationships, read "<person> is <kind> <other>".
    relationships: list[RelationshipPlan] = []
    victim_i, abuser_i = 0, 1
    for i, person in enumerate(people):
        if person.role == CHILD:
            relationships.append(RelationshipPlan(victim_i, "parent_of", i, True, True))
            relationships.append(
                RelationshipPlan(
                    abuser_i, "step_parent_of" if step_parent else "parent_of", i, not step_parent, not separated
                )
            )
        elif person.role == SIBLING_ELSEWHERE:
            relationships.append(RelationshipPlan(victim_i, "parent_of", i, True, False))
            relationships.append(RelationshipPlan(i, "sibling_of", 2, False, False))
        elif person.role == OTHER_ADULT:
            if other_adult == "grandmother":
                relationships.append(RelationshipPlan(i, "parent_of", victim_i, False, False))
            else:
                relationships.append(RelationshipPlan(i, "partner_of", abuser_i, False, separated))
    relationships.append(
        RelationshipPlan(abuser_i, "former_partner_of" if separated else "partner_of", victim_i, False, not separated)
    )

    abuser_role = (
        ("stepfather" if abuser_pronouns is HE else "stepmother")
        if step_parent
        else ("father" if abuser_pronouns is HE else "mother")
    )
    count_words = {1: "one child", 2: "two children", 3: "three children", 4: "four children"}
    plan = HouseholdPlan(
        summary=rng.choice(fictional.CASE_SUMMARIES).format(
            abuser_role=abuser_role, children=count_words.get(len(child_ages), f"{len(child_ages)} children")
        ),
        opened_on=opened_on,
        closed_on=closed_on,
        outcome="",
        closure_note="",
        separated_on=separated_on,
        addresses=addresses,
        people=people,
        relationships=relationships,
        entries=[],
    )
    if closed:
        plan.outcome = rng.choice(list(fictional.CLOSURE_NOTES))
        plan.closure_note = fictional.CLOSURE_NOTES[plan.outcome].format(victim=victim.name, abuser=abuser.name)

    _plan_contacts(rng, plan, contacts)
    _plan_childs_own_words(rng, plan, today)
    _plan_chronology(
        rng, plan, start=start, end=end, count=rng.randint(*entries), impacts=impacts, escalating=escalating
    )
    return plan


def _plan_contacts(rng: random.Random, plan: HouseholdPlan, limits: tuple[int, int]) -> None:
    """Contact details, most useful first. A new number after leaving is confidential: it would help find her."""
    victim = plan.people[plan.index_of(NON_ABUSING_PARENT)]
    abuser = plan.people[plan.index_of(PARENT_USING_ABUSE)]
    hidden = plan.separated_on is not None
    candidates: list[tuple[PersonPlan, ContactPlan]] = [
        (victim, ContactPlan("phone", fictional.mobile_number(rng), "", hidden)),
        (
            victim,
            ContactPlan(
                "safe_contact",
                "Call the refuge office and ask for the key worker"
                if plan.addresses[0].kind == "refuge"
                else "Text first and wait for a reply before calling",
                rng.choice(["Only between 10am and 2pm on weekdays", "Never leave a voicemail", ""]),
                True,
            ),
        ),
        (abuser, ContactPlan("phone", fictional.mobile_number(rng), "", False)),
        (victim, ContactPlan("email", fictional.email_address(rng, victim.first_name, victim.last_name), "", hidden)),
        (abuser, ContactPlan("phone", fictional.landline_number(rng), "Work number", False)),
    ]
    for index in plan.children():
        child = plan.people[index]
        if child.age_on(plan.opened_on) >= 13:
            candidates.insert(2, (child, ContactPlan("phone", fictional.mobile_number(rng), "", hidden)))
    for person, contact in candidates[: rng.randint(*limits)]:
        person.contacts.append(contact)


def _plan_childs_own_words(rng: random.Random, plan: HouseholdPlan, today: dt.date) -> None:
    separated = plan.separated_on is not None
    for index in plan.children():
        child = plan.people[index]
        if child.age_on(today) < 4 or rng.random() < 0.3:
            continue
        options = [t for t in fictional.CHILDS_OWN_WORDS if _fits_age(t, child.age_on(today), separated)]
        chosen = rng.sample(options, k=min(len(options), rng.randint(1, 2)))
        child.childs_own_words = " ".join(_fill(t, rng, plan, child) for t in chosen)


def _fits_age(template: Template, age: int, separated: bool) -> bool:
    if template.needs_separation and not separated:
        return False
    return template.child_min_age <= age <= template.child_max_age


def _plan_chronology(
    rng: random.Random,
    plan: HouseholdPlan,
    *,
    start: dt.date,
    end: dt.date,
    count: int,
    impacts: tuple[int, int],
    escalating: bool,
) -> None:
    abuser_i = plan.index_of(PARENT_USING_ABUSE)
    child_indexes = plan.children()
    children = [plan.people[i] for i in child_indexes]
    span = (end - start).days
    days = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(count))
    used: set[str] = set()
    behaviours_so_far: set[str] = set()
    used_by_child: dict[int, set[str]] = {i: set() for i in child_indexes}
    # The first entry is always coercive control: the pattern the rest of the chronology builds on.
    for position, day in enumerate(days):
        separated = plan.separated_on is not None and day >= plan.separated_on
        progress = position / max(1, count - 1)
        if position == 0:
            behaviour = "coercive_control"
        elif separated and rng.random() < 0.7:
            behaviour = rng.choice(fictional.AFTER_SEPARATION_BEHAVIOURS)
        elif escalating and progress >= 0.4 and "sexual" not in behaviours_so_far and rng.random() < 0.06:
            behaviour = "sexual"
        elif escalating and progress >= 0.4:
            behaviour = rng.choice(fictional.LATER_BEHAVIOURS)
        elif escalating:
            behaviour = rng.choice(fictional.EARLY_BEHAVIOURS)
        else:
            behaviour = rng.choice((*fictional.EARLY_BEHAVIOURS, "psychological", "harm_to_child"))
        choice = _choose_template(
            rng, fictional.DESCRIPTIONS[behaviour], children, day, separated=separated, behaviour=behaviour, used=used
        )
        if choice is None:
            behaviour = "coercive_control"
            choice = _choose_template(
                rng,
                fictional.DESCRIPTIONS[behaviour],
                children,
                day,
                separated=separated,
                behaviour=behaviour,
                used=used,
            )
        if choice is None:  # cannot happen: the first coercive-control template names no child and fits any time
            raise RuntimeError(f"No chronology template fits {day} in this household")
        template, named_child = choice

        reporter = template.reporter or rng.choice(fictional.REPORTERS_BY_BEHAVIOUR[behaviour])
        talking_children = [c for c in children if c.born <= day and c.age_on(day) >= 4]
        if reporter in {"child", "school"} and not talking_children:
            reporter = "victim_survivor"
        occurred_to = None
        if behaviour in PATTERN_BEHAVIOURS and rng.random() < 0.25:
            occurred_to = min(end, day + dt.timedelta(days=rng.randint(3, 40)))
        entry = EntryPlan(
            behaviour=behaviour,
            responsible=abuser_i,
            description=_fill(template, rng, plan, named_child),
            occurred_from=day,
            occurred_to=occurred_to if occurred_to and occurred_to > day else None,
            approximate=day < plan.opened_on and rng.random() < 0.3,
            reporter=reporter,
            source_document=template.source or fictional.source_document(rng, reporter, max(day, plan.opened_on)),
            impacts=[],
        )

        born = [i for i in child_indexes if plan.people[i].born <= day]
        wanted = min(len(born), rng.randint(*impacts))
        for index in rng.sample(born, k=wanted):
            child = plan.people[index]
            option = _choose_template(
                rng,
                fictional.IMPACTS,
                [child],
                day,
                separated=separated,
                behaviour=behaviour,
                used=used_by_child[index],
            )
            if option is not None:
                entry.impacts.append(ImpactPlan(index, _fill(option[0], rng, plan, child)))
        plan.entries.append(entry)
        behaviours_so_far.add(behaviour)
