import DeferscopeModel

extension DetailView {
    /// The steps table's columns (the marker of the current step first).
    static let stepColumns = [
        TableColumn("", minWidth: 1, maxWidth: 1, priority: 10),
        TableColumn("#", minWidth: 3, maxWidth: 5, alignment: .right, priority: 10),
        TableColumn("KIND", minWidth: 8, maxWidth: 14, priority: 6),
        TableColumn("LABEL", minWidth: 8, flex: 2, priority: 5),
        TableColumn("SITE", minWidth: 12, flex: 2, priority: 4, truncation: .middle),
        TableColumn("STATE", minWidth: 7, maxWidth: 7, priority: 9),
        TableColumn("TIME", minWidth: 6, maxWidth: 7, alignment: .right, priority: 7),
        TableColumn("OUTCOME", minWidth: 7, flex: 1, priority: 8),
    ]

    /// The steps as a table, the current one marked.
    func steps(_ chain: TrackedDeferred, width: Int, context: ViewContext) -> [Line] {
        let theme = context.theme
        guard chain.stepCount > 0 else { return [[Span("no steps", theme[.textDim])]] }
        let table = Table(columns: Self.stepColumns)
        let slots = table.layout(width: max(1, width - 2))
        var lines: [Line] = [
            tableLine(Self.stepColumns.map { TableCell($0.title) }, slots: slots, style: .tableHeader, context: context)
        ]
        if chain.stepBase > 0 {
            lines.append([Span("\(chain.stepBase) earlier steps ran before the picture began", theme[.textDim])])
        }
        let current = currentStep(chain)
        let marker = context.glyphs == .ascii ? ">" : "▶"
        for (offset, step) in chain.steps.prefix(Limits.steps).enumerated() {
            let index = chain.stepBase + UInt32(offset)
            let state: (String, ThemeKey)
            switch chain.stepStatus(at: index) {
            case .ran where step.skipped: state = ("skipped", .textDim)
            case .ran where step.returnedDeferred && index == current: state = ("waiting", .stateWaiting)
            case .ran: state = ("ran", .stateSucceeded)
            case .running: state = ("running", .stateRunning)
            case .waiting: state = ("waiting", .statePending)
            }
            var outcome = TableCell("")
            if let failed = step.outcomeIsFailure {
                let name = context.model.typeName(step.outcomeTypeID) ?? (failed ? "failure" : "value")
                outcome = TableCell(name, style: failed ? .stateFailed : nil)
            }
            let cells = [
                TableCell(index == current ? marker : "", style: .blockedOn),
                TableCell("\(index)", style: .textDim),
                TableCell(step.kind?.description ?? "kind \(step.kindRawValue)"),
                TableCell(context.model.stepLabel(of: id, index: index) ?? ""),
                TableCell(context.model.siteName(step.siteID), style: .textDim),
                TableCell(state.0, style: state.1),
                TableCell(step.hasRun ? ViewFormat.duration(nanoseconds: step.duration) : ""),
                outcome,
            ]
            lines.append(tableLine(cells, slots: slots, style: .text, context: context))
        }
        let kept = UInt32(min(chain.steps.count, Limits.steps))
        let later = Int(chain.stepCount) - Int(chain.stepBase + kept)
        if later > 0 {
            lines.append([Span("\(context.glyphs.ellipsis) \(later) more steps", theme[.textDim])])
        }
        return lines
    }

    /// The step the chain is at: the one that returned what it waits on, else the next to run.
    func currentStep(_ chain: TrackedDeferred) -> UInt32? {
        guard chain.status.isUnsettled, !chain.isReleased else { return nil }
        if case .waiting = chain.status, chain.stepsRun > 0 { return chain.stepsRun - 1 }
        return chain.stepsRun < chain.stepCount ? chain.stepsRun : nil
    }

