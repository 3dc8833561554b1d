// The rollout log: round trips, a file cut at every byte of its last frame, appending after a torn tail,
// foreign bytes, resuming at a step.
import Foundation
import RolloutLog
import Testing

@Suite struct RolloutLogTests {
    @Test func roundTrip() throws {
        let dir = try temporaryDirectory()
        let steps = [sampleStep(1), sampleStep(2, count: 7), sampleStep(5, count: 1)]
        let (path, ends) = try writeLog(in: dir, steps: steps)
        let contents = try RolloutLogReader(path: path).read()
        #expect(contents.records == steps.flatMap { $0 })
        #expect(contents.frames == 3)
        #expect(contents.tail.bytes == 0 && contents.tail.reason == nil)
        #expect(contents.compressedBytes == ends.last)
        #expect(try RolloutLogReader(path: path).read(steps: 2...4).records == steps[1])
    }

    @Test func jsonLinesAreStrictJSONAndFloatsRoundTripExactly() throws {
        var record = sampleRecord(step: 3, index: 0)
        var generator = SystemRandomNumberGenerator()
        record.logprobs = (0..<2000).map { _ in
            Float(bitPattern: UInt32.random(in: 0..<0x7f80_0000, using: &generator)) * -1
        } + [-.infinity, .infinity, .nan, -0.0]
        record.advantage = -.infinity
        record.fields = ["answer": "42", "tests": #"{"kind":"stdio"}"#]
        record.rewardInfo = ["math_answer": #"{"extracted":"42"}"#, "plugin.py": #"{"error":"exited without a response"}"#]
        let line = record.jsonLine()
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["completion"] as? String == record.completion)
        #expect(Set(object?.keys.map { $0 } ?? []) == Set(RolloutRecord.jsonKeys))
        let back = try RolloutRecord.makeDecoder().decode(RolloutRecord.self, from: Data(line.utf8))
        #expect(back.logprobs.map(\.bitPattern) == record.logprobs.map(\.bitPattern))
        #expect(back.advantage == -.infinity)
        #expect(back.completion == record.completion && back.seed == record.seed)
        #expect(back.fields == record.fields && back.rewardInfo == record.rewardInfo)
    }

    @Test func extraKeysAreIgnored() throws {
        let line = sampleRecord(step: 1, index: 1).jsonLine().dropLast() + #","new_field":[1,{"x":2}]}"#
        let record = try RolloutRecord.makeDecoder().decode(RolloutRecord.self, from: Data(line.utf8))
        #expect(record == sampleRecord(step: 1, index: 1))
    }

    /// Every cut inside the last frame reads back exactly the complete frames, and a writer opened on the
    /// cut file cuts the torn tail and appends frames that read back.
    @Test func cutAtEveryByteOfTheLastFrame() throws {
        let dir = try temporaryDirectory()
        let steps = [sampleStep(1), sampleStep(2), sampleStep(3, count: 2)]
        let (path, ends) = try writeLog(in: dir, steps: steps)
        let bytes = try fileBytes(path)
        #expect(ends[2] == bytes.count && ends[2] - ends[1] > 100)
        let complete = steps[0] + steps[1]
        let cutPath = dir.appendingPathComponent("cut.zst").path
        for cut in ends[1]..<bytes.count {
            try writeBytes(bytes[..<cut], to: cutPath)
            let contents = try RolloutLogReader(path: cutPath).read()
            #expect(contents.records == complete, "cut at \(cut)")
            #expect(contents.tail.offset == ends[1] && contents.tail.bytes == cut - ends[1], "cut at \(cut)")
            #expect(contents.tail.isTornFrame == (cut > ends[1]), "cut at \(cut)")
            if cut % 5 == 0 || cut == bytes.count - 1 {
                let writer = try RolloutLogWriter(path: cutPath)
                #expect(writer.discardedBytes == cut - ends[1] && writer.lastStep == 2)
                try writer.append(step: steps[2])
                writer.close()
                let again = try RolloutLogReader(path: cutPath).read()
                #expect(again.records == complete + steps[2] && again.tail.bytes == 0, "cut at \(cut)")
                #expect(try fileBytes(cutPath) == bytes, "appending after the cut rewrites the same frame")
            }
        }
    }

    @Test func foreignBytesAreReportedAndNotOverwritten() throws {
        let dir = try temporaryDirectory()
        let (path, ends) = try writeLog(in: dir, steps: [sampleStep(1), sampleStep(2)])
        try writeBytes(try fileBytes(path) + Array("garbage\n".utf8), to: path)
        let contents = try RolloutLogReader(path: path).read()
        #expect(contents.records.count == 8)
        #expect(contents.tail.offset == ends[1] && contents.tail.bytes == 8 && !contents.tail.isTornFrame)
        #expect(contents.tail.summary?.contains("8 bytes unreadable from byte \(ends[1])") == true)
        let error = #expect(throws: RolloutLogError.self) { try RolloutLogWriter(path: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("byte \(ends[1])") == true)
    }

    @Test func damagedMiddleFrameStopsReadingThere() throws {
        let dir = try temporaryDirectory()
        let (path, ends) = try writeLog(in: dir, steps: [sampleStep(1), sampleStep(2), sampleStep(3)])
        var bytes = try fileBytes(path)
        bytes[ends[0] + 30] ^= 0x55
        try writeBytes(bytes, to: path)
        let contents = try RolloutLogReader(path: path).read()
        #expect(contents.records == sampleStep(1))
        #expect(contents.tail.offset == ends[0] && !contents.tail.isTornFrame)
        #expect(throws: RolloutLogError.self) { try RolloutLogWriter(path: path) }
    }

    @Test func resumeKeepsStepsThroughTheCheckpoint() throws {
        let dir = try temporaryDirectory()
        let (path, ends) = try writeLog(in: dir, steps: (1...5).map { sampleStep($0) })
        let writer = try RolloutLogWriter(path: path, keepingStepsThrough: 3)
        #expect(writer.lastStep == 3 && writer.discardedBytes == ends[4] - ends[2])
        let redo = sampleStep(4, count: 2)
        try writer.append(step: redo)
        let error = #expect(throws: RolloutLogError.self) { try writer.append(step: sampleStep(4)) }
        #expect(error?.description.contains("not after the last logged step 4") == true)
        #expect(throws: RolloutLogError.self) { try writer.append(step: sampleStep(5) + sampleStep(6)) }
        writer.close()
        let records = try RolloutLogReader(path: path).read().records
        #expect(records == (1...3).flatMap { sampleStep($0) } + redo)
    }

    @Test func secondWriterIsRefused() throws {
        let path = try temporaryDirectory().appendingPathComponent("rollouts.zst").path
        let first = try RolloutLogWriter(path: path)
        let error = #expect(throws: RolloutLogError.self) { try RolloutLogWriter(path: path) }
        #expect(error?.description.contains("another writer") == true)
        first.close()
        _ = try RolloutLogWriter(path: path)
    }

    @Test func missingFileIsAnErrorNamingIt() throws {
        let path = try temporaryDirectory().appendingPathComponent("none.zst").path
        let error = #expect(throws: RolloutLogError.self) { try RolloutLogReader(path: path).read() }
        #expect(error?.description.hasPrefix(path) == true)
    }
}
