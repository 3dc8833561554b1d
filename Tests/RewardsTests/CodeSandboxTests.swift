// Sandbox tests, each checking one property with a real program in the real bubblewrap sandbox; after each,
// the machine must be as before (no leftover process, scratch directory or cgroup) and the score right.
import Foundation
import Rewards
import Testing

@Suite(.serialized) struct CodeSandboxTests {
    /// Short limits keep the suite fast; every hostile program below is stopped by them.
    static let reward: CodeTestsReward = {
        var limits = SandboxLimits()
        limits.cpuSeconds = 2
        limits.wallSeconds = 4
        limits.memoryBytes = 128 << 20
        return CodeTestsReward(sandbox: try! CodeSandbox(limits: limits))
    }()

    static func stdio(_ program: String, _ cases: [(String, String)]) -> RewardItem {
        let tests: JSONValue = [
            "kind": "stdio", "cases": .array(cases.map { ["input": .string($0.0), "output": .string($0.1)] }),
        ]
        return RewardItem(completion: "```python\n\(program)\n```", fields: ["tests": tests])
    }

    /// Scores one item and checks the machine is left as it was.
    static func score(_ item: RewardItem, reward: CodeTestsReward = reward) async throws -> RewardResult {
        let before = MachineState.capture()
        let result = try await reward.score([item])[0]
        let after = MachineState.capture()
        #expect(before == after, "left behind: \(after)")
        return result
    }

    static func status(_ result: RewardResult) -> String {
        result.info["statuses"]?.arrayValue?.first?.stringValue ?? ""
    }

    @Test func isolationIsBubblewrapWithCgroups() {
        #expect(Self.reward.sandbox.isolation == .bubblewrap)
        #expect(Self.reward.sandbox.usesCgroups)
    }

    @Test func correctProgramPassesEveryCase() async throws {
        let item = Self.stdio(
            "a, b = map(int, input().split())\nprint(a + b)", [("1 2", "3"), ("5 5\n", "10\n"), ("0 -1", "-1")])
        let result = try await Self.score(item)
        #expect(result.score == 1)
        #expect(result.info["isolation"] == "bubblewrap")
    }

    @Test func scoreIsFractionOfCasesOrAllOrNothing() async throws {
        let item = Self.stdio(
            "x = int(input())\nprint(x * 2 if x < 3 else 0)", [("1", "2"), ("2", "4"), ("3", "6"), ("4", "8")])
        #expect(try await Self.score(item).score == 0.5)
        var strict = Self.reward
        strict.allOrNothing = true
        #expect(try await Self.score(item, reward: strict).score == 0)
    }

    @Test func infiniteLoopIsStoppedAndScoresZero() async throws {
        let result = try await Self.score(Self.stdio("while True:\n    pass", [("", "done")]))
        #expect(result.score == 0)
        #expect(Self.status(result) != "pass" && Self.status(result) != "wrong_answer")
    }

    @Test func forkBombIsContained() async throws {
        let program = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass"
        let result = try await Self.score(Self.stdio(program, [("", "done")]))
        #expect(result.score == 0)
    }

    @Test func memoryBombHitsTheCgroupLimit() async throws {
        let result = try await Self.score(Self.stdio("x = b'a' * (1 << 30)\nprint('done')", [("", "done")]))
        #expect(result.score == 0)
        #expect(Self.status(result) == "memory_limit", "\(result.info)")
    }

    @Test func gigabytesOfOutputAreCutShort() async throws {
        let result = try await Self.score(
            Self.stdio("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)", [("", "x")]))
        #expect(result.score == 0)
        #expect(Self.status(result) == "output_limit", "stopped by the output cap, not the timeout")
    }

    @Test func cannotWriteOutsideItsScratchDirectory() async throws {
        let hostPath = NSTemporaryDirectory() + "/grpo-escape-\(UUID().uuidString)"
        let program = """
            ok = True
            for path in [\(String(reflecting: hostPath)), '/code/main.py', '/usr/evil', '/etc/evil', '/evil']:
                try:
                    open(path, 'w').write('pwned')
                    ok = ok and path.startswith('/tmp')  # /tmp is the sandbox's own tmpfs
                except OSError:
                    pass
            open('scratch.txt', 'w').write('fine')  # its own working directory is writable
            print('blocked' if ok else 'escaped')
            """
        let result = try await Self.score(Self.stdio(program, [("", "blocked")]))
        #expect(result.score == 1)
        #expect(!FileManager.default.fileExists(atPath: hostPath))
    }

