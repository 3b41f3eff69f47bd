import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

@Suite("Dashboard")
struct DashboardTests {
    let model = Fixture.model()
    let theme = Fixture.theme

    func live() -> Dashboard {
        var dashboard = Dashboard.standard()
        dashboard.status = .live
        return dashboard
    }

    func press(_ keys: [Key], _ dashboard: inout Dashboard) -> [DashboardCommand] {
        keys.flatMap { dashboard.handle(.key($0), model: model) }
    }

    func type(_ text: String) -> [Key] {
        text.map { Key.character($0) }
    }

    func lines(_ grid: CellGrid) -> [String] {
        grid.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("the header shows the process, the connection, the counts; the tabs number the views")
    func header() {
        var dashboard = live()
        let grid = dashboard.render(model: model, width: 100, height: 12)
        #expect(
            grid.line(0)
                == " app 42  up 1m55s  live  pending 3  wait 0  paused 0  fired/s 0  failed 1  t/o 0  unh 1  warn 4"
        )
        #expect(grid.line(1).hasPrefix(" 1 Pending 3  2 Chains  3 Timeouts 0  4 Errors 1  5 Sites  6 Events "))
        #expect(grid[2, 1].style == theme[.tabActive])
        #expect(grid[15, 1].style == theme[.tabInactive])
        #expect(grid.line(2).hasPrefix("   ID LABEL                 AGE▼ STATE"))
        #expect(grid.line(3).hasPrefix("   #1 fetch user             15s pending"))
    }

    @Test("the header says DEADLOCK when the model found a cycle")
    func deadlock() {
        var model = Script.start()
        var script = Script()
        script.created(10, label: "a")
        script.created(11, label: "b")
        script.stepAdded(10, index: 0)
        script.stepAdded(11, index: 0)
        script.waits(10, index: 0, on: 11)
        script.waits(11, index: 0, on: 10)
        model.run(&script)
        #expect(model.deadlocks.count == 1)
        var dashboard = live()
        let grid = dashboard.render(model: model, width: 120, height: 12)
        #expect(grid.line(0).hasSuffix("DEADLOCK 1"))
        let x = grid.line(0).count - 1
        #expect(grid[x, 0].style.foreground == theme[.deadlock].foreground)
    }

