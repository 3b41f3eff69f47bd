import DeferredKit
import DeferscopeModel

extension EventColumn {
    /// The kind in words: `step ran`, `timed out`.
    static func kindName(_ event: TimelineEvent) -> String {
        guard let kind = event.kind else { return "kind \(event.kindRawValue)" }
        switch kind {
        case .created: return "created"
        case .stepAdded: return "step added"
        case .fired: return "fired"
        case .stepRan: return flags(event).contains(.skipped) ? "step passed" : "step ran"
        case .waiting: return "waiting"
        case .resumed: return "resumed"
        case .paused: return "paused"
        case .unpaused: return "unpaused"
        case .cancelled: return "cancelled"
        case .timeoutArmed: return "timeout set"
        case .timedOut: return "timed out"
        case .alreadyCalled: return "fired twice"
        case .unhandledFailure: return "unhandled"
        case .released: return "released"
        }
    }

    /// The kind's role: states take their state's colour, trouble the warning or error colour.
    static func kindStyle(_ event: TimelineEvent) -> ThemeKey? {
        guard let kind = event.kind else { return .textDim }
        switch kind {
        case .created, .stepAdded, .timeoutArmed: return .statePending
        case .fired, .stepRan, .resumed:
            return event.outcomeIsFailure == true ? .stateFailed : event.kind == .fired ? .stateFired : nil
        case .waiting: return .stateWaiting
        case .paused, .unpaused: return .statePaused
        case .cancelled: return .stateCancelled
        case .timedOut: return .stateTimedOut
        case .alreadyCalled: return .warning
        case .unhandledFailure: return .stateUnhandled
        case .released: return flags(event).contains(.everFired) ? .textDim : .warning
        }
    }

    /// Details of trouble stand out like the kind; the rest are plain.
    static func detailsStyle(_ event: TimelineEvent) -> ThemeKey? {
        switch kindStyle(event) {
        case .warning, .error, .stateFailed, .stateCancelled, .stateTimedOut, .stateUnhandled: return kindStyle(event)
        default: return nil
        }
    }

    /// The event's facts in one line: `step 2 'parse' 1.2ms → Int`, `on #9 'query'`, `at App/X.swift:3`.
    static func details(_ event: TimelineEvent, context: ViewContext) -> String {
        let model = context.model
        var parts: [String] = []
        if event.stepIndex >= 0 {
            var step = "step \(event.stepIndex)"
            if let label = model.stepLabel(of: event.id, index: UInt32(event.stepIndex)), !label.isEmpty {
                step += " '\(label)'"
            }
            parts.append(step)
        }
        let kind = event.kind
        if kind == .stepRan, event.duration > 0, !flags(event).contains(.skipped) {
            parts.append(durationText(event.duration))
        }
        if event.other != 0 {
            switch kind {
            case .waiting: parts.append("on \(context.name(event.other))")
            case .resumed: parts.append("from \(context.name(event.other))")
            case .stepRan where flags(event).contains(.returnedDeferred):
                parts.append("returned \(context.name(event.other))")
            case .fired: parts.append("by \(context.name(event.other))")
            default: parts.append("with \(context.name(event.other))")
            }
        }
        if let failure = event.outcomeIsFailure {
            let type = model.typeName(event.outcomeTypeID) ?? (failure ? "failure" : "value")
            parts.append("→ " + (failure ? "failure \(type)" : type))
        }
        if kind == .released, !flags(event).contains(.everFired) { parts.append("never fired") }
        if kind == .cancelled, flags(event).contains(.fromMonitor) { parts.append("by deferscope") }
        if event.siteID != 0 { parts.append("at " + model.siteName(event.siteID)) }
        return parts.joined(separator: " ")
    }

    private static func flags(_ event: TimelineEvent) -> DeferredEvent.Flags {
        DeferredEvent.Flags(rawValue: event.flags)
    }

    /// Step durations are often far below a millisecond: `35µs`, else `ViewFormat.duration`.
    private static func durationText(_ nanoseconds: UInt64) -> String {
        if nanoseconds < 1_000_000 { return "\(nanoseconds / 1_000)µs" }
        return ViewFormat.duration(nanoseconds: nanoseconds)
    }
}
