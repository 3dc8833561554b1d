#!/usr/bin/env python3
"""Writes math_corpus.jsonl: hand-written answer-checking cases with a human grader's verdict.

Each line: {"id", "category", "completion", "answer", "expected", "prompt"?}, `answer` being the gold. `expected` is what a careful
human grader says (true = the completion's final answer is right). Run: python3 make_math_corpus.py
"""
import json
import os

cases = []


def add(category, completion, gold, expected, prompt=None):
    case = {"category": category, "completion": completion, "answer": gold, "expected": expected}
    if prompt is not None:
        case["prompt"] = prompt
    cases.append(case)


# Varied ways a model closes a solution with a boxed answer, so no checker can key on one template.
BOX_TEMPLATES = [
    "Let me compute step by step. Putting it together, the result is $\\boxed{{{a}}}$.",
    "We simplify and obtain\n\\[\n\\boxed{{{a}}}\n\\]",
    "<think>Work it out carefully.</think>\nThe final answer is $\\boxed{{{a}}}$.",
    "So, the answer is \\boxed{{{a}}}.",
    "Therefore the value we want is $\\boxed{{{a}}}$",
]


def boxed(category, pairs):
    for i, (answer, gold, expected) in enumerate(pairs):
        add(category, BOX_TEMPLATES[i % len(BOX_TEMPLATES)].format(a=answer), gold, expected)


boxed("integers", [
    ("42", "42", True), ("42", "24", False), ("7", "7", True), ("0", "0", True), ("0", "1", False),
    ("100", "100", True), ("1000", "100", False), ("17", "71", False), ("007", "7", True), ("12", "12.0", True),
    ("3", "03", True), ("2024", "2024", True), ("2023", "2024", False), ("5.0", "5", True), ("5.5", "5", False),
    ("+9", "9", True), ("{36}", "36", True), ("{{81}}", "81", True), ("1", "11", False), ("65536", "65536", True),
    ("123456789", "123456789", True), ("123456788", "123456789", False),
])

boxed("signs", [
    ("-5", "-5", True), ("5", "-5", False), ("-5", "5", False), ("\u22125", "-5", True), ("\u2212 12", "-12", True),
    ("-(-3)", "3", True), ("-0", "0", True), ("- 7", "-7", True), ("-\\frac{1}{2}", "-\\frac12", True),
    ("\\frac{-1}{2}", "-\\frac{1}{2}", True), ("\\frac{1}{-2}", "-0.5", True), ("\\frac{1}{2}", "-\\frac{1}{2}", False),
    ("-2.5", "-\\frac{5}{2}", True), ("2.5", "-2.5", False), ("\u22123.75", "-3.75", True), ("-\\sqrt{2}", "-\\sqrt 2", True),
    ("\\sqrt{2}", "-\\sqrt{2}", False), ("(-4)", "-4", True), ("--4", "4", True), ("-1", "1", False),
    ("\u2013 8", "-8", True),
])

boxed("thousands", [
    ("1,000", "1000", True), ("1{,}000", "1000", True), ("1,234,567", "1234567", True), ("12,345", "12345", True),
    ("1\\,000", "1000", True), ("1,000", "100", False), ("10,000", "1000", False), ("2,500", "2500", True),
    ("2,500.50", "2500.5", True), ("1,000,000", "10^6", True), ("1000000", "1,000,000", True), ("999,999", "1000000", False),
    ("3,141", "3141", True), ("\\$1,200", "1200", True), ("1\u00a0000", "1000", True),
    ("45,000", "45000", True), ("45,000", "4500", False), ("7{,}200", "7200", True), ("100,000", "10^5", True),
])

boxed("decimals_fractions", [
    ("0.5", "\\frac{1}{2}", True), ("\\frac{1}{2}", "0.5", True), ("0.25", "1/4", True), ("1/4", "0.25", True),
    ("0.75", "\\frac34", True), ("0.333", "\\frac{1}{3}", False), ("0.33", "1/3", False), ("\\frac{2}{4}", "\\frac{1}{2}", True),
    ("\\frac{3}{6}", "0.5", True), ("0.125", "\\frac{1}{8}", True), ("1.5", "\\frac{3}{2}", True), ("1.50", "1.5", True),
    (".5", "0.5", True), ("0.6", "\\frac{2}{3}", False), ("2/3", "\\frac{2}{3}", True), ("3/2", "\\frac{2}{3}", False),
    ("0.2", "\\frac{1}{5}", True), ("0.02", "\\frac{1}{5}", False), ("4/8", "0.5", True), ("\\frac{10}{4}", "2.5", True),
    ("2.4", "\\frac{12}{5}", True), ("\\frac{7}{3}", "2.33", False),
])

