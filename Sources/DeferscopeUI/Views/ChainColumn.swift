import DeferscopeModel

/// A column a list of Deferreds can show: its table column, its cell for a row, and the model
/// order it sorts by.
public enum ChainColumn: Hashable, Sendable {
    case id
    /// The process it belongs to; shown only in a picture of several processes.
    case process
    case label
    case age
    case state
    case steps
    case blockedOn
    case timeout
    case site
    case failure
    case problem
    case settled

    /// The table column (title, widths, what is dropped first when narrow).
    public var tableColumn: TableColumn {
        switch self {
        case .id: return TableColumn("ID", minWidth: 5, maxWidth: 8, alignment: .right, priority: 10)
        case .process: return TableColumn("PROCESS", minWidth: 8, maxWidth: 22, flex: 1, priority: 8)
        case .label: return TableColumn("LABEL", minWidth: 12, flex: 3, priority: 9)
        case .age: return TableColumn("AGE", minWidth: 6, maxWidth: 7, alignment: .right, priority: 9)
        case .state: return TableColumn("STATE", minWidth: 9, maxWidth: 9, priority: 8)
        case .steps: return TableColumn("STEPS", minWidth: 5, maxWidth: 7, alignment: .right, priority: 4)
        case .blockedOn: return TableColumn("BLOCKED ON", minWidth: 14, flex: 4, priority: 7)
        case .timeout: return TableColumn("TIMEOUT", minWidth: 8, maxWidth: 16, flex: 1, priority: 5)
        case .site: return TableColumn("CREATED AT", minWidth: 12, flex: 2, priority: 3, truncation: .middle)
        case .failure: return TableColumn("FAILURE", minWidth: 14, flex: 3, priority: 8)
        case .problem: return TableColumn("HANDLED?", minWidth: 10, maxWidth: 18, priority: 7)
        case .settled: return TableColumn("WHEN", minWidth: 6, maxWidth: 8, alignment: .right, priority: 6)
        }
    }

    /// The model's order for this column, when it sorts.
    public var sortColumn: SortColumn? {
        switch self {
        case .id: return .id
        // A model id carries its process in its top bits: by id is by process, then by id.
        case .process: return .id
        case .label: return .label
        case .age: return .age
        case .state: return .state
        case .steps: return .steps
        case .blockedOn: return .blockedOn
        case .timeout: return .timeout
        case .site: return .site
        case .settled: return .settledAt
        case .failure, .problem: return nil
        }
    }

    /// Whether the column shows for `model`: the process column only when it holds several
    /// processes.
    public func isShown(in model: DeferscopeModel) -> Bool {
        self != .process || model.holdsSeveralProcesses
    }

    /// The cell for `row`.
    public func cell(_ row: TrackedDeferred, context: ViewContext) -> TableCell {
        let now = context.now
        switch self {
        case .id:
            return TableCell(context.model.displayID(row.id), style: .textDim)
        case .process:
            // The pid first: it tells processes of one executable apart when the column is narrow.
            let hello = context.model.processHello(of: row.id)
            return TableCell(hello.map { "\($0.pid) \($0.processName)" } ?? "", style: .textDim)
        case .label:
            return TableCell(row.label ?? "", style: nil)
        case .age:
            let age = row.age(at: now)
            return TableCell(ViewFormat.duration(nanoseconds: age), style: context.ageStyle(age))
        case .state:
            let state = context.state(of: row)
            return TableCell(state.text, style: state.style)
        case .steps:
            return TableCell("\(row.stepsRun)/\(row.stepCount)")
        case .blockedOn:
            let text = context.blockedOnText(row.id)
            return TableCell(text, style: text.hasPrefix("DEADLOCK") ? .deadlock : .blockedOn)
        case .timeout:
            guard row.hasTimeout else { return TableCell("-", style: .textDim) }
            let remaining = Int64(bitPattern: row.timeoutDeadline &- now)
            return TableCell(
                remaining > 0 ? "in " + ViewFormat.duration(nanoseconds: UInt64(remaining)) : "due",
                style: remaining < 1_000_000_000 ? .warning : nil
            )
        case .site:
            // The file and line say where; the module is in the detail view.
            guard row.siteID != 0 else { return TableCell("-", style: .textDim) }
            return TableCell(ViewFormat.shortSite(context.model.siteName(row.siteID)), style: .textDim)
        case .failure:
            let type = context.model.typeName(row.outcomeTypeID) ?? "failure"
            let description = context.model.valueDescription(of: row.id).map { ": \($0)" } ?? ""
            let style = context.state(of: row).style
            return TableCell(type + description, style: style == .stateUnhandled ? .stateFailed : style)
        case .problem:
            if row.warnings.contains(.releasedUnhandled) {
                return TableCell("released unhandled", style: .stateUnhandled)
            }
            if row.warnings.contains(.unhandledFailure) { return TableCell("UNHANDLED", style: .stateUnhandled) }
            if row.failureTaken { return TableCell("taken by waiter", style: .textDim) }
            return TableCell("handled", style: .textDim)
        case .settled:
            guard row.settledAt != 0, now >= row.settledAt else { return TableCell("") }
            return TableCell(ViewFormat.duration(nanoseconds: now - row.settledAt) + " ago", style: .textDim)
        }
    }
}
