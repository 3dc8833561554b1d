// Assert tests cannot be faked: only the harness's nonce-carrying reports count, written after each test
// statement, so exiting early, atexit hooks, patched builtins or modules, forged reports, frame
// introspection, objects equal to anything, forked guesses and rewriting the checker all score zero.
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
            except RuntimeError:
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

    @Test func honestSolutionPassesTheTamperingTestFile() async throws {
        // The control for the cases above: the same tests, an honest program, full marks.
        #expect(try await Self.score(Self.asserting("def add(a, b):\n    return a + b", Self.tamperTests)).score == 1)
    }
}
