"""Log records carry no personal data: ids, paths and the kind of each fault, never a value someone typed.

Two things put values in a log without anyone writing them there. A database error's message can quote the row
it refused (PostgreSQL: `DETAIL: Failing row contains (…, 'Rachel', …)`), and a traceback prints each exception's
message, causes included. And Django hands every request error record the whole request, POST data and all, for
any handler that wants it. `WithoutValues`, on every handler in `settings.LOGGING`, keeps the traceback's frames and
each exception's type, so a fault can still be found and fixed, and drops both the messages and the request.
"""

from __future__ import annotations

import logging
import traceback

WITHHELD = "(message withheld: it may quote personal data)"
CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def traceback_without_messages(error: BaseException) -> str:
    """The traceback as Python prints it, causes first, with each exception's message left out."""
    chain: list[tuple[BaseException, str]] = [(error, "")]  # each exception, and how it led to the one after it
    seen = {id(error)}
    current = error
    while True:
        if current.__cause__ is not None:
            following, link = current.__cause__, CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            following, link = current.__context__, CONTEXT
        else:
            break
        if id(following) in seen:
            break
        seen.add(id(following))
        chain.append((following, link))
        current = following
    lines: list[str] = []
    for exception, link in reversed(chain):
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(exception.__traceback__))
        kind = type(exception)
        lines.append(f"{kind.__module__}.{kind.__qualname__} {WITHHELD}\n")
        lines.append(link)
    return "".join(lines).rstrip("\n")


class WithoutValues(logging.Filter):
    """Replace a record's exception with a traceback that has no messages, and drop the request from it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = traceback_without_messages(record.exc_info[1])
            record.exc_info = None
        if hasattr(record, "request"):
            record.request = None
        return True
