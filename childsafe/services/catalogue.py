"""The data this app runs on, read from versioned files in `data/`: the tiers of need, the kinds of service (whom
each typically serves, its usual tiers, whether a referral to it reveals where someone is) and the minimum standard
for behaviour-change programmes.

Each file is validated against its JSON schema the first time it is read, and the app reads them when Django
starts (`ServicesConfig.ready`), so a bad edit stops the service starting instead of mismatching people to
services. Changing a file needs no migration: services store the type's key, not a database choice.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.core.exceptions import ImproperlyConfigured

DATA = Path(__file__).resolve().parent / "data"
SERVICE_TYPES_FILE = DATA / "service_types.yaml"
PROGRAMME_STANDARD_FILE = DATA / "programme_standard.yaml"
TIERS = (1, 2, 3, 4)
# Whole numbers typed by people are ASCII digits only: str.isdigit() is also true of "²", which int() refuses (a
# crash, not a message), and of digits from other scripts, which would be read as a number nobody saw typed.
ASCII_DIGITS = re.compile(r"[0-9]+")


def tier_from_text(text: str) -> int | None:
    """The tier of need written in `text` ("3"), or None if it is not one of the tiers."""
    value = text.strip()
    return int(value) if ASCII_DIGITS.fullmatch(value) and int(value) in TIERS else None


class Whom(StrEnum):
    """Whom a service works with. A whole-family service works with the household together."""

    CHILD = "child"
    NON_ABUSING_PARENT = "non_abusing_parent"
    PARENT_USING_ABUSE = "parent_using_abuse"
    WHOLE_FAMILY = "whole_family"

    @property
    def label(self) -> str:
        return WHOM_LABELS[self]


WHOM_LABELS: dict[Whom, str] = {
    Whom.CHILD: "Children",
    Whom.NON_ABUSING_PARENT: "Non-abusing parents",
    Whom.PARENT_USING_ABUSE: "Parents using abuse",
    Whom.WHOLE_FAMILY: "Whole families",
}

BEHAVIOUR_CHANGE_PROGRAMME = "behaviour_change_programme"
PARTNER_SUPPORT = "partner_support"


class CatalogueError(ImproperlyConfigured):
    """A data file of this app is missing, malformed or breaks its schema; the message says which and where."""


@dataclass(frozen=True)
class Tier:
    number: int
    name: str
    description: str


@dataclass(frozen=True)
class ServiceType:
    key: str
    name: str
    description: str
    serves: tuple[Whom, ...]
    usual_tiers: tuple[int, ...]
    reveals_location: bool
    programme_role: str | None = None

    @property
    def is_behaviour_change_programme(self) -> bool:
        return self.programme_role == BEHAVIOUR_CHANGE_PROGRAMME

    @property
    def is_partner_support(self) -> bool:
        return self.programme_role == PARTNER_SUPPORT


@dataclass(frozen=True)
class ProgrammeStandard:
    """At least `minimum_group_hours` of group work over at least `minimum_weeks` weeks (Respect)."""

    minimum_group_hours: Decimal
    minimum_weeks: int
    missed_in_a_row_for_disengagement: int
    source: str


def _read(path: Path) -> Any:
    schema_path = path.with_name(path.name.removesuffix(".yaml") + ".schema.json")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"{path.name} could not be read: {exc}") from exc
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda error: list(error.path))
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "the top level"
        raise CatalogueError(f"{path.name} breaks its schema at {where}: {errors[0].message}")
    return data


def parse_service_types(data: dict[str, Any]) -> tuple[dict[int, Tier], dict[str, ServiceType]]:
    """Tiers and service types from validated data, checking what a schema cannot: unique keys, all four tiers."""
    tiers = {item["number"]: Tier(item["number"], item["name"], item["description"]) for item in data["tiers"]}
    if sorted(tiers) != list(TIERS):
        raise CatalogueError("service_types.yaml must describe tiers 1, 2, 3 and 4, once each")
    types: dict[str, ServiceType] = {}
    for item in data["types"]:
        if item["key"] in types:
            raise CatalogueError(f"service_types.yaml lists the service type {item['key']!r} twice")
        types[item["key"]] = ServiceType(
            key=item["key"],
            name=item["name"],
            description=item["description"],
            serves=tuple(Whom(whom) for whom in item["serves"]),
            usual_tiers=tuple(sorted(item["usual_tiers"])),
            reveals_location=item["reveals_location"],
            programme_role=item.get("programme_role"),
        )
    for role in (BEHAVIOUR_CHANGE_PROGRAMME, PARTNER_SUPPORT):
        if not any(service_type.programme_role == role for service_type in types.values()):
            raise CatalogueError(f"service_types.yaml needs a type with programme_role {role}")
    return tiers, types


@functools.cache
def _service_types() -> tuple[dict[int, Tier], dict[str, ServiceType]]:
    return parse_service_types(_read(SERVICE_TYPES_FILE))


def service_types() -> dict[str, ServiceType]:
    """Every service type by key, in the order of the data file."""
    return _service_types()[1]


def service_type(key: str) -> ServiceType | None:
    return service_types().get(key)


def tiers() -> dict[int, Tier]:
    return _service_types()[0]


def location_revealing_type_keys() -> frozenset[str]:
    return frozenset(key for key, service_type in service_types().items() if service_type.reveals_location)


def type_keys_with_role(programme_role: str) -> frozenset[str]:
    return frozenset(
        key for key, service_type in service_types().items() if service_type.programme_role == programme_role
    )


@functools.cache
def programme_standard() -> ProgrammeStandard:
    data = _read(PROGRAMME_STANDARD_FILE)
    return ProgrammeStandard(
        minimum_group_hours=Decimal(str(data["minimum_group_hours"])),
        minimum_weeks=data["minimum_weeks"],
        missed_in_a_row_for_disengagement=data["missed_in_a_row_for_disengagement"],
        source=" ".join(data["source"].split()),
    )


def load_all() -> None:
    """Read and check every data file now (at start-up), so a bad file fails fast."""
    service_types()
    programme_standard()
