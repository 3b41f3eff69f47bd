import DeferscopeModel

extension Dashboard {
    /// Handles one key, mouse action or resize; returns what the owner must do.
    public mutating func handle(_ event: KeyEvent, model: DeferscopeModel) -> [DashboardCommand] {
        let context = context(frozen ?? model)
        if let modal {
            switch event {
            case .key(let key): return handleModal(modal, key: key, context: context)
            case .mouse(let mouse): return handleModal(modal, mouse: mouse)
            case .resize: return []
            }
        }
        if case .mouse = event, !usesMouse { return [] }
        guard let action = keyMap.action(for: event, in: keyContext) else { return [] }
        message = nil
        return handle(action, context: context)
    }

    /// Handles one action.
    public mutating func handle(_ action: Action, context: ViewContext) -> [DashboardCommand] {
        switch action {
        case .quit:
            return [.quit]
        case .redraw:
            return [.redraw]
        case .help:
            modal = .help(offset: 0)
        case .nextView:
            show(current.next)
        case .previousView:
            show(current.previous)
        case .showView(let number):
            if let kind = ViewKind(rawValue: number) { show(kind) }
        case .treeView:
            show(.chains)
        case .back:
            detail = detailTrail.popLast()
        case .cycleTheme:
            // A broken theme of the user's is passed over, and said once.
            let skipped = themes.cycle()
            message = "theme: \(themes.current.name)" + skipped.map { " (skipped \(Self.summary($0)))" }.joined()
            if !skipped.isEmpty { messageStyle = .footerError }
        case .pause:
            if keyContext == .replay { return [.replayPlayPause] }
            // The display freezes; the feed keeps applying events underneath.
            frozen = frozen == nil ? context.model : nil
            message =
                frozen == nil ? "live again" : "PAUSED: the picture is frozen, data keeps arriving (Space resumes)"
            if frozen != nil { messageStyle = .footerPaused }
        case .filter:
            guard detail == nil else { return [] }
            modal = .filter(LineEditor(text: filterTexts[current] ?? "", history: filterHistory))
        case .clearFilter:
            setFocusedFilter(nil, text: "")
        case .cancelSelected:
            guard keyContext == .live else {
                message = "a recording cannot be changed: cancel works on a live process"
                messageStyle = .footerError
                return []
            }
            if let id = focused?.selectedID { modal = .confirmCancel(id) }
        case .replayPlayPause: return [.replayPlayPause]
        case .replayFaster: return [.replaySpeed(2)]
        case .replaySlower: return [.replaySpeed(0.5)]
        case .replayStepForward: return [.replayStep(1)]
        case .replayStepBack: return [.replayStep(-1)]
        case .replaySeekForward: return [.replaySeek(10)]
        case .replaySeekBack: return [.replaySeek(-10)]
        case .replayStart: return [.replayJump(toEnd: false)]
        case .replayEnd: return [.replayJump(toEnd: true)]
        case .open(let x, let y):
            open(x: x, y: y, context: context)
        case .refreshFaster, .refreshSlower:
            let steps = Self.refreshIntervals
            let index = steps.lastIndex { $0 <= refreshInterval } ?? 0
            let next = action == .refreshFaster ? max(0, index - 1) : min(steps.count - 1, index + 1)
            refreshInterval = steps[next]
            message = "refresh every \(ViewFormat.duration(seconds: refreshInterval))"
        case .nextMatch, .previousMatch:
            findMatch(forward: action == .nextMatch, context: context)
        case .sortNextColumn where detail == nil && views[current]?.isSortable == false,
            .sortPreviousColumn where detail == nil && views[current]?.isSortable == false:
            // A view without columns to sort (the Chains tree) takes → and ← as unfold and fold.
            forwardToView(action == .sortNextColumn ? .expand : .collapse, context: context)
        default:
            forwardToView(action, context: context)
        }
        return []
    }

