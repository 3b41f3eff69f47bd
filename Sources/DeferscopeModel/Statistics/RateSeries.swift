/// Counts per second over the last ``length`` seconds of the agent's clock, for a sparkline.
public struct RateSeries: Sendable, Equatable {
    /// Seconds kept.
    public static let length = 60

    private var counts = [UInt32](repeating: 0, count: RateSeries.length)
    /// The second (monotonic ns / 10⁹) the newest bucket counts.
    public private(set) var newestSecond: UInt64 = 0

    /// Creates an empty series.
    public init() {}

    /// Counts one at `timestamp` (ns). Counts older than the series are dropped.
    public mutating func count(at timestamp: UInt64) {
        // Most counts fall in the newest second: no division.
        let newestStart = newestSecond &* 1_000_000_000
        if timestamp >= newestStart, timestamp - newestStart < 1_000_000_000 {
            counts[Int(newestSecond % UInt64(Self.length))] &+= 1
            return
        }
        let second = timestamp / 1_000_000_000
        if second > newestSecond {
            advance(to: second)
        } else if newestSecond - second >= UInt64(Self.length) {
            return
        }
        counts[Int(second % UInt64(Self.length))] &+= 1
    }

    /// Moves the newest second to `second`, clearing the seconds in between.
    public mutating func advance(to second: UInt64) {
        guard second > newestSecond else { return }
        let gap = min(second - newestSecond, UInt64(Self.length))
        for step in 1...gap {
            counts[Int((newestSecond + step) % UInt64(Self.length))] = 0
        }
        newestSecond = second
    }

    /// The counts of the last 60 seconds, oldest first, the newest (current, partial) second last.
    public var perSecond: [UInt32] {
        (0..<Self.length).map { back in
            let second = newestSecond &+ UInt64(Self.length) &- UInt64(Self.length - 1 - back)
            return counts[Int(second % UInt64(Self.length))]
        }
    }

    /// The count of the last complete second.
    public var lastSecond: UInt32 {
        counts[Int((newestSecond &+ UInt64(Self.length) &- 1) % UInt64(Self.length))]
    }
}