    @Test func cannotReadHostFilesSecretsEnvironmentOrProcesses() async throws {
        let secretPath = NSTemporaryDirectory() + "/grpo-secret-\(UUID().uuidString)"
        try "TOP-SECRET".write(toFile: secretPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: secretPath) }
        setenv("GRPO_TEST_SECRET", "TOP-SECRET", 1)
        let program = """
            import os
            leaks = []
            for path in ['/etc/shadow', '/etc/passwd', \(String(reflecting: secretPath)), '/root/.bashrc', '/work']:
                try:
                    open(path).read(); leaks.append(path)
                except OSError:
                    pass
            if any('SECRET' in v for v in os.environ.values()): leaks.append('environ')
            if os.getuid() == 0 or os.geteuid() == 0: leaks.append('root')
            others = [p for p in os.listdir('/proc') if p.isdigit() and int(p) > 3]
            if others: leaks.append('processes %s' % others)
            print('blocked' if not leaks else 'leaked %s' % leaks)
            """
        let result = try await Self.score(Self.stdio(program, [("", "blocked")]))
        #expect(result.score == 1, "\(result.info)")
    }

    @Test func cannotOpenASocketToTheHost() async throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let program = """
            import socket
            try:
                socket.create_connection(('127.0.0.1', \(listener.port)), timeout=1)
                print('connected')
            except OSError:
                print('blocked')
            """
        let result = try await Self.score(Self.stdio(program, [("", "blocked")]))
        #expect(result.score == 1)
        #expect(!listener.receivedConnection)
    }

    @Test func backgroundChildDoesNotOutliveTheProgram() async throws {
        let program = """
            import subprocess, os
            subprocess.Popen(['/usr/bin/sleep', '1000'], start_new_session=True)
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    import time; time.sleep(1000)
                os._exit(0)
            print('ok')
            """
        let result = try await Self.score(Self.stdio(program, [("", "ok")]))
        #expect(result.score == 1)
    }

    @Test func sleepingPastTheTimeoutIsKilled() async throws {
        let start = Date()
        let result = try await Self.score(Self.stdio("import time\ntime.sleep(60)\nprint('late')", [("", "late")]))
        #expect(result.score == 0)
        #expect(Self.status(result) == "timeout")
        #expect(Date().timeIntervalSince(start) < 15)
    }

    @Test func fileSizeAndOpenFileLimitsHold() async throws {
        let program = """
            import os
            big = 'ok'
            try:
                with open('big.bin', 'wb') as f:
                    f.write(b'x' * (64 << 20))
                big = 'unlimited'
            except OSError:
                pass
            handles = []
            try:
                for i in range(1000):
                    handles.append(open('/dev/null'))
                opened = 'unlimited'
            except OSError:
                opened = 'ok'
            print(big, opened)
            """
        // RLIMIT_FSIZE (and the scratch tmpfs size) make the oversized write fail; Python ignores SIGXFSZ.
        let result = try await Self.score(Self.stdio(program, [("", "ok ok")]))
        #expect(result.score == 1, "\(result.info)")
    }

    @Test func stderrIsDrainedAndNeverAReasonToFail() async throws {
        let program = "import sys\nfor _ in range(2000):\n    sys.stderr.write('noise ' * 100)\nprint(42)"
        #expect(try await Self.score(Self.stdio(program, [("", "42")])).score == 1)
    }

    @Test func anyLanguageThroughAConfiguredCommand() async throws {
        var shell = Self.reward
        shell.command = ["/bin/sh", "{source}"]
        shell.sourceFile = "main.sh"
        let tests: JSONValue = [
            "kind": "stdio", "cases": [["input": "21", "output": "42"], ["input": "2", "output": "5"]],
        ]
        let item = RewardItem(completion: "```sh\nread x\necho $((x * 2))\n```", fields: ["tests": tests])
        #expect(try await Self.score(item, reward: shell).score == 0.5)
    }

    @Test func workerPoolRunsABatchInParallel() async throws {
        let items = (0..<24).map { i in Self.stdio("print(int(input()) + 1)", [("\(i)", "\(i + 1)")]) }
        let before = MachineState.capture()
        let start = Date()
        let results = try await Self.reward.score(items)
        let seconds = Date().timeIntervalSince(start)
        #expect(results.allSatisfy { $0.score == 1 })
        #expect(MachineState.capture() == before)
        print(
            "code_tests: \(items.count) trivial programs in \(String(format: "%.2f", seconds)) s, "
                + "\(String(format: "%.1f", Double(items.count) / seconds))/s with \(Self.reward.workers) workers")
    }

    @Test func sandboxThatCannotStartIsAnInfrastructureError() {
        #expect(throws: RewardError.self) { try CodeSandbox(bwrapPath: "/nonexistent/bwrap") }
        #expect(throws: RewardError.self) { try RewardRegistry.make("code_tests", options: ["cpu_seconds": "two"]) }
    }

    @Test func scratchLeftByADeadProcessIsRemoved() throws {
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let stale = NSTemporaryDirectory() + "/grpo-sandbox-\(finished.processIdentifier)-1"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        try "print(1)".write(toFile: stale + "/main.py", atomically: true, encoding: .utf8)
        _ = try CodeSandbox()
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test func withoutBubblewrapItRunsOnlyWhenAllowedAndSaysSo() async throws {
        let bare = try CodeSandbox(bwrapPath: "/nonexistent/bwrap", allowUnsandboxed: true)
        #expect(bare.isolation == .none)
        let result = try await Self.score(
            Self.stdio("import os\nprint(os.getuid())", [("", "65534")]),
            reward: CodeTestsReward(sandbox: bare))
        #expect(result.score == 1, "still dropped to uid 65534: \(result.info)")
        #expect(result.info["isolation"] == "none")
    }

    @Test func itemWithoutTestsIsNotApplicableAndBadTestsNameTheField() async throws {
        let results = try await Self.reward.score([
            RewardItem(completion: "print(1)"),
            RewardItem(completion: "print(1)", fields: ["tests": ["kind": "stdio", "cases": [["input": "1"]]]]),
            RewardItem(completion: "def f(): pass", fields: ["tests": ["kind": "assert", "code": "assert f() is None", "entry_point": 3]]),
            RewardItem(completion: "print(1)", fields: ["tests": "{\"kind\": "]),
        ])
        #expect(results.map(\.score) == [nil, nil, nil, nil])
        #expect(results[1].info["error"]?.stringValue?.contains("cases[0]") == true)
        #expect(results[2].info["error"]?.stringValue?.contains("\"entry_point\" must be a string") == true, "\(results[2].info)")
        #expect(results[3].info["error"]?.stringValue?.contains("not JSON") == true, "\(results[3].info)")
    }

    @Test(arguments: ["exit()", "quit()", "exit(0)", "import sys\nsys.exit(0)", "raise SystemExit"])
    func programThatPrintsThenExitsPasses(exit: String) async throws {
        // exit() and quit() come from site, which -S skips; the prelude defines them as site does.
        let program = "print(int(input()) * 2)\n\(exit)\nprint('unreached')"
        let result = try await Self.score(Self.stdio(program, [("21", "42")]))
        #expect(result.score == 1, "\(exit): \(result.info)")
    }

    @Test func exitCodesAndNameOfTheProgramAreKept() async throws {
        // The prelude runs the program as __main__ of its own file; exit(3) still fails the case.
        let program = "import sys\nprint(__name__, sys.argv[0].endswith('main.py'))\nif input() == 'x': exit(3)"
        #expect(try await Self.score(Self.stdio(program, [("y", "__main__ True")])).score == 1)
        let failed = try await Self.score(Self.stdio(program, [("x", "__main__ True")]))
        #expect(Self.status(failed) == "runtime_error_exit_3")
    }

    @Test func outputIsComparedByteForByteNotByCanonicalEquivalence() async throws {
        let nfc = "caf\u{E9}"
        let nfd = "cafe\u{301}"
        #expect(nfc == nfd, "Swift's String == equates them: the reason for comparing bytes")
        #expect(!outputMatches(Data(nfd.utf8), expected: nfc))
        #expect(!outputMatches(Data(nfc.utf8), expected: nfd))
        #expect(outputMatches(Data((nfd + " \r\n\n").utf8), expected: nfd))
        let result = try await Self.score(Self.stdio("print('cafe\\u0301')", [("", nfc)]))
        #expect(result.score == 0)
        #expect(Self.status(result) == "wrong_answer")
    }

    @Test func outputMatchingForgivesOnlyLineEndsAndTrailingWhitespace() {
        #expect(outputMatches(Data("1 2  \r\n3\n\n\n".utf8), expected: "1 2\n3"))
        #expect(!outputMatches(Data(" 1 2\n3".utf8), expected: "1 2\n3"))
        #expect(!outputMatches(Data("1  2\n3".utf8), expected: "1 2\n3"))
        #expect(!outputMatches(Data("1 2\n\n3".utf8), expected: "1 2\n3"))
        #expect(outputMatches(Data("héllo\n".utf8), expected: "héllo"))
        #expect(!outputMatches(Data([0xff, 0xfe]), expected: "\u{FFFD}\u{FFFD}"))
    }
}

/// A TCP listener on 127.0.0.1 that records whether anything connected.
final class LoopbackListener {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw RewardError.infrastructure("cannot listen on 127.0.0.1") }
        port = Int(UInt16(bigEndian: address.sin_port))
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
    }

    var receivedConnection: Bool {
        let client = accept(fd, nil, nil)
        if client >= 0 { Foundation.close(client) }
        return client >= 0
    }

    func close() { Foundation.close(fd) }
}
