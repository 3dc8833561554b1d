// Assert tests cannot be faked: only the harness's nonce-carrying reports count, written after each test
// case, so exiting early, atexit hooks, patched builtins or modules, forged reports, frame introspection,
// objects equal to anything, forked guesses, patching the harness and rewriting the checker all score zero,
// in top-level asserts and in HumanEval's check(candidate) alike.
// (Same serialized suite as the other sandbox tests.)
import Foundation
import Rewards
import Testing

extension CodeSandboxTests {
    static let addTests =
        "assert add(1, 2) == 3\nassert add(2, 2) == 4\nassert add(-1, 1) == 0\nassert add(10, 5) == 15"
    /// Every statement fails for `add` returning 0, unless the program tampers with builtins, modules or the checker.
    static let tamperTests = """
        import math
        assert add(1, 2) == 3
        assert math.isclose(add(0.1, 0.2), 0.3)
        assert sorted([add(3, 0), add(1, 0)]) == [1, 3]
        assert abs(add(-2, -3)) == 5
        """

    /// Disables the harness's strict equality through `__main__`; both kinds of assert tests must resist it.
    static let patchedTransformer = """
        import __main__
        __main__._StrictEquality.visit_Assert = lambda self, node: node
        class Anything:
            def __eq__(self, other):
                return True
        def add(a, b):
            return Anything()
        """

    static func asserting(_ program: String, _ tests: String = addTests) -> RewardItem {
        RewardItem(
            completion: "```python\n\(program)\n```", fields: ["tests": ["kind": "assert", "code": .string(tests)]])
    }

    @Test func honestSolutionPassesEveryAssert() async throws {
        #expect(try await Self.score(Self.asserting("def add(a, b):\n    return a + b")).score == 1)
    }

    @Test func partlyRightSolutionGetsTheFractionOfAsserts() async throws {
        #expect(try await Self.score(Self.asserting("def add(a, b):\n    return a + b if a > 0 else 99")).score == 0.75)
    }

    @Test func largeTestFilesStreamThroughThePipe() async throws {
        // ~100 KB of tests: more than a pipe holds, so they must be fed as the harness reads.
        let tests = (0..<3000).map { "assert add(\($0), 1) == \($0 + 1)" }.joined(separator: "\n")
        let result = try await Self.score(Self.asserting("def add(a, b):\n    return a + b if a < 2000 else 0", tests))
        #expect(result.score == 2000.0 / 3000.0, "\(result.info)")
    }

    @Test func testsGivenAsAJSONStringAreRead() async throws {
        let tests = JSONValue.object(["kind": "assert", "code": .string(Self.addTests)]).jsonText
        let item = RewardItem(completion: "def add(a, b):\n    return a + b", fields: ["tests": .string(tests)])
        #expect(try await Self.score(item).score == 1)
    }

    @Test(arguments: [
        ("sys.exit(0)", "import sys\nsys.exit(0)\ndef add(a, b):\n    return 0"),
        ("os._exit(0)", "import os\nos._exit(0)"),
        (
            "atexit forging a report",
            """
            import atexit, os
            atexit.register(lambda: os.write(4, b"x cases 4\\nx case 0 pass\\nx case 1 pass\\nx case 2 pass\\nx case 3 pass\\nx end 4\\n"))
            def add(a, b):
                return 0
            """
        ),
        (
            "forged report then exit",
            """
            import os
            for fd in range(3, 10):
                try:
                    os.write(fd, b"cases 4\\ncase 0 pass\\ncase 1 pass\\ncase 2 pass\\ncase 3 pass\\nend 4\\n")
                except OSError:
                    pass
            os._exit(0)
            """
        ),
        (
            "patched builtins",
            """
            import builtins
            builtins.abs = lambda x: 5
            builtins.sorted = lambda x: [1, 3]
            def add(a, b):
                return 0
            """
        ),
        (
            "patched sys.modules and module attributes",
            """
            import sys, types, math
            math.isclose = lambda *a, **k: True
            sys.modules['math'] = types.SimpleNamespace(isclose=lambda *a, **k: True)
            def add(a, b):
                return 0
            """
        ),
        (
            "frame introspection for the nonce",
            """
            import sys, os
            try:
                frame = sys._getframe(1)
            except (RuntimeError, ValueError):
                frame = None
            try:
                raise ValueError
            except ValueError as error:
                try:
                    frame = error.__traceback__.tb_frame.f_back
                except RuntimeError:
                    pass
            if frame is not None:
                nonce = frame.f_locals.get('nonce')
                lines = ['cases 4'] + ['case %d pass' % i for i in range(4)] + ['end 4']
                os.write(4, ''.join('%s %s\\n' % (nonce, line) for line in lines).encode())
                os._exit(0)
            def add(a, b):
                return 0
            """
        ),
        (
            "an object equal to anything",
            """
            class Anything:
                def __eq__(self, other):
                    return True
                def __ne__(self, other):
                    return False
            def add(a, b):
                return Anything()
            """
        ),
        (
            "rewriting the tests' names from inside a call",
            """
            def add(a, b):
                globals()['math'] = type('M', (), {'isclose': staticmethod(lambda *a, **k: True)})
                globals()['sorted'] = lambda x: [1, 3]
                return 0
            """
        ),
        (
            "forked guesses, one per answer",
            """
            import os
            guess = 0
            for candidate in range(1, 8):
                if os.fork() == 0:
                    guess = candidate
                    break
            def add(a, b):
                return guess
            """
        ),
        (
            "reading the tests to hard-code answers",
            """
            import glob, os
            seen = ''
            for path in glob.glob('/code/*') + glob.glob('/proc/*/fd/*'):
                try:
                    seen += open(path).read()
                except (OSError, UnicodeDecodeError, RuntimeError):
                    pass
            def add(a, b):
                return 3 if 'add(1, 2) ' + '== 3' in seen else 0  # split, or it finds itself in main.py
            """
        ),
        ("patching the harness's transformer through __main__", CodeSandboxTests.patchedTransformer),
        (
            "patching ast so the equality rewrite sees nothing",
            """
            import ast
            ast.NodeTransformer.generic_visit = lambda self, node: node
            class Anything:
                def __eq__(self, other):
                    return True
            def add(a, b):
                return Anything()
            """
        ),
        (
            "replacing the code of the harness's comparison",
            """
            import __main__
            source = "def f(*args):\\n    return %s"
            for name in ('_strict_equal', '_equals_anything'):
                function = getattr(__main__, name, None)
                if function is not None:
                    function.__code__ = compile(source % (name == '_strict_equal'), "x", "exec").co_consts[0]
            def add(a, b):
                return 0
            """
        ),
        (
            "rewriting the checker",
            """
            for path in ['/code/harness.py', '/code/tests.py']:
                try:
                    open(path, 'w').write('')
                except OSError:
                    pass
            def add(a, b):
                return 0
            """
        ),
    ])
    func tamperingScoresZero(name: String, program: String) async throws {
        let result = try await Self.score(Self.asserting(program, Self.tamperTests))
        #expect(result.score == 0, "\(name): \(result.info)")
    }

