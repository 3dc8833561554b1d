// The contract every reward obeys: a batch of examples in, one score (or "not applicable") per item out.
// Rewards are pure functions of text; the trainer decides what the numbers mean (see DESIGN.md).
import Foundation

/// One item to score: the prompt, the model's completion and the example's other fields (`answer`, `tests`, ...).
public struct RewardItem: Sendable, Hashable {
    /// The prompt the model answered.
    public var prompt: String
    /// The model's completion.
    public var completion: String
    /// Every other field of the example.
    public var fields: [String: JSONValue]

    /// Makes an item.
    public init(prompt: String = "", completion: String, fields: [String: JSONValue] = [:]) {
        self.prompt = prompt
        self.completion = completion
        self.fields = fields
    }

    /// Reads an item from a JSON object with `prompt`, `completion` and any other fields.
    public init(json: JSONValue) throws {
        guard var object = json.objectValue else { throw RewardError.badInput("expected a JSON object") }
        guard let completion = object.removeValue(forKey: "completion") else {
            throw RewardError.badInput("missing field \"completion\"")
        }
        guard let completionText = completion.stringValue else {
            throw RewardError.badInput("field \"completion\" must be a string")
        }
        let prompt = object.removeValue(forKey: "prompt")
        self.init(
            prompt: prompt?.stringValue ?? prompt.flatMap(\.jsonText) ?? "", completion: completionText,
            fields: object)
    }

    /// The item as one JSON object (the external-plugin request).
    public var json: JSONValue {
        var object = fields
        object["prompt"] = .string(prompt)
        object["completion"] = .string(completion)
        return .object(object)
    }
}

/// The score of one item: a number, or nil when the reward does not apply (TRL's `None`), plus info for the log.
public struct RewardResult: Sendable, Hashable {
    /// The score, or nil for "not applicable".
    public var score: Double?
    /// Why: extracted answer, cases passed, errors ...
    public var info: [String: JSONValue]

    /// Makes a result.
    public init(_ score: Double?, info: [String: JSONValue] = [:]) {
        self.score = score
        self.info = info
    }

    /// The result as the `{"reward": x, "info": {...}}` line the CLI and plugins use.
    public var json: JSONValue {
        ["reward": score.map(JSONValue.number) ?? .null, "info": .object(info)]
    }
}

/// A reward function: scores a batch, one result per item, in order.
public protocol RewardFunction: Sendable {
    /// The registry name (`math_answer`, `think_format`, ...), used in logs.
    var name: String { get }
    /// Whether scoring mostly waits (on a plugin, a remote judge) rather than computes, so the trainer
    /// gains by scoring one half of a step while it samples the other. The trainer never has two
    /// `score` calls of one reward in flight.
    var mostlyWaits: Bool { get }
    /// Scores a batch; the result has exactly one entry per item.
    func score(_ batch: [RewardItem]) async throws -> [RewardResult]
}

extension RewardFunction {
    public var mostlyWaits: Bool { false }
}

/// What can go wrong while scoring.
public enum RewardError: Error, CustomStringConvertible, Equatable {
    /// Input that cannot be read: the message names the field or line.
    case badInput(String)
    /// A reward took longer than its time bound.
    case timeout(reward: String, seconds: Double)
    /// A name the registry does not know.
    case unknownReward(String)
    /// Infrastructure failure (sandbox or plugin could not start), never a model's fault.
    case infrastructure(String)

    public var description: String {
        switch self {
        case .badInput(let message): return message
        case .timeout(let reward, let seconds): return "reward \(reward) took longer than \(seconds) s"
        case .unknownReward(let name): return "unknown reward \(name)"
        case .infrastructure(let message): return message
        }
    }
}

extension RewardFunction {
    /// Scores a batch, throwing `RewardError.timeout` if it takes longer than `seconds`.
    /// The scoring task is cancelled on timeout but not awaited, so a stuck reward cannot hold the caller.
    public func score(_ batch: [RewardItem], timeout seconds: Double) async throws -> [RewardResult] {
        let once = ResumeOnce<[RewardResult]>()
        return try await withCheckedThrowingContinuation { continuation in
            once.set(continuation)
            let work = Task {
                do { once.resume(with: .success(try await self.score(batch))) } catch {
                    once.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
                if once.resume(with: .failure(RewardError.timeout(reward: name, seconds: seconds))) {
                    work.cancel()
                }
            }
        }
    }
}

/// Resumes a continuation exactly once, whichever of several racing tasks gets there first.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Error>?

    /// Called before any racer starts, so the continuation is always there to resume.
    func set(_ continuation: CheckedContinuation<T, Error>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    /// Returns true if this call was the one that resumed.
    @discardableResult
    func resume(with result: Result<T, Error>) -> Bool {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(with: result)
        return waiting != nil
    }
}

/// A reward that scores items one at a time, synchronously (format rules, the math checker).
public protocol ItemRewardFunction: RewardFunction {
    /// Scores one item.
    func scoreItem(_ item: RewardItem) -> RewardResult
}

extension ItemRewardFunction {
    public func score(_ batch: [RewardItem]) async throws -> [RewardResult] {
        try Task.checkCancellation()
        return batch.map(scoreItem)
    }
}
