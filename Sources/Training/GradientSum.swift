// Data-parallel training sums each rank's gradient: every rank then clips and steps the same numbers.
import Autograd
import Cluster

extension ProcessGroup {
    /// Replaces each parameter's gradient by its sum over the ranks (a rank without rows adds zeros), all
    /// of them in one flat buffer so the ranks exchange once per update. Nothing happens in a job of one.
    func sumGradients(_ parameters: [Tensor]) {
        guard isDistributed else { return }
        let trained = parameters.filter(\.requiresGrad)
        var flat = [Float](repeating: 0, count: trained.reduce(0) { $0 + $1.count })
        flat.withUnsafeMutableBufferPointer { all in
            var offset = 0
            for p in trained {
                if let g = p.grad { (all.baseAddress! + offset).update(from: g.data, count: g.count) }
                offset += p.count
            }
            sum(all)
        }
        var offset = 0
        for p in trained {
            p.setGrad(Tensor(shape: p.shape, values: Array(flat[offset..<offset + p.count])))
            offset += p.count
        }
    }
}
