import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

/// The keys issue 5 added to themes are where a theme author would look for them: a whole
/// dashboard drawn from a fixed picture with `Screen.theme` (every key its own colour), and the
/// cells that show a timed-out, cancelled, unhandled or fired Deferred, the PAUSED banner, a
/// footer error, a focused box and a filter match carry their key's style.
@Suite("Theme keys in use")
struct ThemeKeyUseTests {
    /// At 110 s: `#1 'slow call'` timed out (armed, ran out, cancelled, failed); `#2 'user quit'`
    /// cancelled (failed with the cancellation); `#3 'parse'` failed with no step to handle it
    /// (unhandled, and reported so: released unhandled); `#4 'ok'` fired a value; `#5 'later'` still pending.
    static func model() -> DeferscopeModel {
        var model = Script.start()
        var script = Script()
        script.created(1, label: "slow call", site: 1)
        script.created(2, label: "user quit", site: 1)
        script.created(3, label: "parse", site: 2)
        script.created(4, label: "ok", site: 2)
        script.created(5, label: "later", site: 3)
        script.advance(Script.second)
        script.event(.timedOut, 1) { $0.timeoutSeconds = 1 }
        script.event(.cancelled, 1)
        script.fired(1, Script.failure)
        script.event(.cancelled, 2)
        script.fired(2, Script.failure)
        script.fired(3, Script.failure)
        script.event(.unhandledFailure, 3)
        script.fired(4)
        // The newest event is the pending one's: the rows above are not the selected row.
        script.advance(Script.second)
        script.stepAdded(5, index: 0)
        model.run(&script)
        model.advance(to: 110 * Script.second)
        return model
    }

    /// A dashboard in `Screen.theme`, after `keys`, drawn at 160×40.
    static func render(_ keys: [Key], model: DeferscopeModel = model(), filter: String? = nil) throws -> CellGrid {
        var dashboard = Dashboard.standard(themes: ThemeSelection(themes: [Screen.theme]))
        dashboard.status = .live
        _ = dashboard.render(model: model, width: 160, height: 40)
        for key in keys {
            _ = dashboard.handle(.key(key), model: model)
        }
        if let filter { try dashboard.setFilter(filter) }
        return dashboard.render(model: model, width: 160, height: 40)
    }

    /// The roles of the first cell of every place `text` is written on rows `rows`, top to bottom.
    static func roles(of text: String, in grid: CellGrid, rows: Range<Int>? = nil) -> [ThemeKey?] {
        (rows ?? 0..<grid.height).compactMap { y in
            Screen.column(of: text, in: grid, y: y).map { Screen.role(grid, x: $0, y: y) }
        }
    }

    /// Where `text` starts on line `y`; fails the test (showing the line) when it is not there.
    static func column(of text: String, in grid: CellGrid, y: Int) throws -> Int {
        let line = grid.line(y)
        let found = Screen.column(of: text, in: grid, y: y)
        return try #require(found, "'\(text)' not on line \(y): \(line)")
    }

    @Test("the Events view's kinds: timed out, cancelled, unhandled and fired take their state's style")
    func eventKinds() throws {
        let grid = try Self.render([.character("6")])
        let x = try Self.column(of: "EVENT", in: grid, y: 2)
        // Each row's kind (the EVENT column) and the role its first cell has.
        let kinds = (3..<39).map { y in
            let text = String(grid.line(y, trimmingTrailingSpaces: false).dropFirst(x).prefix(11))
            return (text.split(separator: " ").joined(separator: " "), Screen.role(grid, x: x, y: y))
        }
        func roles(_ kind: String) -> [ThemeKey?] { kinds.filter { $0.0 == kind }.map(\.1) }
        #expect(roles("timed out") == [.stateTimedOut])
        #expect(roles("cancelled") == [.stateCancelled, .stateCancelled])
        #expect(roles("unhandled") == [.stateUnhandled])
        // A value given is state.fired; a failure given is a failure first.
        #expect(roles("fired") == [.stateFailed, .stateFailed, .stateFailed, .stateFired])
        #expect(roles("created").allSatisfy { $0 == .statePending })
    }

    @Test("the header's timed out and unhandled counts, when not zero, take state.timed_out and state.unhandled")
    func headerCounts() throws {
        let grid = try Self.render([])
        let header = grid.line(0)
        #expect(header.contains("timed out 1"), "\(header)")
        let timedOut = try Self.column(of: "timed out 1", in: grid, y: 0)
        #expect(Screen.role(grid, x: timedOut + 10, y: 0) == .stateTimedOut)
        #expect(Screen.role(grid, x: timedOut, y: 0) == .headerDim, "the label stays the header's")
        let unhandled = try Self.column(of: "unhandled ", in: grid, y: 0)
        #expect(Screen.role(grid, x: unhandled + 10, y: 0) == .stateUnhandled)
    }

