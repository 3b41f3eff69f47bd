import DeferredKit
import DeferscopeWire

/// How a live Deferred reads in `dump` and `check`: its state, age, where it is stuck.
struct ChainDescription {
    let chain: ChainRecord
    let snapshot: AgentSnapshot

    /// `pending`, `waiting`, `paused`, `running`, `succeeded`, `failed`.
    var state: String {
        switch chain.phase {
        case .pending: return "pending"
        case .waiting: return "waiting"
        case .succeeded, .failed:
            if chain.userPauses > 0 { return "paused" }
            if chain.isRunning { return "running" }
            return chain.phase == .succeeded ? "succeeded" : "failed"
        }
    }

    /// Whether nothing has happened to it that would let it finish on its own: no result yet,
    /// waiting on another Deferred, or paused.
    var isPending: Bool {
        chain.phase == .pending || chain.phase == .waiting || chain.userPauses > 0
    }

    /// Seconds since it was created.
    var age: Double {
        snapshot.agentNow > chain.createdAt ? Double(snapshot.agentNow - chain.createdAt) / 1e9 : 0
    }

    /// Seconds until its timeout fires, if one is armed (negative: overdue).
    var timeoutRemaining: Double? {
        guard chain.timeoutSeconds > 0, chain.timeoutArmedAt != 0 else { return nil }
        let elapsed = Double(Int64(bitPattern: snapshot.agentNow &- chain.timeoutArmedAt)) / 1e9
        return chain.timeoutSeconds - elapsed
    }

    /// `#12 'fetch user'`.
    var name: String {
        chain.label.map { "#\(chain.id) '\($0)'" } ?? "#\(chain.id)"
    }

    /// The step the chain would run next, as `label (kind) at File.swift:12`, or nil.
    var nextStep: String? {
        guard let step = chain.pendingSteps.first else { return nil }
        return Self.describe(step, in: snapshot)
    }

    /// What it waits on: `#13`, or nil.
    var waitsOn: String? {
        chain.waitingOn == 0 ? nil : "#\(chain.waitingOn)"
    }

    static func describe(_ step: ChainRecord.Step, in snapshot: AgentSnapshot) -> String {
        let kind = StepKind(rawValue: step.kindRawValue)?.description ?? "step \(step.kindRawValue)"
        var text = step.label.map { "\($0) (\(kind))" } ?? kind
        if let site = snapshot.site(step.siteID) {
            text += " at " + site
        }
        return text
    }

    /// The outcome as text: `Int: 42`, `failure TimeoutError`.
    var outcome: String? {
        guard let outcome = chain.outcome else { return nil }
        let type = snapshot.typeName(outcome.typeID) ?? "?"
        let head = outcome.isFailure ? "failure \(type)" : type
        return outcome.valueDescription.map { "\(head): \($0)" } ?? head
    }
}