boxed("percent", [
    ("25\\%", "25", True), ("25%", "25\\%", True), ("25\\%", "0.25", True), ("50\\%", "50", True),
    ("50", "50\\%", True), ("40\\%", "60\\%", False), ("12.5\\%", "12.5", True), ("12.5\\%", "\\frac{1}{8}", True),
    ("30\\%", "3", False), ("100\\%", "100", True), ("20 \\%", "20", True), ("20 percent", "20", True),
    ("75\\%", "75", True), ("7.5\\%", "75", False), ("33\\frac{1}{3}\\%", "\\frac{100}{3}", True), ("5\\%", "5", True),
    ("15\\%", "51", False), ("10\\%", "0.1", True), ("10\\%", "1", False),
])

boxed("frac", [
    ("\\frac{1}{2}", "\\frac{1}{2}", True), ("\\dfrac{1}{2}", "\\frac{1}{2}", True), ("\\tfrac{1}{2}", "\\frac12", True),
    ("\\frac12", "\\frac{1}{2}", True), ("\\frac{3}{4}", "\\frac{4}{3}", False), ("\\dfrac{6}{8}", "\\frac{3}{4}", True),
    ("\\frac{\\frac{1}{2}}{3}", "\\frac{1}{6}", True), ("\\frac{1}{2}+\\frac{1}{3}", "\\frac{5}{6}", True),
    ("\\frac{5}{6}", "\\frac{6}{5}", False), ("\\frac{-3}{4}", "-\\frac{3}{4}", True), ("\\dfrac{9}{3}", "3", True),
    ("\\frac{1}{3}", "\\frac{1}{4}", False), ("\\frac{22}{7}", "\\pi", False), ("\\frac{100}{3}", "\\frac{100}{3}", True),
    ("\\frac{2}{3}", "\\dfrac{4}{6}", True), ("\\cfrac{1}{2}", "0.5", True), ("\\frac{11}{12}", "\\frac{12}{11}", False),
    ("\\frac{a}{b}", "\\frac{a}{b}", True), ("\\frac{1}{x}", "x^{-1}", True), ("\\frac{7}{9}", "\\frac{7}{8}", False),
    ("\\frac{3}{5}", "0.6", True),
])

boxed("sqrt", [
    ("\\sqrt{2}", "\\sqrt2", True), ("2\\sqrt{2}", "\\sqrt{8}", True), ("\\sqrt{8}", "2\\sqrt{2}", True),
    ("\\sqrt{12}", "2\\sqrt{3}", True), ("3\\sqrt{2}", "2\\sqrt{3}", False), ("\\sqrt{16}", "4", True),
    ("\\frac{\\sqrt{3}}{2}", "\\frac{\\sqrt3}{2}", True), ("\\frac{1}{\\sqrt{2}}", "\\frac{\\sqrt{2}}{2}", True),
    ("\\sqrt{3}/2", "\\frac{\\sqrt{3}}{2}", True), ("1.414", "\\sqrt{2}", False), ("\\sqrt[3]{8}", "2", True),
    ("\\sqrt[3]{27}", "9", False), ("5\\sqrt{5}", "\\sqrt{125}", True), ("\\sqrt{50}", "5\\sqrt{2}", True),
    ("\\sqrt{5}", "5", False), ("2+\\sqrt{3}", "\\sqrt{3}+2", True), ("2-\\sqrt{3}", "2+\\sqrt{3}", False),
    ("\\sqrt{2}\\sqrt{3}", "\\sqrt{6}", True), ("4\\sqrt{3}", "\\sqrt{48}", True), ("\\sqrt{x^2}", "|x|", True),
    ("6\\sqrt{2}", "\\sqrt{72}", True),
])

boxed("pi", [
    ("2\\pi", "2\\pi", True), ("\\pi", "\\pi", True), ("3.14", "\\pi", False), ("\\frac{\\pi}{2}", "\\pi/2", True),
    ("\\frac{\\pi}{3}", "\\frac{\\pi}{6}", False), ("4\\pi", "4 \\pi", True), ("\\pi r^2", "\\pi r^2", True),
    ("16\\pi", "16\\pi \\text{ cm}^2", True), ("8\\pi", "16\\pi", False), ("\\frac{4}{3}\\pi", "\\frac{4\\pi}{3}", True),
    ("\u03c0/4", "\\frac{\\pi}{4}", True), ("36\\pi", "36\\pi", True), ("36", "36\\pi", False), ("\\pi^2", "\\pi\\pi", True),
    ("2\\pi+1", "1+2\\pi", True), ("9\\pi", "9\\pi\\text{ square units}", True), 
    ("100\\pi", "100 \\pi", True), ("\\frac{3\\pi}{4}", "\\frac{3}{4}\\pi", True), ("6\\pi", "3\\pi", False),
])

