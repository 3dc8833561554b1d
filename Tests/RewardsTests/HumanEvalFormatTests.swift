// HumanEval rows as the dataset stores them (`prompt`, `canonical_solution`, `test` defining
// check(candidate), `entry_point`) through the code_tests reward: canonical solutions score 1, wrong ones the
// fraction of check's cases they pass. Problems 0, 2, 32 and 53 of openai/human-eval (MIT), verbatim.
// Nested in the serialized sandbox suite: sandbox tests compare the machine before and after each run.
import Foundation
import Rewards
import Testing

extension CodeSandboxTests {
    @Suite struct HumanEvalFormat {
        struct Problem: Sendable, CustomTestStringConvertible {
            let entryPoint: String
            let prompt: String
            let canonicalSolution: String
            var test: String
            let wrongSolution: String
            let wrongPasses: Int
            let cases: Int
            var testDescription: String { entryPoint }
        }

        static let problems = [
            Problem(
                entryPoint: "has_close_elements",
                prompt: #"""
                    from typing import List


                    def has_close_elements(numbers: List[float], threshold: float) -> bool:
                        """ Check if in given list of numbers, are any two numbers closer to each other than
                        given threshold.
                        >>> has_close_elements([1.0, 2.0, 3.0], 0.5)
                        False
                        >>> has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3)
                        True
                        """

                    """#,
                canonicalSolution: #"""
                        for idx, elem in enumerate(numbers):
                            for idx2, elem2 in enumerate(numbers):
                                if idx != idx2:
                                    distance = abs(elem - elem2)
                                    if distance < threshold:
                                        return True

                        return False

                    """#,
                test: #"""


                    METADATA = {
                        'author': 'jt',
                        'dataset': 'test'
                    }


                    def check(candidate):
                        assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) == True
                        assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.05) == False
                        assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) == True
                        assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.8) == False
                        assert candidate([1.0, 2.0, 3.0, 4.0, 5.0, 2.0], 0.1) == True
                        assert candidate([1.1, 2.2, 3.1, 4.1, 5.1], 1.0) == True
                        assert candidate([1.1, 2.2, 3.1, 4.1, 5.1], 0.5) == False


                    """#,
                // Wrong: only neighbours compared.
                wrongSolution: #"""
                        for a, b in zip(numbers, numbers[1:]):
                            if abs(a - b) < threshold:
                                return True
                        return False
                    """#, wrongPasses: 5, cases: 7),
            Problem(
                entryPoint: "truncate_number",
                prompt: #"""


                    def truncate_number(number: float) -> float:
                        """ Given a positive floating point number, it can be decomposed into
                        and integer part (largest integer smaller than given number) and decimals
                        (leftover part always smaller than 1).

                        Return the decimal part of the number.
                        >>> truncate_number(3.5)
                        0.5
                        """

                    """#,
                canonicalSolution: #"""
                        return number % 1.0

                    """#,
                test: #"""


                    METADATA = {
                        'author': 'jt',
                        'dataset': 'test'
                    }


                    def check(candidate):
                        assert candidate(3.5) == 0.5
                        assert abs(candidate(1.33) - 0.33) < 1e-6
                        assert abs(candidate(123.456) - 0.456) < 1e-6

                    """#,
                // Wrong: rounded to one decimal.
                wrongSolution: #"""
                        return round(number % 1.0, 1)
                    """#, wrongPasses: 1, cases: 3),
            Problem(
                entryPoint: "find_zero",
                prompt: #"""
                    import math


                    def poly(xs: list, x: float):
                        """
                        Evaluates polynomial with coefficients xs at point x.
                        return xs[0] + xs[1] * x + xs[1] * x^2 + .... xs[n] * x^n
                        """
                        return sum([coeff * math.pow(x, i) for i, coeff in enumerate(xs)])


                    def find_zero(xs: list):
                        """ xs are coefficients of a polynomial.
                        find_zero find x such that poly(x) = 0.
                        find_zero returns only only zero point, even if there are many.
                        Moreover, find_zero only takes list xs having even number of coefficients
                        and largest non zero coefficient as it guarantees
                        a solution.
                        >>> round(find_zero([1, 2]), 2) # f(x) = 1 + 2x
                        -0.5
                        >>> round(find_zero([-6, 11, -6, 1]), 2) # (x - 1) * (x - 2) * (x - 3) = -6 + 11x - 6x^2 + x^3
                        1.0
                        """

                    """#,
                canonicalSolution: #"""
                        begin, end = -1., 1.
                        while poly(xs, begin) * poly(xs, end) > 0:
                            begin *= 2.0
                            end *= 2.0
                        while end - begin > 1e-10:
                            center = (begin + end) / 2.0
                            if poly(xs, center) * poly(xs, begin) > 0:
                                begin = center
                            else:
                                end = center
                        return begin

                    """#,
                test: #"""


                    METADATA = {}


                    def check(candidate):
                        import math
                        import random
                        rng = random.Random(42)
                        import copy
                        for _ in range(100):
                            ncoeff = 2 * rng.randint(1, 4)
                            coeffs = []
                            for _ in range(ncoeff):
                                coeff = rng.randint(-10, 10)
                                if coeff == 0:
                                    coeff = 1
                                coeffs.append(coeff)
                            solution = candidate(copy.deepcopy(coeffs))
                            assert math.fabs(poly(coeffs, solution)) < 1e-4


                    """#,
                // Wrong: always 0: fails the one case, a loop of 100 asserts.
                wrongSolution: #"""
                        return 0.0
                    """#, wrongPasses: 0, cases: 1),
            Problem(
                entryPoint: "add",
                prompt: #"""


                    def add(x: int, y: int):
                        """Add two numbers x and y
                        >>> add(2, 3)
                        5
                        >>> add(5, 7)
                        12
                        """

                    """#,
                canonicalSolution: #"""
                        return x + y

                    """#,
                test: #"""


                    METADATA = {}


                    def check(candidate):
                        import random

                        assert candidate(0, 1) == 1
                        assert candidate(1, 0) == 1
                        assert candidate(2, 3) == 5
                        assert candidate(5, 7) == 12
                        assert candidate(7, 5) == 12

                        for i in range(100):
                            x, y = random.randint(0, 1000), random.randint(0, 1000)
                            assert candidate(x, y) == x + y


                    """#,
                // Wrong: wrong from x = 5: three asserts pass, two and the random loop fail.
                wrongSolution: #"""
                        return x + y if x < 5 else x - y
                    """#, wrongPasses: 3, cases: 6),
        ]

        /// The reward as a HumanEval recipe configures it: tests in the row's `test` field.
        static let reward: CodeTestsReward = {
            var reward = CodeSandboxTests.reward
            reward.testsField = "test"
            return reward
        }()

        /// A HumanEval row whose completion is the prompt followed by `body`, in a fenced block.
        static func row(_ problem: Problem, _ body: String) -> RewardItem {
            RewardItem(
                prompt: problem.prompt, completion: "```python\n\(problem.prompt)\(body)\n```",
                fields: [
                    "prompt": .string(problem.prompt), "canonical_solution": .string(problem.canonicalSolution),
                    "test": .string(problem.test), "entry_point": .string(problem.entryPoint),
                ])
        }

        @Test(arguments: problems) func canonicalSolutionScoresOne(problem: Problem) async throws {
            let item = Self.row(problem, problem.canonicalSolution)
            let result = try await CodeSandboxTests.score(item, reward: Self.reward)
            #expect(result.score == 1, "\(result.info)")
            #expect(result.info["total"] == .number(Double(problem.cases)))
        }

        @Test(arguments: problems) func wrongSolutionGetsTheFractionOfCheckCases(problem: Problem) async throws {
            let item = Self.row(problem, problem.wrongSolution)
            let result = try await CodeSandboxTests.score(item, reward: Self.reward)
            #expect(result.info["passed"] == .number(Double(problem.wrongPasses)), "\(result.info)")
            #expect(result.info["total"] == .number(Double(problem.cases)))
            #expect(result.score == Double(problem.wrongPasses) / Double(problem.cases))
        }

        @Test func theTestsOwnCheckCallIsNotACase() async throws {
            // MBPP-style files end with `check(add)`; run as setup, its first failure would sink every case.
            var problem = Self.problems[3]
            problem.test += "\ncheck(add)\n"
            let item = Self.row(problem, problem.wrongSolution)
            let result = try await CodeSandboxTests.score(item, reward: Self.reward)
            #expect(result.info["passed"] == 3 && result.info["total"] == 6, "\(result.info)")
        }

        @Test func programWithoutTheEntryPointFailsEveryCase() async throws {
            let problem = Self.problems[3]
            let item = RewardItem(
                completion: "def plus(x, y):\n    return x + y",
                fields: ["test": .string(problem.test), "entry_point": "add"])
            let result = try await CodeSandboxTests.score(item, reward: Self.reward)
            #expect(result.score == 0)
            #expect(result.info["total"] == 6)
            #expect(CodeSandboxTests.status(result) == "missing_entry_point: add")
        }

        @Test func entryPointCanBeNamedInTheTestsAndIsNeededForCheck() async throws {
            let code = "def check(candidate):\n    assert candidate(2) == 4\n    assert candidate(3) == 9\n"
            let program = "def square(x):\n    return x * x"
            let tests: JSONValue = ["kind": "assert", "code": .string(code), "entry_point": "square"]
            let named = RewardItem(completion: program, fields: ["tests": tests])
            #expect(try await CodeSandboxTests.score(named).score == 1)
            let unnamed = RewardItem(completion: program, fields: ["tests": ["kind": "assert", "code": .string(code)]])
            let result = try await CodeSandboxTests.score(unnamed)
            #expect(result.score == nil)
            #expect(result.info["error"]?.stringValue?.contains("entry point") == true, "\(result.info)")
        }

        @Test(arguments: ["exit()", "quit()", "import sys\nsys.exit(0)", "raise SystemExit(1)"])
        func exitingAfterDefiningTheEntryPointKeepsIt(exit: String) async throws {
            // Solutions often try themselves out and exit; what they defined before must still be tested.
            let problem = Self.problems[3]
            let body = problem.canonicalSolution + "\nprint(add(2, 3))\n\(exit)\ndef add(x, y):\n    return 0"
            let result = try await CodeSandboxTests.score(Self.row(problem, body), reward: Self.reward)
            #expect(result.score == 1, "\(exit): \(result.info)")
        }
    }
}
