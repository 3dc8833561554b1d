#!/usr/bin/env python3
"""Generate math_heldout_corpus.jsonl: a small, hand-judged held-out corpus.

Written independently of the checker and of the other fixtures. Each case is
labelled with a careful, strict-but-fair human grader's verdict on whether the
completion's FINAL committed answer equals the gold answer.

Grading conventions used for the labels:
  * hedged answers ("3 or 4") are wrong even if the gold is one of them;
  * only the final committed answer counts (later corrections override);
  * a decimal approximation of an irrational / non-terminating exact answer is
    wrong unless repeating notation (\\overline, ...) is used;
  * a percent gold "25\\%" is answered by 25 or 25\\%, not by 0.25;
  * bare numbers take the gold's (or the question's) unit; different units are wrong;
  * integers written in words are fine;
  * truncated completions with no final answer are wrong.

Usage: python3 make_math_heldout_corpus.py   (writes math_heldout_corpus.jsonl next to it)
"""
import json
import os

CASES = {}


def c(completion, answer, expected, prompt=None):
    d = {"completion": completion, "answer": answer, "expected": expected}
    if prompt is not None:
        d["prompt"] = prompt
    return d


CASES["matrices_vectors"] = [
    c(r"Multiplying the two matrices entry by entry, the result is $\boxed{\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}}$.",
      r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", True),
    c("We compute $A^{-1}$ and then $A^{-1}B$:\n\\[\n\\boxed{\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}}\n\\]",
      r"\begin{bmatrix}1&2\\3&4\end{bmatrix}", True),
    c(r"Taking the transpose gives $\boxed{\begin{pmatrix} 1 & 3 \\ 2 & 4 \end{pmatrix}}$.",
      r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", False,
      r"Compute $\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}$."),
    c(r"The cross product is $\mathbf{u}\times\mathbf{v} = \boxed{\begin{pmatrix} 3 \\ -1 \\ 2 \end{pmatrix}}$.",
      r"\begin{pmatrix} 3 \\ -1 \\ 2 \end{pmatrix}", True),
    c(r"The cross product is $\mathbf{u}\times\mathbf{v} = \boxed{\begin{pmatrix} 3 \\ 1 \\ 2 \end{pmatrix}}$.",
      r"\begin{pmatrix} 3 \\ -1 \\ 2 \end{pmatrix}", False),
    c(r"The projection equals $\frac{\mathbf{a}\cdot\mathbf{b}}{\|\mathbf{b}\|^2}\mathbf{b}$, so the answer is $\boxed{\begin{pmatrix} 1/2 \\ 3 \end{pmatrix}}$.",
      r"\begin{pmatrix} \frac{1}{2} \\ 3 \end{pmatrix}", True),
    c("<think>dot product 3, norm squared 6, so half of b.</think>\nThe projection is $\\boxed{\\begin{pmatrix} 0.5 \\\\ 3 \\end{pmatrix}}$.",
      r"\begin{pmatrix} \frac{1}{2} \\ 3 \end{pmatrix}", True),
    c(r"Solving the system, the vector is $\boxed{\begin{pmatrix} 4 \\ -2 \end{pmatrix}}$.",
      r"\begin{pmatrix} 4 \\ -2 \\ 0 \end{pmatrix}", False),
    c(r"Squaring the matrix: **Answer:** $\begin{pmatrix} 2 & 0 \\ 0 & 2 \end{pmatrix}$",
      r"\begin{pmatrix} 2 & 0 \\ 0 & -2 \end{pmatrix}", False),
    c(r"Since $A$ is orthogonal, $A^T A$ is the identity. The answer is $\begin{pmatrix}1&0\\0&1\end{pmatrix}$.",
      r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}", True),
    c(r"The unit-scaled vector is approximately $\boxed{\begin{pmatrix} 1.414 \\ 1 \end{pmatrix}}$.",
      r"\begin{pmatrix} \sqrt{2} \\ 1 \end{pmatrix}", False),
    c("Row reducing the augmented matrix yields x = -2, y = 5.\n<answer>\\begin{bmatrix} -2 \\\\ 5 \\end{bmatrix}</answer>",
      r"\begin{pmatrix} -2 \\ 5 \end{pmatrix}", True),
    c(r"Therefore $A - A = \boxed{\begin{pmatrix}0&0\\0&1\end{pmatrix}}$.",
      r"\begin{pmatrix} 0 & 0 \\ 0 & 0 \end{pmatrix}", False),
    c(r"The rotation by $90^\circ$ sends $(1,0)$ to $(0,1)$, so the answer is $\boxed{\begin{pmatrix} 0 \\ 1 \end{pmatrix}}$.",
      r"\begin{pmatrix} 1 \\ 0 \end{pmatrix}", False),
]

CASES["multiple_boxes"] = [
    c(r"First the sum is $\boxed{12}$. But the question asks for the product: $5 \times 7 = \boxed{35}$.",
      "35", True, "Two numbers have sum 12 and one of them is 5. What is their product?"),
    c(r"First the sum is $\boxed{12}$. But the question asks for the product: $5 \times 7 = \boxed{35}$.",
      "12", False, "Two numbers have sum 12 and one of them is 5. What is their product?"),
    c(r"Lemma: the common difference is $\boxed{5}$. Hence the 3rd term is $-2 + 2\cdot 5 = \boxed{8}$.",
      "5", False, "An arithmetic sequence starts at -2 and its third term is 8. What is its common difference?"),
    c(r"We get $\boxed{9}$. Checking by substitution confirms it, so the answer is $\boxed{9}$.",
      "9", True),
    c(r"The answer is either $\boxed{3}$ or $\boxed{4}$.", "3", False),
    c(r"I initially got $\boxed{-2}$, but substituting back fails. The correct value is $\boxed{2}$.",
      "2", True),
    c(r"I initially got $\boxed{-2}$, but substituting back fails. The correct value is $\boxed{2}$.",
      "-2", False),
    c(r"So the probability is $\boxed{\frac{3}{4}}$, i.e. in decimal form $\boxed{0.75}$.",
      r"\frac{3}{4}", True),
    c("<think>Maybe it is \\boxed{10}? No, I forgot the last term.</think>\nThe answer is $\\boxed{12}$.",
      "12", True),
    c("<think>Maybe it is \\boxed{10}? No, I forgot the last term.</think>\nThe answer is $\\boxed{12}$.",
      "10", False),
    c(r"Factoring, $(x-3)(x+3)=0$, so $x = \boxed{-3}$ and $x = \boxed{3}$.",
      "-3, 3", True, r"Find all real solutions of $x^2 = 9$."),
    c(r"Taking square roots, $x = \boxed{3}$.",
      "-3, 3", False, r"Find all real solutions of $x^2 = 9$."),
    c(r"The count of odd numbers is $\boxed{7}$, and adding the single even one gives $7 + 1 = \boxed{8}$ in total.",
      "8", True),
    c(r"The answer is $\boxed{15}$. Hmm, let me double check the endpoints... I missed one. The answer is $\boxed{16}$.",
      "15", False),
]

CASES["units_currency"] = [
    c(r"The ladder reaches $\boxed{12 \text{ m}}$ up the wall.", "12", True,
      "How many meters up the wall does the ladder reach?"),
    c(r"The ladder reaches $\boxed{12 \text{ cm}}$ up the wall.", "12", False,
      "How many meters up the wall does the ladder reach?"),
    c("Three shirts at $4.50 plus a $5 hat:\n\n**Answer:** \\$18.50", r"\$18.50", True),
    c(r"Total: $3(4.50) + 5 = \boxed{18.5}$", "18.50", True,
      "Three shirts cost $4.50 each and a hat costs $5. What is the total in dollars?"),
    c(r"Total: $3(4.50) + 5 = \boxed{\$185}$", r"\$18.50", False),
    c("Distance over time is 90/2.\n#### 45 km/h", "45", True,
      "A car travels 90 km in 2 hours. What is its average speed in km/h?"),
    c(r"The average speed is $\boxed{45 \text{ mph}}$.", r"45 \text{ km/h}", False),
    c(r"Working together they take $\boxed{3.5\text{ hours}}$.", "3.5", True,
      "How many hours does it take them working together?"),
    c("She has 7 dollars left. The answer is 7 dollars.", r"\$7", True),
    c(r"Each glass holds $\boxed{25}$ mL.", "250", False,
      "A 1 liter bottle fills 4 glasses. How many mL does each glass hold?"),
    c("Simple interest over 5 years comes to 1250.\n<answer>1250</answer>", r"\$1,250", True),
    c(r"The interest earned is $\boxed{\$12.50}$.", r"\$1,250", False),
    c(r"The area of the rectangle is $10 \times 6 = \boxed{60 \text{ ft}^2}$.", "60", True,
      "What is the area of the room in square feet?"),
    c(r"The area of the rectangle is $10 \times 6 = \boxed{60 \text{ in}^2}$.", "60", False,
      "What is the area of the room in square feet?"),
]

CASES["percent_degrees"] = [
    c(r"The discount is $\frac{5}{20}$ of the price, i.e. $\boxed{25\%}$.", r"25\%", True),
    c(r"The discount rate is $\boxed{25}$ percent.", r"25\%", True),
    c(r"The fraction discounted is $\boxed{0.25}$.", r"25\%", False),
    c("We have 8 out of 20, so the answer is 40%.", "40", True,
      "What percent of the 20 students wear glasses?"),
    c(r"Hence the rate is $\boxed{12.5\%}$.", r"12.5\%", True),
    c(r"Hence the rate is $\boxed{1.25\%}$.", r"12.5\%", False),
    c(r"The angles of a rectangle are right angles, so $\angle ABC = \boxed{90}$.", r"90^\circ", True),
    c(r"Converting, the angle is $\boxed{\frac{\pi}{2}}$ radians.", r"90^\circ", False,
      "What is the measure of angle ABC, in degrees?"),
    c(r"Each interior angle of a regular octagon is $\frac{6\cdot 180}{8} = \boxed{135^\circ}$.", "135", True,
      "What is the measure, in degrees, of each interior angle of a regular octagon?"),
    c(r"Each exterior angle is $\boxed{45^\circ}$.", r"135^\circ", False,
      "What is the measure, in degrees, of each interior angle of a regular octagon?"),
    c("The increase is 30 over 50.\n\n**Answer:** 60 percent", r"60\%", True),
    c(r"One third as a percent is $\boxed{33.3\%}$.", r"33\frac{1}{3}\%", False),
    c(r"One third as a percent is $\boxed{33.\overline{3}\%}$.", r"33\frac{1}{3}\%", True),
    c(r"The answer is $\boxed{30\%}$.", r"30^\circ", False),
]

CASES["mixed_numbers"] = [
    c(r"Adding, $\frac{3}{2} + 1 = \boxed{\frac{5}{2}}$.", r"2\frac{1}{2}", True),
    c(r"She walked $\boxed{2\frac{1}{2}}$ miles.", r"\frac{5}{2}", True),
    c(r"The recipe needs $\boxed{2.5}$ cups.", r"2\frac{1}{2}", True),
    c(r"The recipe needs $\boxed{1}$ cup.", r"2\frac{1}{2}", False),
    c("Combining the wholes and the fractions, the answer is 3 3/4.", r"3\frac{3}{4}", True),
    c(r"In total, $\boxed{3.34}$ pounds.", r"3\frac{3}{4}", False),
    c(r"Dividing 5 by 3 gives $\boxed{1.67}$.", r"1\frac{2}{3}", False),
    c(r"Dividing 5 by 3 gives $\boxed{\frac{5}{3}}$.", r"1\frac{2}{3}", True),
    c(r"The change in temperature is $\boxed{-\frac{5}{4}}$ degrees.", r"-1\frac{1}{4}", True),
    c(r"The change in temperature is $\boxed{-\frac{3}{4}}$ degrees.", r"-1\frac{1}{4}", False),
    c("33 eighths of a pizza is four whole pizzas and one eighth.\n#### 4 1/8", r"4\frac{1}{8}", True),
    c(r"The board is $\boxed{4\frac{1}{6}}$ feet long.", r"4\frac{1}{8}", False),
    c(r"So $x = \boxed{1\tfrac{3}{4}}$.", r"\frac{7}{4}", True),
    c(r"So $x = \boxed{1\frac{3}{7}}$.", r"\frac{7}{4}", False),
]

CASES["equations_values"] = [
    c(r"Subtracting 3 from both sides and dividing by 2, $\boxed{x = 5}$.", "5", True,
      r"Solve $2x + 3 = 13$."),
    c(r"Subtracting 3 from both sides and dividing by 2, $x = \boxed{5}$.", "x=5", True,
      r"Solve $2x + 3 = 13$."),
    c(r"Subtracting 3 from both sides and dividing by 2, $\boxed{x = -5}$.", "5", False,
      r"Solve $2x + 3 = 13$."),
    c(r"The line through $(0,3)$ with slope 2 is $\boxed{y = 3 + 2x}$.", "y = 2x + 3", True),
    c(r"The line through $(0,3)$ with slope 2 is $\boxed{y = 2x - 3}$.", "y = 2x + 3", False),
    c("Solving gives a = 3 and b = 4, so a + b = 7.\n\n**Answer:** $a + b = 7$", "7", True,
      "Find a + b."),
    c(r"Squaring $x + \frac{1}{x} = \sqrt{6}$ gives $\boxed{x^2 + \frac{1}{x^2} = 4}$.", "4", True,
      r"If $x + \frac{1}{x} = \sqrt{6}$, find $x^2 + \frac{1}{x^2}$."),
    c("Comparing coefficients we find the constant. The answer is $k = 3$.", "-3", False),
    c("Only the positive root is valid.\n<answer>2</answer>", "x = 2", True),
    c(r"Adding the equations eliminates $y$: $\boxed{x = 2, y = -1}$.", "(2, -1)", True,
      r"Solve the system $x + y = 1$, $x - y = 3$. Give your answer as $(x, y)$."),
    c(r"Adding the equations eliminates $y$: $\boxed{(-1, 2)}$.", "(2, -1)", False,
      r"Solve the system $x + y = 1$, $x - y = 3$. Give your answer as $(x, y)$."),
    c(r"$x^2 = 4$, so $\boxed{x = 2 \text{ or } x = -2}$.", "2", False,
      r"Find the positive number $x$ with $x^2 = 4$."),
    c(r"The circle centered at the origin through $(3,4)$ is $\boxed{x^2+y^2=5}$.", "x^2 + y^2 = 25", False),
    c(r"Testing values, the smallest such $n$ is $\boxed{n=6}$.", "6", True),
]

CASES["integer_spellings"] = [
    c("She bought a dozen eggs. The answer is twelve.", "12", True),
    c(r"The answer is $\boxed{\text{twenty}}$.", "12", False),
    c(r"The total is $\boxed{1{,}000}$.", "1000", True),
    c(r"The total is $\boxed{1,000}$.", "1000", True),
    c(r"There are $\boxed{10^6}$ such strings.", "1000000", True),
    c(r"There are $\boxed{10^5}$ such strings.", "1000000", False),
    c("Counting each row carefully.\n\n**Answer:** twenty-one", "21", True),
    c("Counting each row carefully.\n\n**Answer:** twelve", "21", False),
    c(r"The minimum value is $\boxed{\text{negative four}}$.", "-4", True),
    c(r"The minimum value is $\boxed{4}$.", "-4", False),
    c(r"Evaluating, $f(2) = \boxed{7.0}$.", "7", True),
    c(r"Evaluating, $f(2) = \boxed{0.7}$.", "7", False),
    c(r"The sum of the series is $\boxed{1\,234}$.", "1234", True),
    c(r"The sum of the series is $\boxed{12,340}$.", "1234", False),
]

CASES["latex_fractions"] = [
    c(r"The probability is $\boxed{\dfrac{3}{4}}$.", r"\frac{3}{4}", True),
    c("The probability is \\[\\boxed{3/4}\\]", r"\frac{3}{4}", True),
    c(r"The probability is $\boxed{\frac{4}{3}}$.", r"\frac{3}{4}", False),
    c(r"The probability is $\boxed{\frac{6}{8}}$.", r"\frac{3}{4}", True),
    c(r"The probability is $\boxed{0.333}$.", r"\frac{1}{3}", False),
    c(r"The probability is $\boxed{0.\overline{3}}$.", r"\frac{1}{3}", True),
    c("The ratio simplifies to two fifths.\n#### 0.4", r"\frac{2}{5}", True),
    c(r"The slope is $\boxed{\frac{-1}{2}}$.", r"-\frac{1}{2}", True),
    c(r"The slope is $\boxed{\frac{1}{2}}$.", r"-\frac{1}{2}", False),
    c(r"So the fraction is $\boxed{\frac{5}{21}}$.", r"\frac{5}{12}", False),
    c(r"Thus $x = \boxed{\frac72}$.", r"\frac{7}{2}", True),
    c(r"The chance of rolling a six is $\boxed{\frac{1}{16}}$.", r"\frac{1}{6}", False),
    c(r"Therefore $\sin 60^\circ = \boxed{\frac{1}{2}\sqrt{3}}$.", r"\frac{\sqrt{3}}{2}", True),
    c(r"The answer is $\boxed{\frac{9}{100}}$.", r"\frac{9}{10}", False),
]

CASES["roots"] = [
    c(r"The diagonal has length $\boxed{\sqrt{12}}$.", r"2\sqrt{3}", True),
    c(r"The diagonal has length $\boxed{3.464}$.", r"2\sqrt{3}", False),
    c(r"The diagonal has length $\boxed{3\sqrt{2}}$.", r"2\sqrt{3}", False),
    c(r"Hence $|z| = \boxed{\sqrt2}$.", r"\sqrt{2}", True),
    c(r"So $\cos 45^\circ = \boxed{\frac{1}{\sqrt{2}}}$.", r"\frac{\sqrt{2}}{2}", True),
    c(r"The real root is $\boxed{2^{1/3}}$.", r"\sqrt[3]{2}", True),
    c(r"The real root is $\boxed{\sqrt{2}}$.", r"\sqrt[3]{2}", False),
    c(r"The side length is $\boxed{\sqrt{16}}$.", "4", True),
    c("By the Pythagorean theorem the hypotenuse is sqrt(50). The answer is 5 sqrt(2).", r"5\sqrt{2}", True),
    c(r"By the Pythagorean theorem the hypotenuse is $\boxed{\sqrt{10}}$.", r"5\sqrt{2}", False),
    c(r"The larger root is $\boxed{\sqrt{5}+3}$.", r"3+\sqrt{5}", True),
    c(r"The larger root is $\boxed{3-\sqrt{5}}$.", r"3+\sqrt{5}", False),
    c(r"The distance is $\boxed{7}$.", r"\sqrt{7}", False),
    c("Simplifying sqrt(24) = sqrt(4*6).\n#### 2√6", r"2\sqrt{6}", True),
]

CASES["pi_spellings"] = [
    c(r"The surface area of the unit sphere is $\boxed{4\pi}$.", r"4\pi", True),
    c(r"The surface area of the unit sphere is $\boxed{12.566}$.", r"4\pi", False),
    c("The surface area of the unit sphere is 4πr² with r = 1. The answer is 4π.", r"4\pi", True),
    c(r"The surface area of the unit sphere is $\boxed{4}$.", r"4\pi", False),
    c(r"The smallest positive solution is $x = \boxed{\pi/3}$.", r"\frac{\pi}{3}", True),
    c(r"The smallest positive solution is $x = \boxed{\frac{3}{\pi}}$.", r"\frac{\pi}{3}", False),
    c(r"The period of $\sin x$ is $\boxed{2 \pi}$.", r"2\pi", True),
    c(r"The area is $\pi \cdot 5^2 = \boxed{25\pi \text{ cm}^2}$.", r"25\pi", True,
      "What is the area of the circle, in square centimeters? Express your answer in terms of pi."),
    c(r"The area is $\boxed{5\pi}$.", r"25\pi", False,
      "What is the area of a circle of radius 5? Express your answer in terms of pi."),
    c(r"The area is $\boxed{3.14}$.", r"\pi", False),
    c(r"The angle is $\boxed{\frac{3}{4}\pi}$.", r"\frac{3\pi}{4}", True),
    c(r"The integral evaluates to $\boxed{2\pi}$.", r"\pi^2", False),
    c("V = (4/3)π(3)^3.\n\n**Answer:** 36 pi", r"36\pi", True),
    c(r"The volume is $\boxed{6\pi^2}$.", r"6\pi", False),
]

CASES["adversarial_buried"] = [
    c("We start with 6 * 7 = 42 pairs, but each pair was counted in both orders, and we also must remove "
      "the 18 pairs that share a color... after the corrections the count is\n\\[\\boxed{24}\\]", "42", False),
    c("Some might think the answer is 17, but that ignores the two leap days. The answer is $\\boxed{19}$.",
      "17", False),
    c("<think>Three rows of two... plus two more, so it's 8.</think>\nThe answer is $\\boxed{6}$.", "8", False),
    c("We need the value of f(x) when x = 5. Substituting, f(5) = 2(5) + 1 = 11.\n\nThe answer is $\\boxed{11}$.",
      "5", False, "Let f(x) = 2x + 1. Find f(5)."),
    c("From the equation, n = 12. Then the number of positive divisors of n is (2+1)(1+1) = $\\boxed{6}$.",
      "12", False, "Find the positive integer n such that n^2 - 144 = 0."),
    c("Let the tens digit be a and the units digit be b. Then a + b = 11 and 10b + a = 10a + b + 9, so b - a = 1. "
      "Thus b = 6, a = 5, giving 56. Checking: 5 + 6 = 11 and 65 - 56 = 9, both hold. There are 2 conditions, "
      "4 unknowns were eliminated, and 3 checks done.\n\nFinal answer: $\\boxed{56}$", "56", True),
    c("So x = 14. Check: 3 * 14 = 42 ✓ and 42 - 14 = 28 ✓.\n\n$\\boxed{14}$", "14", True),
    c("Step 1: set up the equation.\nStep 2: isolate x.\nStep 3: divide by 2.\nStep 4: simplify.\n\nFinal: $\\boxed{7}$",
      "3", False),
    c("The answer is not 9, since 9 leaves remainder 0. Trying the next one: it's $\\boxed{10}$.", "9", False),
    c("I computed $\\boxed{20}$. Wait, I double-counted the corner square; subtracting it gives 19.\n\nFinal answer: 19",
      "19", True),
    c("I computed $\\boxed{20}$. Wait, I double-counted the corner square; subtracting it gives 19.\n\nFinal answer: 19",
      "20", False),
    c("Solve x^3 - x^2 = 48. Test x = 1: no. x = 2: no. x = 3: yes! Hmm, recheck x = 3: 27 - 9 = 18, not 48, so it fails. "
      "x = 4: 64 - 16 = 48, so x = 4 works.\n\n$\\boxed{4}$", "3", False),
    c("```python\nprint(sum(range(10)))\n```\nOutput: 45\n\nWe also need to add 10 at the end, so the answer is $\\boxed{55}$.",
      "45", False, "Compute 0 + 1 + 2 + ... + 9."),
    c("The legs are 5 and 12 and the hypotenuse is 13. Note the area is (5*12)/2 = 30 too. "
      "The question asks for the perimeter: 5 + 12 + 13 = $\\boxed{30}$.", "30", True,
      "A right triangle has legs 5 and 12. What is its perimeter?"),
]

CASES["adversarial_candidates"] = [
    c("After trying several approaches, the answer is 3 or 4.", "3", False),
    c(r"So the number of solutions is $\boxed{3 \text{ or } 4}$.", "4", False),
    c("Possible answers: 12, 15, 18. I'm not sure which one is intended.", "15", False),
    c("Both (B) and (C) seem plausible. The answer is (B) or (C).", "B", False,
      "Which is largest? (A) 2^10 (B) 3^7 (C) 5^4 (D) 10^3"),
    c(r"The primes near 4 are 5 and 7, so $\boxed{5, 7}$.", "5", False,
      "What is the smallest prime greater than 4?"),
    c("The candidates are 6, 8 and 10. Testing each, only 8 satisfies both conditions, so the answer is $\\boxed{8}$.",
      "8", True),
    c("It could be 2 or maybe 3. Checking the boundary case rules out 2, so I'll go with $\\boxed{3}$.", "3", True),
    c(r"Since $x^2 = 4$, $\boxed{\pm 2}$.", "2", False, r"Find the positive value of $x$ such that $x^2 = 4$."),
    c("Taking square roots of both sides, x = 2 or x = -2.", r"\pm 2", True,
      r"Find all real solutions of $x^2 = 4$."),
    c("The answer is somewhere between 10 and 12, likely 11.", "11", False),
    c(r"The answer is $\boxed{7}$ or $\boxed{8}$ depending on the convention.", "7", False),
    c("Answer: 4 (or possibly 5 if we count the endpoint).", "4", False),
    c("Only option C satisfies the inequality.\n\nThe answer is $\\boxed{C}$.", "C", True,
      "Which value of x satisfies x > 3? (A) 1 (B) 2 (C) 5 (D) 0"),
    c(r"I can't decide between $\boxed{10}$ and $\boxed{12}$.", "12", False),
]

CASES["adversarial_long_digits"] = [
    c(r"Concatenating the digits gives $\boxed{123456789}$.", "123456789", True),
    c(r"Concatenating the digits gives $\boxed{123456788}$.", "123456789", False),
    c(r"To eight decimal places, $\pi \approx \boxed{3.1415926}$.", "3.14159265", False),
    c(r"The modulus used is $\boxed{100000007}$.", "1000000007", False),
    c(r"$2^{64} = \boxed{18446744073709551616}$.", r"2^{64}", True),
    c(r"The number of states is $\boxed{18446744073709551615}$.", "18446744073709551616", False),
    c(r"The probability is $\boxed{0.00125}$.", "0.000125", False),
    c(r"The product is $\boxed{12,345,678,901,234,567,890}$.", "12345678901234567890", True),
    c(r"The largest 12-digit number is $\boxed{1000000000000}$.", "999999999999", False),
    c(r"$1/7 = \boxed{0.142857142857}$", r"\frac{1}{7}", False),
    c(r"$10! = \boxed{3628800.0000001}$", "3628800", False),
    c("1.5 times ten to the tenth is fifteen billion.\n#### 15000000000", r"1.5 \times 10^{10}", True),
    c(r"That is $\boxed{1500000000}$.", r"1.5 \times 10^{10}", False),
    c(r"$2^{100} = \boxed{1267650600228229401496703205377}$", r"2^{100}", False),
]

CASES["adversarial_near_miss"] = [
    c(r"The probability is $\boxed{\frac{3}{8}}$.", r"\frac{3}{7}", False),
    c(r"The length is $\boxed{2\sqrt{6}}$.", r"2\sqrt{5}", False),
    c(r"The minimum is $\boxed{7}$.", "-7", False),
    c(r"The intersection point is $\boxed{(1, -2)}$.", "(1, 2)", False),
    c(r"The answer is $\boxed{0.05}$.", "0.5", False),
    c(r"The solution set is $\boxed{[2, 5]}$.", "[2, 5)", False),
    c(r"The answer is $\boxed{12.01}$.", "12", False),
    c(r"The angle is $\boxed{\frac{\pi}{2}}$.", r"\frac{\pi}{4}", False),
    c(r"The concentration is $\boxed{10^{3}}$.", r"10^{-3}", False),
    c(r"The limit is $\boxed{2e}$.", "e^2", False),
    c(r"The probability is $\boxed{\frac{2}{4}}$.", r"\frac{1}{2}", True),
    c(r"The solution set is $\boxed{(-\infty,3)}$.", r"(-\infty, 3)", True),
    c(r"The derivative is $\boxed{2 + 3x}$.", "3x + 2", True),
    c(r"The number of subsets is $\boxed{10^2}$.", "2^{10}", False),
]

CASES["adversarial_no_answer"] = [
    c("Let's compute: first 3 * 4 = 12, then 12 + 5 = 17, and now we need to divide by", "17", False),
    c("<think>The answer should be 8 because each of the four corners contributes two, but let me verify that the",
      "8", False),
    c("I don't know how to solve this problem.", "0", False),
    c(r"The answer is $\boxed{}$.", "5", False),
    c(r"Putting everything together, the answer is $\boxed{", "9", False),
    c("We need to find the number of ways to arrange the letters of the word.", "12", False),
    c("The remaining computation is left as an exercise for the reader.", "36", False),
    c(r"The answer is $\boxed{6}$.", "6", True),
    c("Multiplying out and collecting terms.\n\nFinal answer: 42", "42", True),
    c("The rectangle has width 6 and height 4, and 6 * 4 = 24. Thus the area of the shaded region is",
      "18", False),
    c("<answer></answer>", "3", False),
    c("<think>Let me compute 15% of 80. 0.15 * 80 = 12. So the answer is 12. Now let me format the final response",
      "12", False),
    c("Summing the series term by term.\n\n#### ", "7", False),
    c("Dividing 45 by 3 gives the count.\n<answer>15</answer>", "15", True),
]

ORDER = [
    "matrices_vectors", "multiple_boxes", "units_currency", "percent_degrees", "mixed_numbers",
    "equations_values", "integer_spellings", "latex_fractions", "roots", "pi_spellings",
    "adversarial_buried", "adversarial_candidates", "adversarial_long_digits", "adversarial_near_miss",
    "adversarial_no_answer",
]


def main():
    assert sorted(ORDER) == sorted(CASES), "category mismatch"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "math_heldout_corpus.jsonl")
    rows = []
    for cat in ORDER:
        cases = CASES[cat]
        assert len(cases) == 14, (cat, len(cases))
        for case in cases:
            row = {"id": len(rows) + 1, "category": cat, "completion": case["completion"],
                   "answer": case["answer"], "expected": case["expected"]}
            if "prompt" in case:
                row["prompt"] = case["prompt"]
            rows.append(row)
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} cases to {out}")


if __name__ == "__main__":
    main()
