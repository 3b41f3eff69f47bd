import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

/// The Chains view's cost is the rows it shows, whatever the number of Deferreds.
@Suite struct ChainsViewScaleTests {
    /// The waiting fixture's three trees, then `count` plain pending Deferreds younger than them.
    static func model(plainPending count: Int) -> DeferscopeModel {
        var model = Fixtures.waitingChains()
        model.apply(Script.plainPending(from: 1_000, count: count, at: model.now))
        return model
    }

    @Test func aMillionPendingDeferredsCostTheRowsOnScreen() {
        let model = Self.model(plainPending: 999_991)
        #expect(model.count(of: .pending) == 1_000_000)
        var view = ChainsView()
        let grid = Screen.render(&view, model, width: 100, height: 30)
        #expect(
            Array(Screen.lines(grid).prefix(12)) == ChainsViewTests.wide + [
                "#1000                                                  not fired    0ms App/Network.swift:10"
            ]
        )
        // Rows on screen: 29; the walk builds them and a page below (59 rows).
        #expect(view.lastFrameCost.rows == 59)
        #expect(view.lastFrameCost.scanned <= 60)
        #expect(view.lastFrameCost.queries <= 10 * 59)

        // The far end of the tree: bounded by the row limit, not the million.
        _ = view.handle(.bottom, context: Screen.context(model))
        let bottom = Screen.render(&view, model, width: 100, height: 30)
        let limit = ChainsView.Limits.standard.rowLimit
        #expect(view.lastFrameCost.rows == limit + 1)
        #expect(view.lastFrameCost.queries <= 10 * limit)
        #expect(Screen.lines(bottom)[29] == "… 995,001 pending not walked: / narrows the roots")
        #expect(view.selectedID == nil)
    }

    @Test func aRootYoungerThanThousandsOfItsInputsIsFoundAtTheFirstInput() {
        var model = Script.start()
        var script = Script()
        for input: UInt64 in 100..<5_100 {
            script.created(input, site: 3)
            script.stepAdded(input, index: 0, kind: .collect, feeds: 10)
        }
        script.advance(Script.second)
        script.created(10, label: "gather", site: 4)
        script.stepAdded(10, index: 0, kind: .collect)
        script.created(1, label: "root", site: 2)
        script.stepAdded(1, index: 0)
        script.fired(1)
        script.waits(1, index: 0, on: 10)
        model.run(&script)
        model.advance(to: script.time + Script.second)

        var view = ChainsView()
        let grid = Screen.render(&view, model, width: 60, height: 8)
        #expect(
            Screen.lines(grid) == [
                "CHAIN                       STATE        AGE CREATED AT",
                "▾ #1 'root'                 waiting     1.0s App/Dat…wift:20",
                "└─ ▾ #10 'gather'           pending     1.0s App/Gat…wift:40",
                "   ├─ #100                  not fired   2.0s App/Cac…wift:30",
                "   ├─ #101                  not fired   2.0s App/Cac…wift:30",
                "   ├─ #102                  not fired   2.0s App/Cac…wift:30",
                "   ├─ #103                  not fired   2.0s App/Cac…wift:30",
                "   ├─ #104                  not fired   2.0s App/Cac…wift:30",
            ]
        )
        #expect(view.lastFrameCost.scanned == 1)

        // Folded, the next root is thousands of inputs further down the pending list: the scan
        // stops at its limit and says so.
        _ = view.handle(.toggleCollapse, context: Screen.context(model))
        view.limits.scanLimit = 1_000
        let folded = Screen.render(&view, model, width: 60, height: 8)
        #expect(Screen.lines(folded)[1] == "▸ #1 'root' (+1)            waiting     1.0s App/Dat…wift:20")
        #expect(Screen.lines(folded)[2] == "… 4,002 pending not walked: / narrows the roots")
        #expect(view.lastFrameCost.scanned == 1_000)
    }

    @Test func aNodeShowsAtMostItsChildLimitAndCountsTheRest() {
        var model = Script.start()
        var script = Script()
        script.created(10, label: "gather", site: 4)
        for input: UInt64 in 100..<150 {
            script.created(input, site: 3)
            script.stepAdded(input, index: 0, kind: .collect, feeds: 10)
        }
        model.run(&script)
        var view = ChainsView(
            limits: ChainsView.Limits(rowLimit: 100, scanLimit: 100, childLimit: 3, climbLimit: 8, depthLimit: 8)
        )
        let grid = Screen.render(&view, model, width: 40, height: 7)
        #expect(
            Screen.lines(grid) == [
                "CHAIN                   STATE        AGE",
                "▾ #10 'gather'          pending      0ms",
                "├─ #100                 not fired    0ms",
                "├─ #101                 not fired    0ms",
                "├─ #102                 not fired    0ms",
                "└─ … 47 more",
                "",
            ]
        )
    }
}
