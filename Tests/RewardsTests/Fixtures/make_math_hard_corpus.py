#!/usr/bin/env python3
"""Writes math_hard_corpus.jsonl: a second, harder hand-judged corpus of answer-checking cases.

Each line: {"id", "category", "completion", "answer", "expected", "prompt"?}. `answer` is the gold as a dataset stores it
(a bare answer, sometimes a full solution ending in \\boxed{...} or "#### n"). `expected` is what a strict but fair human
grader of competition math says: is the completion's FINAL answer equal to the gold? The prompt is given when the
question changes the verdict ("Find all x", "what percent", "in degrees").

Written without running or reading the Swift checker, so it is not tuned to it. Run: python3 make_math_hard_corpus.py

General rules used in every category:
  * The final answer is what the completion commits to last: the last box, the "answer is"/"**Answer:**"/"####"/<answer>
    statement at the end. Earlier boxes or numbers in the reasoning do not count.
  * Equal values in different spellings are right (0.5 = \\frac12 = 2/4; 2\\sqrt3 = \\sqrt{12}; x = 3 for gold 3).
  * A finite decimal approximation of an exact non-terminating value (\\pi, \\sqrt2, 1/3) is WRONG unless the prompt asks
    for a decimal. Terminating decimals that are exactly equal are right (0.125 = 1/8).
  * Hedging between different values ("3 or 4") is wrong even if one of them is the gold.
"""
import json
import math
import os
import re

cases = []


def add(category, completion, gold, expected, prompt=None):
    case = {"category": category, "completion": completion, "answer": gold, "expected": expected}
    if prompt is not None:
        case["prompt"] = prompt
    cases.append(case)


# Ways a model ends a solution with a LaTeX answer ("@@" is the answer). The lead-ins carry no numbers.
MATH_TEMPLATES = [
    "Combining the steps above, we get $\\boxed{@@}$.",
    "Simplifying, the result is\n\\[\n\\boxed{@@}\n\\]",
    "<think>\nSet up the problem, solve it, then double-check the arithmetic.\n</think>\nThe answer is $@@$.",
    "Checking the result against every condition in the problem, it works.\n\n**Answer:** $@@$",
    "<think>Work through it carefully and verify.</think>\n<answer>@@</answer>",
    "Therefore, the final answer is: $\\boxed{@@}$. I hope it is correct.",
    "Final Answer: The final answer is $@@$. I hope it is correct.",
    "Putting everything together:\n\n$$\\boxed{@@}$$",
    "So we conclude that the answer is \\(\\boxed{@@}\\).",
    "Adding it all up gives the result.\n#### @@",  # GSM8K style, only for plain numbers
]

# Ways a model ends a solution with a plain-text answer ("2 1/2 cups", "twelve", "25 percent").
TEXT_TEMPLATES = [
    "Working through the problem step by step, the answer is @@.",
    "Let me double-check the computation... yes, it holds.\n\n**Answer:** @@",
    "<think>Compute, then verify against the question.</think>\n<answer>@@</answer>",
    "<think>\nCareful with the wording of the question here.\n</think>\nSo the final answer is @@.",
    "Final answer: @@",
    "That gives us the total.\n#### @@",  # only for plain numbers
]

PLAIN_NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?$")


def _render(templates, index, answer):
    template = templates[index % len(templates)]
    if template.startswith("Adding it all up") or template.startswith("That gives us"):
        if not PLAIN_NUMBER.match(answer):
            template = templates[(index + 1) % len(templates)]
    return template.replace("@@", answer)


_counter = [0]


def _items(category, templates, items):
    for item in items:
        answer, gold, expected = item[:3]
        prompt = item[3] if len(item) > 3 else None
        add(category, _render(templates, _counter[0], answer), gold, expected, prompt)
        _counter[0] += 1


def boxed(category, items):
    """items: (latex answer, gold, expected[, prompt]); wrapped in rotating LaTeX templates."""
    _items(category, MATH_TEMPLATES, items)


def texts(category, items):
    """items: (plain-text answer, gold, expected[, prompt]); wrapped in rotating plain-text templates."""
    _items(category, TEXT_TEMPLATES, items)