    /// `n`/`N`: the view finds the next match itself (the Chains tree), or, in a list that only
    /// shows matches, the next match is the next row.
    private mutating func findMatch(forward: Bool, context: ViewContext) {
        guard filterTexts[current] != nil, detail == nil else {
            message = "n and N go to the next and previous match of a filter: type / first"
            return
        }
        if forwardToView(forward ? .nextMatch : .previousMatch, context: context) == .ignored {
            forwardToView(forward ? .moveDown : .moveUp, context: context)
        }
    }

    /// A broken theme in a few words for the footer: the file and its first problem.
    static func summary(_ error: ThemeError) -> String {
        guard let problem = error.problems.first else { return error.source }
        let place = problem.line > 0 ? "\(error.source):\(problem.line)" : error.source
        let more = error.problems.count > 1 ? " and \(error.problems.count - 1) more" : ""
        return "\(place): \(problem.message)\(more)"
    }

    private mutating func show(_ kind: ViewKind) {
        detail = nil
        detailTrail = []
        current = kind
    }

    /// A double-click: the click selects the row; then the row opens, unless the click
    /// already opened it (a click on the selected row does) or hit no row.
    private mutating func open(x: Int, y: Int, context: ViewContext) {
        switch forwardToView(.click(x: x, y: y), context: context) {
        case .handled: forwardToView(.select, context: context)
        case .ignored, .showDetail: break
        }
    }

    @discardableResult
    private mutating func forwardToView(_ action: Action, context: ViewContext) -> ViewResponse {
        let response: ViewResponse
        if var open = detail {
            response = open.handle(action, context: context)
            detail = open
        } else if var view = views[current] {
            response = view.handle(action, context: context)
            views[current] = view
        } else {
            return .ignored
        }
        if case .showDetail(let id) = response, let makeDetail {
            if let open = detail { detailTrail.append(open) }
            detail = makeDetail(id)
        }
        return response
    }

    private mutating func setFocusedFilter(_ filter: DeferredFilter?, text: String) {
        if detail != nil { return }
        views[current]?.filter = filter
        filterTexts[current] = text.isEmpty ? nil : text
    }

    /// The mouse over a box: the wheel scrolls the help, a click closes it; the cancel question
    /// and the filter prompt want a key.
    private mutating func handleModal(_ modal: Modal, mouse: MouseEvent) -> [DashboardCommand] {
        guard usesMouse, case .help(let offset) = modal else { return [] }
        switch mouse.kind {
        case .scrollUp: self.modal = .help(offset: max(0, offset - 3))
        case .scrollDown: self.modal = .help(offset: offset + 3)
        case .click, .doubleClick: self.modal = nil
        }
        return []
    }

    private mutating func handleModal(_ modal: Modal, key: Key, context: ViewContext) -> [DashboardCommand] {
        switch modal {
        case .help(let offset):
            switch key {
            case .down, .character("j"): self.modal = .help(offset: offset + 1)
            case .up, .character("k"): self.modal = .help(offset: max(0, offset - 1))
            case .pageDown, .character(" "): self.modal = .help(offset: offset + 10)
            case .pageUp: self.modal = .help(offset: max(0, offset - 10))
            default: self.modal = nil
            }
        case .confirmCancel(let id):
            self.modal = nil
            if key == .character("y") || key == .character("Y") || key == .enter {
                message = "cancelling \(context.name(id))…"
                return [.cancel(id)]
            }
            message = "not cancelled"
        case .filter(var editor):
            switch editor.handle(key) {
            case .submitted(let text):
                self.modal = nil
                do {
                    let filter = text.isEmpty ? nil : try DeferredFilter(parsing: text)
                    setFocusedFilter(filter, text: text)
                    if !text.isEmpty { filterHistory.append(text) }
                } catch {
                    message = "filter: \(error.message) (column \(error.column))"
                    messageStyle = .footerError
                }
            case .cancelled:
                self.modal = nil
            case .edited, .ignored:
                self.modal = .filter(editor)
            }
        }
        return []
    }
}
