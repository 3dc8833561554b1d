// A user's reward plugin: any executable speaking JSON lines (see rewards/README.md). Request: the item's
// prompt, completion and every other field; response: {"reward": x, "info": {...}} or null. A crash, a bad
// line or a timeout costs that item a zero and a logged error, and the plugin is restarted.
import Foundation

/// A reward computed by an external process.
public struct ExternalReward: RewardFunction {
    /// The plugin file name, used in logs.
    public let name: String
    /// Seconds to wait for each response.
    public let timeout: Double
    private let connection: PluginConnection
    /// Plugins are often judges that call a service: scoring them overlaps sampling.
    public var mostlyWaits: Bool { true }

    /// Runs `path` (a `.py` or `.sh` file that is not executable runs through python3 or sh), with `args`.
    public init(path: String, arguments: [String] = [], timeout: Double = 30) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RewardError.badInput("reward plugin \(path) does not exist")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var command = [absolute]
        if !FileManager.default.isExecutableFile(atPath: absolute) {
            if absolute.hasSuffix(".py") {
                command = ["/usr/bin/env", "python3", absolute]
            } else if absolute.hasSuffix(".sh") {
                command = ["/bin/sh", absolute]
            } else {
                throw RewardError.badInput("reward plugin \(path) is not executable (chmod +x it)")
            }
        }
        name = (path as NSString).lastPathComponent
        self.timeout = timeout
        connection = PluginConnection(command: command + arguments)
    }

    /// Reads options `args` (list of strings) and `timeout_seconds`.
    public init(path: String, options: [String: JSONValue]) throws {
        let o = RewardOptions(path, options)
        try self.init(path: path, arguments: try o.strings("args", []), timeout: try o.number("timeout_seconds", 30))
    }

    public func score(_ batch: [RewardItem]) async throws -> [RewardResult] {
        var results: [RewardResult] = []
        for (index, item) in batch.enumerated() {
            try Task.checkCancellation()
            do {
                let line = try await connection.exchange(item.json.jsonText, timeout: timeout)
                results.append(try Self.parse(line))
            } catch let failure as PluginFailure {
                results.append(fail(index, failure.description))
            } catch let error as RewardError {
                await connection.restart()
                results.append(fail(index, error.description))
            }
        }
        return results
    }

    /// Stops the plugin process (it is started again by the next `score`).
    public func stop() async { await connection.restart() }

    /// How many times the plugin process has been started (1 while it never crashed).
    public var starts: Int { get async { await connection.starts } }

    private func fail(_ index: Int, _ message: String) -> RewardResult {
        RewardLog.warn("reward \(name), batch item \(index): \(message)")
        return RewardResult(0, info: ["error": .string(message)])
    }

    /// Reads one response line: `null`, or an object with a numeric or null `reward` and an optional `info` object.
    static func parse(_ line: String) throws -> RewardResult {
        let value: JSONValue
        do { value = try JSONValue.parse(line) } catch {
            throw RewardError.badInput("plugin answered a line that is not JSON: \(line.prefix(200))")
        }
        if value == .null { return RewardResult(nil) }
        guard let object = value.objectValue else {
            throw RewardError.badInput(
                "plugin answered \(line.prefix(200)): expected {\"reward\": x, \"info\": {...}} or null")
        }
        guard let reward = object["reward"], reward == .null || reward.numberValue != nil else {
            throw RewardError.badInput(
                "plugin response field \"reward\" must be a number or null (got \(object["reward"]?.jsonText ?? "nothing"))"
            )
        }
        let info = object["info"] ?? .object([:])
        guard let infoObject = info.objectValue else {
            throw RewardError.badInput("plugin response field \"info\" must be an object (got \(info.jsonText))")
        }
        return RewardResult(reward.numberValue, info: infoObject)
    }
}
