"""The Jinja2 environment: GOV.UK Frontend macros, Django's url and static helpers, our form bridge."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, PrefixLoader

from childsafe.lib import govuk_forms


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def govuk_date(value: Any) -> str:
    """Dates as GOV.UK writes them: 4 June 2026."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value: Any) -> str:
    if value is None:
        return ""
    value = timezone.localtime(value)
    hour = value.strftime("%I").lstrip("0") or "12"
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{value:%p}".replace("AM", "am").replace("PM", "pm")


def environment(**options: Any) -> Environment:
    loader = options.pop("loader", None)
    options.pop("autoescape", None)
    # The GOV.UK macros read nested optional parameters (params.label.text) that are often absent.
    options["undefined"] = ChainableUndefined
    # The Django backend builds a FileSystemLoader for the apps' jinja2/ folders; the GOV.UK macros sit beside it.
    loaders = [loader] if loader else []
    loaders.append(PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}))
    env = Environment(**options, autoescape=True, loader=ChoiceLoader(loaders), extensions=["jinja2.ext.do"])
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "field": govuk_forms.field_params,
            "error_summary": govuk_forms.error_summary_params,
        }
    )
    env.filters.update({"govuk_date": govuk_date, "govuk_datetime": govuk_datetime})
    return env
