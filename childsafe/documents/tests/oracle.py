"""The leak oracle: every piece of text a PDF or Word document carries, normalised so a canary cannot hide.

PDF: the text of every page, the document information, the XMP metadata, the bookmarks, and every string and
stream in every object of the file (structure tags, annotations, anything else). Word: every XML part in the zip
(body, tables, headers, footers, core properties, comments, custom XML), both raw and as joined text, so a value
split across runs is still found, plus python-docx's own reading of paragraphs, tables, headers, footers and core
properties. Normalising: HTML/XML entities unescaped, NFKC, every whitespace character removed.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable

import docx
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

# Whitespace, invisible formatting characters and control characters (pypdf sometimes reads a font's text as
# UTF-16 with a NUL before every character): none may split a canary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_SPACE = re.compile(r"[\s\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\xad]+")


def normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", html.unescape(_CONTROL.sub("", text))))


def _strings(value: object, seen: set[int], out: list[str], depth: int = 0) -> None:
    if depth > 60:
        return
    if isinstance(value, IndirectObject):
        if value.idnum in seen:
            return
        seen.add(value.idnum)
        value = value.get_object()
    if isinstance(value, StreamObject):
        # An undecodable stream (a filter pypdf does not know) carries no text to find.
        with contextlib.suppress(Exception):
            out.append(value.get_data().decode("utf-8", "ignore"))
    if isinstance(value, DictionaryObject):
        for key, item in value.items():
            out.append(str(key))
            _strings(item, seen, out, depth + 1)
    elif isinstance(value, ArrayObject):
        for item in value:
            _strings(item, seen, out, depth + 1)
    elif isinstance(value, str | bytes):
        out.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    if reader.metadata:
        parts += [f"{key}={value}" for key, value in reader.metadata.items()]
    xmp = reader.xmp_metadata
    if xmp is not None:
        parts.append(etree.tostring(xmp.rdf_root, encoding="unicode"))

    def outline_titles(items: Iterable[object]) -> None:
        for item in items:
            if isinstance(item, list):
                outline_titles(item)
            else:
                parts.append(str(getattr(item, "title", "")))

    outline_titles(reader.outline)
    seen: set[int] = set()
    _strings(reader.trailer, seen, parts)
    for number in range(1, int(reader.trailer.get("/Size", 0))):
        try:
            _strings(IndirectObject(number, 0, reader), seen, parts)
        except Exception:  # noqa: S112 - a free object number
            continue
    return "\n".join(parts)


def pdf_page_text(data: bytes) -> str:
    """Only what a reader sees on the pages (for checking content that must be there)."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(data: bytes) -> str:
    parts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            parts.append(name)
            raw = archive.read(name)
            decoded = raw.decode("utf-8", "ignore")
            parts.append(decoded)
            if name.endswith((".xml", ".rels")):
                with contextlib.suppress(etree.XMLSyntaxError):
                    parts.append("".join(etree.fromstring(raw).itertext()))
    document = docx.Document(io.BytesIO(data))
    parts += [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [paragraph.text for paragraph in part.paragraphs]
    properties = document.core_properties
    parts += [
        str(getattr(properties, name) or "")
        for name in (
            "author",
            "category",
            "comments",
            "content_status",
            "identifier",
            "keywords",
            "language",
            "last_modified_by",
            "subject",
            "title",
            "version",
        )
    ]
    return "\n".join(parts)


def docx_visible_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def found(canaries: Iterable[str], *texts: str) -> set[str]:
    """The canaries that appear in any of these texts, after normalising both."""
    haystack = "\n".join(normalise(text) for text in texts)
    return {canary for canary in canaries if normalise(canary) in haystack}
