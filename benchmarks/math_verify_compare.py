#!/usr/bin/env python3
"""Compares our math_answer checker with Hugging Face math-verify on the same hand-graded corpus.

Prints, per category, how often each checker agrees with the human verdict, and each checker's throughput.
Run through benchmarks/math_verify_compare.sh, which makes the virtualenv and builds grpo.
Usage: math_verify_compare.py GRPO_BINARY CORPUS.jsonl [--repeat N]
"""
import argparse
import collections
import json
import os
import subprocess
import tempfile
import time

from math_verify import parse, verify


def gold_answer(text):
    """The gold answer of a full solution, as our checker reads it: last \\boxed{} or text after ####."""
    if "\\boxed" in text:
        return text  # math-verify extracts boxes itself
    if "####" in text:
        return text.split("####")[-1].strip()
    return text


def math_verify_verdict(case):
    gold_text = gold_answer(case["answer"])
    gold = parse(gold_text if "\\boxed" in gold_text else "\\boxed{" + gold_text + "}")
    prediction = parse(case["completion"])
    return bool(verify(gold, prediction))


def run_ours(binary, corpus_path, repeat):
    """Verdicts from `grpo reward math_answer`, and seconds for `repeat` copies of the corpus in one process."""
    lines = open(corpus_path, encoding="utf-8").read().splitlines()
    out = subprocess.run([binary, "reward", "math_answer", "--input", corpus_path], capture_output=True, text=True, check=True)
    verdicts = [json.loads(line)["reward"] == 1 for line in out.stdout.splitlines()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as big:
        big.write("\n".join(lines * repeat) + "\n")
    try:
        start = time.perf_counter()
        subprocess.run([binary, "reward", "math_answer", "--input", big.name], capture_output=True, check=True)
        seconds = time.perf_counter() - start
    finally:
        os.unlink(big.name)
    return verdicts, len(lines) * repeat / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("corpus")
    parser.add_argument("--repeat", type=int, default=20, help="corpus copies for our throughput (amortizes start-up)")
    args = parser.parse_args()
    cases = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]

    ours, ours_rate = run_ours(args.binary, args.corpus, args.repeat)
    start = time.perf_counter()
    theirs = []
    for case in cases:
        try:
            theirs.append(math_verify_verdict(case))
        except Exception:  # math-verify raising is a wrong verdict, as a crash would be in training
            theirs.append(False)
    theirs_rate = len(cases) / (time.perf_counter() - start)

    total, ours_ok, theirs_ok = collections.Counter(), collections.Counter(), collections.Counter()
    disagreements = []
    for case, mine, other in zip(cases, ours, theirs):
        category = case["category"]
        total[category] += 1
        ours_ok[category] += mine == case["expected"]
        theirs_ok[category] += other == case["expected"]
        if mine != case["expected"]:
            disagreements.append(case)

    print(f"{'category':<20}{'cases':>6}{'ours':>9}{'math-verify':>13}")
    for category in total:
        n = total[category]
        print(f"{category:<20}{n:>6}{100 * ours_ok[category] / n:>8.1f}%{100 * theirs_ok[category] / n:>12.1f}%")
    n = sum(total.values())
    print(f"{'overall':<20}{n:>6}{100 * sum(ours_ok.values()) / n:>8.1f}%{100 * sum(theirs_ok.values()) / n:>12.1f}%")
    strictly_better = [c for c in total if ours_ok[c] > theirs_ok[c]]
    print(f"categories where ours is strictly better: {len(strictly_better)}/{len(total)}; "
          f"not better: {sorted(set(total) - set(strictly_better))}")
    print(f"throughput: ours {ours_rate:,.0f} cases/s (grpo reward, one process, {args.repeat}x corpus), "
          f"math-verify {theirs_rate:,.1f} cases/s, ratio {ours_rate / theirs_rate:,.0f}x")
    for case in disagreements:
        print(f"ours disagrees with the human verdict: id {case['id']} [{case['category']}] {case['completion']!r} gold {case['answer']!r}")


if __name__ == "__main__":
    main()
