"""Accountable-language hints in the web app: the check endpoint, flags for server-side pages, and how to use both.

The checker itself is `childsafe.language` (plain Python). This module owns its web face:

- `POST /language/check` (URL name `web:language_check`): send `text` as a form field or as a JSON body
  `{"text": "..."}` (at most 20,000 characters) with the CSRF token; get back `{"flags": [...]}` where each flag is
  `{"start", "end", "category", "label", "phrase", "why", "suggestion"}` (offsets are Python string indices, that is
  Unicode code points; `label` is the category in words; `suggestion` may be null). Signed-in users who work on
  cases only: anyone else gets 403, anonymous users are sent to sign in, GET is 405, text too long or not text is
  400 with `{"error": "..."}`. Nothing is stored and the text is never logged.
- `flags_for(text)` returns the same list for a page rendered on the server, to show with the Jinja macro
  `language_flags(flags)` from `web/language.html`.

Using it on a form (any app):

1. Mark the textarea: `forms.Textarea(attrs={"rows": 6, "data-language-check": ""})`. (`form_field` passes `data-*`
   widget attributes through to the GOV.UK textarea.)
2. Load the script on that page, after the base template's scripts:

       {% block bodyEnd %}
         {{ super() }}
         <script type="module" src="{{ static('childsafe/language-check.js') }}"></script>
       {% endblock %}

   The page's form must carry `{{ csrf_input }}` (the script reads the token from it: the cookie is HttpOnly).

As the practitioner types (and on load for text already there) the script checks the text and lists the flags under
the textarea, each with the phrase, the category in words, why it matters and, where there is one, a "Use this
wording" button that replaces that phrase. Without JavaScript the form works exactly as before.

To show flags on a page without JavaScript:

    {% from "web/language.html" import language_flags %}
    {{ language_flags(flags) }}        {# with flags = flags_for(entry.description) from the view #}
"""

from __future__ import annotations

import json
from typing import TypedDict

from django.http import HttpRequest, JsonResponse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from childsafe.language import category_label, check

MAX_TEXT = 20_000
TOO_LONG = f"The text must be {MAX_TEXT:,} characters or fewer to check its wording"
NOT_TEXT = "Send the text to check as 'text'"
NOT_FOR_YOUR_ROLE = "Only people who work on cases can check the wording of case records"


class FlagDict(TypedDict):
    start: int
    end: int
    category: str
    label: str
    phrase: str
    why: str
    suggestion: str | None


def flags_for(text: str) -> list[FlagDict]:
    """The flags for `text` as plain data, for JSON or for the `language_flags` macro."""
    return [
        {
            "start": flag.start,
            "end": flag.end,
            "category": flag.category,
            "label": category_label(flag.category),
            "phrase": text[flag.start : flag.end],
            "why": flag.why,
            "suggestion": flag.suggestion,
        }
        for flag in check(text)
    ]


def _text_from(request: HttpRequest) -> str | None:
    """The text sent as a form field or a JSON body; None when there is none or it is not text."""
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None
        text = body.get("text") if isinstance(body, dict) else None
    else:
        text = request.POST.get("text")
    return text if isinstance(text, str) else None


@sensitive_post_parameters("text")
@require_POST
def language_check(request: HttpRequest) -> JsonResponse:
    """Check the wording of a text being typed. Reads nothing from a case and writes nothing anywhere."""
    if not request.user.works_on_cases:
        return JsonResponse({"error": NOT_FOR_YOUR_ROLE}, status=403)
    text = _text_from(request)
    if text is None:
        return JsonResponse({"error": NOT_TEXT}, status=400)
    if len(text) > MAX_TEXT:
        return JsonResponse({"error": TOO_LONG}, status=400)
    return JsonResponse({"flags": flags_for(text)})
