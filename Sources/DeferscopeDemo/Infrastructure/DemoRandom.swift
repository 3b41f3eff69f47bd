import DeferredKit

/// A seeded random generator shared by the demo's threads (SplitMix64): with the same seed, the
/// demo makes the same decisions in the same order.
final class DemoRandom: Sendable {
    private let state: _Lock<UInt64>

    init(seed: UInt64) {
        state = _Lock(seed)
    }

    /// The next 64 random bits.
    func next() -> UInt64 {
        state.withLock { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A number in `range`.
    func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    /// A duration in seconds between `low` and `high`.
    func seconds(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }

    /// One of `choices`.
    func pick<T>(_ choices: [T]) -> T {
        choices[int(in: 0...(choices.count - 1))]
    }
}
