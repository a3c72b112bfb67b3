"""The checker on the command line: one text per line in, one JSON object per line out.

    .venv/bin/python -m childsafe.language --jsonl < texts.txt > flags.jsonl

Each output line is {"text": ..., "flags": [{"start", "end", "category", "why", "suggestion"}]}, with offsets into
that line's text (without its line break), written as soon as that line is read, so a caller may send one line at a
time and wait for its answer. Input is read as UTF-8; bytes that are not UTF-8 are replaced (U+FFFD)
rather than stopping the run. Output is UTF-8 JSON with non-ASCII characters kept as they are.
"""

from __future__ import annotations

import io
import json
import sys
from typing import BinaryIO, TextIO

from childsafe.language import check

USAGE = """\
usage: python -m childsafe.language --jsonl

Reads one text per line on standard input and writes, for each, one JSON object per line:
  {"text": "...", "flags": [{"start": 0, "end": 5, "category": "...", "why": "...", "suggestion": "..." or null}]}
"""


def run(stdin: BinaryIO, stdout: TextIO) -> None:
    # Split on the newline byte only, then decode each line on its own: a lone carriage return or another Unicode
    # line separator inside a text belongs to that text, and one bad byte spoils only its own line.
    for raw in stdin:
        text = raw.decode("utf-8", errors="replace")
        text = text[:-1] if text.endswith("\n") else text
        if text.endswith("\r"):
            text = text[:-1]
        flags = [flag.as_dict() for flag in check(text)]
        stdout.write(json.dumps({"text": text, "flags": flags}, ensure_ascii=False) + "\n")
        # Each answer goes out as soon as it is ready: a caller that sends one line and waits for its answer before
        # sending the next would otherwise wait for ever on a pipe's buffer.
        stdout.flush()


def main(argv: list[str]) -> int:
    if argv != ["--jsonl"]:
        sys.stderr.write(USAGE)
        return 2
    stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="strict", newline="\n")
    try:
        run(sys.stdin.buffer, stdout)
    except BrokenPipeError:
        # The reader went away (`| head`); nothing more to say.
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
