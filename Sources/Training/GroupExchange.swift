// Data-parallel GRPO shares each step's scored groups: every rank samples and scores its slice of the
// step's prompts, then all ranks exchange them so each holds the whole step, in the single-process order
// (advantages, metrics and the rollout log then need no further communication). Examples are not sent:
// every rank reads the same data source, so a group's dataset index finds its example.
import Cluster
import Foundation
import Generation
import Tasks

/// What one group carries between ranks.
private struct GroupRecord: Codable {
    var cursor: Int, datasetIndex: Int
    var promptIds: [Int32]
    var completions: [Completion]
    var seeds: [UInt64]
    var rewards: [Double]
    var components: [String: [Double?]]
    var infos: [String: [String?]]
    var errors: [String: [String?]]
}

/// One rank's part of a step.
private struct RankShare: Codable {
    var groups: [GroupRecord]
    var timedOut: [String]
}

extension ProcessGroup {
    /// Every rank's scored groups in rank order, and the rewards that timed out on any rank.
    func exchange(_ groups: [Group], timedOut: [String], source: any PromptSource) throws -> (groups: [Group], timedOut: [String]) {
        guard isDistributed else { return (groups, timedOut) }
        let records = groups.map {
            GroupRecord(cursor: $0.cursor, datasetIndex: $0.datasetIndex, promptIds: $0.promptIds, completions: $0.completions,
                        seeds: $0.seeds, rewards: $0.rewards, components: $0.components, infos: $0.infos, errors: $0.errors)
        }
        var all: [Group] = [], anyTimedOut: [String] = []
        for share in try allGather([RankShare(groups: records, timedOut: timedOut)]) {
            all += share.groups.map { r in
                Group(cursor: r.cursor, datasetIndex: r.datasetIndex, example: source.example(at: r.datasetIndex),
                      promptIds: r.promptIds, completions: r.completions, seeds: r.seeds, rewards: r.rewards,
                      components: r.components, infos: r.infos, errors: r.errors)
            }
            anyTimedOut += share.timedOut.filter { !anyTimedOut.contains($0) }
        }
        return (all, anyTimedOut)
    }
}
