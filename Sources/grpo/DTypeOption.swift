// The `--dtype` option of the commands that write checkpoints.
import ArgumentParser
import Models

extension SafeTensors.DType {
    /// The on-disk type named by `--dtype` (f32 or bf16).
    static func option(_ name: String) throws -> SafeTensors.DType {
        guard let type = ["f32": SafeTensors.DType.f32, "bf16": .bf16][name.lowercased()] else {
            throw ValidationError("--dtype must be f32 or bf16 (got \(name))")
        }
        return type
    }
}
