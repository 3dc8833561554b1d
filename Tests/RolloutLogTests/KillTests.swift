// A real SIGKILL during writing: `grpo bench rolloutlog --keep` writes small frames as fast as fsync allows
// and is killed at a random moment; what is left must read back as whole steps and take new appends.
import Foundation
import RolloutLog
import Testing
import TestSupport

@Suite struct KillTests {
    @Test(arguments: 0..<3)
    func logKilledMidWriteReadsBackAndAppends(trial: Int) throws {
        #expect(FileManager.default.isExecutableFile(atPath: GRPOBinary.url.path), "build grpo: \(GRPOBinary.url.path)")
        let path = try temporaryDirectory().appendingPathComponent("rollouts.zst").path
        let writer = Process()
        writer.executableURL = GRPOBinary.url
        writer.arguments = ["bench", "rolloutlog", "--steps", "400", "--prompts", "2", "--samples", "4",
                            "--keep", path]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        // Wait until a few frames are on disk, then kill at a moment that differs per trial.
        let deadline = Date().addingTimeInterval(20)
        while fileSize(path) < 20_000 && writer.isRunning && Date() < deadline { usleep(500) }
        usleep(UInt32(1_000 + trial * 7_919 % 20_000))
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        #expect(writer.terminationReason == .uncaughtSignal, "the writer finished before it was killed")

        let contents = try RolloutLogReader(path: path).read()
        #expect(contents.frames > 0 && contents.records.count == contents.frames * 8)
        #expect(contents.tail.bytes == 0 || contents.tail.isTornFrame)
        let steps = Array(Set(contents.records.map(\.step))).sorted()
        #expect(steps == Array(1...contents.frames))

        let resumed = try RolloutLogWriter(path: path)
        #expect(resumed.discardedBytes == contents.tail.bytes && resumed.lastStep == contents.frames)
        try resumed.append(step: sampleStep(contents.frames + 1))
        resumed.close()
        let after = try RolloutLogReader(path: path).read()
        #expect(after.tail.bytes == 0 && after.records == contents.records + sampleStep(contents.frames + 1))
    }

    func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