    @Test("the Errors view: a timed-out and a cancelled failure in their colours, UNHANDLED in state.unhandled")
    func errorsView() throws {
        let grid = try Self.render([.character("4")])
        let lines = Screen.lines(grid)
        func row(_ label: String) throws -> Int { try #require(lines.firstIndex { $0.contains(label) }, "\(label)") }
        // The failure column: the type (all fail with the script's failure type) in the row's style.
        let failure = try Self.column(of: "FAILURE", in: grid, y: 2)
        let handled = try Self.column(of: "HANDLED?", in: grid, y: 2)
        let roles = (0..<grid.height).map { Screen.role(grid, x: 0, y: $0) }
        let selected = try #require(roles.firstIndex { $0 == .rowSelected })
        for (label, style) in [("slow call", ThemeKey.stateTimedOut), ("user quit", .stateCancelled)] {
            let y = try row(label)
            guard y != selected else { continue }
            #expect(Screen.role(grid, x: failure, y: y) == style, "\(label): \(lines[y])")
        }
        let parse = try row("#3 parse")
        if parse != selected {
            #expect(Screen.role(grid, x: handled, y: parse) == .stateUnhandled)
            #expect(Screen.role(grid, x: failure, y: parse) == .stateFailed, "the failure itself stays failed")
        }
        // Whatever the order, at least one of the three rows is not selected and was checked.
        #expect([try row("slow call"), try row("user quit"), parse].contains { $0 != selected })
    }

    @Test("the detail page: the state says timed out / cancelled / unhandled in its style; headings are ui.title")
    func detailState() throws {
        for (id, text, style) in [
            (1, "timed out", ThemeKey.stateTimedOut), (2, "cancelled", .stateCancelled),
            (3, "unhandled", .stateUnhandled),
        ] {
            var view = DetailView(id: UInt64(id))
            let grid = Screen.render(&view, Self.model(), width: 120, height: 60)
            let x = try Self.column(of: "  " + text + "  age", in: grid, y: 0)
            #expect(Screen.role(grid, x: x + 2, y: 0) == style, "\(grid.line(0))")
            let heading = try #require(Screen.lines(grid).firstIndex { $0.hasPrefix("WHY IS IT STUCK") })
            #expect(Screen.role(grid, x: 0, y: heading) == .title)
        }
        var view = DetailView(id: 1)
        let grid = Screen.render(&view, Self.model(), width: 120, height: 60)
        let timeout = try #require(Screen.lines(grid).firstIndex { $0.hasPrefix("TIMEOUT") })
        #expect(Screen.role(grid, x: 2, y: timeout + 1) == .stateTimedOut, "\(grid.line(timeout + 1))")
    }

    @Test("Space: the footer's PAUSED message is footer.paused, and so is the header's PAUSED")
    func paused() throws {
        let grid = try Self.render([.character(" ")])
        let footer = grid.line(39)
        #expect(footer.contains("PAUSED: the picture is frozen"), "\(footer)")
        let x = try Self.column(of: "PAUSED:", in: grid, y: 39)
        #expect(Screen.role(grid, x: x, y: 39) == .footerPaused)
        #expect(Screen.role(grid, x: x - 1, y: 39) == .footerPaused, "a space either side")
        let header = try Self.column(of: "PAUSED", in: grid, y: 0)
        #expect(Screen.role(grid, x: header, y: 0) == .footerPaused)
        // Resumed, the message is an ordinary one.
        let live = try Self.render([.character(" "), .character(" ")])
        let again = try Self.column(of: "live again", in: live, y: 39)
        #expect(Screen.role(live, x: again, y: 39) == .footerText)
    }

    @Test("a filter that does not parse is footer.error; the next message is footer.text again")
    func footerError() throws {
        let keys = "/age>".map { Key.character($0) } + [.enter]
        let grid = try Self.render(keys)
        let x = try Self.column(of: "filter:", in: grid, y: 39)
        #expect(Screen.role(grid, x: x, y: 39) == .footerError)
        let then = try Self.render(keys + [.character("t")])
        let theme = try Self.column(of: "theme: roles", in: then, y: 39)
        #expect(Screen.role(then, x: theme, y: 39) == .footerText)
    }

    @Test("a box has the keys: its border is ui.border_focus; the cancel box's title is ui.title and y ui.key_hint")
    func focusedBox() throws {
        let help = try Self.render([.character("?")])
        let helpLines = Screen.lines(help)
        let top = try #require(helpLines.firstIndex { $0.contains("deferscope keys") })
        let corner = try Self.column(of: "┌", in: help, y: top)
        #expect(Screen.role(help, x: corner, y: top) == .borderFocus)
        let title = try Self.column(of: "deferscope keys", in: help, y: top)
        #expect(Screen.role(help, x: title, y: top) == .helpTitle)

        let cancel = try Self.render([.function(9)])
        let cancelLines = Screen.lines(cancel)
        let box = try #require(cancelLines.firstIndex { $0.contains("┌─ Cancel") })
        let name = try Self.column(of: "Cancel ", in: cancel, y: box)
        #expect(Screen.role(cancel, x: name, y: box) == .title)
        let yLine = try #require(cancelLines.firstIndex { $0.contains("y cancel") })
        let y = try Self.column(of: "y cancel", in: cancel, y: yLine)
        #expect(Screen.role(cancel, x: y, y: yLine) == .keyHint)
        #expect(Screen.role(cancel, x: y - 2, y: yLine) == .borderFocus)
    }

    @Test("the Chains tree: nodes the filter matches are filter.match, the others are not")
    func filterMatch() throws {
        let tree = Fixtures.checkoutWaitingOnACharge()
        let grid = try Self.render([.character("2")], model: tree, filter: "label:c")
        let lines = Screen.lines(grid)
        let card = try #require(lines.firstIndex { $0.contains("'charge card'") })
        let wire = try #require(lines.firstIndex { $0.contains("'bank wire'") })
        let cardX = try Self.column(of: "#12", in: grid, y: card)
        let wireX = try Self.column(of: "#11", in: grid, y: wire)
        #expect(Screen.role(grid, x: cardX, y: card) == .filterMatch)
        #expect(Screen.role(grid, x: wireX, y: wire) == .text)
        // Without a filter nothing is a match: the leaf nobody fired is drawn as the blocker.
        let plain = try Self.render([.character("2")], model: tree)
        #expect(Screen.role(plain, x: cardX, y: card) == .blockedOn)
    }
}
