import DeferscopeModel

/// A column of the Events view.
public enum EventColumn: Hashable, Sendable, CaseIterable {
    /// How long ago, relative to the model's now (`-4.2s`).
    case time
    /// The process it came from; shown only in a picture of several processes.
    case process
    /// The Deferred: `#12 'fetch user'`.
    case deferred
    /// What happened (`step ran`), or `warning`.
    case kind
    /// The event's facts: step, outcome type, duration, the other Deferred, the site.
    case details

    /// The table column (title, widths, what is dropped first when narrow).
    public var tableColumn: TableColumn {
        switch self {
        case .time: return TableColumn("WHEN", minWidth: 6, maxWidth: 7, alignment: .right, priority: 8)
        case .process: return TableColumn("PROCESS", minWidth: 8, maxWidth: 22, flex: 1, priority: 6)
        case .deferred: return TableColumn("DEFERRED", minWidth: 10, maxWidth: 24, flex: 2, priority: 10)
        case .kind: return TableColumn("EVENT", minWidth: 11, maxWidth: 11, priority: 9)
        case .details: return TableColumn("DETAILS", minWidth: 10, flex: 4, priority: 7)
        }
    }

    /// Whether the column shows for `model`: the process column only when it holds several
    /// processes.
    public func isShown(in model: DeferscopeModel) -> Bool {
        self != .process || model.holdsSeveralProcesses
    }

    /// The cell for `row`.
    public func cell(_ row: EventRow, context: ViewContext) -> TableCell {
        switch self {
        case .time:
            let time = row.time
            guard context.now > time else { return TableCell("now", style: .textDim) }
            return TableCell("-" + ViewFormat.duration(nanoseconds: context.now - time), style: .textDim)
        case .process:
            let hello = context.model.processHello(of: row.deferredID)
            return TableCell(hello.map { "\($0.pid) \($0.processName)" } ?? "", style: .textDim)
        case .deferred:
            if case .warning = row { return TableCell(context.name(row.deferredID), style: .warning) }
            return TableCell(context.name(row.deferredID))
        case .kind:
            switch row {
            case .warning:
                return TableCell("warning", style: .warning)
            case .event(let event):
                return TableCell(Self.kindName(event), style: Self.kindStyle(event))
            }
        case .details:
            switch row {
            case .warning(let warning):
                // Some messages name their kind already ("deadlock: #1 → #2 → #1").
                let kind = "\(warning.kind): "
                let text = warning.message.hasPrefix(kind) ? warning.message : kind + warning.message
                return TableCell(text, style: .warning)
            case .event(let event):
                return TableCell(Self.details(event, context: context), style: Self.detailsStyle(event))
            }
        }
    }
}
