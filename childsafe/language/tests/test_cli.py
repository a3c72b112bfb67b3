"""The command line, run as a real process: `python -m childsafe.language --jsonl`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "childsafe.language", *args], input=stdin, cwd=ROOT, capture_output=True, timeout=60
    )


def test_one_json_object_per_line_with_flags_and_offsets():
    result = run(["--jsonl"], b"They have a volatile relationship.\nDarren hit Rachel.\n")
    assert result.returncode == 0
    first, second = (json.loads(line) for line in result.stdout.decode("utf-8").splitlines())
    assert first["text"] == "They have a volatile relationship."
    [flag] = first["flags"]
    assert set(flag) == {"start", "end", "category", "why", "suggestion"}
    assert first["text"][flag["start"] : flag["end"]] == "They have a volatile relationship"
    assert flag["category"] == "mutualising"
    assert flag["suggestion"] == "[name] chose to use violent and controlling behaviours"
    assert second == {"text": "Darren hit Rachel.", "flags": []}


def test_a_flag_without_a_rewrite_has_null_suggestion():
    result = run(["--jsonl"], b"She is hysterical and unreliable.\n")
    [flag] = json.loads(result.stdout)["flags"]
    assert flag["suggestion"] is None


def test_an_empty_line_gives_an_empty_text_with_no_flags():
    result = run(["--jsonl"], b"\n")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"text": "", "flags": []}


def test_utf8_in_and_out_with_offsets_in_characters():
    text = "😢 Mae hi’n ofnus — she was pushed."
    result = run(["--jsonl"], (text + "\n").encode("utf-8"))
    line = result.stdout.decode("utf-8").strip()
    assert "😢" in line  # written as UTF-8, not \\u escapes
    data = json.loads(line)
    [flag] = data["flags"]
    assert data["text"][flag["start"] : flag["end"]] == "she was pushed"


def test_invalid_utf8_is_replaced_not_a_crash():
    result = run(["--jsonl"], b"bad \xff\xfe bytes; the couple argued\nnext\n")
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    first, second = (json.loads(line) for line in result.stdout.decode("utf-8").splitlines())
    assert "\ufffd" in first["text"]
    assert [f["category"] for f in first["flags"]] == ["mutualising"]
    assert second["text"] == "next"


def test_windows_line_ends_and_a_last_line_without_one():
    result = run(["--jsonl"], b"She was pushed.\r\nIt was a one-off.")
    texts = [json.loads(line)["text"] for line in result.stdout.decode().splitlines()]
    assert texts == ["She was pushed.", "It was a one-off."]


def test_odd_input_never_gives_a_traceback():
    odd = b"\x00\x01\x02 nul\n\xe2\x80\xae reversed \xcc\x81\n" + b"a" * 200_000 + b"\n"
    result = run(["--jsonl"], odd)
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert len(result.stdout.decode("utf-8").splitlines()) == 3


def test_without_jsonl_prints_usage_and_exits_2():
    result = run([], b"")
    assert result.returncode == 2
    assert b"usage: python -m childsafe.language --jsonl" in result.stderr
    assert result.stdout == b""
    assert run(["--other"], b"").returncode == 2