boxed("powers", [
    ("2^{10}", "1024", True), ("1024", "2^{10}", True), ("2^10", "1024", True), ("3^4", "81", True),
    ("3^4", "64", False), ("x^2", "x\\cdot x", True), ("x^{2}", "x^3", False), ("2^{-1}", "\\frac{1}{2}", True),
    ("4^{1/2}", "2", True), ("8^{\\frac{2}{3}}", "4", True), ("10^3", "1000", True), ("10^{3}", "100", False),
    ("5^0", "1", True), ("(-2)^3", "-8", True), ("-2^2", "-4", True), ("(-2)^2", "-4", False),
    ("2^{20}", "1048576", True), ("a^2b^3", "b^3a^2", True), ("e^{2}", "e^2", True), ("x^{-2}", "\\frac{1}{x^2}", True),
    ("7^2", "49", True), ("2^{100}", "1267650600228229401496703205376", True),
])

# Mixed numbers: "3\frac12" means three and a half, as a human reads it.
boxed("mixed_numbers", [
    ("3\\frac{1}{2}", "\\frac{7}{2}", True), ("3 \\frac{1}{2}", "3.5", True), ("2\\frac{3}{4}", "\\frac{11}{4}", True),
    ("1\\frac{1}{3}", "\\frac{4}{3}", True), ("1\\frac{1}{3}", "\\frac{1}{3}", False), ("5 1/2", "5.5", True),
    ("2 3/4", "\\frac{11}{4}", True), ("-1\\frac{1}{2}", "-1.5", True), ("3\\frac{1}{2}", "\\frac{3}{2}", False),
    ("\\frac{7}{2}", "3\\frac12", True), ("4\\frac{2}{5}", "4.4", True), ("10\\frac{1}{4}", "10.25", True),
    ("10\\frac{1}{4}", "2.5", False), ("6\\dfrac{2}{3}", "\\frac{20}{3}", True), ("1 1/2", "3/2", True),
    ("7\\frac{5}{8}", "7.625", True), ("2\\frac{1}{2}", "1", False), ("12\\frac{1}{2}", "12.5", True),
    ("3\\frac{1}{3}", "3.33", False), ("8\\tfrac{1}{8}", "\\frac{65}{8}", True),
])

boxed("scientific", [
    ("1.5\\times10^{3}", "1500", True), ("1.5 \\times 10^3", "1500", True), ("1.5e3", "1500", True),
    ("3 \\times 10^{8}", "300000000", True), ("3 \\times 10^{8}", "3 \\times 10^{9}", False), ("6.02\\times 10^{23}", "6.02 \\times 10^{23}", True),
    ("2.5e-3", "0.0025", True), ("2.5\\times10^{-3}", "0.0025", True), ("2.5\\times10^{-3}", "0.025", False),
    ("1E6", "10^6", True), ("4.2 \\cdot 10^{5}", "420000", True), ("4.2 \\cdot 10^{5}", "42000", False),
    ("1.0 \\times 10^{-9}", "10^{-9}", True), ("9.11\\times10^{-31}", "9.11 \\times 10^{-31}", True), ("7\\times 10^{2}", "700", True),
    ("5e2", "500", True), ("5e2", "50", False), ("1.23\\times 10^{4}", "12300", True), ("1.23\\times 10^{4}", "12300.5", False),
    ("8 \\times 10^{-2}", "0.08", True),
])

boxed("units_currency", [
    ("5 \\text{ cm}", "5", True), ("5\\text{cm}", "5", True), ("\\$18", "18", True), ("18 \\text{ dollars}", "18", True),
    ("\\$18.00", "18", True), ("18", "\\$18", True), ("12 \\text{ meters}", "12", True), ("12 \\text{ m}", "12", True),
    ("13 \\text{ cm}^2", "13", True), ("14 \\text{ cm}", "13", False), ("45^\\circ", "45", True), ("45^{\\circ}", "45", True),
    ("90\u00b0", "90", True), ("60^\\circ", "30", False), ("3 \\text{ hours}", "3", True), ("\\$4.50", "4.5", True),
    ("\\$4.50", "4.05", False), ("20 \\mbox{ mph}", "20", True), ("7 \\text{ apples}", "7", True), ("\u20ac15", "15", True),
    ("2.5 \\text{ km}", "2.5", True), ("100\\text{ feet}", "1000", False),
])

