import DeferscopeWire
import DequeModule

/// The monitor's picture of one process: every tracked Deferred, the indexes the views read, and
/// what the model derives (why a Deferred is stuck, deadlocks, warnings, statistics).
///
/// A value: feed it ``AgentClient/Update``s in order with ``apply(_:)`` (live from an
/// `AgentClient`, or from a recording through a `StreamAssembler`; see ``ReplayTimeline``), then
/// ask it questions. Time is the agent's monotonic clock: the model's ``now`` is the newest time an
/// event or heartbeat carried, or what ``advance(to:)`` set. Copying it is cheap (copy-on-write
/// storage), which is how replay keeps checkpoints.
public struct DeferscopeModel: Sendable {
    /// Where the picture stands.
    public enum Phase: Sendable, Equatable {
        /// No snapshot has completed yet.
        case loading
        /// The picture is whole and live.
        case live
        /// Events were lost; the picture is stale until the next snapshot ends.
        case resyncing
    }

    /// What the model keeps and when it warns.
    public let configuration: ModelConfiguration
    /// The handshake of the current connection.
    public internal(set) var hello: Hello?
    /// Where the picture stands.
    public internal(set) var phase: Phase = .loading
    /// The agent's clock now, as far as the model knows (monotonic ns).
    public internal(set) var now: UInt64 = 0
    /// Grows with every change; a view may cache what it computed for one generation.
    public internal(set) var generation: UInt64 = 0
    /// Counters, rates and histograms.
    public internal(set) var statistics = ModelStatistics()
    /// Events lost over the life of the model (from `lost` updates).
    public internal(set) var lostEvents: UInt64 = 0
    /// The latest heartbeat.
    public internal(set) var heartbeat: Heartbeat?

    // MARK: Storage

    var slots: [TrackedDeferred] = []
    var freeSlots: [Int32] = []
    var slotByID = IDTable()
    var sites: [SiteDefinition?] = []
    var types: [String?] = []
    var stepLabels: [StepKey: String] = [:]
    var valueDescriptions: [UInt64: String] = [:]
    var eventLog: EventLog
    var pendingByAge = OrderedIndex<UInt64>()
    var timeoutsByDeadline = OrderedIndex<UInt64>()
    var failuresByTime = OrderedIndex<UInt64>()
    /// Sorts other than the natural orders, indexed on demand.
    var columnIndexes: ColumnIndexes
    /// Whether `columnIndexes` holds any index, as of the start of the current change (set by
    /// `prepareColumnIndexes()`): the check per event is then a stored Bool.
    var columnIndexesInUse = false
    var graph = WaitGraph()
    /// The slots changed, for ``FilterMatches``.
    var changes = ChangeJournal()
    var finished: Deque<UInt64> = []
    /// By site id (ids above `siteTableLimit` count under 0, unknown).
    var siteTable: [SiteStatistics] = []
    var warningList: Deque<ModelWarning> = []
    var deadlockList: Deque<Deadlock> = []
    /// The newest creation time the pending-without-timeout scan has passed.
    var pendingScanMark: UInt64 = 0
    var snapshotMark: UInt32 = 0
    /// Per source, the mark of the snapshot it is sending or sent last (source 0: a one-process
    /// picture).
    var snapshotMarks: [UInt16: UInt32] = [:]
    /// The sources whose snapshot is arriving (0: a picture of one process).
    var snapshotsInProgress: Set<UInt16> = []
    /// The processes of a picture made of several, by source (empty for one process).
    var processTable: [ModelProcess?] = []
    /// Per source, its live Deferreds per status (`source * kinds + status`), and its held
    /// unhandled failures: flat, so that counting an event copies no process.
    var processStatusCounts: [Int] = []
    var processUnhandledCounts: [Int] = []
    var namespace = ProcessNamespace()

    /// Creates an empty model.
    public init(configuration: ModelConfiguration = ModelConfiguration()) {
        self.configuration = configuration
        self.eventLog = EventLog(capacity: configuration.eventLogCapacity)
        self.columnIndexes = ColumnIndexes(limit: configuration.columnIndexLimit)
    }

    // MARK: - Applying updates

    /// Applies one update from the client or a recording.
    public mutating func apply(_ update: AgentClient.Update) {
        generation &+= 1
        prepareColumnIndexes()
        switch update {
        case .connected(let hello):
            self = DeferscopeModel(configuration: configuration)
            self.hello = hello
            generation = 1
        case .sites(let definitions):
            for definition in definitions { define(definition) }
        case .types(let definitions):
            for definition in definitions { define(definition) }
        case .snapshotBegan:
            beginSnapshot(source: 0)
        case .snapshotChains(let records):
            for record in records { applySnapshotRecord(record, source: 0) }
        case .snapshotEnded:
            endSnapshot(source: 0)
        case .events(let events):
            apply(events: events)
        case .lost(let lost):
            lostEvents &+= lost.count
            phase = .resyncing
        case .heartbeat(let beat):
            heartbeat = beat
            advance(to: beat.monotonicNow)
        case .reply, .disconnected:
            break
        }
    }

    /// Applies updates in order.
    public mutating func apply(_ updates: some Sequence<AgentClient.Update>) {
        for update in updates { apply(update) }
    }

    /// Applies events in order (the `events` update).
    public mutating func apply(events: [EventRecord]) {
        generation &+= 1
        prepareColumnIndexes()
        // Through the buffer: subscripting the array would copy each record and retain its strings.
        events.withUnsafeBufferPointer { records in
            guard let first = records.baseAddress else { return }
            for index in records.indices {
                apply(event: first + index)
            }
        }
        checkPendingWithoutTimeout()
    }

    /// Moves ``now`` forward (a heartbeat, or the dashboard's clock): time-based warnings and the
    /// retention of released Deferreds follow it. A time in the past is ignored.
    public mutating func advance(to time: UInt64) {
        guard time > now else { return }
        generation &+= 1
        prepareColumnIndexes()
        now = time
        let second = time / 1_000_000_000
        statistics.creations.advance(to: second)
        statistics.fires.advance(to: second)
        statistics.eventRate.advance(to: second)
        evictFinished()
        checkPendingWithoutTimeout()
    }

    // MARK: - Definitions

    mutating func define(_ site: SiteDefinition) {
        let index = Int(site.id)
        guard index > 0, index < 1 << 24 else { return }
        if sites.count <= index { sites.append(contentsOf: repeatElement(nil, count: index + 1 - sites.count)) }
        let renamed = sites[index]?.description != site.description
        sites[index] = site
        if renamed {
            dropColumnIndexes(by: .site)
            // Filters match site names: every row may have changed.
            changes.invalidateReaders()
        }
    }

    mutating func define(_ type: TypeDefinition) {
        let index = Int(type.id)
        guard index > 0, index < 1 << 24 else { return }
        if types.count <= index { types.append(contentsOf: repeatElement(nil, count: index + 1 - types.count)) }
        types[index] = type.name
    }
}

/// A step of one Deferred, as a side-table key.
struct StepKey: Hashable, Sendable {
    var id: UInt64
    var index: UInt32
}
