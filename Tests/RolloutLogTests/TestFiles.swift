// Test helpers: a fresh temporary directory per test and small records with awkward contents.
import Foundation
import RolloutLog

/// A new empty directory under the system temporary directory.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rolloutlog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A small record whose text needs escaping and whose numbers exercise the float formats.
func sampleRecord(step: Int, index: Int) -> RolloutRecord {
    let completion = index % 2 == 0 ? "<think>2+2=4\n\"yes\" \\ tab\there</think> 4 ✓ \u{1}" : "no idea…"
    let ids = (0..<(3 + index % 4)).map { Int32($0 * 1000 + index) }
    let logprobs = ids.indices.map { -Float($0 + 1) * 0.1234567 / Float(index + 1) }
    var rewards = ["format": Double(index % 2)]
    if index % 3 == 0 { rewards["math_answer"] = 1.0 }
    return RolloutRecord(
        step: step, promptIndex: index / 4, sampleIndex: index % 4, prompt: "What is 2+2? #\(index)",
        completion: completion, promptIds: [1, 2, 3], completionIds: ids, logprobs: logprobs, rewards: rewards,
        reward: rewards.values.reduce(0, +), advantage: Double(index) * 0.25 - 0.5,
        finishReason: index % 5 == 4 ? "length" : "stop", length: ids.count, seed: UInt64.max - UInt64(index))
}

/// `count` records of `step`.
func sampleStep(_ step: Int, count: Int = 4) -> [RolloutRecord] {
    (0..<count).map { sampleRecord(step: step, index: $0) }
}

/// Writes `steps` to a new log and returns its path and the byte offset where each frame ends.
func writeLog(in dir: URL, steps: [[RolloutRecord]], name: String = "rollouts.zst") throws -> (String, [Int]) {
    let path = dir.appendingPathComponent(name).path
    let writer = try RolloutLogWriter(path: path)
    var ends: [Int] = []
    for records in steps {
        try writer.append(step: records)
        ends.append(writer.compressedBytesWritten)
    }
    writer.close()
    return (path, ends)
}

func fileBytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

func writeBytes(_ bytes: some Collection<UInt8>, to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
