import DeferredKit
import DeferscopeModel
import DeferscopeWire

/// Builds event sequences by hand, as the agent would send them: per-Deferred sequence numbers,
/// a clock the test moves, call sites and types defined up front. Shared by the model's and the
/// views' tests.
package struct Script {
    /// An empty script at 100 s.
    package init() {}

    package static let second: UInt64 = 1_000_000_000
    package static let millisecond: UInt64 = 1_000_000
    /// Sites 1...4 and types 1...3 are defined by ``start(_:)``.
    package static let sites = [
        SiteDefinition(id: 1, fileID: "App/Network.swift", line: 10),
        SiteDefinition(id: 2, fileID: "App/Database.swift", line: 20),
        SiteDefinition(id: 3, fileID: "App/Cache.swift", line: 30),
        SiteDefinition(id: 4, fileID: "App/Gather.swift", line: 40),
    ]
    package static let types = [
        TypeDefinition(id: 1, name: "Int"),
        TypeDefinition(id: 2, name: "TimeoutError"),
        TypeDefinition(id: 3, name: "Boom"),
    ]
    package static let success = WireOutcome(isFailure: false, typeID: 1)
    package static let failure = WireOutcome(isFailure: true, typeID: 3)

    /// The clock (monotonic ns).
    package var time: UInt64 = 100 * Script.second
    private var sequences: [UInt64: UInt32] = [:]
    package private(set) var events: [EventRecord] = []

    /// The updates that attach a client to an empty process.
    package static func attach() -> [AgentClient.Update] {
        let hello = Hello(
            pid: 42,
            processName: "app",
            executablePath: "/app",
            processStartTime: 0,
            monotonicBase: 0,
            wallClockAtBase: 0,
            liveCount: 0,
            includesValues: false
        )
        return [
            .connected(hello), .sites(sites), .types(types),
            .snapshotBegan(SnapshotBegin(snapshotID: 1, estimatedCount: 0, reason: .attach)),
            .snapshotEnded(SnapshotEnd(snapshotID: 1, count: 0)),
        ]
    }

    /// A model attached to an empty process.
    package static func start(_ configuration: ModelConfiguration = ModelConfiguration()) -> DeferscopeModel {
        var model = DeferscopeModel(configuration: configuration)
        model.apply(attach())
        return model
    }

    /// The events so far, as one update; the script starts a new batch.
    package mutating func take() -> AgentClient.Update {
        defer { events = [] }
        return .events(events)
    }

    package mutating func advance(_ nanoseconds: UInt64) {
        time += nanoseconds
    }

    @discardableResult
    package mutating func event(
        _ kind: DeferredEvent.Kind,
        _ id: UInt64,
        _ fill: (inout EventRecord) -> Void = { _ in }
    ) -> EventRecord {
        let sequence = (sequences[id] ?? 0) + 1
        sequences[id] = sequence
        var record = EventRecord(kindRawValue: kind.rawValue, id: id, sequence: sequence, timestamp: time)
        fill(&record)
        events.append(record)
        return record
    }

    // MARK: - One call per runtime operation

    package mutating func created(_ id: UInt64, label: String? = nil, site: UInt32 = 1) {
        event(.created, id) {
            $0.label = label
            $0.siteID = site
        }
    }

    package mutating func stepAdded(_ id: UInt64, index: Int32, kind: StepKind = .callback, feeds: UInt64 = 0) {
        event(.stepAdded, id) {
            $0.stepIndex = index
            $0.stepKindRawValue = kind.rawValue
            $0.siteID = 2
            $0.other = feeds
        }
    }

    package mutating func fired(_ id: UInt64, _ outcome: WireOutcome = Script.success, by other: UInt64 = 0) {
        event(.fired, id) {
            $0.outcome = outcome
            $0.other = other
        }
    }

    /// Creates each of `ids` with one step and fires it: chains whose step may then wait on another.
    package mutating func firedWithAStep(_ ids: [UInt64]) {
        for id in ids {
            created(id)
            stepAdded(id, index: 0)
            fired(id)
        }
    }

    package mutating func stepRan(
        _ id: UInt64,
        index: Int32,
        kind: StepKind = .callback,
        duration: UInt64 = 1_000,
        outcome: WireOutcome? = Script.success,
        returned: UInt64 = 0,
        feeds: UInt64 = 0,
        flags: DeferredEvent.Flags = []
    ) {
        event(.stepRan, id) {
            $0.stepIndex = index
            $0.stepKindRawValue = kind.rawValue
            $0.duration = duration
            $0.outcome = outcome
            var flags = flags
            if returned != 0 {
                flags.insert(.returnedDeferred)
                $0.other = returned
            } else {
                $0.other = feeds
            }
            $0.flags = flags.rawValue
        }
    }

    /// A step of `id` returned `other`, which has no result: the chain waits on it.
    package mutating func waits(_ id: UInt64, index: Int32, on other: UInt64) {
        stepRan(id, index: index, outcome: nil, returned: other)
        event(.waiting, id) { $0.other = other }
    }

    package mutating func resumed(_ id: UInt64, from other: UInt64, _ outcome: WireOutcome = Script.success) {
        event(.resumed, id) {
            $0.other = other
            $0.outcome = outcome
        }
    }

    package mutating func released(_ id: UInt64, everFired: Bool = true, _ outcome: WireOutcome? = Script.success) {
        event(.released, id) {
            $0.outcome = everFired ? outcome : nil
            $0.flags = everFired ? DeferredEvent.Flags.everFired.rawValue : 0
        }
    }

    /// A Deferred with one step, fired and run to the end.
    package mutating func settled(_ id: UInt64, _ outcome: WireOutcome = Script.success) {
        created(id)
        stepAdded(id, index: 0)
        fired(id)
        stepRan(id, index: 0, outcome: outcome)
    }
}

extension DeferscopeModel {
    /// Applies the script's events so far.
    package mutating func run(_ script: inout Script) {
        apply(script.take())
    }
}

extension Script {
    /// `count` plain pending Deferreds (created, never fired) from id `first`, one nanosecond
    /// apart from `time`, as one batch: the bulk of a large model, built without the per-id
    /// sequence table.
    package static func plainPending(from first: UInt64, count: Int, at time: UInt64) -> AgentClient.Update {
        var records: [EventRecord] = []
        records.reserveCapacity(count)
        for offset in 0..<UInt64(count) {
            var record = EventRecord(
                kindRawValue: DeferredEvent.Kind.created.rawValue,
                id: first + offset,
                sequence: 1,
                timestamp: time + offset
            )
            record.siteID = 1
            records.append(record)
        }
        return .events(records)
    }
}