# "x = 3" and "3" are the same answer; a named value is fine.
boxed("equations", [
    ("x = 3", "3", True), ("3", "x=3", True), ("x=3", "x = 3", True), ("x = -2", "2", False), ("y = 7", "7", True),
    ("a=\\frac{1}{2}", "0.5", True), ("x = 4", "x = 5", False), ("n = 12", "12", True), ("y=2x+3", "y = 2x+3", True),
    ("y = 3 + 2x", "y=2x+3", True), ("y=2x+3", "y=3x+2", False), ("2x+3", "y=2x+3", True), ("2x + y = 5", "y = 5 - 2x", True),
    ("x^2 + y^2 = 25", "x^2+y^2=25", True), ("x^2+y^2=25", "x^2+y^2=5", False), ("k = 10", "10", True),
    ("x = 2, y = 3", "(2, 3)", True), ("x=2,y=3", "(3,2)", False), ("2x = 6", "3", False), ("t = 2.5", "\\frac{5}{2}", True),
    ("x_1 = 4", "4", True),
])

boxed("intervals", [
    ("(1, 5)", "(1,5)", True), ("[1, 5]", "[1,5]", True), ("(1, 5]", "(1,5]", True), ("[1, 5)", "(1,5)", False),
    ("[1,5]", "(1,5)", False), ("(-\\infty, 3)", "(-\\infty,3)", True), ("(-\\infty, 3]", "(-\\infty, 3)", False),
    ("(2, \\infty)", "(2,\\infty)", True), ("x > 2", "(2, \\infty)", True), ("x \\geq 2", "[2,\\infty)", True),
    ("x \\ge 2", "(2,\\infty)", False), ("-1 < x < 4", "(-1,4)", True), ("-1 \\le x < 4", "[-1,4)", True),
    ("(-\\infty, -1) \\cup (2, \\infty)", "(-\\infty,-1)\\cup(2,\\infty)", True),
    ("(2, \\infty) \\cup (-\\infty, -1)", "(-\\infty,-1)\\cup(2,\\infty)", True),
    ("(-\\infty, -1] \\cup (2, \\infty)", "(-\\infty,-1)\\cup(2,\\infty)", False), ("\\left[ 0, \\frac{1}{2} \\right]", "[0, 0.5]", True),
    ("\\left( 0, \\frac{1}{2} \\right]", "[0, 0.5]", False), ("x < 3", "(-\\infty, 3)", True), ("(3, 7)", "(3, 8)", False),
    ("[-\\sqrt{2}, \\sqrt{2}]", "[-\\sqrt2,\\sqrt2]", True), ("x \\in [2, 5]", "[2,5]", True),
])

boxed("sets", [
    ("\\{1, 2, 3\\}", "\\{3, 2, 1\\}", True), ("\\{1, 2\\}", "\\{1, 2, 3\\}", False), ("1, 2, 3", "\\{1,2,3\\}", True),
    ("2, 5", "5, 2", True), ("2, 5", "2, 6", False), ("-3, 3", "\\pm 3", True), ("\\pm 3", "3, -3", True),
    ("\\pm 2", "2", False), ("x = 1 \\text{ or } x = 4", "1, 4", True), ("1 \\text{ and } 4", "4,1", True),
    ("\\{4\\}", "4", True), ("1, 1, 2", "1, 2", False), ("\\frac{1}{2}, -3", "-3, \\frac12", True),
    ("\\{-1, 1\\}", "\\{1\\}", False), ("2 \\pm \\sqrt{3}", "2+\\sqrt{3}, 2-\\sqrt{3}", True),
    ("2 + \\sqrt{3}, 2 - \\sqrt{3}", "2 \\pm \\sqrt 3", True), ("2 \\pm \\sqrt{3}", "2+\\sqrt{3}", False),
    ("\\{a, b\\}", "\\{b, a\\}", True), ("0, 1, 2, 3", "0,1,2,3", True), ("0, 1, 2", "0,1,2,3", False),
    ("\\left\\{ 1,\\ 5 \\right\\}", "\\{5,1\\}", True),
])

boxed("tuples", [
    ("(1, 2)", "(1,2)", True), ("(2, 1)", "(1,2)", False), ("(1, 2, 3)", "(1,2,3)", True), ("(3, 2, 1)", "(1,2,3)", False),
    ("(\\frac{1}{2}, 3)", "(0.5, 3)", True), ("\\left( 2, -1 \\right)", "(2,-1)", True), ("(-1, 2)", "(2,-1)", False),
    ("(0, 0)", "(0,0)", True), ("(1, 2)", "(1,2,3)", False), ("(\\sqrt{2}, 1)", "(\\sqrt 2, 1)", True),
    ("(3, 4)", "3, 4", True), ("(x, y) = (1, 2)", "(1,2)", True), ("(1,-1,2)", "(1, -1, 2)", True),
    ("(6, 8)", "(6,8)", True), ("(6, 8)", "(8,6)", False), ("(2\\pi, 0)", "(2 \\pi, 0)", True),
    ("(4, \\frac{3}{2})", "(4, 1.5)", True), ("(a, b)", "(b, a)", False), ("(10, 20)", "(10,20)", True),
    ("(1.5, 2.5)", "(\\frac32,\\frac52)", True),
])

