// Warnings of the Rewards module (missing isolation, plugin failures, sandbox errors) go to stderr,
// where the trainer's log collects them; capped so a long run's log is not flooded.
import Foundation

/// The module's warnings.
public enum RewardLog {
    private static let printed = Counter()
    private static let limit = 200

    /// Writes one warning line to stderr (the first 200 per process; then a single note that more were dropped).
    public static func warn(_ message: String) {
        let count = printed.next()
        if count <= limit {
            FileHandle.standardError.write(Data(("rewards: " + message + "\n").utf8))
        } else if count == limit + 1 {
            FileHandle.standardError.write(Data("rewards: further warnings suppressed\n".utf8))
        }
    }
}
