"""The command line answers each line as it comes: a caller can send one text, read its answer, then send the next."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def read_line_within(stream, seconds: float) -> bytes | None:
    """One line from `stream`, or None if none came in time (reading in a thread, so the test cannot hang)."""
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    return lines[0] if lines else None


def test_each_answer_comes_back_before_the_next_line_is_sent():
    process = subprocess.Popen(
        [sys.executable, "-m", "childsafe.language", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        for text in ("They have a volatile relationship.", "Darren hit Rachel."):
            process.stdin.write(text.encode() + b"\n")
            process.stdin.flush()
            # stdin is still open: the answer must come now, not when input ends.
            line = read_line_within(process.stdout, 30)
            assert line is not None, f"no answer to {text!r} while the input stayed open"
            assert json.loads(line)["text"] == text
        process.stdin.close()
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
