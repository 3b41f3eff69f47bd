import DeferscopeWire

/// A recording's updates with a model that can be moved to any point: play forward, step one
/// event at a time, seek to a time, backwards too.
///
/// The unit of position is one event (an `events` update counts one per event; any other update
/// counts one). Seeking backwards restarts from the nearest checkpoint at or before the target:
/// a copy of the model taken every ``checkpointInterval`` units as the timeline passes them (at
/// most about 64 of them by default: the interval is a 64th of the recording, and at least 10,000
/// events), so a seek applies at most one interval of events (a one-hour recording of 36 million
/// events: 560,000 events, about a tenth of a second).
public struct ReplayTimeline: Sendable {
    /// The updates, in order.
    public let updates: [AgentClient.Update]
    /// Units in the whole timeline.
    public let count: Int
    /// Units between checkpoints.
    public let checkpointInterval: Int
    /// The model at ``position``.
    public private(set) var model: DeferscopeModel
    /// Units applied so far (0: none; ``count``: all).
    public private(set) var position = 0

    /// The first unit of each update.
    private let firstUnit: [Int]
    /// The newest time seen once each update is applied (monotonic ns).
    private let timeAfter: [UInt64]
    private var checkpoints: [Int: DeferscopeModel] = [:]

    /// Creates a timeline over `updates`, positioned at the start.
    public init(
        updates: [AgentClient.Update],
        configuration: ModelConfiguration = ModelConfiguration(),
        checkpointInterval: Int? = nil
    ) {
        self.updates = updates
        var firstUnit: [Int] = []
        var timeAfter: [UInt64] = []
        firstUnit.reserveCapacity(updates.count)
        timeAfter.reserveCapacity(updates.count)
        var units = 0
        var newest: UInt64 = 0
        for update in updates {
            firstUnit.append(units)
            units += Self.units(in: update)
            newest = max(newest, Self.newestTime(in: update))
            timeAfter.append(newest)
        }
        self.firstUnit = firstUnit
        self.timeAfter = timeAfter
        self.count = units
        self.checkpointInterval = max(1, checkpointInterval ?? max(10_000, units / 64))
        self.model = DeferscopeModel(configuration: configuration)
        self.checkpoints[0] = model
    }

    /// Reads a `.dsrec` recording through a `StreamAssembler`, exactly as a live client would.
    ///
    /// - Throws: ``RecordingError`` when the file cannot be read or is damaged.
    public static func load(
        recordingAt path: String,
        configuration: ModelConfiguration = ModelConfiguration()
    ) throws(RecordingError) -> ReplayTimeline {
        let reader = try RecordingReader(path: path)
        var assembler = StreamAssembler()
        var updates: [AgentClient.Update] = []
        while let frame = try reader.next() {
            assembler.apply(frame, into: &updates)
        }
        return ReplayTimeline(updates: updates, configuration: configuration)
    }

    // MARK: - Time

    /// The earliest time in the recording (monotonic ns); 0 when it has none.
    public var startTime: UInt64 {
        timeAfter.first { $0 != 0 } ?? 0
    }

    /// The latest time in the recording (monotonic ns).
    public var endTime: UInt64 { timeAfter.last ?? 0 }

    /// The model's time at the current position.
    public var time: UInt64 { model.now }

    // MARK: - Moving

    /// Moves to just after every unit whose time is at or before `time`.
    public mutating func seek(to time: UInt64) {
        seek(toPosition: position(at: time))
    }

    /// Moves so that exactly `target` units are applied.
    public mutating func seek(toPosition target: Int) {
        let target = min(max(0, target), count)
        if target < position {
            let checkpoint = (target / checkpointInterval) * checkpointInterval
            var start = checkpoint
            while checkpoints[start] == nil { start -= checkpointInterval }
            model = checkpoints[start]!
            position = start
        }
        while position < target {
            let nextCheckpoint = (position / checkpointInterval + 1) * checkpointInterval
            let end = min(target, nextCheckpoint)
            applyUnits(position..<end)
            position = end
            if position == nextCheckpoint, checkpoints[position] == nil {
                checkpoints[position] = model
            }
        }
    }

    /// Applies the next unit; false at the end.
    @discardableResult
    public mutating func stepForward() -> Bool {
        guard position < count else { return false }
        seek(toPosition: position + 1)
        return true
    }

    /// Goes back one unit; false at the start.
    @discardableResult
    public mutating func stepBackward() -> Bool {
        guard position > 0 else { return false }
        seek(toPosition: position - 1)
        return true
    }

    /// The position just after every unit at or before `time`.
    public func position(at time: UInt64) -> Int {
        // The first update whose units reach past `time`.
        var low = 0
        var high = updates.count
        while low < high {
            let mid = (low + high) / 2
            if timeAfter[mid] <= time { low = mid + 1 } else { high = mid }
        }
        guard low < updates.count else { return count }
        guard case .events(let events) = updates[low] else { return firstUnit[low] }
        var newest = low == 0 ? 0 : timeAfter[low - 1]
        for (offset, event) in events.enumerated() {
            newest = max(newest, event.timestamp)
            if newest > time { return firstUnit[low] + offset }
        }
        return firstUnit[low] + events.count
    }

    // MARK: - Internals

    /// Applies units `range`, which lies within one checkpoint interval.
    private mutating func applyUnits(_ range: Range<Int>) {
        var update = Self.updateIndex(containing: range.lowerBound, firstUnit: firstUnit)
        var unit = range.lowerBound
        while unit < range.upperBound {
            let first = firstUnit[update]
            if case .events(let events) = updates[update] {
                let end = min(events.count, range.upperBound - first)
                let start = unit - first
                model.apply(events: start == 0 && end == events.count ? events : Array(events[start..<end]))
                unit = first + end
            } else {
                model.apply(updates[update])
                unit += 1
            }
            update += 1
            while update < updates.count, Self.units(in: updates[update]) == 0 { update += 1 }
        }
    }

    private static func updateIndex(containing unit: Int, firstUnit: [Int]) -> Int {
        var low = 0
        var high = firstUnit.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if firstUnit[mid] <= unit { low = mid } else { high = mid - 1 }
        }
        // Skip updates with no units (empty event batches) that share the position.
        return low
    }

    private static func units(in update: AgentClient.Update) -> Int {
        if case .events(let events) = update { return events.count }
        return 1
    }

    private static func newestTime(in update: AgentClient.Update) -> UInt64 {
        switch update {
        case .events(let events): return events.reduce(0) { max($0, $1.timestamp) }
        case .heartbeat(let beat): return beat.monotonicNow
        case .snapshotChains(let records): return records.reduce(0) { max($0, $1.createdAt) }
        default: return 0
        }
    }
}
