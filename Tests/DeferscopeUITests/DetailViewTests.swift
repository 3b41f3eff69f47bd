import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

/// The detail of one Deferred: why it is stuck, its steps, timeout, neighbours, warnings, timeline.
@Suite struct DetailViewTests {
    @Test func aChainWaitingThroughThreeLevelsShowsEachHopDownToTheLeaf() {
        var view = DetailView(id: 1)
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 40)
        #expect(
            Array(Screen.lines(grid).prefix(18)) == [
                "#1 'handler'  waiting  age 4.0s  created at App/Database.swift:20",
                "",
                "WHY IS IT STUCK",
                "  #1 'handler' waits on →",
                "  #2 'fetch' waits on →",
                "  #3 'leaf' has not been fired: created at App/Cache.swift:30, 4.0s ago",
                "",
                "STEPS (1)",
                "      # KIND     LABEL                    SITE                         STATE     TIME OUTCOME",
                "  ▶   0 callback                          App/Database.swift:20        waiting    0ms",
                "",
                "WAITS ON (1)",
                "  #2 'fetch'  waiting  4.0s",
                "",
                "WAITED ON BY (0)",
                "  nobody",
                "",
                "WARNINGS",
            ]
        )
        #expect(Screen.role(grid, x: 14, y: 0) == .stateWaiting)
        #expect(Screen.role(grid, x: 27, y: 0) == .ageOK)
        #expect(Screen.role(grid, x: 2, y: 5) == .blockedOn)
        #expect(Screen.role(grid, x: 2, y: 9) == .blockedOn)
        #expect(Screen.role(grid, x: 8, y: 8) == .tableHeader)
        #expect(Screen.role(grid, x: 0, y: 8) == .text)
        #expect(view.selectedID == 1)
    }

    @Test func theTimelineListsItsEventsNewestFirst() {
        var view = DetailView(id: 1)
        let lines = Screen.lines(Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 40))
        #expect(
            Array(lines[18...26]) == [
                "  none",
                "",
                "TIMELINE (newest first)",
                "     4.0s ago  waiting         #2",
                "     4.0s ago  stepRan         step 0  #2  0ms",
                "     4.0s ago  fired             → Int",
                "     4.0s ago  stepAdded       step 0  App/Database.swift:20",
                "     4.0s ago  created         App/Database.swift:20",
                "",
            ]
        )
    }

    @Test func aChainWaitingOnAGatherShowsTheInputNobodyFired() {
        var view = DetailView(id: 4)
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 40)
        #expect(
            Array(Screen.lines(grid)[2...5]) == [
                "WHY IS IT STUCK",
                "  #4 'batch' waits on →",
                "  #10 'gather' is fed by → (and 1 more input not fired)",
                "  #11 'input a' has not been fired: created at App/Cache.swift:30, 3.0s ago",
            ]
        )
        var gather = DetailView(id: 10)
        let lines = Screen.lines(Screen.render(&gather, Fixtures.waitingChains(), width: 100, height: 40))
        #expect(lines.contains("WAITS ON (2)"))
        #expect(lines.contains("  #11 'input a'  pending  3.0s"))
        #expect(lines.contains("  #12 'input b'  pending  3.0s"))
        #expect(lines.contains("WAITED ON BY (1)"))
        #expect(lines.contains("  #4 'batch'  waiting  3.0s"))
    }

    @Test func aDeadlockIsNamedAsACycle() {
        var view = DetailView(id: 20)
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 40)
        let lines = Screen.lines(grid)
        #expect(lines[5] == "  DEADLOCK: #20 → #21 → #20")
        #expect(Screen.role(grid, x: 2, y: 5) == .deadlock)
        let warning = lines.firstIndex(of: "WARNINGS") ?? 0
        #expect(lines[warning + 1] == "  deadlock: #21 → #20 → #21")
    }

    @Test func theLeafItselfIsItsOwnBlockerAndEnterGoesToTheBlocker() {
        let model = Fixtures.waitingChains()
        var leaf = DetailView(id: 3)
        let lines = Screen.lines(Screen.render(&leaf, model, width: 100, height: 40))
        #expect(lines[3] == "  #3 'leaf' has not been fired: created at App/Cache.swift:30, 4.0s ago")
        #expect(lines[5...6] == ["STEPS (0)", "  no steps"])
        #expect(leaf.handle(.select, context: Screen.context(model)) == .handled)
        var handler = DetailView(id: 1)
        #expect(handler.handle(.select, context: Screen.context(model)) == .showDetail(3))
    }

    @Test func anArmedTimeoutCountsDownWithABar() {
        var model = Script.start()
        var script = Script()
        script.created(1, label: "call", site: 1)
        script.event(.timeoutArmed, 1) { $0.timeoutSeconds = 10 }
        script.advance(4 * Script.second)
        model.run(&script)
        model.advance(to: script.time)
        var view = DetailView(id: 1)
        let grid = Screen.render(&view, model, width: 40, height: 30)
        let lines = Screen.lines(grid)
        let row = (lines.firstIndex(of: "TIMEOUT") ?? 0) + 1
        // 6 s of 10 left: 60 % of a 30-cell bar.
        #expect(lines[row] == "  in 6.0s " + String(repeating: "█", count: 18))
        #expect(Screen.role(grid, x: 10, y: row) == .timeoutBar)
        #expect(Screen.role(grid, x: 39, y: row) == .timeoutBarEmpty)
    }

    @Test func aReleasedDeferredThatIsEvictedSaysItIsGoneAndKeepsWhatWasKnown() {
        var model = Script.start(ModelConfiguration(finishedRetention: Script.second))
        var script = Script()
        script.settled(5)
        script.released(5)
        model.run(&script)
        model.advance(to: script.time)
        var view = DetailView(id: 5)
        let before = Screen.lines(Screen.render(&view, model, width: 60, height: 10))
        #expect(before[0] == "#5  released  age 0ms  created at App/Network.swift:10")
        #expect(before[1] == "Released by the app 0ms ago; kept for a while.")
        #expect(before[4] == "  Not stuck: it has a result, a value (Int).")

        model.advance(to: script.time + 2 * Script.second)
        #expect(model.deferred(5) == nil)
        let grid = Screen.render(&view, model, width: 60, height: 10)
        let after = Screen.lines(grid)
        #expect(after[0] == "#5  released  age 0ms  created at App/Network.swift:10")
        #expect(after[1] == "Gone: released and no longer kept by the model. What it last")
        #expect(Screen.role(grid, x: 0, y: 1) == .warning)
        #expect(after[3...4] == ["WHY IS IT STUCK", "  unknown: it is gone"])
        #expect(after[6...7] == ["STEPS (1)", "      # KIND     LABEL            STATE     TIME OUTCOME"])
        // Nothing left to cancel.
        #expect(view.selectedID == nil)

        var never = DetailView(id: 77)
        let unknown = Screen.lines(Screen.render(&never, model, width: 80, height: 3))
        #expect(unknown[0] == "#77 is not in the picture: released and evicted, or never seen.")
        #expect(never.selectedID == nil)
    }

    @Test func aLongPageScrollsAndSaysWhatIsBelow() {
        let model = Fixtures.waitingChains()
        let context = Screen.context(model)
        var view = DetailView(id: 1)
        let top = Screen.lines(Screen.render(&view, model, width: 40, height: 12))
        #expect(top[11] == "… 15 more lines below")
        #expect(view.handle(.moveDown, context: context) == .handled)
        #expect(Screen.lines(Screen.render(&view, model, width: 40, height: 12))[1] == "WHY IS IT STUCK")
        #expect(view.handle(.bottom, context: context) == .handled)
        let bottom = Screen.lines(Screen.render(&view, model, width: 40, height: 12))
        #expect(view.offset == 14)
        #expect(bottom[11] == "     4.0s ago  created         App/Datab")
        #expect(view.handle(.top, context: context) == .handled)
        #expect(view.offset == 0)
        #expect(view.handle(.sortNextColumn, context: context) == .ignored)
    }
}