    @Test("the footer's hints are the live ones, or the replay ones in a replay")
    func footerHints() {
        var live = live()
        let livePicture = live.render(model: model, width: 100, height: 12)
        #expect(
            livePicture.line(11) == "? help  q quit  Enter details  / filter  s sort  c cancel  Space pause  t theme"
        )
        var replayDashboard = Dashboard.standard(keyContext: .replay)
        let replay = replayDashboard.render(model: model, width: 100, height: 12)
        #expect(
            replay.line(11)
                == "? help  q quit  Enter details  / filter  s sort  Space play/pause  . +10s  , -10s  + faster  t theme"
        )
    }

    @Test("? opens the help; j and k scroll it; any other key closes it")
    func help() {
        var dashboard = live()
        #expect(press([.character("?")], &dashboard) == [])
        #expect(dashboard.modal == .help(offset: 0))
        #expect(lines(dashboard.render(model: model, width: 100, height: 14))[3].contains("│ Dashboard"))
        _ = press([.character("j"), .character("j"), .character("k")], &dashboard)
        #expect(dashboard.modal == .help(offset: 1))
        #expect(lines(dashboard.render(model: model, width: 100, height: 14))[3].contains("│   q F10 Ctrl-C  Quit"))
        _ = press([.character("x")], &dashboard)
        #expect(dashboard.modal == nil)
        #expect(dashboard.current == .pending)
    }

    @Test("/ opens the filter prompt; a filter typed and entered narrows the Pending rows")
    func filterPrompt() {
        var dashboard = live()
        _ = press([.character("/")] + type("label:fetch"), &dashboard)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(11).hasPrefix("filter /label:fetch"))
        _ = press([.enter], &dashboard)
        let grid = dashboard.render(model: model, width: 100, height: 12)
        #expect(grid.line(3).hasPrefix("   #1 fetch user"))
        #expect(grid.line(4).hasPrefix("   #2 fetch avatar"))
        #expect(grid.line(5) == "")
        #expect(grid.line(11).hasSuffix("/ filter: label:fetch"))
        #expect(dashboard.filterTexts[.pending] == "label:fetch")
    }

    @Test("an invalid filter leaves the rows and says what is wrong, and where, in the footer")
    func invalidFilter() {
        var dashboard = live()
        _ = press([.character("/")] + type("age>") + [.enter], &dashboard)
        let footer = dashboard.render(model: model, width: 100, height: 12).line(11)
        #expect(footer.hasPrefix(" filter: "))
        #expect(footer.contains("(column 5)"))
        #expect(dashboard.filterTexts[.pending] == nil)
    }

    @Test("F9 asks before cancelling the selected Deferred: y cancels it, n does not")
    func cancelConfirmation() {
        var dashboard = live()
        _ = dashboard.render(model: model, width: 100, height: 12)
        #expect(press([.function(9)], &dashboard) == [])
        #expect(dashboard.modal == .confirmCancel(1))
        #expect(
            dashboard.render(model: model, width: 100, height: 12).plainText().contains(
                "Cancel #1 'fetch user' in the process?"
            )
        )
        #expect(press([.character("y")], &dashboard) == [.cancel(1)])
        #expect(dashboard.modal == nil)
        #expect(press([.function(9), .character("n")], &dashboard) == [])
        #expect(dashboard.message == "not cancelled")
    }

    @Test("j moves the selection of the current view down a row")
    func movesSelection() {
        var dashboard = live()
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = press([.character("j")], &dashboard)
        let grid = dashboard.render(model: model, width: 100, height: 12)
        #expect(dashboard.views[.pending]?.selectedID == 2)
        #expect(grid[5, 4].style == theme[.rowSelected])
        #expect(grid[5, 3].style != theme[.rowSelected])
    }

    @Test("a replay cannot cancel")
    func replayCannotCancel() {
        var dashboard = Dashboard.standard(keyContext: .replay)
        _ = dashboard.render(model: model, width: 100, height: 12)
        #expect(press([.function(9)], &dashboard) == [])
        #expect(dashboard.modal == nil)
        #expect(dashboard.message?.hasPrefix("a recording cannot be changed") == true)
    }

    @Test("Tab, Shift-Tab and 1 to 6 switch views; q quits")
    func switchesViews() {
        var dashboard = live()
        _ = press([.tab], &dashboard)
        #expect(dashboard.current == .chains)
        _ = press([.backTab, .backTab], &dashboard)
        #expect(dashboard.current == .events)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(2).hasPrefix("  WHEN DEFERRED"))
        _ = press([.character("5")], &dashboard)
        #expect(dashboard.current == .sites)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(3).hasSuffix("App/Network.swift:10"))
        _ = press([.character("1")], &dashboard)
        #expect(dashboard.current == .pending)
        #expect(press([.character("q")], &dashboard) == [.quit])
    }

    @Test("Space freezes the picture while data keeps arriving underneath; Space again shows it")
    func spaceFreezesThePicture() {
        var dashboard = live()
        _ = press([.character(" ")], &dashboard)
        var moved = model
        var script = Script()
        script.time = 115 * Script.second
        script.created(9, label: "arrived while paused", site: 1)
        moved.run(&script)
        let frozen = dashboard.render(model: moved, width: 100, height: 12)
        #expect(frozen.line(0).contains("PAUSED"))
        #expect(!frozen.plainText().contains("arrived while"))
        _ = dashboard.handle(.key(.character(" ")), model: moved)
        let thawed = dashboard.render(model: moved, width: 100, height: 12)
        #expect(!thawed.line(0).contains("PAUSED"))
        #expect(thawed.plainText().contains("arrived while"))
    }

    @Test("Enter on a blocker inside a detail opens the blocker's; Esc walks back along the path")
    func detailTrail() {
        var model = Script.start()
        var script = Script()
        script.created(1, label: "outer", site: 1)
        script.stepAdded(1, index: 0)
        script.created(2, label: "leaf", site: 2)
        script.fired(1)
        script.waits(1, index: 0, on: 2)
        model.run(&script)
        var dashboard = live()
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = dashboard.handle(.key(.enter), model: model)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(2).hasPrefix("#1 'outer'"))
        _ = dashboard.handle(.key(.enter), model: model)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(2).hasPrefix("#2 'leaf'"))
        _ = dashboard.handle(.key(.escape), model: model)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(2).hasPrefix("#1 'outer'"))
        _ = dashboard.handle(.key(.escape), model: model)
        #expect(dashboard.detail == nil)
    }

    @Test("small terminals: 60×12 draws the frame; smaller says so, wrapped to what fits")
    func smallTerminals() {
        var dashboard = live()
        let smallest = dashboard.render(model: model, width: 60, height: 12)
        #expect(smallest.line(0).hasPrefix(" app 42"))
        #expect(smallest.line(11).hasPrefix("? help  q quit"))
        let narrow = dashboard.render(model: model, width: 59, height: 12)
        #expect(
            lines(narrow).map { $0.trimmingTrailingSpaces }.filter { !$0.isEmpty }.joined(separator: " ")
                == "terminal too small (59×12, need 60×12)"
        )
        let tiny = dashboard.render(model: model, width: 10, height: 3)
        #expect(lines(tiny) == ["terminal", "too small", "(10×3,"])
        let sliver = dashboard.render(model: model, width: 10, height: 2)
        #expect(lines(sliver) == ["need 60×12", ""])
    }

    @Test("without colour the selected row is still told apart: reversed")
    func monochromeSelection() {
        let monochrome = Theme.default.downgraded(to: .none)
        var dashboard = Dashboard.standard(themes: ThemeSelection(themes: [monochrome]))
        dashboard.status = .live
        let grid = dashboard.render(model: model, width: 100, height: 12)
        #expect(grid[5, 3].style.attributes.contains(.reverse))
        #expect(grid[40, 3].style.attributes.contains(.reverse))
        #expect(!grid[5, 4].style.attributes.contains(.reverse))
    }
}

extension String {
    /// Without the blanks a grid row ends with.
    fileprivate var trimmingTrailingSpaces: String {
        String(self[..<(lastIndex { $0 != " " }.map { index(after: $0) } ?? startIndex)])
    }
}
