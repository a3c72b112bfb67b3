"""GOV.UK macro parameters for an instrument's question, built on the shared bridge in `childsafe.lib.govuk_forms`.

The bridge knows Django fields; this adds what only the instrument knows: hints on single options, the exclusive
"None of these" box, the size of a textarea, and `data-language-check` on every free-text answer (a checker being
built elsewhere flags victim-blaming words as the practitioner types; the attribute does nothing until it lands).
"""

from __future__ import annotations

from typing import Any

from django import forms

from childsafe.assessments.forms import PlacedField
from childsafe.assessments.instruments import Instrument
from childsafe.lib.govuk_forms import field_params


def question_params(instrument: Instrument, placed: PlacedField, bound_field: forms.BoundField) -> dict[str, Any]:
    question = placed.question
    rendered = field_params(bound_field)
    params = rendered["params"]
    if rendered["macro"] in {"radios", "checkboxes"}:
        options = {option.value: option for option in instrument.options_of(question)}
        items: list[dict[str, Any]] = []
        for item in params["items"]:
            option = options.get(item["value"])
            if option is not None and option.exclusive:
                items.append({"divider": "or"})
                item["behaviour"] = "exclusive"
            if option is not None and option.hint:
                item["hint"] = {"text": option.hint}
            items.append(item)
        params["items"] = items
        params["fieldset"]["legend"]["classes"] = "govuk-fieldset__legend--s"
    if rendered["macro"] == "textarea":
        params["rows"] = question.rows
        params["attributes"] = {"data-language-check": ""}
        params["label"]["classes"] = "govuk-label--s"
    if rendered["macro"] == "input":
        params["label"]["classes"] = "govuk-label--s"
        if question.type == "number":
            params["classes"] = "govuk-input--width-4"
            params["inputmode"] = "numeric"
    return rendered
