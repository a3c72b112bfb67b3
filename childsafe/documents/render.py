"""Drawing a document model as HTML, PDF (WeasyPrint) and Word (python-docx), from the same model.

PDF: the model goes through an autoescaped Jinja template into HTML, and WeasyPrint draws it with a URL fetcher
that serves our own stylesheet and refuses every other URL (no file://, no http, no data:), so nothing a user typed
can make the renderer read a file or call out. Its metadata (title, author, subject, keywords) is neutral.

Word: python-docx's default template, stripped of the parts that could carry anything not ours (its bibliography
custom XML, its thumbnail, its application properties), with neutral core properties, the protective marking in the
header and footer, and page numbers as fields. No comments or tracked changes are ever added; the settings ask
Word to remove personal information from the file when it is saved.
"""

from __future__ import annotations

import io
import logging
import re
from functools import cache
from importlib import resources
from typing import Any

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from childsafe.documents.model import (
    AUTHOR,
    PROTECTIVE_MARKING,
    BulletList,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Table,
)

PRINT_FILES = resources.files("childsafe.documents") / "print"
# The one URL a document may load. A scheme of our own, so it can never be mistaken for a file or web address.
STYLESHEET_URL = "childsafe-document:document.css"

PDF_MEDIA_TYPE = "application/pdf"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# Libraries that draw the documents and log pieces of the text they draw: WeasyPrint names a character no installed
# font has ('.notdef glyph rendered for Unicode string ... "ዓ"'), fontTools names glyphs. A document's text is
# personal data, and logs are shipped off the machine, so their records keep the message and lose the arguments.
RENDERING_LOGGERS = ("weasyprint", "fontTools", "tinycss2", "cssselect2", "tinyhtml5", "pydyf")
REDACTED = "[text not logged]"


class RedactArguments(logging.Filter):
    """Replaces what a log record's arguments would have put in its message (where a library puts the text it was
    working on) with a placeholder, keeping the rest of the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            template = record.msg if isinstance(record.msg, str) else ""
            record.msg = _CONVERSION.sub(lambda match: "%" if match.group() == "%%" else REDACTED, template)
            record.args = ()
        return True


# A %-conversion in a log message ("%s", "%04X", "%(name)r") or an escaped "%%".
_CONVERSION = re.compile(r"%%|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]")


_REDACTION = RedactArguments()


def redact_rendering_logs() -> None:
    """Put the filter on every logger of the rendering libraries (a filter on a logger does not cover its
    children, and libraries create loggers as they import modules, so this runs before each render)."""
    for name in list(logging.root.manager.loggerDict):
        if name.split(".")[0] in RENDERING_LOGGERS:
            logger = logging.getLogger(name)
            if _REDACTION not in logger.filters:
                logger.addFilter(_REDACTION)


class URLRefused(ValueError):
    """A document asked for something other than its own stylesheet."""


class OwnStylesheetOnly(URLFetcher):
    """Serves the document stylesheet; refuses every other URL, whatever its scheme."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url == STYLESHEET_URL:
            return URLFetcherResponse(url, body=stylesheet(), headers={"Content-Type": "text/css; charset=utf-8"})
        raise URLRefused("Documents load nothing but their own stylesheet")


@cache
def stylesheet() -> bytes:
    return (PRINT_FILES / "document.css").read_bytes()


def _lines(text: str) -> Markup:
    """Text with its line breaks kept: each line escaped, joined by <br>."""
    return Markup("<br>").join(escape(line) for line in str(text).split("\n"))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(PRINT_FILES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["lines"] = _lines
    return environment


def render_html(document: Document) -> str:
    return (
        _environment()
        .get_template("document.html")
        .render(document=document, author=AUTHOR, stylesheet_url=STYLESHEET_URL)
    )


def render_pdf(document: Document) -> bytes:
    redact_rendering_logs()
    html = HTML(string=render_html(document), url_fetcher=OwnStylesheetOnly(), base_url=None)
    return html.write_pdf(pdf_tags=True)


# Word ------------------------------------------------------------------------------------------------------------

WORD_FONT = "Arial"


def _strip_template_parts(word: Any) -> None:
    """Drop the default template's parts that are not ours: its custom XML (a bibliography store), the thumbnail
    of a blank page and the application properties naming another program."""
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            package.rels.pop(rel_id)
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML:
            word.part.rels.pop(rel_id)
    settings = word.settings.element
    for name in ("w:savePreviewPicture", "w:rsids", "w:trackRevisions"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    # Ask Word to keep authors' names and dates out of the file if someone edits and saves it.
    zoom = settings.find(qn("w:zoom"))
    remove_personal = OxmlElement("w:removePersonalInformation")
    if zoom is not None:
        zoom.addnext(remove_personal)
    else:
        settings.insert(0, remove_personal)


def _set_properties(word: Any, document: Document) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subject
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.comments = ""
    properties.keywords = ", ".join(document.keywords)
    properties.category = PROTECTIVE_MARKING
    properties.content_status = ""
    properties.identifier = ""
    properties.language = "en-GB"
    properties.version = ""
    properties.revision = 1


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in its own run: Word fills it in when the page is drawn."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _header_and_footer(word: Any, document: Document) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(22)
    section.left_margin = section.right_margin = Mm(18)
    header = section.header.paragraphs[0]
    header.text = PROTECTIVE_MARKING
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{PROTECTIVE_MARKING}. {document.footer_text} Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(8)


def _paragraph_with_lines(container: Any, text: str, style: str | None = None, bold: bool = False) -> Any:
    paragraph = container.add_paragraph(style=style) if style else container.add_paragraph()
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    if bold:
        run.bold = True
    for line in lines[1:]:
        run.add_break()
        run = paragraph.add_run(line)
        if bold:
            run.bold = True
    return paragraph


def _cell_text(cell: Any, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    run.bold = bold or None
    for line in lines[1:]:
        run.add_break()
        run = paragraph.add_run(line)
        run.bold = bold or None


def _table(word: Any, headings: list[str] | None, rows: list[list[str]], widths: list[float] | None = None) -> None:
    columns = len(headings) if headings else len(rows[0])
    table = word.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    if headings:
        cells = table.add_row().cells
        for cell, heading in zip(cells, headings, strict=True):
            _cell_text(cell, heading, bold=True)
        # Repeat the heading row on each page, as the PDF does.
        row_properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        row_properties.append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            _cell_text(cell, text, bold=headings is None and index == 0)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
    word.add_paragraph()


def render_docx(document: Document) -> bytes:
    word = WordDocument()
    _strip_template_parts(word)
    _set_properties(word, document)
    normal = word.styles["Normal"]
    normal.font.name = WORD_FONT
    normal.font.size = Pt(11)
    _header_and_footer(word, document)

    word.add_paragraph(f"Case {document.reference}")
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.footer_text)
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _paragraph_with_lines(word, block.text)
            elif isinstance(block, Heading):
                word.add_heading(block.text, level=2)
            elif isinstance(block, KeyValues):
                if block.rows:
                    _table(word, None, [[key, value] for key, value in block.rows], widths=[60, 114])
            elif isinstance(block, BulletList):
                for item in block.items:
                    _paragraph_with_lines(word, item, style="List Bullet")
            elif isinstance(block, Table):
                _paragraph_with_lines(word, block.caption, bold=True)
                if block.rows:
                    widths = [174 * percent / 100 for percent in block.widths] if block.widths else None
                    _table(word, block.headings, block.rows, widths)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
