import DeferredKit
import DeferscopeWire

/// Turns DeferredKit's events and snapshots into wire records, giving each call site and type an
/// id the first time it is seen. Used by the agent's thread only.
///
/// New definitions pile up until `takeNewDefinitions()`; they must be sent to every consumer
/// before any record that refers to them.
struct RecordEncoder {
    private var siteIDs = SiteIDTable()
    private(set) var sites: [SiteDefinition] = []
    private var typeIDs: [ObjectIdentifier: UInt32] = [:]
    /// The type looked up last: a run of events mostly carries one result type.
    private var lastType: (key: ObjectIdentifier, id: UInt32)?
    private(set) var types: [TypeDefinition] = []
    private var sitesSent = 0
    private var typesSent = 0

    /// The longest label sent, in UTF-8 bytes. Labels are names; a longer one is cut (at a
    /// character boundary) so that a record with thousands of labelled steps still fits a frame.
    static let maximumLabelLength = 256

    /// `label`, cut to `maximumLabelLength` bytes.
    static func shortened(_ label: String?) -> String? {
        guard let label, label.utf8.count > maximumLabelLength else { return label }
        var cut = ""
        for character in label {
            guard cut.utf8.count + character.utf8.count + 3 <= maximumLabelLength else { break }
            cut.append(character)
        }
        return cut + "…"
    }

    /// The id of `site`, defining it if new; 0 for an unknown site.
    @inline(__always)
    mutating func siteID(_ site: CallSite) -> UInt32 {
        guard site.isKnown else { return 0 }
        let file = site.fileIdentity
        let line = UInt32(truncatingIfNeeded: site.line)
        if let id = siteIDs.id(file: file, line: line) {
            return id
        }
        return define(site, file: file, line: line)
    }

    @inline(never)
    private mutating func define(_ site: CallSite, file: UInt, line: UInt32) -> UInt32 {
        let id = UInt32(sites.count + 1)
        siteIDs.insert(file: file, line: line, id: id)
        sites.append(SiteDefinition(id: id, fileID: site.fileID, line: line))
        return id
    }

    /// The id of `type`, defining it if new.
    mutating func typeID(_ type: any Any.Type) -> UInt32 {
        let key = ObjectIdentifier(type)
        if let last = lastType, last.key == key {
            return last.id
        }
        if let id = typeIDs[key] {
            lastType = (key, id)
            return id
        }
        let id = UInt32(types.count + 1)
        lastType = (key, id)
        typeIDs[key] = id
        types.append(TypeDefinition(id: id, name: _typeName(type, qualified: false)))
        return id
    }

    /// Definitions made since the last call.
    mutating func takeNewDefinitions() -> (sites: ArraySlice<SiteDefinition>, types: ArraySlice<TypeDefinition>) {
        defer {
            sitesSent = sites.count
            typesSent = types.count
        }
        return (sites[sitesSent...], types[typesSent...])
    }

    mutating func outcome(_ summary: OutcomeSummary?) -> WireOutcome? {
        guard let summary else { return nil }
        return WireOutcome(
            isFailure: summary.isFailure,
            typeID: typeID(summary.type),
            valueDescription: summary.valueDescription
        )
    }

    /// Appends `event` to `writer`'s open frame, defining its site and type if new.
    @inline(__always)
    mutating func append(_ event: borrowing DeferredEvent, to writer: EventsFrameWriter) {
        let site = siteID(event.site)
        let type = event.outcome.map { typeID($0.type) } ?? 0
        if event.label == nil {
            writer.append(event, siteID: site, label: nil, outcomeTypeID: type)
        } else {
            writer.append(event, siteID: site, label: Self.shortened(event.label), outcomeTypeID: type)
        }
    }

    mutating func record(_ event: DeferredEvent) -> EventRecord {
        var record = EventRecord(
            kindRawValue: event.kind.rawValue,
            flags: event.flags.rawValue,
            id: event.id.rawValue,
            sequence: event.sequence,
            timestamp: event.timestamp
        )
        record.siteID = siteID(event.site)
        record.label = Self.shortened(event.label)
        record.stepIndex = Int32(clamping: event.stepIndex)
        record.stepKindRawValue = event.stepKind?.rawValue
        record.duration = event.duration
        record.outcome = outcome(event.outcome)
        record.other = event.other?.rawValue ?? 0
        record.timeoutSeconds = event.timeoutSeconds
        record.thread = event.thread
        return record
    }

    mutating func record(_ snapshot: DeferredSnapshot) -> ChainRecord {
        let phase: ChainRecord.Phase
        var waitingOn: UInt64 = 0
        switch snapshot.phase {
        case .pending: phase = .pending
        case .waiting(let other):
            phase = .waiting
            waitingOn = other.rawValue
        case .succeeded: phase = .succeeded
        case .failed: phase = .failed
        }
        let listedSteps = snapshot.pendingSteps.prefix(ChainRecord.maximumListed)
        let listedWaiters = snapshot.waiters.prefix(ChainRecord.maximumListed)
        var steps: [ChainRecord.Step] = []
        steps.reserveCapacity(listedSteps.count)
        for step in listedSteps {
            steps.append(
                ChainRecord.Step(
                    index: UInt32(truncatingIfNeeded: step.index),
                    kindRawValue: step.kind.rawValue,
                    label: Self.shortened(step.label),
                    siteID: siteID(step.site),
                    feeds: step.feeds?.rawValue ?? 0
                )
            )
        }
        return ChainRecord(
            id: snapshot.id.rawValue,
            sequence: snapshot.sequence,
            label: Self.shortened(snapshot.label),
            siteID: siteID(snapshot.site),
            createdAt: snapshot.createdAt,
            phase: phase,
            waitingOn: waitingOn,
            outcome: outcome(snapshot.outcome),
            userPauses: UInt32(clamping: snapshot.userPauses),
            isRunning: snapshot.isRunning,
            chainedTo: snapshot.chainedTo?.rawValue ?? 0,
            stepsRun: UInt32(clamping: snapshot.stepsRun),
            pendingSteps: steps,
            omittedPendingSteps: UInt32(clamping: snapshot.pendingSteps.count - listedSteps.count),
            waiters: listedWaiters.map(\.rawValue),
            omittedWaiters: UInt32(clamping: snapshot.waiters.count - listedWaiters.count),
            timeoutSeconds: snapshot.timeoutSeconds ?? 0,
            timeoutArmedAt: snapshot.timeoutArmedAt,
            hasCanceller: snapshot.hasCanceller,
            everFired: snapshot.everFired,
            failureTaken: snapshot.failureTaken
        )
    }
}
