// Files a test writes for the binary to read (recipes, datasets, plugins), in a folder of its suite.
import Foundation

/// Writes `text` to `name` inside `directory` (created if needed); returns the file's path.
public func writeScratchFile(_ name: String, _ text: String, in directory: URL) throws -> String {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
