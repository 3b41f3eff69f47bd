import DeferscopeModel

extension Dashboard {
    /// The screen for `model`, `width` × `height` cells. Views remember what they drew (the rows
    /// on screen, the selection), so rendering updates them.
    public mutating func render(model: DeferscopeModel, width: Int, height: Int) -> CellGrid {
        let context = context(frozen ?? model)
        let theme = context.theme
        var grid = CellGrid(width: width, height: height, style: theme[.text])
        let screen = grid.bounds
        guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
            // Word by word over the lines there are: whatever the size, say why nothing else shows.
            var line = 0
            var x = 0
            let need = "\(Self.minimumSize.width)×\(Self.minimumSize.height)"
            let text = height < 3 ? "need \(need)" : "terminal too small (\(width)×\(height), need \(need))"
            for word in text.split(separator: " ") {
                if x > 0 && x + word.count > width {
                    line += 1
                    x = 0
                }
                guard line < height else { break }
                x = grid.write(String(word) + " ", x: x, y: line, style: theme[.warning])
            }
            return grid
        }
        let (headerRect, afterHeader) = screen.splitTop(1)
        var belowHeader = afterHeader
        // Over several processes, a line of their own counts under the header.
        if context.model.holdsSeveralProcesses {
            let (stripRect, rest) = belowHeader.splitTop(1)
            ProcessStrip.render(context.model, into: &grid, in: stripRect, theme: theme)
            belowHeader = rest
        }
        let (tabsRect, belowTabs) = belowHeader.splitTop(1)
        let (bodyRect, footerRect) = belowTabs.splitBottom(1)
        HeaderBar.render(headerSegments(context), into: &grid, in: headerRect, theme: theme)
        renderTabs(into: &grid, in: tabsRect, context: context)
        if var open = detail {
            open.render(into: &grid, in: bodyRect, context: context)
            detail = open
        } else if var view = views[current] {
            view.render(into: &grid, in: bodyRect, context: context)
            views[current] = view
        }
        renderFooter(into: &grid, in: footerRect, context: context)
        if let modal {
            renderModal(modal, into: &grid, within: bodyRect, context: context)
        }
        return grid
    }

    // MARK: - Header

    func headerSegments(_ context: ViewContext) -> [HeaderSegment] {
        let model = context.model
        let statistics = model.statistics
        var segments: [HeaderSegment] = []
        let processes = model.processes
        if !processes.isEmpty {
            let attached = processes.count { $0.isAttached }
            let text =
                attached == processes.count
                ? "\(processes.count) processes" : "\(attached) of \(processes.count) processes attached"
            segments.append(HeaderSegment("", text, priority: 10))
        }
        if let hello = model.hello {
            segments.append(HeaderSegment("", "\(hello.processName) \(hello.pid)", priority: 10))
            // The process's age, not the attachment's: the wall clock at the model's instant
            // (placed through the handshake's pair of clock readings) minus the start time.
            let wallNow = hello.wallClockAtBase &+ (model.now &- min(model.now, hello.monotonicBase))
            if wallNow > hello.processStartTime {
                segments.append(
                    HeaderSegment(
                        "up",
                        ViewFormat.duration(nanoseconds: wallNow - hello.processStartTime),
                        priority: 3
                    )
                )
            }
        }
        if frozen != nil {
            segments.append(HeaderSegment("", "PAUSED", valueStyle: .footerPaused, priority: 10))
        }
        segments.append(HeaderSegment("", status.summary, valueStyle: status.style, priority: 9))
        segments.append(
            HeaderSegment("pending", ViewFormat.count(statistics.count(.pending)), priority: 8)
        )
        segments.append(
            HeaderSegment("waiting", ViewFormat.count(statistics.count(.waiting)), shortLabel: "wait", priority: 6)
        )
        segments.append(
            HeaderSegment("paused", ViewFormat.count(statistics.count(.paused)), priority: 4)
        )
        segments.append(
            HeaderSegment("fired/s", ViewFormat.count(Int(statistics.fires.lastSecond)), priority: 7)
        )
        let failed = model.count(of: .failures)
        segments.append(
            HeaderSegment("failed", ViewFormat.count(failed), valueStyle: failed > 0 ? .stateFailed : nil, priority: 5)
        )
        let timedOut = statistics.timedOutCount
        segments.append(
            HeaderSegment(
                "timed out",
                ViewFormat.count(timedOut),
                shortLabel: "t/o",
                valueStyle: timedOut > 0 ? .stateTimedOut : nil,
                priority: 3
            )
        )
        let unhandled = statistics.unhandledCount
        segments.append(
            HeaderSegment(
                "unhandled",
                ViewFormat.count(unhandled),
                shortLabel: "unh",
                valueStyle: unhandled > 0 ? .stateUnhandled : nil,
                priority: 5
            )
        )
        if model.lostEvents > 0 {
            segments.append(
                HeaderSegment(
                    "lost+resynced",
                    ViewFormat.count(model.lostEvents),
                    shortLabel: "lost",
                    valueStyle: .warning,
                    priority: 6
                )
            )
        }
        let warnings = model.warningCount
        segments.append(
            HeaderSegment(
                "warnings",
                ViewFormat.count(warnings),
                shortLabel: "warn",
                valueStyle: warnings > 0 ? .warning : nil,
                priority: 7
            )
        )
        if !model.deadlocks.isEmpty {
            segments.append(
                HeaderSegment("DEADLOCK", ViewFormat.count(model.deadlocks.count), valueStyle: .deadlock, priority: 9)
            )
        }
        return segments
    }

    /// `the process`, or which one in a picture of several (`api 4242`).
    private func processName(of id: UInt64, _ context: ViewContext) -> String {
        context.model.process(of: id)?.title ?? "the process"
    }

    // MARK: - Tabs, footer, modals

    private func renderTabs(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        let titles = ViewKind.allCases.map { kind -> String in
            let count: Int? =
                switch kind {
                case .pending: context.model.count(of: .pending)
                case .timeouts: context.model.count(of: .timeouts)
                case .errors: context.model.count(of: .failures)
                default: nil
                }
            // TabBar numbers the tabs itself.
            return kind.title + (count.map { " \(ViewFormat.count($0))" } ?? "")
        }
        let sparkWidth = min(30, rect.width / 4)
        let tabs = Rect(x: rect.x, y: rect.y, width: rect.width - sparkWidth, height: 1)
        let spark = Rect(x: rect.maxX - sparkWidth, y: rect.y, width: sparkWidth, height: 1)
        TabBar.render(
            titles,
            active: detail == nil ? current.rawValue - 1 : -1,
            into: &grid,
            in: tabs,
            theme: context.theme
        )
        if sparkWidth >= 8 {
            let series = context.model.statistics.fires.perSecond.map(Double.init)
            let label = "fired/s "
            grid.write(label, x: spark.x, y: spark.y, style: context.theme[.textDim], clip: spark)
            let line = Sparkline.text(series, width: spark.width - label.count, glyphs: context.glyphs)
            grid.write(line, x: spark.x + label.count, y: spark.y, style: context.theme[.sparkline], clip: spark)
        }
    }

    private func renderFooter(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        if case .filter(let editor) = modal {
            editor.render(prompt: "filter /", into: &grid, in: rect, theme: context.theme)
            return
        }
        if let message {
            grid.fill(rect, style: context.theme[.footerText])
            // A paused or error message stands out as a block, a space either side.
            grid.write(" \(message) ", x: rect.x, y: rect.y, style: context.theme[messageStyle], clip: rect)
            return
        }
        var hints: [KeyHint] = []
        func add(_ action: Action, _ label: String, _ priority: Int) {
            if let hint = keyMap.hint(for: action, label: label, priority: priority, in: keyContext) {
                hints.append(hint)
            }
        }
        add(.help, "help", 10)
        add(.quit, "quit", 10)
        if detail != nil {
            add(.back, "back", 9)
        } else {
            add(.select, "details", 8)
            add(.filter, "filter", 7)
            if focused?.isSortable ?? false { add(.sortNextColumn, "sort", 5) }
        }
        if keyContext == .live {
            add(.cancelSelected, "cancel", 6)
            add(.pause, frozen == nil ? "pause" : "resume", 6)
        } else {
            add(.replayPlayPause, "play/pause", 9)
            add(.replaySeekForward, "+10s", 4)
            add(.replaySeekBack, "-10s", 4)
            add(.replayFaster, "faster", 3)
        }
        add(.cycleTheme, "theme", 2)
        hints += focused?.hints ?? []
        if let text = filterTexts[current], detail == nil {
            hints.append(KeyHint(key: "/", label: "filter: \(text)", priority: 8))
        }
        FooterBar.render(hints, into: &grid, in: rect, theme: context.theme)
    }

    private func renderModal(_ modal: Modal, into grid: inout CellGrid, within rect: Rect, context: ViewContext) {
        switch modal {
        case .help(let offset):
            let lines = keyMap.helpLines(in: keyContext, mouse: usesMouse, theme: context.theme)
            let fit = max(1, rect.height - 2)
            let start = min(offset, max(0, lines.count - fit))
            var shown = Array(lines.dropFirst(start).prefix(fit))
            if start + fit < lines.count, !shown.isEmpty {
                shown[shown.count - 1] = [
                    Span("  … ", context.theme[.textDim]), Span("↓", context.theme[.keyHint]),
                    Span(" for more", context.theme[.textDim]),
                ]
            }
            ModalBox.render(
                title: "deferscope keys (any other key closes)",
                lines: shown,
                into: &grid,
                within: rect,
                theme: context.theme,
                glyphs: context.glyphs,
                titleStyle: .helpTitle
            )
        case .confirmCancel(let id):
            ModalBox.render(
                title: "Cancel",
                lines: [
                    [Span("Cancel \(context.name(id)) in \(processName(of: id, context))?", context.theme[.modal])],
                    [Span("Its canceller runs, or it fails with CancelledError.", context.theme[.textDim])],
                    [Span("y", context.theme[.keyHint]), Span(" cancel   any other key: keep", context.theme[.modal])],
                ],
                into: &grid,
                within: rect,
                theme: context.theme,
                glyphs: context.glyphs
            )
        case .filter:
            break
        }
    }
}
