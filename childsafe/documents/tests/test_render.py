"""Both renderers: neutral metadata, nothing in the files but the document, nothing fetched, any text drawn safely."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from childsafe.conftest import person
from childsafe.disclosure.classes import Audience
from childsafe.disclosure.policy import Reader
from childsafe.documents.case_summary import build_case_summary
from childsafe.documents.model import Document, DocumentKind, KeyValues, Paragraph, Section, Table, clean
from childsafe.documents.render import (
    STYLESHEET_URL,
    OwnStylesheetOnly,
    URLRefused,
    render_docx,
    render_html,
    render_pdf,
)
from childsafe.documents.tests.oracle import docx_text, docx_visible_text, normalise, pdf_page_text, pdf_text

TODAY = dt.date(2026, 11, 25)


def document(*blocks, audience=Audience.PARENT_USING_ABUSE, kind=DocumentKind.PLAN, title="Child protection plan"):
    return Document(
        kind=kind,
        title=title,
        reference="CS-ABCD-EFGH",
        audience=audience,
        version_label="the parent using abusive behaviours",
        generated_on=TODAY,
        sections=[Section("What is expected", list(blocks))],
    )


@pytest.fixture
def summary(a_case):
    mum = person(a_case, "non_abusing_parent")
    mum.school_or_setting = "Nowhere"
    mum.save()
    return build_case_summary(a_case, Reader(Audience.PROFESSIONAL, None, True), today=TODAY)


def test_file_names_carry_the_reference_audience_and_date_and_no_name():
    assert document().filename("pdf") == "plan-CS-ABCD-EFGH-parent-using-abuse-2026-11-25.pdf"
    assert document(kind=DocumentKind.CASE_SUMMARY, audience=Audience.PROFESSIONAL).filename("docx") == (
        "case-summary-CS-ABCD-EFGH-professional-2026-11-25.docx"
    )


def test_pdf_metadata_is_neutral(summary, a_case):
    reader = PdfReader(io.BytesIO(render_pdf(summary)))
    info = dict(reader.metadata)
    assert info["/Title"] == "Case summary"
    assert info["/Author"] == "childsafe"
    assert info["/Creator"] == "childsafe"
    assert info["/Subject"] == "Case summary: version for professionals"
    assert info["/Keywords"] == "OFFICIAL-SENSITIVE, case_summary, professional"
    names = [p.first_name for p in a_case.people.all()] + [p.last_name for p in a_case.people.all()]
    metadata = " ".join(str(value) for value in info.values())
    assert [name for name in names if name in metadata] == []
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_pdf_pages_carry_the_marking_the_version_the_date_and_page_numbers(summary):
    reader = PdfReader(io.BytesIO(render_pdf(summary)))
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count("OFFICIAL-SENSITIVE") >= 2  # top and bottom of every page
        assert f"Page {number} of {len(reader.pages)}" in text
        assert "Version for professionals (lead organisation). Generated 25 November 2026." in text


def test_docx_core_properties_are_neutral_and_the_template_parts_are_gone(summary, a_case):
    data = render_docx(summary)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        settings_xml = archive.read("word/settings.xml").decode()
        body = archive.read("word/document.xml").decode()
        footer = "".join(archive.read(name).decode() for name in names if name.startswith("word/footer"))
    assert not [name for name in names if name.startswith("customXml") or "thumbnail" in name]
    assert "docProps/app.xml" not in names
    assert not [name for name in names if "comments" in name]
    assert "trackRevisions" not in settings_xml and "removePersonalInformation" in settings_xml
    assert "<w:ins " not in body and "<w:del " not in body
    assert "PAGE" in footer and "NUMPAGES" in footer and "OFFICIAL-SENSITIVE" in footer
    import docx

    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == "Case summary"
    assert properties.author == properties.last_modified_by == "childsafe"
    assert properties.subject == "Case summary: version for professionals"
    assert properties.comments == ""
    assert properties.category == "OFFICIAL-SENSITIVE"
    assert properties.keywords == "OFFICIAL-SENSITIVE, case_summary, professional"
    people = " ".join(f"{p.first_name} {p.last_name}" for p in a_case.people.all())
    assert "Fernhill" in people
    text = " ".join(str(getattr(properties, name)) for name in ("title", "subject", "keywords", "category"))
    assert "Fernhill" not in text and "Darren" not in text


class RecordingFetcher(OwnStylesheetOnly):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        return super().fetch(url, headers)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/x.css", "data:text/css,body{}", "x.css"],
)
def test_the_url_fetcher_refuses_everything_but_the_stylesheet(url):
    fetcher = OwnStylesheetOnly()
    with pytest.raises(URLRefused):
        fetcher.fetch(url)
    assert b"@page" in fetcher.fetch(STYLESHEET_URL).read()


def test_markup_that_names_a_file_or_a_server_is_never_fetched():
    """Even if a document's HTML named other resources, WeasyPrint could only ask our fetcher, which refuses."""
    import weasyprint

    fetcher = RecordingFetcher()
    html = (
        f'<link rel="stylesheet" href="{STYLESHEET_URL}"><img src="file:///etc/passwd">'
        '<img src="http://127.0.0.1:9/tracker.png"><p>text</p>'
    )
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert set(fetcher.asked) == {STYLESHEET_URL, "file:///etc/passwd", "http://127.0.0.1:9/tracker.png"}
    assert "root:" not in pdf_text(pdf)


MARKUP = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "<img src=file:///etc/passwd>",
    "{{7*7}} {% raw %}",
    "&amp; &lt;b&gt; ]]> <![CDATA[x]]>",
    "javascript:alert(1)",
]
any_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40).map(lambda t: (t * 10_000)[:10_000]),
    st.sampled_from(["Ŵyn ŷn y dŵr", "‮reversed‬", "emoji 👧🏽🏠", "nul\x00byte", "tab\tand\r\nbreaks"]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, markup=st.sampled_from(MARKUP))
def test_any_text_renders_in_both_formats_and_markup_stays_text(text, markup):
    doc = document(
        Paragraph(f"{markup} {text}"),
        KeyValues([("What is expected", f"{markup}\n{text}")]),
        Table("Actions", ["What", "By when"], [[markup, text]]),
    )
    html = render_html(doc)
    if any(character in markup for character in '<>&"'):
        assert markup not in html  # escaped, so never markup
    else:
        assert markup in html  # and text that needs no escaping is never evaluated ({{7*7}} stays as typed)
    assert "\x00" not in html
    pdf, word = render_pdf(doc), render_docx(doc)
    expected = normalise(clean(markup))
    assert expected in normalise(pdf_page_text(pdf))
    assert expected in normalise(docx_visible_text(word))
    assert "\x00" not in docx_text(word)


def test_html_escapes_everything_it_is_given():
    html = render_html(document(Paragraph("<script>alert('x')</script>\nsecond line")))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>second line" in html
    assert re.search(r"<link rel=\"stylesheet\" href=\"childsafe-document:document.css\">", html)


def test_text_no_font_can_draw_is_not_written_to_the_log(caplog):
    """WeasyPrint logs the characters it has no glyph for: a name in a script the fonts lack must not reach the log."""
    unsupported = "\ue000\ue001\ue002"  # private use: no font has them
    with caplog.at_level(logging.DEBUG):
        render_pdf(document(Paragraph(f"Known as {unsupported}")))
    assert ".notdef glyph rendered" in caplog.text  # the library did complain
    assert unsupported[0] not in caplog.text
    assert all(unsupported[0] not in str(record.args) for record in caplog.records)