    @Test func standardLibraryThatAsksForFramesStillWorks() async throws {
        // typing, namedtuple, enum and logging call sys._getframe and fall back when it raises ValueError.
        let program = """
            from typing import List, NamedTuple, TypeVar
            from collections import namedtuple
            import enum, logging
            T = TypeVar('T')
            Point = namedtuple('Point', 'x y')
            Color = enum.Enum('Color', 'RED GREEN')
            class Pair(NamedTuple):
                a: int
                b: int
            logging.warning('noise on stderr')
            def add(a: int, b: int) -> int:
                return Point(a, 0).x + Pair(0, b).b
            """
        let result = try await Self.score(Self.asserting(program))
        #expect(result.score == 1, "\(result.info)")
    }

    @Test func honestSolutionPassesTheTamperingTestFile() async throws {
        // The control for the cases above: the same tests, an honest program, full marks.
        #expect(try await Self.score(Self.asserting("def add(a, b):\n    return a + b", Self.tamperTests)).score == 1)
    }

    /// check(candidate) tests of `add`: every case fails for `add` returning 0, unless the program tampers.
    static let checkTests = """
        import math

        def check(candidate):
            assert candidate(1, 2) == 3
            assert math.isclose(candidate(0.1, 0.2), 0.3)
            for a in range(3):
                assert candidate(a, 1) == a + 1
            assert abs(candidate(-2, -3)) == 5
        """

    static func checking(_ program: String) -> RewardItem {
        RewardItem(
            completion: "```python\n\(program)\n```",
            fields: ["tests": ["kind": "assert", "code": .string(checkTests), "entry_point": "add"]])
    }

    @Test func honestSolutionPassesEveryCheckCase() async throws {
        let result = try await Self.score(Self.checking("def add(a, b):\n    return a + b"))
        #expect(result.score == 1 && result.info["total"] == 4, "\(result.info)")
    }

    @Test(arguments: [
        ("its own check that passes", "def check(candidate):\n    pass\ndef add(a, b):\n    return 0"),
        ("a global named candidate", "candidate = lambda a, b: a + b\ndef add(a, b):\n    return 0"),
        (
            "rebinding candidate, the comparison and the tests' names from inside the call",
            """
            def add(a, b):
                g = globals()
                g['candidate'] = lambda a, b: a + b
                g['check'] = lambda candidate: None
                g['__grpo_equal'] = lambda x, y: True
                g['math'] = type('M', (), {'isclose': staticmethod(lambda *a, **k: True)})
                g['abs'] = lambda x: 5
                return 0
            """
        ),
        (
            "an entry point equal to anything",
            """
            class Anything:
                def __eq__(self, other):
                    return True
                def __abs__(self):
                    return self
            def add(a, b):
                return Anything()
            """
        ),
        ("patching the harness's transformer through __main__", CodeSandboxTests.patchedTransformer),
        ("exiting before the entry point is defined", "import sys\nsys.exit(0)\ndef add(a, b):\n    return a + b"),
    ])
    func checkTamperingScoresZero(name: String, program: String) async throws {
        let result = try await Self.score(Self.checking(program))
        #expect(result.score == 0, "\(name): \(result.info)")
    }
}
