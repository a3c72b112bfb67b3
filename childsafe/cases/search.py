"""Finding a case from what a practitioner types: a case reference, a date of birth, or a name."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from childsafe.cases.models import REFERENCE_ALPHABET, Case, Person

MAX_QUERY_LENGTH = 100
_REFERENCE = re.compile(rf"^(CS)?-?([{REFERENCE_ALPHABET}]{{4}})-?([{REFERENCE_ALPHABET}]{{4}})$")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %m %Y", "%d %B %Y", "%d %b %Y")


@dataclass(frozen=True)
class CaseQuery:
    kind: str  # "reference", "date_of_birth", "name" or "empty"
    text: str
    reference: str = ""
    date_of_birth: dt.date | None = None
    words: tuple[str, ...] = ()


def _printable(raw: str) -> str:
    # Control characters (NUL above all) cannot be stored or matched in PostgreSQL and are never typed on purpose.
    return "".join(" " if unicodedata.category(char) in {"Cc", "Cf", "Cs"} else char for char in raw)


def parse_query(raw: str) -> CaseQuery:
    text = " ".join(_printable(raw or "").split())[:MAX_QUERY_LENGTH]
    if not text:
        return CaseQuery(kind="empty", text="")
    match = _REFERENCE.match(text.upper().replace(" ", ""))
    if match:
        return CaseQuery(kind="reference", text=text, reference=f"CS-{match.group(2)}-{match.group(3)}")
    for date_format in _DATE_FORMATS:
        try:
            return CaseQuery(
                kind="date_of_birth", text=text, date_of_birth=dt.datetime.strptime(text, date_format).date()
            )
        except ValueError:
            continue
    words = tuple(word for word in re.split(r"[\s,]+", text) if word)[:4]
    return CaseQuery(kind="name", text=text, words=words)


def filter_cases(cases: QuerySet[Case], query: CaseQuery, *, known_as_hidden: bool = False) -> QuerySet[Case]:
    """Narrow already-permitted cases. Names match the start of a first, last or known-as name, every word.

    With `known_as_hidden` (a user who may not see the household's known-as names, `cases.access.may_see`), only
    the person using abuse's known-as name is matched: a search must not confirm a guess at a name kept from them.
    """
    if query.kind == "reference":
        return cases.filter(reference=query.reference)
    if query.kind == "date_of_birth":
        return cases.filter(Exists(Person.objects.filter(case=OuterRef("pk"), date_of_birth=query.date_of_birth)))
    if query.kind == "name":
        people = Person.objects.filter(case=OuterRef("pk"))
        for word in query.words:
            known_as = Q(known_as__istartswith=word)
            if known_as_hidden:
                known_as &= Q(role_in_case=Person.RoleInCase.PARENT_USING_ABUSE)
            people = people.filter(Q(first_name__istartswith=word) | Q(last_name__istartswith=word) | known_as)
        return cases.filter(Exists(people))
    return cases
