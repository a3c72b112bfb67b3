"""The directory as CSV: export (every field, header row, formula escaping), import (every kind of bad input reported
by line and column, all or nothing, preview then confirm), and round trips that change nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childsafe.audit.models import AuditEntry
from childsafe.services.csv_io import COLUMNS, apply_import, escape_cell, export_csv, plan_import, unescape_cell
from childsafe.services.directory import values_of
from childsafe.services.models import Service
from childsafe.services.tests.conftest import saved

pytestmark = pytest.mark.django_db

GOOD = {
    "key": "nb-group",
    "name": "Willow Tree Children's Group",
    "service_type": "childrens_group_work",
    "description": "A 12-week group",
    "tiers": "2; 3",
    "serves": "child",
    "areas": "Northbrook; Southmere",
    "min_age": "5",
    "max_age": "11",
    "capacity": "4",
    "waiting_weeks": "4",
    "referral_route": "Referral form",
    "phone": "01632 960140",
    "email": "willowtree@nbfamilies.example",
    "evidence": "Evaluated 2023",
    "evidence_level": "evaluated",
    "is_active": "yes",
    "last_reviewed": "2026-03-27",
}


def csv_bytes(*rows: dict[str, str], header: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header or COLUMNS)
    for row in rows:
        writer.writerow([row.get(column, "") for column in (header or COLUMNS)])
    return buffer.getvalue().encode("utf-8")


def problems(data: bytes) -> list[str]:
    return [problem.text for problem in plan_import(data).problems]


def exported_rows(services) -> list[dict[str, str]]:
    text = export_csv(services)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


class TestExport:
    def test_every_field_under_a_header_row(self):
        group = saved(
            key="nb-group",
            name="Willow Tree Children's Group",
            service_type="childrens_group_work",
            description="A 12-week group",
            tiers=[2, 3],
            serves=["child"],
            areas=["Northbrook", "Southmere"],
            min_age=5,
            max_age=11,
            capacity=4,
            waiting_weeks=4,
            referral_route="Referral form",
            phone="01632 960140",
            email="willowtree@nbfamilies.example",
            evidence="Evaluated 2023",
            evidence_level="evaluated",
            last_reviewed=dt.date(2026, 3, 27),
        )
        [row] = exported_rows([group])
        assert list(row) == list(COLUMNS)
        assert row == GOOD

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
    def test_cells_a_spreadsheet_would_run_as_a_formula_are_escaped(self, start):
        text = f'{start}HYPERLINK("http://evil.example")'
        group = saved(name=text, description=text, phone=text)
        [row] = exported_rows([group])
        for column in ("name", "description", "phone"):
            assert row[column] == "'" + text

    def test_escaping_is_undone_exactly(self):
        for text in ["=1+1", "'=1+1", "''x", "'", "plain", "", "-"]:
            assert unescape_cell(escape_cell(text)) == text


class TestImportProblems:
    """Each kind of bad input is reported by line and column, in plain words, and nothing is imported."""

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                {"service_type": "refuje"},
                "Line 2, column “service_type”: “refuje” is not a type of service: "
                "use one of the keys listed on the import page",
            ),
            ({"tiers": "2; 5"}, "Line 2, column “tiers”: tier “5” is not a tier of need: tiers are 1, 2, 3 and 4"),
            ({"tiers": ""}, "Line 2, column “tiers”: enter at least one tier of need, from 1 to 4"),
            (
                {"min_age": "12", "max_age": "5"},
                "Line 2, column “min_age”: the youngest age (12) is above the oldest age (5)",
            ),
            ({"name": "  "}, "Line 2, column “name”: enter the name of the service"),
            (
                {"description": "x" * 2001},
                "Line 2, column “description”: must be 2,000 characters or fewer (it has 2,001)",
            ),
            ({"name": "x" * 201}, "Line 2, column “name”: must be 200 characters or fewer (it has 201)"),
            (
                {"serves": "children"},
                "Line 2, column “serves”: “children” is not one of chil"
                "d, non_abusing_parent, parent_using_abuse, whole_family",
            ),
            (
                {"min_age": "five"},
                "Line 2, column “min_age”: “five” is not a whole number: "
                "enter the youngest age as a number like 3, or leave it blank",
            ),
            (
                {"waiting_weeks": "-1"},
                "Line 2, column “waiting_weeks”: “-1” is not a whole number: "
                "enter the waiting time in weeks as a number like 3, or leave it blank",
            ),
            (
                {"email": "not an email"},
                "Line 2, column “email”: “not an email” is not an email"
                " address in the right format, like team@service.example",
            ),
            ({"is_active": "maybe"}, "Line 2, column “is_active”: “maybe” should be yes or no"),
            (
                {"last_reviewed": "31/02/2026"},
                "Line 2, column “last_reviewed”: “31/02/2026” is not a date: write it like 2026-03-27 or 27/03/2026",
            ),
            (
                {"evidence_level": "great"},
                "Line 2, column “evidence_level”: “great” is not one of evaluated, promising, not_yet_evaluated",
            ),
            ({"key": ""}, "Line 2, column “key”: enter a key: a short permanent identifier such as nb-womens-refuge"),
            (
                {"key": "has spaces"},
                "Line 2, column “key”: “has spaces” must use only letters, numbers, hyphens and underscores",
            ),
            ({"name": "a\x00b"}, "Line 2, column “name”: contains hidden control characters: retype it"),
            # "²".isdigit() is True but int("²") fails: these were a crash, not a message.
            (
                {"capacity": "²"},
                "Line 2, column “capacity”: “²” is not a whole number: "
                "enter the places available as a number like 3, or leave it blank",
            ),
            (
                {"max_age": "١٢"},
                "Line 2, column “max_age”: “١٢” is not a whole number: "
                "enter the oldest age as a number like 3, or leave it blank",
            ),
            ({"tiers": "2; ²"}, "Line 2, column “tiers”: tier “²” is not a tier of need: tiers are 1, 2, 3 and 4"),
            ({"tiers": "３"}, "Line 2, column “tiers”: tier “３” is not a tier of need: tiers are 1, 2, 3 and 4"),
        ],
    )
    def test_one_bad_value(self, change, expected):
        assert problems(csv_bytes({**GOOD, **change})) == [expected]

    def test_a_duplicate_key_names_the_line_it_first_appears_on(self):
        data = csv_bytes(GOOD, {**GOOD, "name": "Another"}, {**GOOD, "key": "other"}, {**GOOD, "name": "Third"})
        assert problems(data) == [
            "Line 3, column “key”: the key “nb-group” is also on line 2: each key may appear once",
            "Line 5, column “key”: the key “nb-group” is also on line 2: each key may appear once",
        ]

    def test_line_numbers_count_lines_inside_quoted_cells(self):
        data = csv_bytes({**GOOD, "description": "one\ntwo\nthree"}, {**GOOD, "key": "second", "tiers": "7"})
        assert problems(data) == ["Line 5, column “tiers”: tier “7” is not a tier of need: tiers are 1, 2, 3 and 4"]

    def test_not_utf8_says_which_line(self):
        data = csv_bytes(GOOD) + "second,Caf\xe9,childrens_group_work".encode("latin-1")
        assert problems(data) == [
            "Line 3: the file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and try again"
        ]

    def test_a_wrong_header(self):
        header = [column if column != "service_type" else "type" for column in COLUMNS] + ["notes"]
        assert problems(csv_bytes(GOOD, header=header)) == [
            "Line 1: the header row is wrong (missing service_type; not expected “type”, “notes”). "
            "Use the header row of an exported file"
        ]

    def test_a_row_with_too_few_values(self):
        data = csv_bytes(GOOD) + b"short,row\r\n"
        assert problems(data) == [
            "Line 3: has 2 values but the header has 18 columns: check for a missing or extra comma"
        ]

    def test_an_empty_file_and_a_header_alone(self):
        assert problems(b"") == ["The file is empty"]
        assert problems(csv_bytes()) == ["The file has a header row but no services"]

    def test_every_problem_in_the_file_is_listed_at_once(self):
        data = csv_bytes({**GOOD, "tiers": "5"}, {**GOOD, "key": "b", "name": ""}, {**GOOD, "key": "c"})
        assert [text.split(":")[0] for text in problems(data)] == ["Line 2, column “tiers”", "Line 3, column “name”"]


class TestImportApplies:
    def test_all_or_nothing(self, administrator):
        data = csv_bytes(GOOD, {**GOOD, "key": "bad", "tiers": "5"})
        with pytest.raises(Exception):  # noqa: B017 - ImportFailed; what matters is that nothing changed
            apply_import(data, by=administrator)
        assert not Service.objects.exists()
        assert not AuditEntry.objects.filter(object_type__startswith="service").exists()

    def test_creates_and_updates_by_key_and_logs_each(self, administrator):
        existing = saved(
            key="nb-group", name="Old name", service_type="childrens_group_work", tiers=[2, 3], serves=["child"]
        )
        data = csv_bytes(GOOD, {**GOOD, "key": "nb-new", "name": "New service", "tiers": "1"})
        plan = apply_import(data, by=administrator)
        assert (len(plan.creates), len(plan.updates)) == (1, 1)
        existing.refresh_from_db()
        assert existing.name == GOOD["name"] and existing.areas == ["Northbrook", "Southmere"]
        assert Service.objects.get(key="nb-new").tiers == [1]
        entries = AuditEntry.objects.filter(object_type="service")
        assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]
        update = entries.get(action="update")
        assert "name" in update.changed_fields and "key" not in update.changed_fields
        assert AuditEntry.objects.filter(object_type="service_import").count() == 1

    def test_importing_the_file_just_exported_changes_nothing(self, administrator):
        saved(key="a", name="=SUM(A1)", description='line one\r\nline two, "quoted"', phone="+44 1632 960000", areas=[])
        saved(
            key="b",
            name="Ŵyn's group",
            areas=["Northbrook", "Cwm Ŷ"],
            min_age=0,
            max_age=4,
            capacity=0,
            is_active=False,
        )
        before = {service.key: values_of(service) for service in Service.objects.all()}
        data = export_csv(Service.objects.all()).encode("utf-8")
        plan = plan_import(data)
        assert plan.ok and not plan.changes_anything and plan.unchanged == 2
        apply_import(data, by=administrator)
        assert {service.key: values_of(service) for service in Service.objects.all()} == before
        assert not AuditEntry.objects.filter(object_type__startswith="service").exists()


# Any text a worker can store survives export and import unchanged (NUL cannot be stored: forms refuse it).
text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=60)
named = text.filter(lambda value: value.strip() != "")
area = st.text(
    st.characters(blacklist_characters="\x00;,", blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=20
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=named,
    description=text,
    route=text,
    phone=st.text(max_size=40).filter(lambda v: "\x00" not in v),
    evidence=text,
    areas=st.lists(area, max_size=3, unique_by=str.casefold),
)
def test_any_text_in_any_field_survives_export_then_import(
    administrator, name, description, route, phone, evidence, areas
):
    Service.objects.all().delete()
    stored = saved(
        key="k", name=name, description=description, referral_route=route, phone=phone, evidence=evidence, areas=areas
    )
    data = export_csv([stored]).encode("utf-8")
    plan = plan_import(data)
    assert plan.ok, [problem.text for problem in plan.problems]
    assert plan.unchanged == 1 and not plan.changes_anything
    Service.objects.all().delete()
    apply_import(data, by=administrator)
    assert values_of(Service.objects.get(key="k")) == values_of(stored)


class TestImportPages:
    def upload(self, client, data: bytes):
        return client.post(
            reverse("services:import_directory"), {"file": SimpleUploadedFile("d.csv", data, "text/csv")}
        )

    def test_preview_then_confirm(self, client_for, administrator):
        client = client_for(administrator)
        page = self.upload(client, csv_bytes(GOOD)).content.decode()
        assert "Check the import" in page and "1 service will be added" in page
        assert not Service.objects.exists()
        token = page.split('name="token" value="')[1].split('"')[0]
        response = client.post(reverse("services:confirm_import"), {"token": token})
        assert response.status_code == 302
        assert Service.objects.get().key == "nb-group"
        # Confirming twice does nothing more.
        client.post(reverse("services:confirm_import"), {"token": token})
        assert Service.objects.count() == 1

    def test_a_file_with_problems_lists_them_and_imports_nothing(self, client_for, administrator):
        response = self.upload(client_for(administrator), csv_bytes({**GOOD, "tiers": "5"}))
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page and "nothing has been imported" in page
        assert "Line 2, column “tiers”: tier “5” is not a tier of need" in page
        assert not Service.objects.exists()

    def test_a_superscript_digit_is_a_problem_on_its_line_and_imports_nothing(self, client_for, administrator):
        response = self.upload(client_for(administrator), csv_bytes({**GOOD, "waiting_weeks": "²", "tiers": "²"}))
        page = response.content.decode()
        assert response.status_code == 200
        assert "nothing has been imported" in page
        assert "Line 2, column “tiers”: tier “²” is not a tier of need" in page
        assert "Line 2, column “waiting_weeks”: “²” is not a whole number" in page
        assert not Service.objects.exists()

    def test_confirming_plans_again_against_the_directory_as_it_is_then(self, client_for, administrator):
        client = client_for(administrator)
        data = csv_bytes(GOOD, {**GOOD, "key": "two", "name": "Two"})
        page = self.upload(client, data).content.decode()
        assert "2 services will be added" in page
        token = page.split('name="token" value="')[1].split('"')[0]
        saved(key="two", name="Added by someone else meanwhile")
        assert client.post(reverse("services:confirm_import"), {"token": token}).status_code == 302
        assert Service.objects.count() == 2
        assert Service.objects.get(key="two").name == "Two"

    def test_export_is_for_administrators_and_is_logged(self, client_for, administrator, allocated_worker):
        saved(name="=cmd")
        response = client_for(administrator).post(reverse("services:export_directory"))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith('attachment; filename="service-directory-')
        assert "'=cmd" in response.content.decode("utf-8")
        assert AuditEntry.objects.filter(action="export", object_type="service").count() == 1
        assert client_for(administrator).get(reverse("services:export_directory")).status_code == 405
        assert client_for(allocated_worker).post(reverse("services:export_directory")).status_code == 403
