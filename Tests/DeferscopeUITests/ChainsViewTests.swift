import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

/// The Chains view: the wait-for graph as a tree, from the roots down to the leaves nobody fired.
@Suite struct ChainsViewTests {
    static let wide = [
        "CHAIN                                                  STATE        AGE CREATED AT",
        "▾ #1 'handler'                                         waiting     4.0s App/Database.swift:20",
        "└─ ▾ #2 'fetch'                                        waiting     4.0s App/Network.swift:10",
        "   └─ #3 'leaf'                                        not fired   4.0s App/Cache.swift:30",
        "▾ #4 'batch'                                           waiting     3.0s App/Database.swift:20",
        "└─ ▾ #10 'gather'                                      pending     3.0s App/Gather.swift:40",
        "   ├─ #11 'input a'                                    not fired   3.0s App/Cache.swift:30",
        "   └─ #12 'input b'                                    not fired   3.0s App/Cache.swift:30",
        "▾ #20 'a'                                              DEADLOCK    2.0s App/Network.swift:10",
        "└─ ▾ #21 'b'                                           DEADLOCK    2.0s App/Network.swift:10",
        "   └─ #20 'a' (cycle)                                  DEADLOCK",
    ]

    @Test func eachRootShowsWhatItWaitsOnDownToTheLeafNobodyFired() {
        var view = ChainsView()
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 30)
        #expect(Array(Screen.lines(grid).prefix(12)) == Self.wide + [""])
        #expect(Screen.lines(grid).dropFirst(11).allSatisfy { $0.isEmpty })
        #expect(view.selectedID == 1)
    }

    @Test func theLeafIsHighlightedTheCycleSaysDeadlockAndGuidesTakeTheirRole() {
        var view = ChainsView()
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 30)
        // Row 3: `   └─ #3 'leaf'   not fired   4.0s   App/Cache.swift:30`.
        #expect(Screen.role(grid, x: 3, y: 3) == .treeGuide)
        #expect(Screen.role(grid, x: 6, y: 3) == .blockedOn)
        #expect(Screen.role(grid, x: 55, y: 3) == .blockedOn)
        #expect(Screen.role(grid, x: 67, y: 3) == .ageOK)
        #expect(Screen.role(grid, x: 72, y: 3) == .textDim)
        // The gather is pending on its inputs: the model's state, not a leaf.
        #expect(Screen.role(grid, x: 55, y: 5) == .statePending)
        // The cycle: its members and the row that closes it.
        #expect(Screen.role(grid, x: 55, y: 8) == .deadlock)
        #expect(Screen.role(grid, x: 6, y: 10) == .deadlock)
        #expect(Screen.role(grid, x: 55, y: 10) == .deadlock)
        // The selected row keeps one style, guides included.
        #expect(Screen.role(grid, x: 0, y: 1) == .rowSelected)
        #expect(Screen.role(grid, x: 0, y: 2) == .treeGuide)
        #expect(Screen.role(grid, x: 0, y: 0) == .tableHeader)
    }

    @Test func aNarrowScreenDropsTheSiteAndShowsWhatFits() {
        var view = ChainsView()
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 40, height: 12)
        #expect(
            Screen.lines(grid) == [
                "CHAIN                   STATE        AGE",
                "▾ #1 'handler'          waiting     4.0s",
                "└─ ▾ #2 'fetch'         waiting     4.0s",
                "   └─ #3 'leaf'         not fired   4.0s",
                "▾ #4 'batch'            waiting     3.0s",
                "└─ ▾ #10 'gather'       pending     3.0s",
                "   ├─ #11 'input a'     not fired   3.0s",
                "   └─ #12 'input b'     not fired   3.0s",
                "▾ #20 'a'               DEADLOCK    2.0s",
                "└─ ▾ #21 'b'            DEADLOCK    2.0s",
                "   └─ #20 'a' (cycle)   DEADLOCK",
                "",
            ]
        )
    }

    @Test func asciiGlyphsDrawTheSameTree() {
        var view = ChainsView()
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 40, height: 6, glyphs: .ascii)
        #expect(
            Screen.lines(grid) == [
                "CHAIN                   STATE        AGE",
                "- #1 'handler'          waiting     4.0s",
                "`- - #2 'fetch'         waiting     4.0s",
                "   `- #3 'leaf'         not fired   4.0s",
                "- #4 'batch'            waiting     3.0s",
                "`- - #10 'gather'       pending     3.0s",
            ]
        )
    }

    @Test func movingSelectsTheNextRowAndEnterOpensItsDetail() {
        let model = Fixtures.waitingChains()
        let context = Screen.context(model)
        var view = ChainsView()
        _ = Screen.render(&view, model, width: 100, height: 30)
        #expect(view.handle(.moveDown, context: context) == .handled)
        #expect(view.handle(.moveDown, context: context) == .handled)
        #expect(view.selectedID == 3)
        #expect(view.handle(.select, context: context) == .showDetail(3))
        #expect(view.handle(.bottom, context: context) == .handled)
        _ = Screen.render(&view, model, width: 100, height: 30)
        // The last row closes the cycle: it is #20 again.
        #expect(view.selectedID == 20)
        #expect(view.handle(.sortNextColumn, context: context) == .ignored)
    }

    @Test func foldingANodeHidesWhatItWaitsOnAndTheSelectionFollowsItsDeferred() {
        let model = Fixtures.waitingChains()
        let context = Screen.context(model)
        var view = ChainsView()
        _ = Screen.render(&view, model, width: 40, height: 12)
        for _ in 0..<4 { _ = view.handle(.moveDown, context: context) }
        #expect(view.selectedID == 10)
        _ = view.handle(.top, context: context)
        #expect(view.handle(.toggleCollapse, context: context) == .handled)
        _ = view.handle(.moveDown, context: context)
        let grid = Screen.render(&view, model, width: 40, height: 12)
        #expect(
            Array(Screen.lines(grid).prefix(4)) == [
                "CHAIN                   STATE        AGE",
                "▸ #1 'handler' (+1)     waiting     4.0s",
                "▾ #4 'batch'            waiting     3.0s",
                "└─ ▾ #10 'gather'       pending     3.0s",
            ]
        )
        #expect(view.selectedID == 4)
        #expect(view.collapsed == [1])
        _ = view.handle(.top, context: context)
        _ = view.handle(.toggleCollapse, context: context)
        _ = Screen.render(&view, model, width: 40, height: 12)
        #expect(view.collapsed.isEmpty)
        // Unfolded: #1's rows are back above, and the cursor stays on #1.
        #expect(view.selectedID == 1)
    }

    @Test func theSelectionStaysOnItsDeferredWhenRowsAboveGo() throws {
        let model = Fixtures.waitingChains()
        let context = Screen.context(model)
        var view = ChainsView()
        _ = Screen.render(&view, model, width: 100, height: 30)
        for _ in 0..<4 { _ = view.handle(.moveDown, context: context) }
        #expect(view.selectedID == 10)
        view.filter = try DeferredFilter(parsing: "!label:handler")
        let grid = Screen.render(&view, model, width: 100, height: 30)
        #expect(Screen.lines(grid)[1].hasPrefix("▾ #4 'batch'"))
        #expect(Screen.role(grid, x: 6, y: 2) == .rowSelected)
        #expect(view.selectedID == 10)
    }

    @Test func theFilterPicksRootsAndLeavesWhatTheyWaitOn() throws {
        var view = ChainsView()
        view.filter = try DeferredFilter(parsing: "site:Database")
        let grid = Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 30)
        #expect(Array(Screen.lines(grid).prefix(9)) == Array(Self.wide.prefix(8)) + [""])
        view.filter = try DeferredFilter(parsing: "label:nothing")
        let empty = Screen.render(&view, Fixtures.waitingChains(), width: 100, height: 4)
        #expect(Screen.lines(empty)[1] == "No root matches the filter.")
        #expect(view.selectedID == nil)
    }

    @Test func clickingARowSelectsItAndClickingAgainOpensIt() {
        let model = Fixtures.waitingChains()
        let context = Screen.context(model)
        var view = ChainsView()
        _ = Screen.render(&view, model, width: 100, height: 30)
        #expect(view.handle(.click(x: 3, y: 6), context: context) == .handled)
        #expect(view.selectedID == 11)
        #expect(view.handle(.click(x: 3, y: 6), context: context) == .showDetail(11))
        #expect(view.handle(.click(x: 3, y: 20), context: context) == .ignored)
    }

    @Test func aBrokenCycleLosesItsDeadlockMarkHereAndInTheHeader() {
        var model = Fixtures.waitingChains()
        var dashboard = Dashboard.standard(themes: ThemeSelection(themes: [Screen.theme]))
        dashboard.status = .live
        _ = dashboard.handle(.key(.character("2")), model: model)
        let before = dashboard.render(model: model, width: 100, height: 20)
        #expect(before.line(0).contains("DEADLOCK 1"))
        #expect(before.plainText().ranges(of: "DEADLOCK").count == 4)
        // #20 is cancelled: it stops waiting on #21 with a CancelledError.
        var script = Script()
        script.time = model.now
        script.event(.cancelled, 20)
        script.resumed(20, from: 21, Script.failure)
        model.run(&script)
        let after = dashboard.render(model: model, width: 100, height: 20)
        #expect(!after.plainText().contains("DEADLOCK"))
        #expect(!after.plainText().contains("(cycle)"))
        #expect(after.plainText().contains("#21 'b'"))
    }
}