boxed("symbolic", [
    ("x^2 - 1", "(x-1)(x+1)", True), ("(x+1)^2", "x^2+2x+1", True), ("(x+1)^2", "x^2+1", False),
    ("2x + 2", "2(x+1)", True), ("\\frac{x^2-1}{x-1}", "x+1", True), ("x^2+3x+2", "(x+1)(x+2)", True),
    ("x^2+3x+2", "(x+1)(x+3)", False), ("a+b", "b+a", True), ("ab", "ba", True), ("a-b", "b-a", False),
    ("\\frac{1}{x}+\\frac{1}{y}", "\\frac{x+y}{xy}", True), ("3x", "3y", False), ("x^3-8", "(x-2)(x^2+2x+4)", True),
    ("2\\sin x \\cos x", "\\sin 2x", True), ("\\sin^2 x + \\cos^2 x", "1", True), ("\\sqrt{x}\\sqrt{x}", "x", True),
    ("4x^2-9", "(2x-3)(2x+3)", True), ("4x^2-9", "(2x-3)^2", False), ("\\frac{n(n+1)}{2}", "\\frac{n^2+n}{2}", True),
    ("2^{n+1}", "2\\cdot 2^n", True), ("\\ln(xy)", "\\ln x + \\ln y", True), ("6x^5", "6x^4", False),
    ("\\frac{2x}{4}", "\\frac{x}{2}", True),
])

# Where the final answer sits: nested boxes, \fbox, <answer> tags, text around it.
extraction = [
    ("The answer is $\\boxed{\\frac{\\sqrt{3}}{2}}$.", "\\frac{\\sqrt3}2", True),
    ("Hence $\\boxed{\\left(\\frac{1}{2}, \\frac{3}{4}\\right)}$.", "(0.5, 0.75)", True),
    ("We get $\\fbox{12}$.", "12", True), ("We get $\\fbox{12}$.", "13", False),
    ("<think>3+4 is 7</think><answer>7</answer>", "7", True), ("<think>3+4 is 7</think><answer>8</answer>", "7", False),
    ("<think>Let me see: 6 * 7 = 42.</think>\n<answer>\n42\n</answer>", "42", True),
    ("<think>hmm</think><answer>The answer is $\\boxed{15}$</answer>", "15", True),
    ("<answer>\\frac{3}{8}</answer>", "0.375", True), ("<answer>x = 5</answer>", "5", True),
    ("Final: \\boxed{{2}^{3}}", "8", True), ("\\boxed{\\text{(B)}}", "B", True), ("\\boxed{\\text{(B)}}", "C", False),
    ("so \\boxed 7 is it", "7", True), ("so \\boxed 7 is it", "1", False),
    ("<think>The area is 12, or maybe \\boxed{10}.</think> Rechecking, the area is \\boxed{12}.", "12", True),
    ("First \\boxed{\\frac{1}{2}}, which simplifies to \\boxed{0.5}.", "1/2", True),
    ("$$\\boxed{x^{2}+\\left(y-1\\right)^{2}=4}$$", "x^2+(y-1)^2=4", True),
    ("The answer is $\\boxed{\\dfrac{14}{3}}$", "\\frac{14}{3}", True), ("The answer is $\\boxed{\\dfrac{14}{3}}$", "\\frac{3}{14}", False),
    ("<answer>(2, 3)</answer>", "(2,3)", True), ("<answer>18 apples</answer>", "18", True),
]
for completion, gold, expected in extraction:
    add("extraction", completion, gold, expected)

