import DeferscopeWire

extension DeferscopeModel {
    // MARK: - Several processes in one picture

    /// Applies one update from the stream of process `source` (1…65,535, chosen by the caller, one
    /// per stream), for a picture of several processes (`deferscope attach PID PID …`).
    ///
    /// Each process's Deferreds, sites and types are kept apart: its ids take `source` in their top
    /// 16 bits (``localID(_:)`` gives the process's own), and its snapshots replace only its own
    /// Deferreds. A new handshake on a stream (the process was followed to a new one) drops what
    /// the old process left; when a stream ends its Deferreds leave the picture (they ended with the
    /// process) and ``processes`` keeps saying it ended. `clockOffset`, read with a handshake, is
    /// what to add to the process's clock to get the model's: processes on one machine share the
    /// monotonic clock (0), one reached through ssh does not.
    public mutating func apply(_ update: AgentClient.Update, from source: UInt16, clockOffset: Int64 = 0) {
        guard source != 0 else { return apply(update) }
        generation &+= 1
        prepareColumnIndexes()
        switch update {
        case .connected(var hello):
            dropDeferreds(of: source)
            namespace.reset(source: source)
            namespace.clockOffsets[source] = clockOffset
            hello.monotonicBase = namespace.time(hello.monotonicBase, source: source)
            setProcess(ModelProcess(source: source, hello: hello))
            updatePhase()
        case .sites(let definitions):
            for definition in definitions { define(namespace.map(definition, source: source)) }
        case .types(let definitions):
            for definition in definitions { define(namespace.map(definition, source: source)) }
        case .snapshotBegan:
            beginSnapshot(source: source)
            updateProcess(source) { $0.isLoaded = false }
        case .snapshotChains(let records):
            let mapper = namespace.mapper(for: source)
            for record in records { applySnapshotRecord(mapper.mapped(record), source: source) }
        case .snapshotEnded:
            endSnapshot(source: source)
            updateProcess(source) {
                $0.isLoaded = true
                $0.isResyncing = false
            }
            updatePhase()
        case .events(let events):
            var events = events
            apply(events: &events, from: source)
        case .lost(let lost):
            lostEvents &+= lost.count
            updateProcess(source) {
                $0.lostEvents &+= lost.count
                $0.isResyncing = true
            }
            updatePhase()
        case .heartbeat(var beat):
            beat.monotonicNow = namespace.time(beat.monotonicNow, source: source)
            updateProcess(source) { $0.heartbeat = beat }
            advance(to: beat.monotonicNow)
        case .disconnected(let state):
            dropDeferreds(of: source)
            updateProcess(source) {
                $0.isAttached = false
                $0.endReason = Self.describe(state)
            }
            updatePhase()
        case .reply:
            break
        }
    }

    /// Applies events from the stream of process `source`, mapped in place: hand over the only
    /// reference to the array (take it out of its update first) and nothing is copied.
    public mutating func apply(events: inout [EventRecord], from source: UInt16) {
        guard source != 0 else { return apply(events: events) }
        namespace.mapper(for: source).map(&events)
        apply(events: events)
    }

    /// Forgets an ended process entirely (a dashboard over processes that come and go keeps only
    /// the latest ended ones).
    public mutating func removeProcess(source: UInt16) {
        let index = Int(source)
        guard source != 0, index < processTable.count else { return }
        generation &+= 1
        dropDeferreds(of: source)
        namespace.reset(source: source)
        processTable[index] = nil
        updatePhase()
    }

    /// Whether the picture is of several processes (``processes`` is not empty), without
    /// building the list.
    public var holdsSeveralProcesses: Bool { !processTable.isEmpty }

    /// The processes of a picture of several, by source (empty for a picture of one).
    public var processes: [ModelProcess] { processTable.compactMap { $0.map(counted) } }

    /// The process Deferred `id` belongs to, in a picture of several, with its counts.
    public func process(of id: UInt64) -> ModelProcess? {
        processHello(of: id) == nil ? nil : processTable[Int(ProcessNamespace.source(of: id))].map(counted)
    }

    /// The handshake of the process Deferred `id` belongs to, in a picture of several: who it is,
    /// for a column or a filter, without building its counts.
    public func processHello(of id: UInt64) -> Hello? {
        let source = Int(ProcessNamespace.source(of: id))
        guard source != 0, source < processTable.count else { return nil }
        return processTable[source]?.hello
    }

