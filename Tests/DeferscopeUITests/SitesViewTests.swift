import DeferscopeModel
import DeferscopeUI
import Testing

@Suite("Sites view")
struct SitesViewTests {
    let model = Fixture.model()
    let theme = Fixture.theme

    /// The site names of the rows drawn, top to bottom.
    func siteColumn(_ grid: CellGrid) -> [String] {
        (1..<grid.height).map { grid.line($0) }.prefix { !$0.isEmpty && !$0.hasPrefix("──") }
            .map { String($0.split(separator: " ").last!) }
    }

    @Test("one row per creation site, most pending first, with counts and the oldest pending age")
    func rendersSites() {
        var view = SitesView()
        let grid = Fixture.render(&view, model)
        #expect(
            Array(grid.plainText().split(separator: "\n").map(String.init).prefix(4)) == [
                "PENDING▼  OLDEST  CREATED  FAILED SITE",
                "       2     15s        2       0 App/Network.swift:10",
                "       1     13s        1       0 App/Database.swift:20",
                "       0       -        1       1 App/Cache.swift:30",
            ]
        )
        #expect(grid[0, 1].style == theme[.rowSelected])
        // Ages past the 10 s threshold are drawn as warnings; a failure count as a failure.
        #expect(grid[14, 2].character == "3")
        #expect(grid[14, 2].style == theme[.ageWarn])
        #expect(grid[32, 3].character == "1")
        #expect(grid[32, 3].style == theme[.stateFailed])
        #expect(grid[0, 0].style == theme[.tableHeaderSorted])
        #expect(grid[10, 0].style == theme[.tableHeader])
    }

    @Test("a narrow grid drops the created column first and cuts sites in the middle")
    func rendersNarrow() {
        var view = SitesView()
        let grid = Fixture.render(&view, model, width: 30, height: 12)
        #expect(
            grid.plainText().split(separator: "\n").map(String.init) == [
                "PENDING▼  OLDEST SITE",
                "       2     15s App/Ne…ift:10",
                "       1     13s App/Da…ift:20",
                "       0       - App/Ca…ift:30",
            ]
        )
    }

    @Test("s sorts by the next column, biggest first; r reverses; the site column sorts A to Z")
    func sorts() {
        var view = SitesView()
        let context = Fixture.context(model)
        _ = view.handle(.sortNextColumn, context: context)
        #expect(
            siteColumn(Fixture.render(&view, model))
                == ["Network.swift:10", "Database.swift:20", "Cache.swift:30"].map { "App/" + $0 }
        )
        _ = view.handle(.sortReverse, context: context)
        #expect(
            siteColumn(Fixture.render(&view, model))
                == ["Cache.swift:30", "Database.swift:20", "Network.swift:10"].map { "App/" + $0 }
        )
        _ = view.handle(.sortNextColumn, context: context)
        _ = view.handle(.sortNextColumn, context: context)
        _ = view.handle(.sortNextColumn, context: context)
        #expect(view.columns[view.sortIndex] == .site)
        #expect(view.ascending)
        #expect(
            siteColumn(Fixture.render(&view, model))
                == ["Cache.swift:30", "Database.swift:20", "Network.swift:10"].map { "App/" + $0 }
        )
    }

    @Test("the selection follows its site when the order changes")
    func selectionFollowsSite() {
        var view = SitesView()
        let context = Fixture.context(model)
        _ = Fixture.render(&view, model)
        _ = view.handle(.moveDown, context: context)
        _ = Fixture.render(&view, model)
        #expect(view.selectedSite == 2)
        for _ in 0..<4 { _ = view.handle(.sortNextColumn, context: context) }
        let grid = Fixture.render(&view, model)
        #expect(grid.line(2).hasSuffix("App/Database.swift:20"))
        #expect(grid[0, 2].style == theme[.rowSelected])
        #expect(view.selectedSite == 2)
    }

    @Test("the filter's text and site clauses match site names; clauses about Deferreds are ignored")
    func filters() throws {
        var view = SitesView()
        view.filter = try DeferredFilter(parsing: "network")
        #expect(siteColumn(Fixture.render(&view, model)) == ["App/Network.swift:10"])
        view.filter = try DeferredFilter(parsing: "!site:network label:nothing")
        #expect(siteColumn(Fixture.render(&view, model)) == ["App/Database.swift:20", "App/Cache.swift:30"])
        view.filter = try DeferredFilter(parsing: "nowhere")
        #expect(Fixture.render(&view, model).line(1) == "No site matches the filter.")
    }

    @Test("Enter opens the oldest pending Deferred of the site; a site with none pending opens nothing")
    func enterOpensOldestPending() {
        var view = SitesView()
        let context = Fixture.context(model)
        _ = Fixture.render(&view, model)
        #expect(view.handle(.select, context: context) == .showDetail(1))
        #expect(view.selectedID == nil)
        _ = view.handle(.bottom, context: context)
        _ = Fixture.render(&view, model)
        #expect(view.selectedSite == 3)
        #expect(view.handle(.select, context: context) == .handled)
    }
}
