"""The bridge from Django forms to GOV.UK Frontend macros, and the GOV.UK date input as a form field.

`field_params(bound_field)` returns the macro to call and its parameters, so templates render every field
the GOV.UK way (label, hint, error message, what was typed) without repeating themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

DATE_PARTS = ("day", "month", "year")
# ASCII digits only: str.isdigit() is also true of "²" (which int() refuses) and of Arabic-Indic or full-width digits,
# which a date box should not quietly turn into a date nobody can see they typed.
ASCII_DIGITS = re.compile(r"[0-9]+")


class GovukDateWidget(forms.MultiWidget):
    """Three boxes, day, month and year, as in the GOV.UK date input pattern."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({part: forms.TextInput() for part in DATE_PARTS}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year; errors say which part is missing or wrong, in plain words."""

    widget = GovukDateWidget

    def __init__(self, *, label: str, required: bool = True, **kwargs: Any) -> None:
        self.label_for_errors = label
        error_messages = {"required": kwargs.pop("required_message", f"Enter {label[0].lower()}{label[1:]}")}
        parts = tuple(forms.CharField(required=False, max_length=4) for _ in DATE_PARTS)
        for part in parts:
            # Each box fails in the same plain words as the whole date: too long or hidden characters mean not a date.
            part.error_messages["max_length"] = f"{label} must be a real date"
            part.error_messages["null_characters_not_allowed"] = f"{label} must be a real date"
        super().__init__(
            parts,
            label=label,
            required=required,
            require_all_fields=False,
            error_messages=error_messages,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> dt.date | None:
        values = [(item or "").strip() for item in (data_list or ["", "", ""])]
        if not any(values):
            return None
        missing = [part for part, value in zip(DATE_PARTS, values, strict=True) if not value]
        if missing:
            raise ValidationError(f"{self.label} must include a {' and '.join(missing)}", code="incomplete")
        if not all(ASCII_DIGITS.fullmatch(value) for value in values):
            raise ValidationError(f"{self.label} must be a real date, written in numbers", code="invalid")
        day, month, year = (int(value) for value in values)
        if len(values[2]) != 4:
            raise ValidationError(f"{self.label} must include a 4-digit year, like 2024", code="invalid")
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(f"{self.label} must be a real date", code="invalid") from exc


def _error_text(bound_field: forms.BoundField) -> str | None:
    return bound_field.errors[0] if bound_field.errors else None


def _base_params(bound_field: forms.BoundField, overrides: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {
        "id": bound_field.auto_id,
        "name": bound_field.html_name,
    }
    if bound_field.help_text:
        params["hint"] = {"text": str(bound_field.help_text)}
    error = _error_text(bound_field)
    if error:
        params["errorMessage"] = {"text": error}
    params.update(overrides)
    return params


def _label(bound_field: forms.BoundField, overrides: dict[str, Any]) -> dict[str, Any]:
    label: dict[str, Any] = {"text": str(bound_field.label)}
    label.update(overrides.pop("label", {}))
    return label


def _choices(bound_field: forms.BoundField, selected: set[str]) -> list[dict[str, Any]]:
    items = []
    for value, text in bound_field.field.choices:
        value = "" if value is None else str(value)
        items.append({"value": value, "text": str(text), "checked": value in selected, "selected": value in selected})
    return items


def field_params(bound_field: forms.BoundField, **overrides: Any) -> dict[str, Any]:
    """Return {"macro": name, "params": {...}} for one bound field; templates dispatch on "macro"."""
    widget = bound_field.field.widget
    value = bound_field.value()
    label = _label(bound_field, overrides)

    if isinstance(widget, GovukDateWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        params = _base_params(bound_field, overrides)
        error = _error_text(bound_field)
        params["fieldset"] = {
            "legend": {"text": label["text"], "classes": label.get("classes", "govuk-fieldset__legend--s")}
        }
        params["items"] = [
            {
                "id": f"{bound_field.auto_id}_{part}",
                "name": f"{bound_field.html_name}_{part}",
                "label": part.capitalize(),
                "value": "" if parts[index] is None else str(parts[index]),
                "classes": ("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
                + (" govuk-input--error" if error else ""),
                "inputmode": "numeric",
            }
            for index, part in enumerate(DATE_PARTS)
        ]
        return {"macro": "date", "params": params}

    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        selected = {str(item) for item in (value if isinstance(value, list | tuple) else [value]) if item is not None}
        params = _base_params(bound_field, overrides)
        params["idPrefix"] = params.pop("id")
        params["fieldset"] = {
            "legend": {"text": label["text"], "classes": label.get("classes", "govuk-fieldset__legend--s")}
        }
        params["items"] = [item for item in _choices(bound_field, selected) if item["value"] != ""]
        return {"macro": "radios" if isinstance(widget, forms.RadioSelect) else "checkboxes", "params": params}

    if isinstance(widget, forms.Select):
        selected = {"" if value is None else str(value)}
        params = _base_params(bound_field, overrides)
        params["label"] = label
        params["items"] = _choices(bound_field, selected)
        return {"macro": "select", "params": params}

    if isinstance(widget, forms.CheckboxInput):
        params = _base_params(bound_field, overrides)
        params["idPrefix"] = params.pop("id")
        params["items"] = [{"value": "true", "text": label["text"], "checked": bool(value), "id": bound_field.auto_id}]
        return {"macro": "checkboxes", "params": params}

    params = _base_params(bound_field, overrides)
    params["label"] = label
    params["value"] = "" if value is None else str(value)
    # data-* attributes set on the widget (e.g. data-language-check) reach the element, for page scripts to find.
    data_attributes = {
        name: "" if item is True else str(item) for name, item in widget.attrs.items() if name.startswith("data-")
    }
    if data_attributes:
        params["attributes"] = {**data_attributes, **params.get("attributes", {})}
    if isinstance(widget, forms.Textarea):
        return {"macro": "textarea", "params": params}
    params.setdefault("type", getattr(widget, "input_type", "text"))
    if params["type"] == "password":
        params["value"] = ""
    return {"macro": "input", "params": params}


def error_summary_params(*forms_: forms.BaseForm) -> dict[str, Any] | None:
    """The GOV.UK error summary: one link per error, pointing at the box to fix."""
    errors: list[dict[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        errors.extend({"text": str(message)} for message in form.non_field_errors())
        for bound_field in form:
            if not bound_field.errors:
                continue
            target = bound_field.auto_id
            if isinstance(bound_field.field.widget, GovukDateWidget):
                target = f"{bound_field.auto_id}_day"
            elif isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                # GOV.UK radios give the first item the bare prefix as its id.
                target = bound_field.auto_id
            errors.extend({"text": str(message), "href": f"#{target}"} for message in bound_field.errors)
    if not errors:
        return None
    return {"titleText": "There is a problem", "errorList": errors}