# ---------------------------------------------------------------------------------------------------------------
# matrices_vectors
# Rules: a matrix is equal when it has the same shape and equal entries, whatever the bracket style (pmatrix,
# bmatrix, \left(\begin{array}...\right)) or entry spelling (\frac12 = 0.5 = 1/2). A transposed (non-symmetric)
# matrix, swapped rows, a different shape, or a decimal approximation of an irrational/non-terminating entry is wrong.
# A column vector and a tuple/angle-bracket/ijk vector with the same components in the same order are the same vector
# (a human accepts \begin{pmatrix}1\\2\end{pmatrix} for gold (1,2)). A scalar factored out of a matrix is fine.
# ---------------------------------------------------------------------------------------------------------------
M1234 = r"\begin{pmatrix}1&2\\3&4\end{pmatrix}"
V_PROMPT = r"Find the vector $\mathbf{v}$ such that $\mathbf{A}\mathbf{v} = \mathbf{b}$."
M_PROMPT = r"Find the matrix $\mathbf{M}$."
INV_PROMPT = r"Find the inverse of $\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}$."
boxed("matrices_vectors", [
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", M1234, True, M_PROMPT),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", M1234, True, M_PROMPT),
    (r"\begin{pmatrix} 1 & 3 \\ 2 & 4 \end{pmatrix}", M1234, False, M_PROMPT),
    (r"\begin{pmatrix} 3 & 4 \\ 1 & 2 \end{pmatrix}", M1234, False, M_PROMPT),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 5 \end{pmatrix}", M1234, False, M_PROMPT),
    (r"\begin{pmatrix} 1 & -2 \\ 3 & 4 \end{pmatrix}", M1234, False, M_PROMPT),
    (r"\begin{pmatrix} 1 & 2 & 3 & 4 \end{pmatrix}", M1234, False, M_PROMPT),
    (r"\mathbf{M} = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", M1234, True, M_PROMPT),
    (r"\begin{pmatrix} {1} & {2} \\ {3} & {4} \end{pmatrix}", M1234, True, M_PROMPT),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \\ \end{pmatrix}", M1234, True, M_PROMPT),
    (r"\begin{pmatrix} 2 \\ -1 \end{pmatrix}", r"(2,-1)", True, V_PROMPT),
    (r"(2, -1)", r"\begin{pmatrix} 2 \\ -1 \end{pmatrix}", True, V_PROMPT),
    (r"\mathbf{v} = \begin{pmatrix} 2 \\ -1 \end{pmatrix}", r"\begin{pmatrix} 2 \\ -1 \end{pmatrix}", True, V_PROMPT),
    (r"\begin{pmatrix} -1 \\ 2 \end{pmatrix}", r"\begin{pmatrix} 2 \\ -1 \end{pmatrix}", False, V_PROMPT),
    (r"(3, 1)", r"\begin{pmatrix} 1 \\ 3 \end{pmatrix}", False, V_PROMPT),
    (r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", r"(1,2)", True, V_PROMPT),
    (r"\begin{pmatrix} \frac12 & 0 \\ 0 & 2 \end{pmatrix}", r"\begin{pmatrix} 0.5 & 0 \\ 0 & 2 \end{pmatrix}", True),
    (r"\begin{pmatrix} 0.5 & 0 \\ 0 & 2 \end{pmatrix}", r"\begin{pmatrix} 1/2 & 0 \\ 0 & 2 \end{pmatrix}", True),
    (r"\begin{pmatrix} 2 & 0 \\ 0 & \frac12 \end{pmatrix}", r"\begin{pmatrix} 1/2 & 0 \\ 0 & 2 \end{pmatrix}", False),
    (r"\begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix}", r"\begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix}", True),
    (r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", r"\begin{pmatrix} 1 \\ 2 \\ 0 \end{pmatrix}", False),
    (r"\begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix}", r"(1,2,3)", True),
    (r"\left(\begin{array}{cc} 3 & -1 \\ 0 & 5 \end{array}\right)", r"\begin{pmatrix} 3 & -1 \\ 0 & 5 \end{pmatrix}", True),
    (r"\begin{pmatrix} 3 & -1 \\ 0 & -5 \end{pmatrix}", r"\begin{pmatrix} 3 & -1 \\ 0 & 5 \end{pmatrix}", False),
    (r"\begin{pmatrix} -\frac{2}{3} \\ \frac{1}{3} \end{pmatrix}", r"\begin{pmatrix} -2/3 \\ 1/3 \end{pmatrix}", True),
    (r"\begin{pmatrix} \frac{2}{3} \\ \frac{1}{3} \end{pmatrix}", r"\begin{pmatrix} -2/3 \\ 1/3 \end{pmatrix}", False),
    (r"\begin{pmatrix} \dfrac{4}{6} \\ 1 \end{pmatrix}", r"\begin{pmatrix} \frac{2}{3} \\ 1 \end{pmatrix}", True),
    (r"\begin{pmatrix} 0.67 \\ 1 \end{pmatrix}", r"\begin{pmatrix} \frac{2}{3} \\ 1 \end{pmatrix}", False),
    (r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}", r"\begin{pmatrix}1&0\\0&1\end{pmatrix}", True),
    (r"\begin{pmatrix} 0 & 0 \\ 0 & 0 \end{pmatrix}", r"\begin{pmatrix}0&0\\0&1\end{pmatrix}", False),
    (r"\begin{pmatrix} 2 & 1 \\ 1 & 2 \end{pmatrix}", r"\begin{bmatrix} 2 & 1 \\ 1 & 2 \end{bmatrix}", True),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \\ 5 & 6 \end{pmatrix}", r"\begin{pmatrix} 1 & 3 & 5 \\ 2 & 4 & 6 \end{pmatrix}", False),
    (r"\begin{pmatrix} \sqrt{2} \\ \sqrt{2} \end{pmatrix}", r"\begin{pmatrix} \sqrt2 \\ \sqrt2 \end{pmatrix}", True),
    (r"\begin{pmatrix} 1.414 \\ 1.414 \end{pmatrix}", r"\begin{pmatrix} \sqrt2 \\ \sqrt2 \end{pmatrix}", False),
    (r"\begin{pmatrix} 0 & -1 \\ 1 & 0 \end{pmatrix}", r"\begin{pmatrix} 0 & -1 \\ 1 & 0 \end{pmatrix}", True,
     r"Find the matrix that rotates the plane by $90^\circ$ counter-clockwise."),
    (r"\begin{pmatrix} 0 & 1 \\ -1 & 0 \end{pmatrix}", r"\begin{pmatrix} 0 & -1 \\ 1 & 0 \end{pmatrix}", False,
     r"Find the matrix that rotates the plane by $90^\circ$ counter-clockwise."),
    (r"\begin{pmatrix} \frac{1}{2} & -\frac{\sqrt{3}}{2} \\ \frac{\sqrt{3}}{2} & \frac{1}{2} \end{pmatrix}",
     r"\begin{pmatrix} 1/2 & -\sqrt{3}/2 \\ \sqrt{3}/2 & 1/2 \end{pmatrix}", True),
    (r"\begin{pmatrix} 2 \\ 4 \end{pmatrix}", r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", False,
     r"Compute the projection of $\begin{pmatrix} 3 \\ 1 \end{pmatrix}$ onto $\begin{pmatrix} 1 \\ 2 \end{pmatrix}$."),
    (r"\begin{pmatrix} 6 \\ -3 \\ 2 \end{pmatrix}", r"\begin{pmatrix} 6 \\ -3 \\ 2 \end{pmatrix}", True),
    (r"\begin{pmatrix} 6 \\ 2 \\ -3 \end{pmatrix}", r"\begin{pmatrix} 6 \\ -3 \\ 2 \end{pmatrix}", False),
    (r"\langle 6, -3, 2 \rangle", r"\begin{pmatrix} 6 \\ -3 \\ 2 \end{pmatrix}", True),
    (r"6\mathbf{i} - 3\mathbf{j} + 2\mathbf{k}", r"\begin{pmatrix} 6 \\ -3 \\ 2 \end{pmatrix}", True),
    (r"\frac{1}{2}\begin{pmatrix} 1 & 1 \\ 1 & -1 \end{pmatrix}", r"\begin{pmatrix} 1/2 & 1/2 \\ 1/2 & -1/2 \end{pmatrix}", True),
    (r"\begin{pmatrix} 1 & 1 \\ 1 & -1 \end{pmatrix}", r"\begin{pmatrix} 1/2 & 1/2 \\ 1/2 & -1/2 \end{pmatrix}", False),
    (r"\begin{pmatrix} -2 & 1 \\ \frac{3}{2} & -\frac{1}{2} \end{pmatrix}", r"\begin{pmatrix} -2 & 1 \\ 1.5 & -0.5 \end{pmatrix}", True, INV_PROMPT),
    (r"\begin{pmatrix} -2 & 1.5 \\ 1 & -0.5 \end{pmatrix}", r"\begin{pmatrix} -2 & 1 \\ 1.5 & -0.5 \end{pmatrix}", False, INV_PROMPT),
    (r"\begin{pmatrix} 4 & -2 \\ -3 & 1 \end{pmatrix}", r"\begin{pmatrix} -2 & 1 \\ 1.5 & -0.5 \end{pmatrix}", False, INV_PROMPT),
    (r"\begin{bmatrix} 1 & 0 & 0 \\ 0 & 2 & 0 \\ 0 & 0 & 3 \end{bmatrix}", r"\begin{pmatrix} 1 & 0 & 0 \\ 0 & 2 & 0 \\ 0 & 0 & 3 \end{pmatrix}", True),
    (r"\begin{pmatrix} 1 & 0 & 0 \\ 0 & 3 & 0 \\ 0 & 0 & 2 \end{pmatrix}", r"\begin{pmatrix} 1 & 0 & 0 \\ 0 & 2 & 0 \\ 0 & 0 & 3 \end{pmatrix}", False),
    (r"\begin{pmatrix} 2.5 \\ -0.75 \end{pmatrix}", r"\begin{pmatrix} 5/2 \\ -3/4 \end{pmatrix}", True),
    (r"\begin{pmatrix} 2.5 \\ 0.75 \end{pmatrix}", r"\begin{pmatrix} 5/2 \\ -3/4 \end{pmatrix}", False),
])
add("matrices_vectors", r"""Row-reducing the augmented matrix gives $x = 4$ and $y = -1$, so
$$\mathbf{v} = \begin{pmatrix} 4 \\ -1 \end{pmatrix}.$$""", r"\begin{pmatrix} 4 \\ -1 \end{pmatrix}", True, V_PROMPT)
add("matrices_vectors", r"""Row-reducing the augmented matrix gives $x = 4$ and $y = -1$, so
$$\mathbf{v} = \begin{pmatrix} -1 \\ 4 \end{pmatrix}.$$""", r"\begin{pmatrix} 4 \\ -1 \end{pmatrix}", False, V_PROMPT)


# ---------------------------------------------------------------------------------------------------------------
# multiple_boxes
# Rules: judged by the final committed answer. The same value restated in another box (\frac12 then 0.5) is right.
# An intermediate box followed by a different final box is judged by the final box. Hedging between boxes
# ("\boxed{3} or \boxed{4}") is wrong even when the gold is one of them. When the prompt asks for several quantities
# (x and y, all solutions), boxes that together give exactly those quantities are right; a missing or extra one is wrong.
# A hedge that is then explicitly resolved ("...since the problem says inclusive, it is \boxed{8}") counts the resolution.
# ---------------------------------------------------------------------------------------------------------------
XY = r"Find $x$ and $y$ if $x + y = 5$ and $x - y = -1$."
ROOTS = r"Find all real solutions of $x^2 + 2x - 3 = 0$."
AB = r"Find $a$ and $b$ such that $a + b = 3$ and $a - b = 7$."
mb = [
    (r"Thus $p = \boxed{\frac{1}{2}}$, i.e. $\boxed{0.5}$.", r"\frac12", True, None),
    (r"""We find the probability is $\boxed{\frac{1}{2}}$.

So the final answer is $\boxed{0.5}$.""", r"\frac{1}{2}", True, None),
    (r"""Step 1: The number of red marbles is $\boxed{6}$.
Step 2: Adding the 8 blue marbles gives the total $6 + 8 = 14$.

Final answer: $\boxed{14}$""", "14", True, "How many marbles are in the bag?"),
    (r"""Step 1: The number of red marbles is $\boxed{6}$.
Step 2: Adding the 8 blue marbles gives the total $6 + 8 = 14$.

Final answer: $\boxed{14}$""", "6", False, None),
    (r"""Adding the equations gives $2x = 4$, so $\boxed{x = 2}$. Then $y = 5 - 2$, so $\boxed{y = 3}$.""", "x=2, y=3", True, XY),
    (r"""Adding the equations gives $2x = 4$, so $\boxed{x = 2}$. Then $y = 5 - 2$, so $\boxed{y = 3}$.""", "2, 3", True, XY),
    (r"""From the second equation $y = x + 1$, so $2x + 1 = 5$ and $\boxed{x=2}$, $\boxed{y=4}$.""", "x=2, y=3", False, XY),
    (r"""Solving, $\boxed{y = 3}$ and then $\boxed{x = 2}$.""", "x=2, y=3", True, XY),
    (r"""Subtracting the equations, $2y = 6$, so $y = \boxed{3}$. Substituting back, $x = \boxed{2}$.""", "2, 3", True, XY),
    (r"""So the answer is $\boxed{3}$ or $\boxed{4}$.""", "3", False, None),
    (r"""So the answer is $\boxed{3}$ or $\boxed{4}$.""", "4", False, None),
    (r"""It is either $\boxed{2}$ or $\boxed{5}$, depending on how we read the problem.""", "5", False, None),
    (r"""The answer is $\boxed{7}$.

Wait, let me recheck the last step. I forgot to count the starting day. Actually the answer is $\boxed{8}$.""", "7", False, None),
    (r"""The answer is $\boxed{7}$.

Wait, let me recheck the last step. I forgot to count the starting day. Actually the answer is $\boxed{8}$.""", "8", True, None),
    (r"""Using the formula, $n = \boxed{12}$. Checking against the table, the count should include the endpoint, so $n = \boxed{13}$.""", "12", False, None),
    (r"""The diagonal is $\boxed{2\sqrt{2}}$, which we may also write as $\boxed{\sqrt{8}}$.""", r"2\sqrt2", True, None),
    (r"""The fraction of the tank that is full is $\boxed{\frac{3}{4}}$, which equals $\boxed{0.75}$.""", r"\frac34", True, None),
    (r"""The solutions are $\boxed{x = 1}$ and $\boxed{x = -3}$.""", "1, -3", True, ROOTS),
    (r"""Factoring, $(x+3)(x-1) = 0$. Since we want a real solution, $\boxed{1}$.""", "1, -3", False, ROOTS),
    (r"""The solutions are $\boxed{1}$, $\boxed{-3}$, and $\boxed{2}$.""", "1, -3", False, ROOTS),
    (r"""The length is $\boxed{8}$ cm and the width is $\boxed{5}$ cm.""", "8, 5",  True,
     "A rectangle has perimeter 26 cm and area 40 cm^2, and its length exceeds its width. Find the length and the width."),
    (r"""Adding, $2a = 10$, so $\boxed{a = 5}$ and $\boxed{b = -2}$.""", "a=5, b=-2", True, AB),
    (r"""Adding, $2b = 10$... so $\boxed{a = -2}$ and $\boxed{b = 5}$.""", "a=5, b=-2", False, AB),
    (r"""It could be $\boxed{10}$, but it might also be $\boxed{12}$.""", "10", False, None),
    (r"""The answer is $\boxed{6}$.

$\boxed{6}$""", "6", True, None),
    (r"""A first estimate gives $\boxed{6}$. Taking the overlap into account, the final count is $\boxed{9}$.""", "9", True, None),
    (r"""Check: plugging $x = \boxed{3}$ back into the equation gives $9 - 9 = 0$. ✓

Final answer: $\boxed{3}$""", "3", True, None),
    (r"""So $x = \boxed{2}$ or $x = \boxed{-2}$.""", "2", False, r"Find the positive value of $x$ such that $x^2 = 4$."),
    (r"""We get $\boxed{x = 2}$ and $\boxed{y = 3}$.""", "(2,3)", True, r"Find the ordered pair $(x, y)$ with $x + y = 5$ and $x - y = -1$."),
    (r"""We get $x = \boxed{3}$ and $y = \boxed{2}$.""", "(2,3)", False, r"Find the ordered pair $(x, y)$ with $x + y = 5$ and $x - y = -1$."),
    (r"""So $n = \boxed{15}$.

Correction: I mis-added the second row. $n = \boxed{16}$.""", "15", False, None),
    (r"""That is $\boxed{1/3}$; written as a fraction in LaTeX, $\boxed{\frac{1}{3}}$.""", r"\frac13", True, None),
    (r"""Here $a = \boxed{4}$ and $b = \boxed{7}$, so $a + b = \boxed{11}$.""", "11", True, "Compute $a + b$."),
    (r"""Here $a = \boxed{4}$ and $b = \boxed{7}$.""", "11", False, "Compute $a + b$."),
    (r"""Possible answers: $\boxed{3}$, $\boxed{4}$.""", "3", False, None),
    (r"""Restating: $\boxed{42}$. Again, the answer is $\boxed{42}$, and the answer is $\boxed{42}$.""", "42", True, None),
    (r"""First $5! = \boxed{120}$, then dividing by the $\boxed{24}$ rotations... wait, by $4!$ gives $\boxed{5}$.""", "5", True, None),
    (r"""The answer is $\boxed{\frac{5}{2}}$, or equivalently $\boxed{2\frac{1}{2}}$.""", r"\frac52", True, None),
    (r"""The answer is $\boxed{\frac{5}{2}}$, or equivalently $\boxed{2.25}$.""", r"\frac52", False, None),
    (r"""The count is $\boxed{7}$ or $\boxed{8}$, depending on whether the endpoints are included. The problem says inclusive, so it is $\boxed{8}$.""", "8", True, None),
    (r"""Counting inclusively, the answer is $\boxed{8}$. If the endpoints were excluded it would be $\boxed{7}$.""", "8", False, None),
    (r"""The perimeter is $\boxed{24}$ and the area is $\boxed{36}$.""", "36", True, r"Find the area of a square whose perimeter is $24$."),
    (r"""The area is $\boxed{36}$, so the perimeter is $\boxed{24}$.""", "36", False, r"Find the area of a square whose perimeter is $24$."),
    (r"""The greatest common divisor is $\boxed{6}$ and the least common multiple is $\boxed{36}$.""", "6, 36", True,
     r"Find the greatest common divisor and the least common multiple of $12$ and $18$."),
    (r"""The greatest common divisor is $\boxed{6}$ and the least common multiple is $\boxed{216}$.""", "6, 36", False,
     r"Find the greatest common divisor and the least common multiple of $12$ and $18$."),
    (r"""The slope is $\boxed{2}$, and hence the $y$-intercept is $\boxed{-3}$.""", "-3", True,
     r"Find the $y$-intercept of the line through $(1, -1)$ and $(2, 1)$."),
    (r"""The $y$-intercept is $\boxed{-3}$, and the slope is $\boxed{2}$.""", "-3", False,
     r"Find the $y$-intercept of the line through $(1, -1)$ and $(2, 1)$."),
]
for completion, gold, expected, prompt in mb:
    add("multiple_boxes", completion, gold, expected, prompt)


# ---------------------------------------------------------------------------------------------------------------
# units_currency
# Rules: a unit or currency mark on the right number is fine (\$5, 5 dollars, 5\text{ cm}, 5\,\text{kg}, 72 square
# feet). Cents: 4.50 = 4.5 and "12 dollars and 50 cents" = 12.50. A compound amount equal to the gold in the asked
# unit is right (3 hours and 30 minutes for 3.5 hours). A wrong number is wrong whatever the unit, and the right number
# with a different unit of a different size (5 cm for gold 5 m) is wrong. Unit conversions of the right amount into a
# unit the question did not ask for are avoided (graders disagree).
# ---------------------------------------------------------------------------------------------------------------
boxed("units_currency", [
    (r"\$5", "5", True), (r"5 \text{ dollars}", "5", True), (r"5\text{ cm}", "5", True), (r"5 \mathrm{cm}^2", "5", True),
    (r"\text{5 meters}", "5", True), (r"5\,\text{kg}", "5", True), (r"\$4.50", "4.5", True), (r"\$4.5", "4.50", True),
    (r"\$4.05", "4.5", False), (r"6\text{ cm}", "5", False), (r"5\text{ cm}^2", r"5\text{ cm}^2", True),
    (r"\$1,250.00", "1250", True), (r"\$12.5", "12.50", True), (r"\$12.05", "12.50", False),
    (r"5\text{ m/s}", "5", True), (r"5\ \text{km/h}", "50", False), (r"72 \text{ ft}^2", "72", True),
    (r"27\text{ ft}", "72", False), (r"2.5\text{ L}", "2.5", True), (r"2.5\text{ mL}", r"2.5\text{ L}", False),
    (r"1{,}200\text{ m}", "1200", True), (r"45\text{ mph}", "45", True), (r"\text{45 miles per hour}", "45", True),
    (r"\$0.5", "0.50", True), (r"\$5.00", "5", True), (r"\$500", "5", False), (r"15 \text{ students}", "16", False),
    (r"9\pi \text{ cm}^2", r"9\pi", True), (r"9 \text{ cm}^2", r"9\pi", False), (r"60 \text{ cm}", "6", False,
     "How long is the ribbon, in centimeters?"), (r"\textbf{\$7.25}", "7.25", True), (r"10\text{kg}", r"10 \text{ kg}", True),
    (r"10 \text{ g}", r"10 \text{ kg}", False), (r"5\text{ cm}", r"5 \text{ m}", False), (r"\$4.5", "45", False),
    (r"32^\circ\text{F}", "32", True), (r"\$ 20", "2", False),
])
texts("units_currency", [
    ("$5 dollars", "5", True), ("$4.50", "4.5", True), ("12 dollars and 50 cents", "12.50", True),
    ("12 dollars and 5 cents", "12.50", False), ("72 square feet", "72", True), ("75¢", "75", True, "How many cents does the pencil cost?"),
    ("€20", "20", True), ("£15", "15", True), ("5 apples", "5", True), ("6 inches", "6", True), ("7.52 dollars", "7.25", False),
    ("4 dollars and 50 cents", "4.05", False), ("3 hours and 30 minutes", "3.5", True, "How many hours does the trip take?"),
    ("3 hours and 20 minutes", "3.5", False, "How many hours does the trip take?"), ("3 hours", "3", True),
])
add("units_currency", """Janet's ducks lay 16 eggs a day. She eats 3 and bakes with 4, leaving 16 - 3 - 4 = 9 eggs.
She sells them for $2 each, so she makes 9 * 2 = $18 a day.
#### $18""", "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer's market.\n#### 18", True)
add("units_currency", """She sells 9 eggs for $2 each, so she makes 9 + 2 = $11 a day.
#### 11""", "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer's market.\n#### 18", False)


boxed("units_currency", [
    (r"\$5.50", "5.05", False), (r"4.5\text{ kg}", "45", False), (r"\$1,205", "1250", False), (r"18\text{ cm}^2", "81", False),
    (r"\text{8 meters}", "80", False), (r"\$0.05", "0.50", False),
])

# ---------------------------------------------------------------------------------------------------------------
# percent_degrees
# Percent rule: "%" is a unit meaning /100, and the unit the question asks in gives bare numbers their meaning.
#   For a "what percent" question with gold 25 or 25\%: 25, 25\%, "25 percent" are right; a bare 0.25 is WRONG (it
#   says 0.25 percent). For a probability/fraction question (gold \frac14), 25\% is right (25% = 0.25 exactly).
#   A rounded percent for a non-terminating one (33\% for 33\frac13\%) is wrong unless rounding is asked.
# Degrees rule: when the question asks for degrees, a radian answer (\frac{\pi}{2}, 1.57, "\frac{\pi}{2} rad") is
#   WRONG, and when it asks for radians a degree answer is wrong. A bare number for a degree gold is read in degrees
#   (90 = 90^\circ). A bare number for a radian gold is read in radians (90 is not \frac{\pi}{2}). When the question
#   asks for no unit, an answer with an explicit unit mark that converts exactly (90^\circ for gold \frac{\pi}{2},
#   "\frac{\pi}{2} radians" for gold 90^\circ) is accepted. A bare \frac{\pi}{2} against a degree gold with no unit
#   requested is left out (graders disagree).
# ---------------------------------------------------------------------------------------------------------------
PCT = "What percent of the students in the class are left-handed?"
INC = "By what percent did the price increase?"
PROB = "What is the probability that the spinner lands on red?"
DEG = r"Find the measure of $\angle ABC$, in degrees."
RAD = r"Find the angle between the two vectors, in radians."
boxed("percent_degrees", [
    (r"25\%", r"25\%", True, PCT), ("25", r"25\%", True, PCT), (r"0.25", r"25\%", False, PCT), (r"25\%", "25", True, PCT),
    (r"2.5\%", r"25\%", False, PCT), (r"250\%", "25", False, PCT), (r"25 \text{ percent}", "25", True, PCT),
    (r"12.5\%", "12.5", True, PCT), (r"12.5\%", r"\frac{25}{2}", True, PCT), (r"12\frac{1}{2}\%", "12.5", True, PCT),
    (r"33\frac{1}{3}\%", r"33\frac13", True, PCT), (r"33\%", r"33\frac{1}{3}", False, PCT), (r"0.125", "12.5", False, PCT),
    (r"25\%", r"\frac{1}{4}", True, PROB), (r"50\%", r"\frac12", True, PROB), (r"\frac{1}{2}\%", r"50\%", False, PCT),
    (r"45\%", "45", True, PCT), (r"40\%", "45", False, PCT), (r"100\%", "100", True, PCT), (r"10\%", r"100\%", False, PCT),
    (r"150\%", r"50\%", False, INC), (r"50\%", "50", True, INC), (r"0.5\%", r"50\%", False, INC), (r"20\%", "25", False, INC),
    (r"90^\circ", r"90^\circ", True, DEG), (r"90^{\circ}", "90", True, DEG), ("90", r"90^\circ", True, DEG),
    (r"90\degree", r"90^\circ", True, DEG), (r"\frac{\pi}{2}", r"90^\circ", False, DEG), (r"45^\circ", r"90^\circ", False, DEG),
    (r"9^\circ", "90", False, DEG), (r"\frac{\pi}{2} \text{ rad}", "90", False, DEG), (r"m\angle ABC = 30^\circ", r"30^\circ", True, DEG),
    (r"-30^\circ", r"30^\circ", False, DEG), (r"22.5^\circ", "22.5", True, DEG), (r"120^\circ", "120", True, DEG),
    (r"60^\circ", "120", False, DEG), (r"240^\circ", r"120^\circ", False, DEG),
    (r"\frac{\pi}{2}", r"\frac{\pi}{2}", True, RAD), (r"\pi/2", r"\frac{\pi}{2}", True, RAD), (r"90^\circ", r"\frac{\pi}{2}", False, RAD),
    (r"1.57", r"\frac{\pi}{2}", False, RAD), (r"90^\circ", r"\frac{\pi}{2}", True), ("90", r"\frac{\pi}{2}", False),
    (r"\frac{\pi}{2}\text{ radians}", r"90^\circ", True),
])
texts("percent_degrees", [
    ("25 percent", "25", True, PCT), ("25 per cent", r"25\%", True, PCT), ("0.25 percent", r"25\%", False, PCT),
    ("90°", r"90^\circ", True, DEG), ("90 degrees", "90", True, DEG), ("80 degrees", "90", False, DEG),
])


# ---------------------------------------------------------------------------------------------------------------
# mixed_numbers
# Rules: "2\frac{1}{2}" (and "2 1/2", "2\tfrac12", "two and a half") is the mixed number 2.5, never the product 2*(1/2);
# a negative mixed number -1\frac34 is -(1 + 3/4) = -7/4. Plain-text mixed numbers ("7 3/4 inches") are written
# outside math mode, where the space is visible. Decimal approximations of non-terminating values are wrong.
# ---------------------------------------------------------------------------------------------------------------
boxed("mixed_numbers", [
    (r"2\frac{1}{2}", r"\frac{5}{2}", True), (r"2\tfrac12", "2.5", True), (r"2\dfrac{1}{2}", r"\frac52", True),
    (r"2\frac12", "5/2", True), (r"-2\frac{1}{2}", r"-\frac{5}{2}", True), (r"2\frac{1}{3}", r"\frac52", False),
    (r"2\frac{1}{2}", "1", False), (r"\frac{5}{2}", r"2\frac12", True), ("2.5", r"2\frac{1}{2}", True), ("5/2", r"2 \frac{1}{2}", True),
    (r"3\frac{3}{4}", r"\frac{15}{4}", True), (r"3\frac{3}{4}", "3.75", True), (r"3\frac{3}{4}", r"\frac{9}{4}", False),
    (r"1\frac{2}{3}", r"\frac{5}{3}", True), (r"1\frac{2}{3}", r"\frac{2}{3}", False), ("1.67", r"1\frac{2}{3}", False),
    (r"4\frac{1}{8}", r"\frac{33}{8}", True), (r"4\frac{1}{8}", "4.125", True), (r"4\frac{1}{8}", "4.18", False),
    (r"10\frac{1}{2}", r"\frac{21}{2}", True), (r"10\frac{1}{2}", r"\frac{11}{2}", False), (r"2\frac{4}{8}", r"\frac52", True),
    (r"1\frac{1}{2}", r"\frac{3}{2}", True), (r"1\frac{1}{2}", r"\frac12", False), (r"3 \frac{1}{2}", "3.5", True),
    (r"3\frac{1}{2}", "3.2", False), (r"-1\frac{3}{4}", r"-\frac{7}{4}", True), (r"-1\frac{3}{4}", r"-\frac{1}{4}", False),
    (r"12\tfrac{2}{3}", r"\frac{38}{3}", True), (r"12\tfrac{2}{3}", r"\frac{36}{3}", False), (r"\frac{7}{2}", r"3\frac12", True),
    (r"3\frac{1}{2}", r"\frac{3}{2}", False), (r"1\frac{1}{4}", "1.25", True), (r"1\frac{1}{4}", "1.4", False),
    (r"6\frac{1}{4}", r"\frac{25}{4}", True), (r"6\frac{1}{4}", r"\frac{24}{4}", False), (r"2\frac{1}{2}", r"2\frac{1}{4}", False),
    (r"5\frac{1}{2}", r"2\frac{1}{5}", False), ("2.25", r"2\frac{1}{4}", True), (r"2\frac{1}{2}\text{ hours}", "2.5", True),
])
texts("mixed_numbers", [
    ("2 1/2 cups of flour", r"\frac{5}{2}", True), ("2 1/2", "2.5", True), ("2 and 1/2", r"\frac52", True),
    ("two and a half", "2.5", True), ("7 3/4 inches", r"\frac{31}{4}", True), ("7 3/4", r"\frac{21}{4}", False),
    ("2 1/3 cups", "2.5", False), ("1 1/2", "0.5", False),
])


# ---------------------------------------------------------------------------------------------------------------
# equations_values
# Rules: "x = 3" and "3" are the same answer in either direction; the variable name does not matter (t = 3 for gold
# x = 3 is accepted as a value). A function or line given as "f(x) = ..." / "y = ..." matches the bare expression,
# and an equivalent equation of the same line (2y = 4x + 2 for y = 2x + 1) is right. An equation that only implies
# the answer (x^2 = 9 for x = 3) is wrong. "Find all" golds need every solution.
# ---------------------------------------------------------------------------------------------------------------
LINE = "Find the equation of the line through $(0, 1)$ with slope 2."
boxed("equations_values", [
    ("x = 3", "3", True), ("x=3", "x=3", True), ("3", "x=3", True), ("x = 3", "x = 4", False), ("x=3", "4", False),
    ("y = 2x + 1", "2x+1", True, LINE), ("2x + 1", "y=2x+1", True, LINE), ("y = 2x - 1", "y=2x+1", False, LINE),
    ("f(x) = x^2 + 1", "x^2+1", True), ("f(x) = x^2 - 1", "x^2+1", False), ("a = 2", "2", True), ("k = -1", "-1", True),
    ("k = 1", "-1", False), ("t = 3", "x = 3", True), ("n = 12", "12", True), (r"x = \frac{1}{2}", "0.5", True),
    (r"x = -\frac{3}{2}", "-1.5", True), (r"x = \frac{3}{2}", "-1.5", False), ("y = 3x + 2", "y = 2 + 3x", True),
    ("y = 3x+2", "y=2x+3", False), ("2y = 4x + 2", "y = 2x + 1", True, LINE), ("y - 1 = 2x", "y = 2x + 1", True, LINE),
    ("x^2 = 9", "x = 3", False), ("p(x) = 3x^2 - 2x + 5", "3x^2-2x+5", True), ("p(x) = 3x^2 + 2x + 5", "3x^2-2x+5", False),
    (r"m = \frac{3}{4}", r"\frac34", True), ("b = 7", "b = -7", False), (r"\theta = 45^\circ", r"45^\circ", True),
    ("r = 4", "4", True), ("r = 2", "4", False), (r"c = \sqrt{5}", r"\sqrt5", True), (r"x = \pm 2", r"\pm 2", True,
     r"Find all real $x$ such that $x^2 = 4$."), ("x = 2", r"\pm 2", False, r"Find all real $x$ such that $x^2 = 4$."),
    (r"x = 2 \text{ or } x = -2", r"\pm 2", True, r"Find all real $x$ such that $x^2 = 4$."),
    ("(x, y) = (1, 2)", "(1,2)", True), ("x = 1, y = 2", "(1,2)", True, r"Find the ordered pair $(x, y)$."),
    ("x = 2, y = 1", "(1,2)", False, r"Find the ordered pair $(x, y)$."), ("S = 55", "55", True), ("S = 45", "55", False),
    ("f(2) = 9", "9", True), ("f(2) = 9", "8", False), (r"h(x) = \frac{1}{x}", r"\frac1x", True),
    (r"y = \frac{1}{2}x + 3", "y = 0.5x + 3", True), (r"y = -\frac{1}{2}x + 3", r"y=\frac12 x+3", False),
    ("t = 4", "x = 3", False), ("z = 1 + 2i", "1+2i", True), ("z = 1 - 2i", "1+2i", False), ("k = -1", "k=-1", True),
    ("a + b = 7", "7", True, "Find $a + b$."), ("a + b = 7", "8", False, "Find $a + b$."),
])


boxed("equations_values", [
    ("y = x + 2", "y = 2x + 1", False, LINE), ("f(x) = 2x", "2x+1", False),
])

# ---------------------------------------------------------------------------------------------------------------
# integer_spellings
# Rules: thousands separators (1,000 / 1{,}000 / 1\,000 / "1 000" in plain text) are the plain integer. Number words
# ("twelve", "twenty-one", "one million", "a hundred") are right when they name the gold. 10^6 = 1,000,000.
# European decimal commas ("3,5") and dot separators ("1.000.000") are avoided as ambiguous; every comma here
# groups three digits. Trailing ".0"/".00" is the same integer.
# ---------------------------------------------------------------------------------------------------------------
boxed("integer_spellings", [
    ("1,000,000", "1000000", True), (r"1\,000\,000", "1000000", True), ("1{,}000", "1000", True), ("1,000", "10000", False),
    ("10,000", "10000", True), ("100,000", "1000000", False), ("1,000,000", "10^6", True), ("10^6", "1,000,000", True),
    ("2,024", "2024", True), ("12{,}345", "12345", True), ("12,345", "12354", False), ("123,456,789", "123456789", True),
    ("007", "7", True), ("42.0", "42", True), ("42.00", "42", True), ("4.2", "42", False), ("1,001", "1001", True),
    ("1,001", "1000", False), (r"2\,500", "2500", True), ("-1,000", "-1000", True), ("1,000", "-1000", False),
    (r"5 \times 10^3", "5000", True), (r"5 \times 10^4", "5000", False), ("2^{10}", "1024", True), ("1{,}024", "1024", True),
    (r"\text{twelve}", "12", True), (r"\text{twenty}", "12", False), ("1,205", "1250", False), ("1,250", "#### 1250", True),
])
texts("integer_spellings", [
    ("1 000 000", "1000000", True), ("one million", "1000000", True), ("five", "5", True), ("twelve", "12", True),
    ("twenty-one", "21", True), ("twenty one", "21", True), ("twelve", "20", False), ("ten thousand", "10000", True),
    ("one thousand", "10000", False), ("seventeen", "70", False), ("seventy", "70", True), ("seventeen", "17", True),
    ("fifteen", "50", False), ("three hundred forty-five", "345", True), ("three hundred fifty-four", "345", False),
    ("123 456 789", "123456789", True), ("zero", "0", True), ("zero", "1", False), ("nine", "9", True),
    ("nineteen", "9", False), ("a hundred", "100", True), ("one hundred and one", "101", True), ("one hundred", "101", False),
    ("one million", "100000", False),
])


boxed("integer_spellings", [
    ("10,000,000", "1000000", False), ("1{,}100", "1000", False), (r"1\,000", "100", False),
])
texts("integer_spellings", [
    ("eleven", "12", False), ("one hundred thousand", "1000000", False), ("twenty-two", "21", False), ("forty", "14", False),
])

# ---------------------------------------------------------------------------------------------------------------
# latex_fractions
# Rules: \frac, \dfrac, \tfrac, \frac12, a/b and \left(...\right) are all the same fraction; unsimplified fractions are
# right (2/4 = 1/2), on either side; the sign may sit anywhere (-3/4 = \frac{-3}{4} = \frac{3}{-4}). Terminating
# decimals equal to the fraction are right; a reciprocal, sign flip or nearby fraction is wrong.
# ---------------------------------------------------------------------------------------------------------------
boxed("latex_fractions", [
    (r"\frac{1}{2}", r"\frac12", True), (r"\dfrac{1}{2}", "1/2", True), (r"\tfrac{1}{2}", "0.5", True),
    (r"\frac12", r"\frac{1}{2}", True), ("1/2", r"\dfrac{1}{2}", True), (r"\left(\frac{3}{4}\right)", r"\frac34", True),
    (r"-\frac{3}{4}", r"\frac{-3}{4}", True), (r"\frac{-3}{4}", "-0.75", True), (r"\frac{3}{-4}", r"-\frac34", True),
    (r"-\frac{3}{4}", r"\frac34", False), (r"\frac{2}{4}", r"\frac{1}{2}", True), (r"\frac{6}{8}", r"\frac34", True),
    (r"\frac{3}{5}", r"\frac34", False), (r"\frac{1}{3}", r"\frac{1}{2}", False), (r"\frac{7}{21}", r"\frac13", True),
    (r"\frac{12}{7}", r"\frac{7}{12}", False), (r"\frac{10}{3}", r"3\frac13", True), (r"\frac{22}{7}", r"\pi", False),
    (r"\frac{x+1}{2}", r"\frac{1+x}{2}", True), (r"\frac{x}{2}+\frac12", r"\frac{x+1}{2}", True),
    (r"\frac{x+1}{2}", r"\frac{x}{2}+1", False), (r"\displaystyle\frac{1}{2}", r"\frac{1}{2}", True),
    (r"\frac{5}{100}", r"\frac{1}{20}", True), (r"\frac{5}{100}", r"\frac{1}{50}", False), ("0.05", r"\frac{1}{20}", True),
    ("0.5", r"\frac{1}{5}", False), (r"\frac{1}{8}", "0.125", True), (r"\frac{1}{8}", "0.18", False), (r"\frac{9}{4}", "2.25", True),
    (r"\frac{9}{4}", "2.5", False), (r"\frac{0}{5}", "0", True), (r"\frac{16}{64}", r"\frac14", True),
    (r"\frac{16}{64}", r"\frac16", False), (r"\frac {1} {2}", r"\frac12", True), (r"\frac{1}{2}", r"\frac{2}{1}", False),
    ("2/3", r"\frac{2}{3}", True), ("3/2", r"\frac23", False), ("(2/3)", r"\frac23", True), (r"\frac{-1}{-2}", r"\frac12", True),
    (r"-\frac{1}{-2}", r"\frac12", True), (r"\frac{1}{2}", r"-\frac12", False), (r"\frac{11}{13}", r"\frac{13}{11}", False),
    (r"\frac{100}{3}", r"33\frac{1}{3}", True), (r"\frac{3}{7}", r"\frac{6}{14}", True), (r"\frac{3}{7}", r"\frac{6}{21}", False),
    ("0.5", r"The favorable outcomes are 3 of 6, so the probability is $\frac{3}{6} = \boxed{\frac{1}{2}}$.", True),
    (r"\frac{1}{3}", r"The favorable outcomes are 3 of 6, so the probability is $\frac{3}{6} = \boxed{\frac{1}{2}}$.", False),
])


boxed("latex_fractions", [
    (r"\frac{2}{3}", r"\frac{3}{4}", False), (r"\tfrac{1}{4}", "0.4", False), (r"-\frac{2}{5}", "0.4", False),
    (r"\frac{4}{10}", r"\frac{1}{4}", False), (r"\left(\frac{1}{2}\right)^2", r"\frac12", False),
])

# ---------------------------------------------------------------------------------------------------------------
# roots
# Rules: radicals in any equal form are right (\sqrt2 = \sqrt{2} = 2^{1/2}; 2\sqrt3 = \sqrt{12}; rationalised or not:
# \frac{\sqrt2}{2} = \frac{1}{\sqrt2}). The index matters (\sqrt[3]{8} = 2, so it is wrong for gold 3). Decimal
# approximations of irrational roots are wrong. A missing \pm for a "find all" gold is wrong.
# ---------------------------------------------------------------------------------------------------------------
ROOT_GOLD_SOLUTION = r"The diagonal of the square is $\sqrt{5^2 + 5^2} = \sqrt{50} = \boxed{5\sqrt{2}}$."
boxed("roots", [
    (r"\sqrt{2}", r"\sqrt2", True), (r"\sqrt2", r"\sqrt{2}", True), (r"\sqrt[3]{2}", "2^{1/3}", True), ("2^{1/3}", r"\sqrt[3]{2}", True),
    (r"2^{\frac{1}{3}}", r"\sqrt[3]2", True), (r"\sqrt{2}", r"\sqrt[3]{2}", False), (r"2\sqrt{3}", r"\sqrt{12}", True),
    (r"\sqrt{12}", r"2\sqrt3", True), (r"3\sqrt{2}", r"\sqrt{12}", False), (r"\frac{\sqrt{2}}{2}", r"\frac{1}{\sqrt{2}}", True),
    (r"\frac{1}{\sqrt{2}}", r"\frac{\sqrt2}{2}", True), (r"\frac{\sqrt{3}}{2}", r"\frac{\sqrt2}{2}", False), (r"\sqrt[3]{8}", "3", False),
    (r"\sqrt[3]{8}", "2", True), (r"\sqrt{8}", "2", False), (r"\sqrt{9}", "3", True), (r"\sqrt[4]{16}", "2", True),
    (r"\sqrt[4]{16}", "4", False), (r"5\sqrt{2}", r"\sqrt{50}", True), (r"5\sqrt{2}", r"\sqrt{10}", False),
    (r"2\sqrt{5}", r"\sqrt{20}", True), (r"4\sqrt{5}", r"\sqrt{20}", False), (r"\sqrt{2}+1", r"1+\sqrt2", True),
    (r"\sqrt{2}-1", r"1+\sqrt2", False), ("1.414", r"\sqrt2", False), ("1.41421356237", r"\sqrt2", False),
    (r"\sqrt{3}/3", r"\frac{1}{\sqrt3}", True), (r"\frac{\sqrt{6}}{3}", r"\sqrt{\frac{2}{3}}", True),
    (r"\frac{\sqrt{6}}{2}", r"\sqrt{\frac23}", False), (r"3 + 2\sqrt{2}", r"(1+\sqrt2)^2", True), (r"3 + \sqrt{2}", r"(1+\sqrt2)^2", False),
    (r"\sqrt{5}", "5^{1/2}", True), ("5^{1/3}", r"\sqrt5", False), (r"\sqrt[3]{16}", r"2\sqrt[3]{2}", True),
    (r"2\sqrt[3]{4}", r"2\sqrt[3]2", False), (r"-\sqrt{3}", r"\sqrt3", False),
    (r"\pm\sqrt{3}", r"\pm \sqrt 3", True, r"Find all real $x$ with $x^2 = 3$."),
    (r"\sqrt{3}", r"\pm\sqrt3", False, r"Find all real $x$ with $x^2 = 3$."), (r"\frac{2}{\sqrt{2}}", r"\sqrt2", True),
    (r"\frac{2}{\sqrt{3}}", r"\frac{2\sqrt3}{3}", True), (r"\frac{2\sqrt{3}}{3}", r"\frac{\sqrt3}{3}", False),
    (r"\sqrt{18}", r"3\sqrt{2}", True), (r"\sqrt{6}", r"\sqrt2\sqrt3", True), (r"\sqrt 7", r"\sqrt{7}", True),
    (r"\sqrt{7}", r"\sqrt{17}", False), (r"\sqrt{17}", r"\sqrt{71}", False), (r"\dfrac{\sqrt{5}-1}{2}", r"\frac{-1+\sqrt5}{2}", True),
    (r"\dfrac{\sqrt{5}+1}{2}", r"\frac{-1+\sqrt5}{2}", False), ("√2", r"\sqrt2", True), ("3√2", r"\sqrt{18}", True),
    (r"\sqrt{50}", ROOT_GOLD_SOLUTION, True), ("7.07", ROOT_GOLD_SOLUTION, False),
])


# ---------------------------------------------------------------------------------------------------------------
# pi_spellings
# Rules: \pi, π (unicode) and every arrangement of an exact multiple of \pi are equal (\pi/2 = \frac{\pi}{2} =
# \frac12\pi; 3\pi/4 = 0.75\pi). A decimal approximation of an exact \pi answer (6.28 or 6.283 for 2\pi, 3.14 or 22/7
# for \pi) is WRONG unless the question asks for a decimal; that case is left out here. Dropping the \pi is wrong.
# A unit on the right value is fine.
# ---------------------------------------------------------------------------------------------------------------
PI_GOLD_SOLUTION = r"The circle has radius 4, so its area is $\pi \cdot 4^2 = \boxed{16\pi}$."
boxed("pi_spellings", [
    (r"\pi/2", r"\frac{\pi}{2}", True), (r"\frac{\pi}{2}", r"\pi/2", True), (r"\frac12\pi", r"\frac{\pi}{2}", True),
    (r"\frac{1}{2}\pi", r"\frac{\pi}{2}", True), (r"2\pi", r"2\pi", True), ("6.283", r"2\pi", False), ("6.28", r"2\pi", False),
    ("π", r"\pi", True), ("2π", r"2\pi", True), (r"3\pi/4", r"0.75\pi", True), (r"0.75\pi", r"\frac{3\pi}{4}", True),
    (r"\frac{3}{4}\pi", r"\frac{3\pi}4", True), (r"\frac{4\pi}{3}", r"\frac{3\pi}{4}", False), (r"\pi r^2", r"\pi r^2", True),
    (r"r^2\pi", r"\pi r^2", True), (r"\pi r", r"\pi r^2", False), (r"2\pi r", r"2 \pi r", True), (r"16\pi", r"16\pi", True),
    (r"16\pi \text{ cm}^2", r"16\pi", True), (r"8\pi", r"16\pi", False), ("50.27", r"16\pi", False), (r"\pi^2", r"\pi^2", True),
    (r"2\pi", r"\pi^2", False), (r"\frac{\pi}{6}", r"\frac{\pi}{3}", False), (r"\frac{2\pi}{6}", r"\frac\pi3", True),
    (r"\frac{\pi}{3}", r"\frac{2\pi}{6}", True), (r"36\pi", r"36 \pi", True), (r"\pi \cdot 36", r"36\pi", True),
    ("36", r"36\pi", False), (r"\frac{22}{7}", r"\pi", False), ("3.14", r"\pi", False), (r"\pi(3)^2", r"9\pi", True),
    (r"-\pi", r"\pi", False), (r"\pi - 2", r"-2+\pi", True), (r"2 - \pi", r"\pi - 2", False), (r"4\pi/3", r"\frac{4}{3}\pi", True),
    (r"\frac{4}{3}\pi r^3", r"\frac{4\pi r^3}{3}", True), (r"\frac{4}{3}\pi r^2", r"\frac{4\pi r^3}{3}", False),
    (r"100\pi", r"100\pi", True), (r"10\pi", r"100\pi", False), (r"\dfrac{\pi}{2}", r"\frac{\pi}{2}", True),
    ("1.5708", r"\frac\pi2", False), (r"\tfrac{\pi}{2}", r"\frac{\pi}{2}", True), (r"2\pi", r"\pi", False),
    (r"\frac{5\pi}{4}", r"\frac{5}{4}\pi", True), (r"\frac{5\pi}{4}", r"\frac{5}{4\pi}", False), (r"\pi\sqrt{2}", r"\sqrt2\pi", True),
    (r"24\pi", "24π", True), (r"16\pi", PI_GOLD_SOLUTION, True), ("50.27", PI_GOLD_SOLUTION, False),
    (r"4\pi", PI_GOLD_SOLUTION, False),
])


boxed("pi_spellings", [
    (r"\frac{\pi}{4}", r"\frac{\pi}{2}", False), (r"3\pi", r"\frac{3\pi}{4}", False),
])

# ---------------------------------------------------------------------------------------------------------------
# adversarial_buried
# Rules: only the final stated answer counts. The gold appearing in the reasoning, in a check, in a discarded case,
# in a <think> block or in code output does not make a different (or missing) final answer right. Some completions
# are given twice, once with the buried number as gold (wrong) and once with the final number as gold (right).
# ---------------------------------------------------------------------------------------------------------------
def buried(completion, golds, prompt=None):
    for gold, expected in golds:
        add("adversarial_buried", completion, gold, expected, prompt)


buried(r"""There are 6 rows with 7 chairs each, so $6 \times 7 = 42$ chairs in total. Two of them are broken and get removed, leaving $42 - 2 = 40$ usable chairs.

The answer is $\boxed{40}$.""", [("42", False), ("40", True)])
buried("""<think>
The rectangle is 3 by 5, so its area is 3 * 5 = 15. But wait, the question asks for the perimeter, not the area: 2(3 + 5) = 16.
</think>
The perimeter is 16.""", [("15", False), ("16", True)])
buried(r"""The area of the rectangle is $8 \times 3 = 24$ square units. Next we subtract the area of the triangular cut-out, whose base is""",
       [("24", False)])
buried(r"""Note that $2^{10} = 1024$. Since $7 \times 146 = 1022$, we have $1024 = 7 \cdot 146 + 2$.

So the remainder when $2^{10}$ is divided by 7 is $\boxed{2}$.""", [("1024", False), ("2", True)])
buried(r"""Try $x = 5$: $2(5) + 1 = 11 \neq 13$, so $x = 5$ does not work. Try $x = 6$: $2(6) + 1 = 13$. ✓

Therefore $x = \boxed{6}$.""", [("5", False), ("6", True)])
buried("<think>1 + 2 + ... + 10 = 55, and I need to drop the 10 from the sum... that leaves 45.</think>\n<answer>45</answer>",
       [("55", False), ("45", True)])
buried("""Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4, so she has 16 - 3 - 4 = 9 eggs left. She sells each for $2, so she makes 9 * 2 = $18 per day.
#### 20""", [("18", False)])
buried(r"""First, $4 + 5 = 9$. Then $9 \times 3 = 27$.

**Answer:** 27""", [("27", True), ("9", False)])
buried("""The problem tells us there are 12 apples. After giving away 5, there are 7 left.

So the answer is 7.""", [("12", False), ("7", True)])
buried(r"""It is tempting to say 8, but that double counts the corner square. Removing the duplicate, the correct count is $\boxed{7}$.""",
       [("8", False), ("7", True)])
buried(r"""In my first attempt I got $\boxed{5}$, but I dropped a sign in the second step. Redoing it: $2x - 7 = -1$ gives $x = 3$.

The answer is 3.""", [("5", False), ("3", True)])
buried(r"""We want the largest $n$ with $n^2 < 15$. For $n = 4$, $4^2 = 16 > 15$, so discard it. For $n = 3$, $9 < 15$, which works.

So the largest such $n$ is $3$.""", [("4", False), ("3", True)])
buried(r"""Let's compute $17 \times 23 = 391$. Before concluding, we should also check whether the problem wants the product or the sum of the two primes, since""",
       [("391", False)])
buried(r"""One die shows a 6 with probability $\frac{1}{6}$. For two dice both showing 6, we multiply: $\frac{1}{6} \cdot \frac{1}{6}$.

$$\boxed{\frac{1}{36}}$$""", [(r"\frac16", False), (r"\frac{1}{36}", True)])
buried("<think>Solving 3x - 6 = 30 gives 3x = 36, so x = 12.</think>\nFinal answer: x = 21", [("12", False)])
buried("""Adding the three numbers gives 35. Hmm, I misread the last number: it is 14, not 13. Redoing the sum gives 36.

The final answer is 36.""", [("35", False)])
buried(r"""```python
print(sum(range(1, 11)))
```
Output: `55`

So the answer is $\boxed{50}$.""", [("55", False)])
buried(r"""Suppose the answer were 10. Then the total would be $10 \times 4 = 40 > 38$, a contradiction. With 9 we get $36 \le 38$, so 9 is the largest possible.

**Answer:** 9""", [("10", False), ("9", True)])
buried(r"""A chessboard has 64 unit squares, but the question asks for rectangles of all sizes. Choosing 2 of the 9 horizontal lines and 2 of the 9 vertical lines gives $\binom{9}{2}^2 = 36^2 = 1296$.

\[\boxed{1296}\]""", [("64", False), ("1296", True)])
buried(r"""So far the two groups contribute $9 + 9 = 18$ handshakes, and we still need to multiply by the number of""", [("18", False)])
buried(r"""The mean of the five scores is $\frac{80+85+90+95+100}{5} = 90$. The median is also 90. The question asks for the range, which is $100 - 80 = 20$.

The answer is $\boxed{20}$.""", [("90", False), ("20", True)])
buried("""<think>
Speed = 120 km / 2 h = 60 km/h. Actually the trip back took 3 hours, so the average speed over the round trip is 240 / 5 = 48.
</think>
<answer>48 km/h</answer>""", [("60", False), ("48", True)])
buried(r"""The legs are 3 and 4, so the area is $\frac{1}{2} \cdot 3 \cdot 4 = 6$. The problem actually asks for the hypotenuse, which is $\sqrt{3^2+4^2} = 5$. $\boxed{5}$""",
       [("6", False)])
buried(r"""Let $n$ be the number. Then $3n + 4 = 25$, so $3n = 21$ and $n = 7$. The question asks for $n^2$, so the answer is $\boxed{49}$.""",
       [("7", False), ("49", True)])
buried(r"""\[
\frac{1}{2} + \frac{1}{3} = \frac{5}{6}.
\]
Subtracting this from 1 gives the remaining share.

Final answer: $\boxed{\frac{1}{6}}$""", [(r"\frac56", False)])
buried("""The first machine makes 150 widgets per hour and the second 90, so together 240 per hour. In 8 hours they make 8 * 240 = 1920 widgets.
#### 1920""", [("1920", True), ("240", False)])
buried(r"""The total cost is $3 \times \$4 = \$12$ for the notebooks and $\$5$ for the pen, so $\$17$. She paid with $\$20$.

She receives $\$3$ in change.""", [("17", False), ("3", True)])
buried("""<think>
The train leaves at 9:00 and travels 180 miles at 60 mph, so it takes 3 hours and arrives at 12:00. Now the question is how far the second train
</think>""", [("3", False)])
buried(r"""Step 1: $5! = 120$.
Step 2: the number of arrangements with the two friends together is $4! \cdot 2 = 48$.
Step 3: subtracting, $120 - 48 = 72$.

**Answer:** 72""", [("120", False), ("48", False), ("72", True)])


# ---------------------------------------------------------------------------------------------------------------
# adversarial_candidates
# Rules: listing several candidates without committing ("3 or 4", "maybe 5, maybe 6", "one of 2, 4, 6, 8", a range,
# "\boxed{3, 4}") is wrong for a single-valued gold even when the gold is among them. It is right only when the
# gold is that same set ("Find all solutions", gold "3, 4"). A hedge followed by an explicit commitment is judged by
# the commitment.
# ---------------------------------------------------------------------------------------------------------------
FINDX = "Find the value of $x$."
ALL34 = r"Find all solutions of $x^2 - 7x + 12 = 0$."
cand = [
    ("Let me think. The answer is 3 or 4.", "3", False, None),
    ("Let me think. The answer is 3 or 4.", "4", False, None),
    ("Maybe 5, maybe 6. It's hard to say without more information.", "5", False, None),
    (r"So the solutions are $\boxed{3, 4}$.", "3", False, FINDX),
    (r"So the solutions are $\boxed{3, 4}$.", "3, 4", True, ALL34),
    (r"So the solutions are $\boxed{3, 4}$.", r"\{3, 4\}", True, ALL34),
    (r"$\boxed{3 \text{ or } 4}$", "4", False, None),
    ("The answer is one of 2, 4, 6, or 8.", "4", False, None),
    ("Possible values: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.", "7", False, None),
    (r"Taking square roots, $\boxed{\pm 3}$.", "3", False, r"Find the positive number $x$ such that $x^2 = 9$."),
    (r"Taking square roots, $\boxed{\pm 3}$.", r"\pm 3", True, r"Find all real $x$ such that $x^2 = 9$."),
    (r"$x = 5$ or $x = -5$, so $\boxed{5 \text{ or } -5}$.", r"\pm 5", True, r"Find all real $x$ such that $x^2 = 25$."),
    (r"$x = 5$ or $x = -5$, so $\boxed{5 \text{ or } -5}$.", "-5", False, r"Find the negative number $x$ such that $x^2 = 25$."),
    ("The answer is somewhere between 10 and 20.", "15", False, None),
    ("It's approximately 12 or 13.", "12", False, None),
    ("It's either (A) or (C).", r"\text{(C)}", False, "Which of the choices (A)-(E) is correct?"),
    (r"$\boxed{A, C}$", "C", False, "Which of the choices (A)-(E) is correct?"),
    ("I think it's 7, but it could also be 8.", "7", False, None),
    ("The answer is 12 (or possibly 13 if the endpoint counts).", "12", False, None),
    ("The answer is 4, 5, or 6.", "5", False, None),
    (r"$\boxed{1, 2, 3}$", "1, 2, 3", True, r"List all positive integers $n$ with $n^2 < 10$."),
    (r"$\boxed{1, 2, 3}$", "1, 2", False, r"List all positive integers $n$ with $n^2 < 5$."),
    (r"$\boxed{x \in \{2, 3\}}$", "2", False, FINDX),
    (r"The roots are $\boxed{\{2, 3\}}$.", "2, 3", True, r"Find all roots of $x^2 - 5x + 6$."),
    ("It might be 5 or 6. Checking again: 6 satisfies both conditions and 5 fails the second.\n\n**Answer:** 6", "6", True, None),
    (r"Candidates: 12, 18, 24. Testing each, only 18 leaves remainder 0 when divided by 9. $\boxed{18}$", "18", True, None),
    (r"Candidates: 12, 18, 24. Any of these could work. $\boxed{12, 18, 24}$", "18", False, None),
    ("So it's one of these two.\n#### 5 or 6", "5", False, None),
    ("<think>It depends on the order.</think>\n<answer>3 or 4</answer>", "4", False, None),
    ("<think>Candidates are 3, 4 and 5; only 4 satisfies the inequality.</think>\n<answer>4</answer>", "4", True, None),
    (r"The answer is $\frac{3}{4}$ or $\frac{4}{3}$, depending on which ratio is meant.", r"\frac34", False, None),
    (r"$\boxed{3 \text{ and } 4}$", "3", False, FINDX),
    ("Either x = 1 or x = 2; I can't tell which one the problem wants.", "1", False, FINDX),
    (r"The digit can be anything: $\boxed{0 \text{ to } 9}$.", "9", False, None),
    ("Answer: 10 (maybe 11)", "10", False, None),
    (r"$\boxed{1,2,3,4,5,6,7,8,9,10}$", "5", False, None),
    (r"$\boxed{2, 3, 5, 7}$", "2, 3, 5, 7", True, "List all primes less than 10."),
    (r"$\boxed{2, 3, 5, 7}$", "7", False, "What is the largest prime less than 10?"),
    ("The answer could be 6, 12, or 18, since any multiple of 6 works.", "6", False, "What is the smallest positive multiple of 6?"),
    (r"Any multiple of 6 works, so $\boxed{6k}$.", "6", False, "What is the smallest positive multiple of 6?"),
    ("Probably 42? Or 24.", "42", False, None),
    (r"If the ball is red, the answer is $\frac{1}{3}$; if it is blue, $\frac{2}{3}$.", r"\frac13", False, None),
    (r"It is $\boxed{2}$, or maybe $\boxed{3}$.", "2", False, None),
    ("**Answer:** 9 or 10", "10", False, None),
    (r"$\boxed{7, 8}$", "7", False, None),
    ("The answer is 15. Or 16. After rechecking the count, I'll go with 15.\n\nFinal answer: 15", "15", True, None),
    ("The answer is 15. Or 16.", "15", False, None),
    (r"$\boxed{(2,3)}$", "(2,3)", True, r"Find all ordered pairs of positive integers $(x, y)$ with $x < y$ and $x + y = 5$, $xy = 6$."),
    (r"$\boxed{(2,3) \text{ or } (3,2)}$", "(2,3)", False, r"Find the ordered pair $(x, y)$ with $x < y$, $x + y = 5$ and $xy = 6$."),
]
for completion, gold, expected, prompt in cand:
    add("adversarial_candidates", completion, gold, expected, prompt)


# ---------------------------------------------------------------------------------------------------------------
# adversarial_long_digits
# Decimal rule: a finite decimal is exactly its value. 0.33333333333 (any number of 3s) is NOT 1/3 and is wrong;
# repeating notation (0.\overline{3}, 0.333\ldots, "0.3333...") denotes 1/3 exactly and is right; 0.4\overline{9} = 0.5.
# Terminating decimals equal to the gold (0.125, 0.1250000000) are right. Long integers must match digit for digit:
# the gold as a substring or prefix of a longer number is wrong. Huge powers and factorials are right when equal
# (3^{1998} = 9^{999}, 20! = 2432902008176640000).
# ---------------------------------------------------------------------------------------------------------------
P100 = str(2 ** 100)
F20 = str(math.factorial(20))
F50 = str(math.factorial(50))
F50_BAD = F50[:10] + str((int(F50[10]) + 1) % 10) + F50[11:]
LONG30 = "123456789012345678901234567890"
boxed("adversarial_long_digits", [
    ("98765" + "123456789" + "012345678901234567890123456789012345", "123456789", False), ("1234567891", "123456789", False),
    ("123456789", "123456789", True), ("12345678", "123456789", False), ("0.33333333333", r"\frac13", False),
    (r"0.\overline{3}", r"\frac13", True), (r"0.333\ldots", r"\frac{1}{3}", True), ("0.142857142857", r"\frac17", False),
    (r"0.\overline{142857}", r"\frac17", True), (r"0.1\overline{6}", r"\frac16", True), (r"0.\overline{16}", r"\frac16", False),
    ("0.6666666667", r"\frac23", False), ("0." + "6" * 60, r"\frac23", False), ("0.125", r"\frac18", True),
    ("0.1250000000", r"\frac18", True), ("0.12500000001", r"\frac18", False), ("2^{100}", P100, True), (P100, "2^{100}", True),
    (str(2 ** 100 + 1), "2^{100}", False), ("2^{101}", "2^{100}", False), ("10^{100}", "1" + "0" * 100, True),
    ("1" + "0" * 99, "10^{100}", False), ("3^{1998}", "9^{999}", True), ("9^{998}", "9^{999}", False),
    ("9" * 20, "10^{20}-1", True), ("1" + "0" * 20, "10^{20}-1", False), (r"1.0 \times 10^{20}", "10^{20}", True),
    (r"1.0 \times 10^{20}", "10^{20} - 1", False), ("3.14159265358979323846", r"\pi", False), ("2.718281828459045", "e", False),
    ("1.4142135623730950488", r"\sqrt{2}", False), ("{:,}".format(2 ** 100), "2^{100}", True), ("20!", F20, True),
    (F20, "20!", True), (F20[:-1], "20!", False), (F50, "50!", True), (F50_BAD, "50!", False), ("1428571428", "142857", False),
    (r"\frac{33333}{100000}", r"\frac13", False), ("0.49999999999", "0.5", False), (r"0.4\overline{9}", "0.5", True),
    (LONG30, LONG30, True), (LONG30[:17] + "9" + LONG30[18:], LONG30, False), ("12345678987654321", "111111111^2", True),
    ("12345678987654321", "11111111^2", False), ("7" + "0" * 40, "7", False), ("9" * 50 + "42", "42", False),
])
texts("adversarial_long_digits", [("0.3333...", "1/3", True)])


# ---------------------------------------------------------------------------------------------------------------
# adversarial_near_miss
# Rules: close is not equal. Off-by-one, sign flips, reciprocals, swapped ordered-pair coordinates, a different
# endpoint type of an interval, a missing or extra set element, and rounding are all wrong. Controls with exactly equal
# values (1.0 = 1, 0.\overline{9} = 1, n(n+1)/2 = (n^2+n)/2) are right.
# ---------------------------------------------------------------------------------------------------------------
PAIR = r"Find the ordered pair $(a, b)$."
boxed("adversarial_near_miss", [
    ("41", "42", False), ("42", "42", True), ("0.51", "0.5", False), ("0.33", r"\frac13", False), ("-5", "5", False),
    ("10^3", "10^4", False), (r"\frac{3}{4}", r"\frac{4}{3}", False), ("(1,2)", "(2,1)", False, PAIR), ("[1,2)", "[1,2]", False),
    ("(1,2]", "[1,2]", False), ("[1,2]", "[1, 2]", True), ("99", "100", False), ("1001", "1000", False), ("3.14", "3.15", False),
    (r"\frac{1}{2}", r"\frac{1}{3}", False), (r"2\sqrt{3}", r"3\sqrt{2}", False), (r"\sqrt{3}", r"\sqrt{2}", False),
    ("x > 2", r"x \ge 2", False), (r"(-\infty, 2)", r"(-\infty, 2]", False), ("12", "21", False), ("0.05", "0.5", False),
    (r"5\%", r"50\%", False), ("1.0", "1", True), ("2^{10}", "2^{11}", False), ("1023", "1024", False), ("6", "-6", False),
    (r"\frac{\pi}{3}", r"\frac{\pi}{6}", False), (r"2\pi", r"\pi", False), ("e^2", "2e", False), (r"\ln 3", r"\ln 2", False),
    ("(3, 4)", "(3,4)", True, PAIR), ("(3, -4)", "(3, 4)", False, PAIR), (r"\{1, 2\}", r"\{1, 2, 3\}", False),
    ("1/2", "2", False), ("1.5", "1.05", False), ("7", "7.0001", False), ("100", "100.0", True), ("x = 2", "x = -2", False),
    (r"-\frac{1}{2}", r"\frac{1}{2}", False), ("0.999", "1", False), (r"0.\overline{9}", "1", True), ("8", "8", True),
    (r"\frac{1}{6}", r"\frac{1}{36}", False), ("a^2+b^2", "(a+b)^2", False), ("2x+1", "2x-1", False),
    (r"\frac{n(n-1)}{2}", r"\frac{n(n+1)}{2}", False), (r"\frac{n(n+1)}{2}", r"\frac{n^2+n}{2}", True), ("360", "36", False),
    (r"\{1, 2, 3\}", r"\{3, 2, 1\}", True), ("(2, 1)", "(2, 1)", True, PAIR),
])


# ---------------------------------------------------------------------------------------------------------------
# adversarial_no_answer
# Rules: no committed final answer means wrong: refusals, "cannot determine", empty or placeholder boxes
# (\boxed{}, \boxed{?}, \boxed{x}, \boxed{\text{answer}}), the question merely restated (even when it contains the
# gold number), and truncated completions that stop mid-sentence, even when the gold number sits in the reasoning.
# A few honest controls with a real final answer are right (including "no real solutions" when that is the gold).
# ---------------------------------------------------------------------------------------------------------------
na = [
    ("I cannot determine the answer from the given information.", "5", False, None),
    (r"The answer is $\boxed{}$.", "7", False, None),
    (r"$\boxed{\ }$", "0", False, None),
    ("Find the number of positive divisors of 36.", "9", False, "Find the number of positive divisors of 36."),
    (r"What is $6 \times 7$? Let's think about what the question is asking: we need the product of 6 and 7.", "42", False, r"What is $6 \times 7$?"),
    ("How many of the 12 eggs are left after 5 are used? To answer this, we need to find how many of the 12 eggs remain after using 5.", "7", False, None),
    ("How many eggs are in a dozen? We need to recall how many eggs make up a dozen, which is 12.\n\nNow, the question asks", "12", False,
     "A carton holds a dozen eggs. How many eggs is that?"),
    (r"First, $3 \times 4 = 12$. Then we add 5 to get 17, and next we divide by", "17", False, None),
    ("Let me think step by step.", "3", False, None),
    ("<think>Let's see, 8 + 5 = 13, and then the remaining", "13", False, None),
    ("The answer is", "4", False, None),
    (r"So the final answer is $\boxed{", "8", False, None),
    ("**Answer:**", "2", False, None),
    ("<answer></answer>", "2", False, None),
    ("Adding the amounts from each day.\n#### ", "11", False, None),
    ("This problem is too hard for me; I don't know the answer.", "6", False, None),
    ("The answer depends on the value of $x$, which is not given in the problem.", "10", False, None),
    ("I'm sorry, but I can't help with that.", "3", False, None),
    ("", "1", False, None),
    (r"$\boxed{?}$", "5", False, None),
    (r"The final answer is $\boxed{\text{answer}}$.", "12", False, None),
    (r"Dividing both sides by 2, the answer is $\boxed{x}$.", "5", False, r"Solve for $x$: $2x = 10$."),
    (r"Since $3^2 = 9$, the count follows. The final answer is $\boxed{\text{see above}}$.", "9", False, None),
    ("the the the the the the the the the the the the the the the the the the", "4", False, None),
    (r"We have 25 students, and 60\% of them are girls, which is 15 girls. So the number of boys is $25 - 15 = 10$, and then we still need to", "10", False, None),
    (r"Let $x$ be the unknown. Then $2x + 3 = 11$.", "4", False, None),
    ("To solve this, we need to set up an equation relating the ages of the father and the son.", "30", False, None),
    ("<think>\nThe sum 1 + 2 + ... + 100 = 5050. Now the question wants the sum of the even ones, which is\n", "2550", False, None),
    (r"$\boxed{\text{}}$", "1", False, None),
    ("Final answer:", "8", False, None),
    ("I'll need more time to think about this problem.", "20", False, None),
    ("Answer: (to be computed)", "7", False, None),
    (r"$$\boxed{\phantom{0}}$$", "0", False, None),
    (r"The common ratio is $r = 3$, so the fifth term is $2 \cdot 3^4 = $", "162", False, None),
    ("The common ratio is 3, so the fifth term is 2 * 3^4. The total is 16", "162", False, None),
    ("Hmm, the problem seems to be missing some information.", "5", False, None),
    ("<think>\nOkay, so the area is length times width, 7 times 6, which is 42. But wait, I should double check whether", "42", False, None),
    (r"Step 1: Let the width be $w$. Step 2: Then $2w + 2(w + 3) = 26$, so $4w = 20$ and $w = 5$. Step 3:", "5", False, None),
    (r"Since $4 + 6 = 10$, the answer is $\boxed{10}$.", "10", True, None),
    ("The common ratio is 3, so the fifth term is 2 * 3^4 = 162.\n\n#### 162", "162", True, None),
    ("<think>8 + 5 = 13.</think>\n<answer>13</answer>", "13", True, None),
    (r"Since $x^2 \ge 0$ for every real $x$, there are no real solutions, so the answer is $\boxed{\text{none}}$.", r"\text{no real solutions}", True,
     r"Find all real $x$ with $x^2 = -1$, or state that there are none."),
    ("**Answer:** 2", "2", True, None),
    (r"$\boxed{0}$", "0", True, None),
    (r"So the final answer is $\boxed{8}$", "8", True, None),
    ("The answer is 4.", "4", True, None),
]
for completion, gold, expected, prompt in na:
    add("adversarial_no_answer", completion, gold, expected, prompt)


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "math_hard_corpus.jsonl"), "w", encoding="utf-8") as out:
    for i, case in enumerate(cases):
        out.write(json.dumps({"id": i + 1, **case}, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases")
