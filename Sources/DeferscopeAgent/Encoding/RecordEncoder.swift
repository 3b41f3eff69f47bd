import DeferredKit
import DeferscopeWire

/// Turns DeferredKit's events and snapshots into wire records, giving each call site and type an
/// id the first time it is seen. Used by the agent's thread only.
///
/// New definitions pile up until `takeNewDefinitions()`; they must be sent to every consumer
/// before any record that refers to them.
struct RecordEncoder {
    private struct SiteKey: Hashable {
        let file: UInt
        let line: Int
    }

    private var siteIDs: [SiteKey: UInt32] = [:]
    /// The last few sites looked up. Records come in runs from the same places (a loop's
    /// Deferreds, a chain's steps), and hashing every site was a tenth of a snapshot's cost.
    private var recentSites: [(key: SiteKey, id: UInt32)] = []
    private var nextRecent = 0
    private static let recentCount = 4
    private(set) var sites: [SiteDefinition] = []
    private var typeIDs: [ObjectIdentifier: UInt32] = [:]
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
    mutating func siteID(_ site: CallSite) -> UInt32 {
        guard site.isKnown else { return 0 }
        let key = SiteKey(file: site.fileIdentity, line: site.line)
        for recent in recentSites where recent.key == key {
            return recent.id
        }
        let id: UInt32
        if let known = siteIDs[key] {
            id = known
        } else {
            id = define(site, key)
        }
        if recentSites.count < Self.recentCount {
            recentSites.append((key, id))
        } else {
            recentSites[nextRecent] = (key, id)
            nextRecent = (nextRecent + 1) % Self.recentCount
        }
        return id
    }

    private mutating func define(_ site: CallSite, _ key: SiteKey) -> UInt32 {
        let id = UInt32(sites.count + 1)
        siteIDs[key] = id
        sites.append(SiteDefinition(id: id, fileID: site.fileID, line: UInt32(truncatingIfNeeded: site.line)))
        return id
    }

    /// The id of `type`, defining it if new.
    mutating func typeID(_ type: any Any.Type) -> UInt32 {
        let key = ObjectIdentifier(type)
        if let id = typeIDs[key] {
            return id
        }
        let id = UInt32(types.count + 1)
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
