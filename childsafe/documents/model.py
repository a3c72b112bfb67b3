"""The document model: what a document says, before it is drawn as a PDF or a Word document.

Documents are built from presenters (`childsafe.disclosure.presenters`) into this model, and both renderers draw
only this model, so a field the policy denies cannot reach either format. Every piece of text is cleaned on the
way in: characters that cannot appear in a PDF's text or a Word document's XML (NUL and other control characters,
lone surrogates) are removed, and line endings are made "\\n".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from childsafe.disclosure.classes import Audience
from childsafe.disclosure.policy import Reader

# Everything XML 1.0 forbids, plus the C1 controls and the non-characters: never meaningful in a document.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
AUTHOR = "childsafe"


def clean(text: str) -> str:
    return _FORBIDDEN.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


class DocumentKind(StrEnum):
    CASE_SUMMARY = "case_summary"
    PLAN = "plan"

    @property
    def file_prefix(self) -> str:
        return self.value.replace("_", "-")


AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.PROFESSIONAL: "professionals",
    Audience.NON_ABUSING_PARENT: "the non-abusing parent",
    Audience.PARENT_USING_ABUSE: "the parent using abusive behaviours",
}


def version_label(reader: Reader) -> str:
    """Who a version is for, as the footer of every page says it."""
    if reader.audience == Audience.PROFESSIONAL:
        if reader.sees_confidential_locations:
            return "professionals (lead organisation)"
        return "professionals (without confidential locations)"
    return AUDIENCE_LABELS[reader.audience]


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str

    def __post_init__(self) -> None:
        self.text = clean(self.text)


@dataclass
class Heading:
    """A heading inside a section (the section's own heading is level 2; these are 3)."""

    kind: ClassVar[str] = "heading"

    text: str

    def __post_init__(self) -> None:
        self.text = clean(self.text)


@dataclass
class KeyValues:
    """A summary list: a label and its value on each row."""

    kind: ClassVar[str] = "key_values"

    rows: list[tuple[str, str]]

    def __post_init__(self) -> None:
        self.rows = [(clean(key), clean(value)) for key, value in self.rows if value]


@dataclass
class BulletList:
    kind: ClassVar[str] = "bullets"
    items: list[str]

    def __post_init__(self) -> None:
        self.items = [clean(item) for item in self.items if item]


@dataclass
class Table:
    kind: ClassVar[str] = "table"
    caption: str
    headings: list[str]
    rows: list[list[str]]
    # Relative column widths; the renderers turn them into percentages (PDF, in steps of 5) and millimetres (Word).
    weights: list[int] | None = None

    def __post_init__(self) -> None:
        self.caption = clean(self.caption)
        self.headings = [clean(heading) for heading in self.headings]
        self.rows = [[clean(cell) for cell in row] for row in self.rows]

    @property
    def widths(self) -> list[int]:
        """Column widths in percent, in steps of 5 (the print stylesheet has a class for each)."""
        if not self.weights:
            return []
        total = sum(self.weights)
        return [max(5, round(weight * 20 / total) * 5) for weight in self.weights]


Block = Paragraph | Heading | KeyValues | BulletList | Table


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.heading = clean(self.heading)


@dataclass
class Document:
    """One document for one audience. `title` is also its metadata title, so it never holds a name or content:
    "Case summary", "Child protection plan"."""

    kind: DocumentKind
    title: str
    reference: str
    audience: Audience
    version_label: str  # "professionals (lead organisation)", "the parent using abusive behaviours"
    generated_on: dt.date
    sections: list[Section] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = clean(self.title)
        self.version_label = clean(self.version_label)

    @property
    def footer_text(self) -> str:
        return f"Version for {self.version_label}. Generated {self.generated_on.day} {self.generated_on:%B %Y}."

    @property
    def subject(self) -> str:
        """The metadata subject: what the document is and for whom, with no name or case content."""
        return f"{self.title}: version for {AUDIENCE_LABELS[self.audience]}"

    @property
    def keywords(self) -> list[str]:
        return [PROTECTIVE_MARKING, self.kind.value, self.audience.value]

    def filename(self, extension: str) -> str:
        """plan-CS-ABCD-EFGH-parent-using-abuse-2026-11-25.pdf: the case reference, never a person's name."""
        audience = self.audience.value.replace("_", "-")
        return f"{self.kind.file_prefix}-{self.reference}-{audience}-{self.generated_on.isoformat()}.{extension}"