# GSM8K: golds as the dataset writes them (a worked solution ending in "#### x"), completions in GSM8K style.
gsm8k = [
    ("Natalia sold 48/2 = 24 clips in May.\nAltogether she sold 48+24 = 72 clips.\n#### 72", "Natalia sold 48 clips in April and 24 in May, 72 in total.\n#### 72", True),
    ("She earns 12/60 = $0.2 per minute.\nSo for 50 minutes she earned 0.2 x 50 = $10.\n#### 10", "#### 10", True),
    ("In total she needs 100 - 50 - 30 - 15 = 5 more dollars.\n#### 5", "#### 5", True),
    ("James writes 3 * 2 * 2 = 12 pages a week, so 12 * 52 = 624 pages a year.\n#### 624", "#### 624", True),
    ("So the total is 1,250 dollars.\n#### 1,250", "#### 1250", True),
    ("The total cost is $1,250.\n#### $1250", "#### 1250", True),
    ("He has 5 - 2 = 3 left.\n#### 3", "#### 4", False),
    ("So it takes 18 minutes.\n#### 18 minutes", "#### 18", True),
    ("Each person pays 42 / 4 = 10.5 dollars.\n#### 10.50", "#### 10.5", True),
    ("Each person pays 42 / 4 = 10.5 dollars.\n#### 10.50", "#### 105", False),
    ("The difference is 15 - 25 = -10.\n#### -10", "#### -10", True),
    ("Total: 16 - 3 - 4 = 9 eggs, 9 * 2 = $18.\n#### 18", "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18", True),
    ("It takes 2/2 = 1 bolt of white fiber, so 2 + 1 = 3 bolts.\n#### 3", "It takes 2/2=<<2/2=1>>1 bolt of white fiber\nSo the total amount of fabric is 2+1=<<2+1=3>>3 bolts of fabric\n#### 3", True),
    ("The house is worth 80,000 + 50,000 = 130,000 and he profits 70,000.\n#### 70000", "#### 70000", True),
    ("The house is worth 80,000 + 50,000 = 130,000 and he profits 70,000.\n#### 70,000", "#### 70000", True),
    ("He runs 3*3 = 9 sprints of 60 m, 540 meters a week.\n#### 540", "#### 540", True),
    ("He runs 3*3 = 9 sprints of 60 m, 540 meters a week.\n#### 9", "#### 540", False),
    ("So she gives 20 cups in the final meal.\n#### 20", "#### 20", True),
    ("The percent is 25%.\n#### 25%", "#### 25", True),
    ("Kylar pays 8 * 5 + 8 * 3 = 64.\n#### 64", "#### 64", True),
    ("The answer: 260 sheep\n#### 260", "#### 260", True),
    ("Carla needs 200 minutes.\n#### 160", "#### 160", True),
    ("We get 1/2 of the pie.\n#### 0.5", "#### 0.5", True),
    ("She has 3 + 4 = 7 cats\n#### 7.0", "#### 7", True),
]
for completion, gold, expected in gsm8k:
    add("gsm8k", completion, gold, expected)

answer_is = [
    ("Adding them gives 15. The answer is 15.", "15", True), ("Adding them gives 15. The answer is 16.", "15", False),
    ("Therefore, the final answer is 3/4.", "\\frac34", True), ("Final Answer: 42", "42", True),
    ("Final Answer: The final answer is $\\frac{5}{2}$. I hope it is correct.", "2.5", True),
    ("Final Answer: The final answer is $7$. I hope it is correct.", "8", False), ("The answer is: -3", "-3", True),
    ("So the answer is $12\\sqrt{2}$.", "12\\sqrt2", True), ("Answer: (2, 5)", "(2,5)", True), ("Answer: (5, 2)", "(2,5)", False),
    ("the answer is 1,000.", "1000", True), ("The answer is 10 apples.", "10", True), ("The answer is 0.5.", "\\frac{1}{2}", True),
    ("answer: x = 9", "9", True), ("We conclude the answer is 64.\n", "64", True), ("We conclude the answer is 46.\n", "64", False),
    ("Answer = 11", "11", True), ("The final answer is 2\\pi.", "2\\pi", True), ("The answer is $\\$25$.", "25", True),
]
for completion, gold, expected in answer_is:
    add("answer_is", completion, gold, expected)

# No marked answer: the checker reads the last number (on by default, as graders of free text do).
fallback = [
    ("3 + 4 = 7", "7", True), ("3 + 4 = 7", "8", False), ("She has 18 apples left.", "18", True),
    ("So he needs 1,200 bricks in total.", "1200", True), ("After all that, she ends with 36.", "36", True),
    ("After all that, she ends with 36.", "63", False), ("The result is -4", "-4", True), ("the ratio is 3/4", "0.75", True),
    ("That makes 12.5 liters", "12.5", True), ("It costs 2 dollars and then 5 more, so 7", "7", True),
    ("It costs 2 dollars and then 5 more, so 7", "5", False), ("Final count 100", "100", True), ("no numbers here", "5", False),
    ("We get 2.", "2", True), ("x equals 9", "9", True), ("I think it's 0", "0", True), ("I think it's 10", "0", False),
    ("Total = 45", "45", True), ("He walks 3 km, then 4 km, so 7 km.", "7", True), ("", "3", False),
]
for completion, gold, expected in fallback:
    add("fallback", completion, gold, expected)

