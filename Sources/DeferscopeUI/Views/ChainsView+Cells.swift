import DeferscopeModel

extension ChainsView {
    /// Tree and name, state, age, creation site.
    static let columns = [
        TableColumn("CHAIN", minWidth: 20, flex: 4, priority: 10),
        TableColumn("STATE", minWidth: 9, maxWidth: 10, priority: 8),
        TableColumn("AGE", minWidth: 6, maxWidth: 7, alignment: .right, priority: 9),
        TableColumn("CREATED AT", minWidth: 12, flex: 2, priority: 3, truncation: .middle),
    ]

    /// The cells of `row`, one per column.
    /// A node that `filter` matches has its name in `filter.match` (the filter only chooses the
    /// roots; `n`/`N` go from match to match), unless it is in a deadlock.
    static func cells(_ row: Row, context: ViewContext, filter: DeferredFilter? = nil) -> [TableCell] {
        let ellipsis = String(context.glyphs.ellipsis)
        switch row.kind {
        case .node(let chain, let children, let collapsed):
            let name = row.guide + label(chain, context.model) + (collapsed ? " (+\(children))" : "")
            let age = chain.age(at: context.now)
            let site = TableCell(context.model.siteName(chain.siteID), style: .textDim)
            let ageCell = TableCell(ViewFormat.duration(nanoseconds: age), style: context.ageStyle(age))
            if chain.warnings.contains(.deadlock) {
                return [TableCell(name, style: .deadlock), TableCell("DEADLOCK", style: .deadlock), ageCell, site]
            }
            let matched = filter?.matches(chain, in: context.model) ?? false
            if children == 0, let stuck = stuckText(chain) {
                return [
                    TableCell(name, style: matched ? .filterMatch : .blockedOn), TableCell(stuck, style: .blockedOn),
                    ageCell, site,
                ]
            }
            let state = context.state(of: chain)
            return [
                TableCell(name, style: matched ? .filterMatch : nil), TableCell(state.text, style: state.style),
                ageCell,
                site,
            ]
        case .cycle(let chain):
            let name =
                row.guide + (chain.map { label($0, context.model) } ?? context.model.displayID(row.id)) + " (cycle)"
            return [TableCell(name, style: .deadlock), TableCell("DEADLOCK", style: .deadlock)]
        case .missing:
            return [
                TableCell(row.guide + "\(context.model.displayID(row.id)) (not in the picture)", style: .textDim),
                TableCell("gone"),
            ]
        case .moreChildren(let count):
            return [TableCell(row.guide + "\(ellipsis) \(ViewFormat.count(count)) more", style: .textDim)]
        case .deeper:
            return [TableCell(row.guide + "\(ellipsis) deeper", style: .textDim)]
        case .notWalked(let pending, let rows):
            let text =
                pending > 0
                ? "\(ellipsis) \(ViewFormat.count(pending)) pending not walked: / narrows the roots"
                : "\(ellipsis) cut at \(ViewFormat.count(rows)) rows: / narrows the roots"
            return [TableCell(text, style: .warning)]
        }
    }

    /// `#12 'fetch user'`, or `#12`.
    static func label(_ chain: TrackedDeferred, _ model: DeferscopeModel) -> String {
        guard let label = chain.label, !label.isEmpty else { return model.displayID(chain.id) }
        return "\(model.displayID(chain.id)) '\(label)'"
    }

    /// What a leaf is stuck on, when it is: nobody fired it, or `pause()` holds it.
    static func stuckText(_ chain: TrackedDeferred) -> String? {
        guard !chain.isReleased else { return nil }
        switch chain.status {
        case .pending: return "not fired"
        case .paused: return "paused"
        default: return nil
        }
    }
}
