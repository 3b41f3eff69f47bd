import DeferscopeModel

/// What a view draws from: the model, how to style it, and the thresholds that colour ages.
public struct ViewContext {
    /// The picture.
    public var model: DeferscopeModel
    /// Roles to styles.
    public var theme: Theme
    /// Unicode or ASCII drawing characters.
    public var glyphs: Glyphs
    /// Ages past this many nanoseconds are drawn as warnings; past three times it, critical.
    public var warnPendingAfter: UInt64

    /// Creates a context.
    public init(model: DeferscopeModel, theme: Theme, glyphs: Glyphs = .unicode, warnPendingAfter: UInt64? = nil) {
        self.model = model
        self.theme = theme
        self.glyphs = glyphs
        self.warnPendingAfter = warnPendingAfter ?? model.configuration.thresholds.pendingWithoutTimeout
    }

    /// The model's present (the newest time it has seen), in agent nanoseconds.
    public var now: UInt64 { model.now }

    /// The style of an age: fine, getting old, or far too old.
    public func ageStyle(_ age: UInt64) -> ThemeKey {
        if age > warnPendingAfter &* 3 { return .ageCritical }
        if age > warnPendingAfter { return .ageWarn }
        return .ageOK
    }

    /// The style of a status.
    public func statusStyle(_ status: DeferredStatus) -> ThemeKey {
        switch status.kind {
        case .pending: return .statePending
        case .waiting: return .stateWaiting
        case .paused: return .statePaused
        case .running: return .stateRunning
        case .succeeded: return .stateSucceeded
        case .failed: return .stateFailed
        }
    }

    /// A Deferred's state in a word, and its style: a failure says how it came about (`timed
    /// out`, `cancelled`) or that nobody handled it (`unhandled`); otherwise the status.
    public func state(of chain: TrackedDeferred) -> (text: String, style: ThemeKey) {
        let status = chain.status
        if status.kind == .failed {
            if chain.timedOut { return ("timed out", .stateTimedOut) }
            if chain.wasCancelled { return ("cancelled", .stateCancelled) }
            if !chain.warnings.isDisjoint(with: [.unhandledFailure, .releasedUnhandled]) {
                return ("unhandled", .stateUnhandled)
            }
        }
        if case .waiting = status { return ("waiting", .stateWaiting) }
        return (status.kind.description, statusStyle(status))
    }

    /// `#12 'fetch user'` (or `#12` without a label), cut to `width` when given.
    public func name(_ id: UInt64) -> String {
        guard let label = model.deferred(id)?.label, !label.isEmpty else { return model.displayID(id) }
        return "\(model.displayID(id)) '\(label)'"
    }

    /// What the Deferred ultimately waits on, in one line: the leaf nobody fired with its site
    /// and age, a paused step, a cycle, or nothing.
    public func blockedOnText(_ id: UInt64) -> String {
        guard let blocker = model.blockedOn(id) else { return "" }
        switch blocker {
        case .notFired(let leaf, let siteID, let createdAt):
            let age = now > createdAt ? now - createdAt : 0
            let site = siteID == 0 ? "" : " at " + ViewFormat.shortSite(model.siteName(siteID))
            if leaf == id { return "not fired\(site)" }
            return "\(name(leaf)) not fired\(site), \(ViewFormat.duration(nanoseconds: age))"
        case .paused(let paused, let stepIndex):
            return paused == id ? "paused before step \(stepIndex)" : "\(name(paused)) paused before step \(stepIndex)"
        case .running(let running):
            return running == id ? "running" : "\(name(running)) running"
        case .cycle(let members):
            return "DEADLOCK " + members.map(model.displayID).joined(separator: "→")
        case .unknown(let unknown):
            return "\(model.displayID(unknown)) (not in the picture)"
        case .tooDeep(let deep):
            return "\(name(deep)) … (deeper)"
        }
    }
}
