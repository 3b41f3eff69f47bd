/// A histogram of non-negative values (nanoseconds) in logarithmic buckets, HdrHistogram style:
/// each power of two is split into 8 linear sub-buckets, so a bucket's bounds are within 12.5% of
/// each other. Fixed size (496 counters, allocated at the first value: an empty histogram, as most
/// sites' are at first, costs no allocation) whatever the values.
public struct LogHistogram: Sendable, Equatable {
    static let subBucketBits = 3
    // Values below 8 have a bucket each; then 8 per power of two up to 2^63: 496 in all.
    static let bucketCount = 62 << subBucketBits

    /// Counts per bucket.
    private(set) var counts: [UInt64] = []
    /// Values recorded.
    public private(set) var totalCount: UInt64 = 0
    /// The largest value recorded.
    public private(set) var maximum: UInt64 = 0
    /// The smallest value recorded (0 when empty).
    public private(set) var minimum: UInt64 = 0

    /// Creates an empty histogram.
    public init() {}

    /// Records one value.
    public mutating func record(_ value: UInt64) {
        if counts.isEmpty { counts = [UInt64](repeating: 0, count: Self.bucketCount) }
        counts[Self.bucket(of: value)] &+= 1
        minimum = totalCount == 0 ? value : min(minimum, value)
        totalCount &+= 1
        maximum = max(maximum, value)
    }

    /// The value at or below which `fraction` (0...1) of the recorded values lie, to within a
    /// bucket (the bucket's upper bound is returned, capped at ``maximum``); 0 when empty.
    public func percentile(_ fraction: Double) -> UInt64 {
        guard totalCount > 0 else { return 0 }
        let target = max(1, UInt64((Double(totalCount) * min(max(fraction, 0), 1)).rounded(.up)))
        var seen: UInt64 = 0
        for bucket in counts.indices where counts[bucket] != 0 {
            seen += counts[bucket]
            if seen >= target { return min(Self.upperBound(of: bucket), maximum) }
        }
        return maximum
    }

    /// The non-empty buckets in order: each bucket's inclusive value range and its count.
    public var buckets: [(lower: UInt64, upper: UInt64, count: UInt64)] {
        counts.indices.compactMap { bucket in
            counts[bucket] == 0 ? nil : (Self.lowerBound(of: bucket), Self.upperBound(of: bucket), counts[bucket])
        }
    }

    /// The histogram regrouped into at most `count` bars of equal width on the logarithmic scale,
    /// from the bucket of ``minimum`` to the bucket of ``maximum``: each bar's inclusive value
    /// range (within the recorded minimum and maximum) and count. Empty bars in between are kept,
    /// so gaps in the distribution show. Every value a ``percentile(_:)`` returns lies in the range
    /// of exactly one bar.
    public func bars(_ count: Int) -> [(lower: UInt64, upper: UInt64, count: UInt64)] {
        guard totalCount > 0, count > 0 else { return [] }
        let first = Self.bucket(of: minimum)
        let span = Self.bucket(of: maximum) - first + 1
        let barCount = min(count, span)
        return (0..<barCount).map { bar in
            let start = first + bar * span / barCount
            let end = first + (bar + 1) * span / barCount
            let sum = counts[start..<end].reduce(0, &+)
            return (max(Self.lowerBound(of: start), minimum), min(Self.upperBound(of: end - 1), maximum), sum)
        }
    }

    static func bucket(of value: UInt64) -> Int {
        let sub = UInt64(1) << subBucketBits
        if value < sub { return Int(value) }
        let magnitude = 63 - value.leadingZeroBitCount
        let shift = magnitude - subBucketBits
        let offset = Int((value >> UInt64(shift)) & (sub - 1))
        return ((shift + 1) << subBucketBits) + offset
    }

    static func lowerBound(of bucket: Int) -> UInt64 {
        let sub = 1 << subBucketBits
        if bucket < sub { return UInt64(bucket) }
        let shift = (bucket >> subBucketBits) - 1
        let offset = UInt64(bucket & (sub - 1))
        return (UInt64(sub) + offset) << UInt64(shift)
    }

    static func upperBound(of bucket: Int) -> UInt64 {
        if bucket + 1 >= bucketCount { return .max }
        return lowerBound(of: bucket + 1) - 1
    }
}