    /// `cells` laid out in `slots`, as one line.
    private func tableLine(
        _ cells: [TableCell],
        slots: [TableColumnSlot],
        style: ThemeKey,
        context: ViewContext
    ) -> Line {
        var line: Line = []
        var x = 0
        for slot in slots {
            let column = Self.stepColumns[slot.column]
            let cell = cells[slot.column]
            if slot.x > x { line.append(Span(String(repeating: " ", count: slot.x - x), context.theme[style])) }
            let text = cell.text.truncated(
                toWidth: slot.width,
                ellipsis: context.glyphs.ellipsis,
                position: column.truncation
            )
            line.append(
                Span(
                    text.padded(toWidth: slot.width, alignment: column.alignment, ellipsis: context.glyphs.ellipsis),
                    context.theme[cell.style ?? style]
                )
            )
            x = slot.x + slot.width
        }
        return line
    }

    /// `in 3.2s` and a bar of the time left, or that it is due or expired.
    func timeout(_ chain: TrackedDeferred, timeline: [TimelineEvent], width: Int, context: ViewContext) -> [Line] {
        let theme = context.theme
        guard chain.hasTimeout else { return [[Span("timed out", theme[.stateTimedOut])]] }
        let remaining = Int64(bitPattern: chain.timeoutDeadline &- context.now)
        guard remaining > 0 else { return [[Span("due now", theme[.warning])]] }
        let armedAt = timeline.first { $0.kind == .timeoutArmed }?.timestamp ?? chain.createdAt
        let span = chain.timeoutDeadline > armedAt ? chain.timeoutDeadline - armedAt : 1
        let text = "in " + ViewFormat.duration(nanoseconds: UInt64(remaining)) + " "
        let barWidth = max(0, min(40, width - 2 - text.count))
        let pieces = ProgressBar.pieces(
            fraction: Double(remaining) / Double(span),
            width: barWidth,
            glyphs: context.glyphs
        )
        var line: Line = [
            Span(text, theme[remaining < 1_000_000_000 ? .warning : .text]), Span(pieces.filled, theme[.timeoutBar]),
        ]
        if let partial = pieces.partial {
            var style = theme[.timeoutBar]
            style.background = theme[.timeoutBarEmpty].background
            line.append(Span(String(partial), style))
        }
        line.append(Span(String(repeating: context.glyphs.barEmpty, count: pieces.empty), theme[.timeoutBarEmpty]))
        return [line]
    }

    /// Its events, newest first: how long ago, what, and the details the event carries.
    func timeline(_ events: [TimelineEvent], context: ViewContext) -> [Line] {
        let theme = context.theme
        guard !events.isEmpty else { return [[Span("no events kept", theme[.textDim])]] }
        var lines: [Line] = events.prefix(Limits.timeline).map { event in
            let ago = context.now > event.timestamp ? context.now - event.timestamp : 0
            var line: Line = [
                Span(
                    (ViewFormat.duration(nanoseconds: ago) + " ago").padded(toWidth: 11, alignment: .right),
                    theme[.textDim]
                ),
                Span(
                    "  " + (event.kind?.description ?? "event \(event.kindRawValue)").padded(toWidth: 16),
                    theme[EventColumn.kindStyle(event) ?? .text]
                ),
            ]
            var details: [String] = []
            if event.stepIndex >= 0 { details.append("step \(event.stepIndex)") }
            if event.other != 0 { details.append(context.model.displayID(event.other)) }
            if event.duration > 0 { details.append(ViewFormat.duration(nanoseconds: event.duration)) }
            if event.siteID != 0 { details.append(context.model.siteName(event.siteID)) }
            line.append(Span(details.joined(separator: "  "), theme[.textDim]))
            if let failed = event.outcomeIsFailure {
                let name = context.model.typeName(event.outcomeTypeID) ?? (failed ? "failure" : "value")
                line.append(Span("  → " + name, theme[failed ? .stateFailed : .text]))
            }
            return line
        }
        if events.count > Limits.timeline {
            lines.append([
                Span("\(context.glyphs.ellipsis) \(events.count - Limits.timeline) older events", theme[.textDim])
            ])
        }
        return lines
    }
}
