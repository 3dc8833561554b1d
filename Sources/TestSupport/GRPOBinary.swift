// The `grpo` executable as tests run it: the binary SwiftPM builds next to the test bundle, started as
// a real subprocess, so command-line behaviour (exit status, messages) is tested as users meet it.
import Foundation

/// The built `grpo` command.
public enum GRPOBinary {
    /// Path of the binary next to the running test bundle.
    public static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("grpo")
    }

    /// Runs `grpo ARGUMENTS` to completion; returns its exit status, stdout and stderr.
    public static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain stderr on its own thread so neither pipe can fill up and stall the child.
        nonisolated(unsafe) var errData = Data()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
