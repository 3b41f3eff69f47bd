/// Why a Deferred has no result: the Deferred at the end of what it waits on.
public enum Blocker: Sendable, Equatable {
    /// Nobody has given this Deferred a result yet (and no other chain will feed it): the leaf.
    case notFired(id: UInt64, siteID: UInt32, createdAt: UInt64)
    /// `pause()` holds this Deferred's steps; `stepIndex` is the next step to run.
    case paused(id: UInt64, stepIndex: UInt32)
    /// This Deferred has a result and is running its steps (a step runs now, or is about to).
    case running(id: UInt64)
    /// The walk came back to a Deferred it had passed: the ids of the cycle, in waiting order.
    case cycle(members: [UInt64])
    /// It waits on a Deferred the model does not know (released, or missed by the picture).
    case unknown(id: UInt64)
    /// The walk stopped after ``ModelConfiguration/stuckWalkLimit`` hops, at this Deferred.
    case tooDeep(id: UInt64)

    /// The Deferred the walk ended at (for a cycle, the first member).
    public var id: UInt64 {
        switch self {
        case .notFired(let id, _, _), .paused(let id, _), .running(let id), .unknown(let id), .tooDeep(let id):
            return id
        case .cycle(let members):
            return members.first ?? 0
        }
    }
}

/// One hop of a ``StuckPath``: a Deferred and why the walk went on from it.
public struct StuckHop: Sendable, Equatable {
    /// How a Deferred waits on the next one.
    public enum Reason: Sendable, Equatable {
        /// One of its steps returned the next Deferred.
        case returnedByStep
        /// A pending step of the next Deferred will give it its result (`chainDeferred`, or an
        /// input of a `deferredList`, `gatherResults` or `race`).
        case fedBy
    }

    /// The Deferred.
    public var id: UInt64
    /// How it waits on the next hop.
    public var reason: Reason
    /// Other Deferreds it also waits on (inputs of a list that have not fired either); the walk
    /// follows the oldest.
    public var alsoWaitingOn: Int

    /// Creates a hop.
    public init(id: UInt64, reason: Reason, alsoWaitingOn: Int) {
        self.id = id
        self.reason = reason
        self.alsoWaitingOn = alsoWaitingOn
    }
}

/// The full answer to "why is it stuck": the hops from the Deferred asked about to the blocker.
public struct StuckPath: Sendable, Equatable {
    /// The hops, starting with the Deferred asked about; empty when that Deferred is itself the leaf.
    public var hops: [StuckHop]
    /// Where the walk ended.
    public var blocker: Blocker

    /// Creates a path.
    public init(hops: [StuckHop], blocker: Blocker) {
        self.hops = hops
        self.blocker = blocker
    }
}
