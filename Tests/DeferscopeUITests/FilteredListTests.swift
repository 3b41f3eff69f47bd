import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

/// A filtered list keeps its matches from frame to frame: what changed in between shows.
@Suite struct FilteredListTests {
    @Test func rowsThatStartOrStopMatchingShowAtTheNextFrame() throws {
        var model = Fixture.model()
        var view = ChainListView.pending()
        view.filter = try DeferredFilter(parsing: "label:fetch")
        let first = Screen.lines(Screen.render(&view, model, width: 100, height: 8))
        #expect(first[1].hasPrefix("   #1 fetch user") && first[2].hasPrefix("   #2 fetch avatar"))
        #expect(first[3].isEmpty)

        // #9 'fetch again' is new and matches; #1 settles and leaves the pending list.
        var script = Script()
        script.time = model.now
        script.created(9, label: "fetch again", site: 1)
        script.fired(1)
        model.run(&script)
        let second = Screen.lines(Screen.render(&view, model, width: 100, height: 8))
        #expect(second[1].hasPrefix("   #2 fetch avatar"))
        #expect(second[2].hasPrefix("   #9 fetch again"))
        #expect(second[3].isEmpty)

        // Another filter starts from scratch.
        view.filter = try DeferredFilter(parsing: "label:query")
        let third = Screen.lines(Screen.render(&view, model, width: 100, height: 8))
        #expect(third[1].hasPrefix("   #3 query") && third[2].isEmpty)
    }
}
