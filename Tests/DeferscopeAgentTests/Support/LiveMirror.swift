import DeferredKit
import DeferscopeWire

/// The least a monitor must keep to know which Deferreds are alive, built from a client's updates
/// exactly as a model would: the tests compare it with a fresh snapshot to prove the picture is
/// whole (no ghosts, nothing missing).
struct LiveMirror {
    /// Live Deferreds: id -> label.
    private(set) var live: [UInt64: String?] = [:]
    /// The last event sequence applied per Deferred.
    private(set) var lastSequence: [UInt64: UInt32] = [:]
    private var incoming: [UInt64: String?]?
    private var incomingSequences: [UInt64: UInt32] = [:]
    /// Every event applied, in order.
    private(set) var applied: [EventRecord] = []
    /// Events that arrived out of order for their Deferred (must stay empty).
    private(set) var disorder: [EventRecord] = []
    private(set) var snapshotsCompleted = 0
    private(set) var lost: UInt64 = 0
    private(set) var lossReasons: [LossReason] = []
    private(set) var snapshotReasons: [SnapshotReason] = []
    private(set) var replies: [Reply] = []
    private(set) var sites: [UInt32: SiteDefinition] = [:]
    var keepsEvents = true

    mutating func apply(_ updates: [AgentClient.Update]) {
        for update in updates {
            apply(update)
        }
    }

    mutating func apply(_ update: AgentClient.Update) {
        switch update {
        case .connected:
            live = [:]
            lastSequence = [:]
        case .snapshotBegan(let begin):
            incoming = [:]
            incomingSequences = [:]
            snapshotReasons.append(begin.reason)
        case .snapshotChains(let chains):
            for chain in chains {
                incoming?[chain.id] = chain.label
                incomingSequences[chain.id] = chain.sequence
            }
        case .snapshotEnded:
            live = incoming ?? [:]
            lastSequence = incomingSequences
            incoming = nil
            snapshotsCompleted += 1
        case .events(let events):
            for event in events {
                apply(event)
            }
        case .lost(let loss):
            lost += loss.count
            lossReasons.append(loss.reason)
        case .reply(let reply):
            replies.append(reply)
        case .sites(let definitions):
            for site in definitions {
                sites[site.id] = site
            }
        case .types, .heartbeat, .disconnected:
            break
        }
    }

    private mutating func apply(_ event: EventRecord) {
        if keepsEvents {
            applied.append(event)
        }
        if let last = lastSequence[event.id], event.sequence <= last {
            disorder.append(event)
        }
        lastSequence[event.id] = event.sequence
        switch event.kind {
        case .created:
            live[event.id] = event.label
        case .released:
            live[event.id] = nil
            lastSequence[event.id] = nil
        default:
            break
        }
    }
}

extension AgentClient {
    /// Polls until `condition` holds for `mirror`, applying every update; fails after `timeout`.
    func poll(
        into mirror: inout LiveMirror,
        timeout: Double = 60,
        _ what: String = "",
        until condition: (LiveMirror) -> Bool
    ) throws {
        let deadline = Posix.monotonicNanoseconds() + UInt64(timeout * 1e9)
        while !condition(mirror) {
            guard Posix.monotonicNanoseconds() < deadline else {
                throw TestAppError(
                    "\(what.isEmpty ? "the condition" : what) did not hold within \(timeout) s; client state \(state), "
                        + "\(mirror.live.count) live, \(mirror.lost) lost"
                )
            }
            mirror.apply(poll(timeout: 0.1))
        }
    }
}