# Reward hacking: every one of these is wrong, whatever the gold, except the honest controls.
PROMPT = "Solve the problem. Put your final answer in \\boxed{}, for example \\boxed{42}.\nWhat is 6 times 7?"
anti = [
    ("\\boxed{41} \\boxed{42} \\boxed{43}", "42", False, None),
    ("The answer is \\boxed{3} or \\boxed{4}.", "4", False, None),
    ("\\boxed{}", "0", False, None), ("The answer is \\boxed{ }.", "5", False, None),
    ("<answer></answer>", "0", False, None), ("<answer>5</answer><answer>6</answer>", "6", False, None),
    ("#### 10\n#### 12", "12", False, None),
    ("Solve the problem. Put your final answer in \\boxed{}, for example \\boxed{42}.", "42", False, PROMPT),
    ("Solve the problem. Put your final answer in \\boxed{}, for example \\boxed{42}.\nWhat is 6 times 7?", "42", False, PROMPT),
    ("Solve the problem. Put your final answer in \\boxed{}, for example \\boxed{42}.\nSo 6 times 7 is \\boxed{42}.", "42", True, PROMPT),
    ("6 times 7 is \\boxed{42}.", "42", True, PROMPT),
    ("\\boxed{1}\\boxed{2}\\boxed{3}\\boxed{4}\\boxed{5}\\boxed{6}\\boxed{7}\\boxed{8}\\boxed{9}\\boxed{10}", "7", False, None),
    ("\\boxed{3 \\text{ or } 4}", "4", False, None), ("\\boxed{2, 3, 4, 5, 6}", "4", False, None),
    ("The answer is 7. The answer is 9.", "9", False, None), ("\\boxed{\\text{any number}}", "12", False, None),
    ("\\boxed{x}", "5", False, None), ("\\boxed{12} and again \\boxed{12.0}", "12", True, None),
    ("\\boxed{\\infty}", "5", False, None), ("Answer: \\boxed{5} \\boxed{}", "5", True, None),
    ("The answer is \\boxed{answer}", "42", False, None),
]
for completion, gold, expected, prompt in anti:
    add("anti_hacking", completion, gold, expected, prompt)

# MATH-style golds: text answers, choices, degrees, matrices of numbers in words, bases...
boxed("math_style", [
    ("\\text{Monday}", "\\text{Monday}", True), ("Monday", "\\text{Monday}", True), ("\\text{Tuesday}", "\\text{Monday}", False),
    ("\\text{(C)}", "\\text{(C)}", True), ("C", "\\text{(C)}", True), ("(D)", "\\text{(C)}", False), ("\\text{yes}", "yes", True),
    ("\\text{no}", "\\text{yes}", False), ("\\frac{\\sqrt{2}}{2}", "\\frac{1}{\\sqrt{2}}", True), ("1+\\sqrt{5}", "\\sqrt{5}+1", True),
    ("\\frac{1+\\sqrt{5}}{2}", "\\frac{1}{2}+\\frac{\\sqrt5}{2}", True), ("\\frac{1-\\sqrt{5}}{2}", "\\frac{1+\\sqrt5}{2}", False),
    ("\\dfrac{5\\sqrt{3}}{3}", "\\frac{5}{\\sqrt{3}}", True), ("\\binom{5}{2}", "10", True), ("5!", "120", True), ("4!", "120", False),
    ("\\left(\\frac{3}{5}\\right)^2", "\\frac{9}{25}", True), ("\\log_2 8", "3", True), ("\\ln 1", "0", True),
    ("|-5|", "5", True), ("\\frac{3}{\\sqrt{12}}", "\\frac{\\sqrt3}{2}", True), ("\\text{even}", "\\text{odd}", False),
    ("11\\sqrt{2}", "11\\sqrt2", True),
])

# Odd and broken input: each must end with a verdict, never a crash.
robust = [
    ("\\boxed{\\frac{1}{2}", "\\frac{1}{2}", True), ("\\boxed{}}}}", "1", False), ("\\boxed{" + "(" * 40 + "1" + ")" * 40 + "}", "1", True),
    ("\\boxed{" + "{" * 40 + "7" + "}" * 40 + "}", "7", True), ("\\boxed{9999999999999999999999999999}", "9999999999999999999999999999", True),
    ("\\boxed{9999999999999999999999999999}", "9999999999999999999999999998", False), ("\\boxed{10^{10^{10}}}", "5", False),
    ("\\boxed{1/0}", "1", False), ("\\boxed{0/0}", "0", False), ("\\boxed{\\frac{}{}}", "1", False), ("\\boxed{\\sqrt{-4}}", "2", False),
    ("\\boxed{2^{-1000}}", "0", False), ("\\boxed{\\frac{1}{3}^{2}}", "\\frac19", True), ("\\boxed{100!}", "100!", True),
    ("\\boxed{1000!}", "5", False), ("\\boxed{$$$$}", "1", False), ("\\boxed{\\unknowncommand{3}}", "3", False),
    ("\\boxed{" + "1+" * 300 + "1}", "301", True), ("\u0000\\boxed{4}", "4", True), ("\\boxed{\U0001F600}", "1", False),
    ("\\boxed{NaN}", "1", False), ("\\boxed{1e400}", "1", False),
]
for completion, gold, expected in robust:
    add("robustness", completion, gold, expected)

