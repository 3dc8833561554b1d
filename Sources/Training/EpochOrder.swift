// The order a trainer reads its data in: a seeded shuffle per epoch, a function of (seed, position) alone,
// so a resumed run reads exactly what a straight one would have.
import Autograd

/// A seeded order over a dataset that reshuffles every epoch.
struct EpochOrder {
    let seed: UInt64
    /// The current epoch's order, made once per epoch.
    private var cached: (epoch: Int, order: [Int])?

    init(seed: UInt64) { self.seed = seed }

    /// The dataset index read at `cursor` (items consumed so far) from a dataset of `count` items.
    mutating func index(at cursor: Int, count: Int) -> Int {
        let epoch = cursor / count
        if cached?.epoch != epoch {
            var rng = RNG(seed: seed &+ UInt64(epoch) &* 0x5851_F42D_4C95_7F2D)
            var order = Array(0..<count)
            order.shuffle(using: &rng)
            cached = (epoch, order)
        }
        return cached!.order[cursor % count]
    }
}