    private func counted(_ process: ModelProcess) -> ModelProcess {
        var process = process
        let kinds = DeferredStatusKind.allCases.count
        let base = Int(process.source) * kinds
        if base + kinds <= processStatusCounts.count {
            process.countsByStatus = Array(processStatusCounts[base..<(base + kinds)])
            process.unhandledCount = processUnhandledCounts[Int(process.source)]
        }
        return process
    }

    /// The id its process gave Deferred `id` (the same in a picture of one process).
    public func localID(_ id: UInt64) -> UInt64 {
        id & ProcessNamespace.localMask
    }

    /// `#12`: how views name Deferred `id` (by the id its process gave it; in a picture of several
    /// processes, the process column or line says which).
    public func displayID(_ id: UInt64) -> String {
        "#\(localID(id))"
    }

    /// The model's id of the Deferred its process calls `localID`, on stream `source`.
    public static func id(_ localID: UInt64, source: UInt16) -> UInt64 {
        ProcessNamespace.globalID(localID, source: source)
    }

    /// The stream (source) Deferred `id` came from; 0 in a picture of one process.
    public static func source(of id: UInt64) -> UInt16 {
        ProcessNamespace.source(of: id)
    }

    // MARK: - Internal

    mutating func countProcessStatus(_ id: UInt64, from before: Membership, to after: Membership) {
        let kinds = DeferredStatusKind.allCases.count
        let base = Int(ProcessNamespace.source(of: id)) * kinds
        guard base + kinds <= processStatusCounts.count else { return }
        if before.present, !before.released { processStatusCounts[base + Int(before.status.rawValue)] -= 1 }
        if after.present, !after.released { processStatusCounts[base + Int(after.status.rawValue)] += 1 }
    }

    mutating func countProcessUnhandled(_ id: UInt64, by change: Int) {
        let source = Int(ProcessNamespace.source(of: id))
        guard source < processUnhandledCounts.count else { return }
        processUnhandledCounts[source] += change
    }

    private mutating func setProcess(_ process: ModelProcess) {
        let source = Int(process.source)
        if processTable.count <= source {
            processTable.append(contentsOf: repeatElement(nil, count: source + 1 - processTable.count))
        }
        processTable[source] = process
        let kinds = DeferredStatusKind.allCases.count
        if processStatusCounts.count < (source + 1) * kinds {
            processStatusCounts.append(
                contentsOf: repeatElement(0, count: (source + 1) * kinds - processStatusCounts.count)
            )
            processUnhandledCounts.append(
                contentsOf: repeatElement(0, count: source + 1 - processUnhandledCounts.count)
            )
        }
    }

    private mutating func updateProcess(_ source: UInt16, _ change: (inout ModelProcess) -> Void) {
        let index = Int(source)
        guard index < processTable.count, processTable[index] != nil else { return }
        change(&processTable[index]!)
    }

    /// Forgets every Deferred of process `source` (its stream restarted or ended).
    private mutating func dropDeferreds(of source: UInt16) {
        var gone: [Int] = []
        for slot in slots.indices where slots[slot].id != 0 && ProcessNamespace.source(of: slots[slot].id) == source {
            gone.append(slot)
        }
        for slot in gone { discard(slot: slot) }
        finished.removeAll { ProcessNamespace.source(of: $0) == source }
        snapshotsInProgress.remove(source)
        deadlockList.removeAll { $0.members.contains { ProcessNamespace.source(of: $0) == source } }
    }

    /// The picture is loading until every attached process sent its first snapshot, and stale while
    /// any is resynchronizing.
    private mutating func updatePhase() {
        let attached = processes.filter(\.isAttached)
        if attached.contains(where: \.isResyncing) {
            phase = .resyncing
        } else if !attached.isEmpty, !attached.allSatisfy(\.isLoaded) {
            phase = .loading
        } else {
            phase = .live
        }
    }

    static func describe(_ state: AgentClient.State) -> String {
        switch state {
        case .exited(let pid): return "process \(pid) exited"
        case .disconnected(let reason): return reason
        default: return "the stream ended"
        }
    }
}
