// Weighted sum of several rewards, as TRL's `reward_weights`: each component still shows in the log.
// A component that does not apply to an item (nil) is left out of that item's sum, like TRL's nansum.

/// One component of a weighted reward.
public struct WeightedComponent: Sendable {
    /// The reward.
    public var reward: any RewardFunction
    /// Its weight in the sum.
    public var weight: Double

    /// Makes a component.
    public init(_ reward: any RewardFunction, weight: Double = 1) {
        self.reward = reward
        self.weight = weight
    }
}

/// The weighted sum of components; `info["components"]` keeps every component's own score and info.
public struct WeightedReward: RewardFunction {
    /// The components, scored concurrently.
    public var components: [WeightedComponent]
    public var name: String { components.map { "\($0.weight)*\($0.reward.name)" }.joined(separator: "+") }
    public var mostlyWaits: Bool { components.contains { $0.reward.mostlyWaits } }

    /// Makes a weighted sum.
    public init(_ components: [WeightedComponent]) { self.components = components }

    public func score(_ batch: [RewardItem]) async throws -> [RewardResult] {
        let perComponent = try await withThrowingTaskGroup(of: (Int, [RewardResult]).self) { group in
            for (index, component) in components.enumerated() {
                group.addTask { (index, try await component.reward.score(batch)) }
            }
            var results = [[RewardResult]](repeating: [], count: components.count)
            for try await (index, scores) in group {
                guard scores.count == batch.count else {
                    throw RewardError.badInput(
                        "reward \(components[index].reward.name) returned \(scores.count) scores for \(batch.count) items"
                    )
                }
                results[index] = scores
            }
            return results
        }
        return batch.indices.map { item in
            var total: Double?
            var parts: [String: JSONValue] = [:]
            for (index, component) in components.enumerated() {
                let result = perComponent[index][item]
                parts[uniqueName(index)] = result.json
                if let score = result.score { total = (total ?? 0) + component.weight * score }
            }
            return RewardResult(total, info: ["components": .object(parts)])
        }
    }

    /// The component's name, suffixed with its position when two components share a name.
    private func uniqueName(_ index: Int) -> String {
        let name = components[index].reward.name
        return components.filter { $0.reward.name == name }.count > 1 ? "\(name)#\(index)" : name
    }
}
