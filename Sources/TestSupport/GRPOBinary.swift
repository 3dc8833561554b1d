// The `grpo` executable as tests run it: the binary SwiftPM builds next to the test bundle, started as
// a real subprocess, so command-line behaviour (exit status, messages) is tested as users meet it.
import Foundation

/// The built `grpo` command.
public enum GRPOBinary {
    /// Path of the binary next to the running test bundle.
    public static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("grpo")
    }

    /// Runs `grpo ARGUMENTS` to completion, under `launcher` (e.g. `mpirun -np 2`) when one is given, with
    /// `environment` added to this process's and `input` (if any) as its stdin; returns its exit status,
    /// stdout and stderr.
    public static func run(_ arguments: [String], launcher: [String] = [], environment: [String: String] = [:],
                           input: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        if launcher.isEmpty {
            process.executableURL = url
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = launcher + [url.path] + arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            // Written from its own thread: a large input must not block while the child's stdout fills.
            let writer = stdin.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(Data(input.utf8))
                try? writer.close()
            }
        }
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
