import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

@Suite("Events view")
struct EventsViewTests {
    let model = Fixture.model()
    let theme = Fixture.theme

    func lines(_ grid: CellGrid) -> [String] {
        grid.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("events and warnings oldest to newest, the newest at the bottom and selected")
    func rendersStream() {
        var view = EventsView()
        let grid = Fixture.render(&view, model)
        #expect(
            Array(lines(grid).prefix(12)) == [
                "  WHEN DEFERRED                 EVENT       DETAILS",
                "  -15s #1 'fetch user'          created     at App/Network.swift:10",
                "  -14s #2 'fetch avatar'        created     at App/Network.swift:10",
                "  -13s #3 'query'               created     at App/Database.swift:20",
                "  -13s #3 'query'               step added  step 0 at App/Database.swift:20",
                "  -12s #4 'load'                created     at App/Cache.swift:30",
                "  -12s #4 'load'                fired       → failure Boom",
                "  -12s #4 'load'                warning     unhandled-failure: failed and no step is left to handle…",
                " -4.9s #1 'fetch user'          warning     pending-no-timeout: pending for more than 10 s with no …",
                " -3.9s #2 'fetch avatar'        warning     pending-no-timeout: pending for more than 10 s with no …",
                " -2.9s #3 'query'               warning     pending-no-timeout: pending for more than 10 s with no …",
                "",
            ]
        )
        #expect(view.isFollowing)
        #expect(view.selectedID == 3)
        #expect(grid[0, 10].style == theme[.rowSelected])
        #expect(grid[32, 9].style == theme[.warning])
        #expect(grid[32, 6].style == theme[.stateFailed])
        #expect(grid[32, 1].style == theme[.statePending])
    }

    @Test("a narrow grid keeps every column, cut short")
    func rendersNarrow() {
        var view = EventsView()
        let grid = Fixture.render(&view, model, width: 40, height: 12)
        #expect(
            lines(grid) == [
                "  WHEN DEFERRED   EVENT       DETAILS",
                "  -15s #1 'fetch… created     at App/Ne…",
                "  -14s #2 'fetch… created     at App/Ne…",
                "  -13s #3 'query' created     at App/Da…",
                "  -13s #3 'query' step added  step 0 at…",
                "  -12s #4 'load'  created     at App/Ca…",
                "  -12s #4 'load'  fired       → failure…",
                "  -12s #4 'load'  warning     unhandled…",
                " -4.9s #1 'fetch… warning     pending-n…",
                " -3.9s #2 'fetch… warning     pending-n…",
                " -2.9s #3 'query' warning     pending-n…",
                "",
            ]
        )
    }

    @Test("moving up freezes the screen while events arrive; f follows again")
    func freezesAndFollows() {
        var view = EventsView()
        var model = model
        let context = Fixture.context(model)
        _ = Fixture.render(&view, model, height: 8)
        #expect(view.handle(.moveUp, context: context) == .handled)
        #expect(!view.isFollowing)
        let frozen = Fixture.render(&view, model, height: 8)
        #expect(view.selectedID == 2)
        var script = Script()
        script.time = 115 * Script.second
        script.created(5, label: "late", site: 4)
        script.created(6, label: "later", site: 4)
        model.run(&script)
        let after = Fixture.render(&view, model, height: 8)
        #expect(Array(lines(after).prefix(7)) == Array(lines(frozen).prefix(7)))
        #expect(lines(frozen)[7] == "frozen: 1 newer below; f or G follows")
        #expect(lines(after)[7] == "frozen: 3 newer below; f or G follows")
        #expect(view.selectedID == 2)
        _ = view.handle(.toggleFollow, context: context)
        let following = Fixture.render(&view, model, height: 8)
        #expect(view.isFollowing)
        #expect(view.selectedID == 6)
        #expect(lines(following)[7].hasPrefix("   now #6 'later'"))
    }

    @Test("Enter opens the selected row's Deferred; a click selects, a second click opens")
    func opensDetail() {
        var view = EventsView()
        let context = Fixture.context(model)
        _ = Fixture.render(&view, model)
        #expect(view.handle(.select, context: context) == .showDetail(3))
        #expect(view.handle(.click(x: 3, y: 1), context: context) == .handled)
        #expect(view.selectedID == 1)
        #expect(!view.isFollowing)
        #expect(view.handle(.click(x: 3, y: 1), context: context) == .showDetail(1))
    }

    @Test("the filter keeps the events and warnings of the Deferreds that pass it")
    func filters() throws {
        var view = EventsView()
        view.filter = try DeferredFilter(parsing: "label:fetch")
        let grid = Fixture.render(&view, model)
        #expect(
            Array(lines(grid).prefix(6)).map { String($0.prefix(43)) } == [
                "  WHEN DEFERRED                 EVENT      ",
                "  -15s #1 'fetch user'          created    ",
                "  -14s #2 'fetch avatar'        created    ",
                " -4.9s #1 'fetch user'          warning    ",
                " -3.9s #2 'fetch avatar'        warning    ",
                "",
            ]
        )
    }
}