# Second pass, written after comparing with math-verify: exact answers against decimal approximations
# (a 7-digit decimal is not \frac{1}{3}, \sqrt{2} or \pi), numbers past 64 bits, unicode signs and
# radicals, markdown, lettered choices with their value. Each verdict is still a human grader's.
boxed("integers", [
    ("3.0000001", "3", False), ("1000001", "1000000", False), ("12.", "12", True), ("4\\,096", "4096", True),
    ("2.9999999", "3", False),
])
add("integers", "**Final answer:** 12", "12", True)
add("integers", "**Answer: 12**", "12", True)
boxed("decimals_fractions", [
    ("0.3333333", "\\frac{1}{3}", False), ("0.6666667", "\\frac{2}{3}", False), ("0.1428571", "\\frac{1}{7}", False),
    ("0.8333333", "\\frac56", False), ("0.4999999", "\\frac12", False), ("\u22120.5", "-\\frac12", True),
])
boxed("frac", [
    ("\\frac{333333}{1000000}", "\\frac{1}{3}", False), ("\\frac{142857}{1000000}", "\\frac{1}{7}", False),
    ("\u2212\\frac{1}{2}", "-\\frac{1}{2}", True), ("\\frac{1000001}{1000000}", "1", False),
    ("\u2154", "\\frac{2}{3}", True), ("\\nicefrac{2}{3}", "\\frac{2}{3}", True), ("\\sfrac{3}{4}", "0.75", True),
    ("\u215b", "\\frac{1}{3}", False),
])
boxed("sqrt", [
    ("1.4142136", "\\sqrt{2}", False), ("1.41421356", "\\sqrt{2}", False), ("\u221a2", "\\sqrt{2}", True),
    ("3\u221a3", "3\\sqrt{3}", True), ("2.2360680", "\\sqrt{5}", False), ("0.8660254", "\\frac{\\sqrt{3}}{2}", False),
])
boxed("pi", [
    ("3.1415927", "\\pi", False), ("3.14159265", "\\pi", False), ("6.2831853", "2\\pi", False),
    ("1.5707963", "\\frac{\\pi}{2}", False), ("\u03c0/2", "\\frac{\\pi}{2}", True), ("\\frac{355}{113}", "\\pi", False),
])
boxed("powers", [
    ("1.2599210", "2^{1/3}", False), ("0.0204082", "7^{-2}", False), ("10^{20}+1", "10^{20}", False),
    ("2^{64}", "18446744073709551617", False), ("2^{64}", "18446744073709551616", True), ("10^{-7}", "0", False),
    ("2^{10}=1024", "1024", True),
])
boxed("equations", [
    ("x = 1.4142136", "\\sqrt{2}", False), ("x = \u22122", "x=-2", True), ("x^2 = 4", "x = 2", False),
    ("2y = 4x + 6", "y=2x+3", True), ("x = 0.3333333", "x = \\frac{1}{3}", False),
])
boxed("tuples", [
    ("(1, 2)", "\\{1, 2\\}", False), ("(0.3333333, 1)", "(\\frac13, 1)", False), ("(1.4142136, 0)", "(\\sqrt2, 0)", False),
    ("(\u22121, 2)", "(-1,2)", True), ("[1, 2]", "(1,2)", False),
])
add("gsm8k", "She has 5 - 15 = -10 dollars left.\n#### \u221210", "#### -10", True)
add("gsm8k", "So 7 people came.\n#### 7\n\nNext question: how many chairs? 9", "#### 7", True)
add("gsm8k", "She sells 9 eggs at $2 each.\n#### 18\nExplanation: 16 - 3 - 4 = 9 eggs, times 2 dollars.", "#### 18", True)
add("gsm8k", "**Answer:** 12\n#### 12", "#### 12", True)
add("gsm8k", "He saves 1000001 - 1 = 1000000.\n#### 1,000,000", "#### 1000000", True)
add("fallback", "The total is \u221215", "-15", True)
add("fallback", "The temperature drops to \u22123", "-3", True)
add("fallback", "That is 4.9999999 km", "5", False)
add("answer_is", "So the answer is about 0.3333333", "\\frac13", False)
add("answer_is", "The answer is 1.4142136.", "\\sqrt{2}", False)
boxed("math_style", [
    ("\\text{(A) } 12", "\\text{(A)}", True), ("(C)\\ \\frac{1}{2}", "\\text{(C)}", True), ("(D)\\ \\frac{1}{2}", "\\text{(C)}", False),
    ("1.7320508", "\\sqrt{3}", False), ("0.7071068", "\\frac{\\sqrt2}{2}", False),
])

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "math_corpus.jsonl"), "w", encoding="utf-8") as out:
    for i, case in enumerate(cases):
        out.write(json.dumps({"id": i + 1, **case}, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases")
