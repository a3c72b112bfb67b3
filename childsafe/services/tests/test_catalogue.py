"""The data files: service types and tiers, and the programme standard, validated by their schemas; and the types
cover every kind of service in the seed documents."""

from __future__ import annotations

import copy

import pytest
import yaml

from childsafe.services import catalogue
from childsafe.services.catalogue import CatalogueError, Whom, parse_service_types


def raw() -> dict:
    return yaml.safe_load(catalogue.SERVICE_TYPES_FILE.read_text(encoding="utf-8"))


def test_the_data_files_load():
    assert len(catalogue.service_types()) >= 20
    assert [tier.number for tier in catalogue.tiers().values()] == [1, 2, 3, 4]
    assert catalogue.tiers()[4].name == "Tier 4: acute"


def test_every_kind_of_service_in_the_seed_documents_is_a_type():
    assert {
        "refuge",
        "community_outreach",
        "idva",
        "childrens_group_work",
        "one_to_one_children",
        "camhs",
        "counselling",
        "supervised_contact",
        "supported_contact",
        "behaviour_change_programme",
        "partner_support",
        "marac",
        "health_visiting",
        "school_based_support",
        "parenting_support",
        "housing_options",
        "police_court_protection",
        "universal_information",
        "family_court_advice",
        "healthy_relationships_education",
        "youth_work",
        "family_support",
        "child_protection",
    } <= set(catalogue.service_types())


def test_what_reveals_a_location_and_the_programme_roles():
    assert catalogue.location_revealing_type_keys() == {"refuge", "housing_options", "school_based_support"}
    assert catalogue.service_type("behaviour_change_programme").serves == (Whom.PARENT_USING_ABUSE,)
    assert catalogue.service_type("partner_support").is_partner_support


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data["types"][0].pop("serves"), "'serves' is a required property"),
        (lambda data: data["types"][0].update(usual_tiers=[5]), "5 is greater than the maximum of 4"),
        (lambda data: data["types"][0].update(serves=["everyone"]), "'everyone' is not one of"),
        (lambda data: data["types"][0].update(colour="red"), "Additional properties are not allowed"),
    ],
)
def test_a_file_that_breaks_the_schema_is_refused_with_where(tmp_path, monkeypatch, change, message):
    data = copy.deepcopy(raw())
    change(data)
    path = tmp_path / "service_types.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "service_types.schema.json").write_text(
        (catalogue.DATA / "service_types.schema.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(CatalogueError, match=message):
        catalogue._read(path)


def test_a_type_listed_twice_is_refused():
    data = raw()
    data["types"].append(data["types"][0])
    with pytest.raises(CatalogueError, match="twice"):
        parse_service_types(data)


def test_the_programme_standard_schema_refuses_a_missing_threshold(tmp_path):
    data = yaml.safe_load(catalogue.PROGRAMME_STANDARD_FILE.read_text(encoding="utf-8"))
    del data["minimum_weeks"]
    path = tmp_path / "programme_standard.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "programme_standard.schema.json").write_text(
        (catalogue.DATA / "programme_standard.schema.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(CatalogueError, match="'minimum_weeks' is a required property"):
        catalogue._read(path)
