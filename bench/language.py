"""Benchmark the accountable-language checker: how often it is right, and how fast it is. A benchmark, not a test.

    .venv/bin/python bench/language.py                      # tuning and held-out sets, then speed
    .venv/bin/python bench/language.py --sets tuning        # the tuning set only (the held-out file is not read)
    .venv/bin/python bench/language.py --sets tuning --show-errors   # and list what it got wrong on tuning

Accuracy, on `childsafe/language/evaluation/{tuning,heldout}.jsonl` (labelled as LABELLING.md says):
- span level, per category and overall: a flag is right when a labelled flag of the same category overlaps it
  (precision), and a labelled flag is found when a flag of the same category overlaps it (recall);
- text level: a text is "flagged" when it has any flag; precision and recall of flagged vs labelled-with-flags.

Speed: paragraphs of 80–150 words built from the tuning texts and accountable filler sentences (never from the
held-out set), each checked many times: median and 95th percentile microseconds per paragraph, and throughput.
Also the time for one 100,000-character text, to show checking stays linear.

Errors are listed only for the tuning set: the held-out set is for measuring, never for tuning against.
Results go to `bench/results/` (git ignores it) as JSON and plain text, and the text is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from childsafe.language import CATEGORIES, Flag, check  # noqa: E402

EVALUATION = ROOT / "childsafe" / "language" / "evaluation"
RESULTS = ROOT / "bench" / "results"
GOAL_PRECISION, GOAL_RECALL, GOAL_PARAGRAPH_US = 0.9, 0.8, 5000
# Accountable sentences of the kind case records are mostly made of (fictional, written for this benchmark).
FILLER = [
    "The social worker visited the family home on Tuesday and saw both children alone.",
    "Mia said she likes her new teacher and has made two friends in her class.",
    "Rachel has been offered a safe place to go, a trusted person to talk to and a safe way to call for help.",
    "Darren chose to take Rachel's phone and bank card so that she could not contact her sister.",
    "The health visitor will see Leo again in four weeks to check his weight and speech.",
    "Darren has been referred to an accredited behaviour-change programme and the referral was accepted.",
    "Leo's nursery reports that he is settling well and sleeps after lunch.",
    "The core group will meet again on 14 March to review the plan.",
    "Mia's attendance has improved to 96% this term and she is reading at the expected level.",
    "Rachel has registered with a new GP and has an appointment with the practice nurse next week.",
    "The IDVA will meet Rachel at the children's centre, which she says feels safe.",
    "Darren sent Rachel forty messages on Sunday night, several of them threatening to take the children.",
    "Police shared a notification after Darren broke the bedroom door while Leo was in his cot.",
    "Mia drew a picture of her family and left her dad out of it; she said he shouts at her mum.",
    "The school safeguarding lead will check in with Mia every Monday morning.",
    "Rachel's housing application has been accepted and she is waiting to hear about a flat.",
    "Leo has speech therapy on Thursdays and Rachel has kept every appointment.",
    "Darren has attended four of the first five programme sessions; he missed one because of work.",
    "The plan will be reviewed if Darren stops attending or if he contacts Rachel directly.",
    "Rachel told the worker she is sleeping better since the locks were changed.",
    "Mia asked whether she will have to see her dad at the weekend; the worker explained the contact arrangements.",
    "The family support worker helped Rachel apply for the school uniform grant.",
    "Darren controls the household money and gives Rachel twenty pounds a week for food.",
    "Leo's weight is on the 25th centile and he is meeting his milestones.",
    "Rachel's sister has agreed to be a trusted person the children can go to.",
]


@dataclass
class Counts:
    predicted: int = 0
    predicted_right: int = 0
    labelled: int = 0
    labelled_found: int = 0

    @property
    def precision(self) -> float | None:
        return self.predicted_right / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.labelled_found / self.labelled if self.labelled else None


@dataclass
class SetResult:
    name: str
    examples: int
    spans: dict[str, Counts] = field(default_factory=dict)
    texts: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)


def load(name: str) -> list[dict[str, Any]]:
    path = EVALUATION / f"{name}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def labelled_spans(example: dict[str, Any]) -> list[tuple[int, int, str]]:
    text = example["text"]
    spans = []
    for item in example["flags"]:
        start = text.find(item["span"])
        if start < 0:
            raise ValueError(f"{example['id']}: span {item['span']!r} is not in the text")
        spans.append((start, start + len(item["span"]), item["category"]))
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(name: str, examples: list[dict[str, Any]], show_errors: bool) -> SetResult:
    result = SetResult(name, len(examples), {category: Counts() for category in [*CATEGORIES, "overall"]})
    for example in examples:
        text = example["text"]
        gold = labelled_spans(example)
        flags: list[Flag] = check(text)
        for flag in flags:
            right = any(
                category == flag.category and overlaps((start, end), (flag.start, flag.end))
                for start, end, category in gold
            )
            for key in (flag.category, "overall"):
                result.spans[key].predicted += 1
                result.spans[key].predicted_right += right
            if not right and show_errors:
                result.errors.append(
                    f"{example['id']} extra {flag.category}: {text[flag.start : flag.end]!r} in {text!r}"
                )
        for start, end, category in gold:
            found = any(flag.category == category and overlaps((start, end), (flag.start, flag.end)) for flag in flags)
            for key in (category, "overall"):
                result.spans[key].labelled += 1
                result.spans[key].labelled_found += found
            if not found and show_errors:
                got = [(text[f.start : f.end], f.category) for f in flags]
                result.errors.append(f"{example['id']} missed {category}: {text[start:end]!r} in {text!r} (got {got})")
        result.texts.predicted += bool(flags)
        result.texts.labelled += bool(gold)
        result.texts.predicted_right += bool(flags) and bool(gold)
        result.texts.labelled_found += bool(flags) and bool(gold)
    return result


def paragraphs(count: int, seed: int, flagged_share: float = 0.25) -> list[str]:
    """Paragraphs of 80–150 words: accountable filler with tuning texts mixed in (about `flagged_share` of the
    sentences), so there is something to flag. Never drawn from the held-out set."""
    rng = random.Random(seed)
    tuning = [example["text"] for example in load("tuning")]
    built = []
    while len(built) < count:
        target = rng.randint(80, 150)
        words: list[str] = []
        parts: list[str] = []
        while len(words) < target:
            sentence = rng.choice(tuning if rng.random() < flagged_share else FILLER)
            parts.append(sentence.rstrip(".?!") + ".")
            words.extend(sentence.split())
        built.append(" ".join(parts))
    return built


def timing(texts: list[str], rounds: int) -> dict[str, float]:
    """Per check: wall-clock time, and CPU time of this thread (which leaves out time other processes had the CPU,
    so it is the cost of the check itself on a busy machine)."""
    for text in texts[:50]:
        check(text)  # warm up
    wall, cpu = [], []
    for _ in range(rounds):
        for text in texts:
            started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
            check(text)
            cpu.append((time.thread_time_ns() - started_cpu) / 1000)
            wall.append((time.perf_counter_ns() - started) / 1000)
    wall.sort()
    cpu.sort()
    total_s = sum(wall) / 1_000_000
    words = sum(len(text.split()) for text in texts) * rounds
    return {
        "paragraphs": len(wall),
        "mean_words": round(sum(len(t.split()) for t in texts) / len(texts), 1),
        "median_us": round(statistics.median(wall), 1),
        "p95_us": round(wall[int(0.95 * (len(wall) - 1))], 1),
        "max_us": round(wall[-1], 1),
        "cpu_median_us": round(statistics.median(cpu), 1),
        "cpu_p95_us": round(cpu[int(0.95 * (len(cpu) - 1))], 1),
        "paragraphs_per_s": round(len(wall) / total_s),
        "words_per_s": round(words / total_s),
    }


def long_text_ms() -> dict[str, float]:
    base = " ".join(paragraphs(200, seed=7, flagged_share=1.0))
    text = (base * (100_000 // len(base) + 1))[:100_000]
    started = time.perf_counter()
    flags = check(text)
    return {"characters": len(text), "ms": round((time.perf_counter() - started) * 1000, 1), "flags": len(flags)}


def speed_load() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg()) + f" on {os.cpu_count()} CPUs"
    except OSError:
        return "unknown"


def fmt(value: float | None) -> str:
    return "  —  " if value is None else f"{value:.3f}"


def report(results: list[SetResult], speed: dict[str, Any] | None, long_text: dict[str, Any] | None) -> str:
    lines = [f"Accountable-language checker benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {platform.python_version()}"]
    for result in results:
        lines.append("")
        lines.append(f"{result.name} set: {result.examples} texts")
        lines.append(f"  {'span level':<26}{'precision':>10}{'recall':>8}{'flags':>7}{'labelled':>10}")
        for key, counts in result.spans.items():
            lines.append(
                f"  {key:<26}{fmt(counts.precision):>10}{fmt(counts.recall):>8}"
                f"{counts.predicted:>7}{counts.labelled:>10}"
            )
        t = result.texts
        lines.append(
            f"  {'text level (any flag)':<26}{fmt(t.precision):>10}{fmt(t.recall):>8}{t.predicted:>7}{t.labelled:>10}"
        )
        overall = result.spans["overall"]
        if result.name == "heldout":
            met = (overall.precision or 0) >= GOAL_PRECISION and (overall.recall or 0) >= GOAL_RECALL
            lines.append(
                f"  goal (precision ≥ {GOAL_PRECISION}, recall ≥ {GOAL_RECALL}): {'met' if met else 'NOT met'}"
            )
    for label, timed in (speed or {}).items():
        lines.append("")
        lines.append(
            f"Speed, {label}: {timed['paragraphs']} checks of paragraphs of 80–150 words (mean {timed['mean_words']} "
            f"words): wall clock median {timed['median_us']} µs, p95 {timed['p95_us']} µs, max {timed['max_us']} µs; "
            f"CPU time median {timed['cpu_median_us']} µs, p95 {timed['cpu_p95_us']} µs; "
            f"{timed['paragraphs_per_s']} paragraphs/s, {timed['words_per_s']} words/s "
            f"(goal < {GOAL_PARAGRAPH_US} µs per paragraph at p95: wall clock "
            f"{'met' if timed['p95_us'] < GOAL_PARAGRAPH_US else 'NOT met'}, CPU "
            f"{'met' if timed['cpu_p95_us'] < GOAL_PARAGRAPH_US else 'NOT met'})"
        )
    if speed:
        lines.append(f"Load average while timing: {speed_load()}")
    if long_text:
        lines.append(
            f"One text of {long_text['characters']:,} characters: {long_text['ms']} ms ({long_text['flags']} flags)"
        )
    for result in results:
        if result.errors:
            lines.append("")
            lines.append(f"Errors on the {result.name} set ({len(result.errors)}):")
            lines.extend(f"  {error}" for error in result.errors)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=["tuning", "heldout"], default=["tuning", "heldout"])
    parser.add_argument("--show-errors", action="store_true", help="List mistakes on the tuning set")
    parser.add_argument("--no-speed", action="store_true", help="Skip the speed measurements")
    parser.add_argument("--paragraphs", type=int, default=300, help="Distinct paragraphs to time (default 300)")
    parser.add_argument("--rounds", type=int, default=10, help="Times each paragraph is checked (default 10)")
    args = parser.parse_args()

    results = [score(name, load(name), args.show_errors and name == "tuning") for name in args.sets]
    speed = None
    if not args.no_speed:
        speed = {
            "realistic (about 1 sentence in 4 from the tuning set)": timing(
                paragraphs(args.paragraphs, 1), args.rounds
            ),
            "dense (every sentence from the tuning set)": timing(paragraphs(args.paragraphs, 2, 1.0), args.rounds),
        }
    long_text = None if args.no_speed else long_text_ms()
    text = report(results, speed, long_text)
    print(text)

    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"language-{'-'.join(args.sets)}"
    stem.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
    payload = {
        "sets": {
            r.name: {
                "examples": r.examples,
                "span": {k: {**vars(c), "precision": c.precision, "recall": c.recall} for k, c in r.spans.items()},
                "text": {**vars(r.texts), "precision": r.texts.precision, "recall": r.texts.recall},
            }
            for r in results
        },
        "speed": speed,
        "long_text": long_text,
        "load_average": speed_load(),
    }
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
