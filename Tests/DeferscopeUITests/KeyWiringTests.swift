import DeferscopeModel
import DeferscopeUI
import Testing

@Suite("Keys wired into the dashboard")
struct KeyWiringTests {
    let model = Fixture.model()

    func header(_ dashboard: inout Dashboard) -> String {
        let text = dashboard.render(model: model, width: 100, height: 14).plainText()
        let line = text.split(separator: "\n").first { $0.contains("▲") || $0.contains("▼") } ?? ""
        // Which column is sorted, not which way: the arrow stays where the sort is.
        return String(line.map { $0 == "▼" ? "▲" : $0 })
    }

    @Test("Ctrl-L asks the owner to repaint the whole screen; Ctrl-C quits")
    func redrawAndQuit() {
        var dashboard = Dashboard.standard()
        #expect(dashboard.handle(.key(.control("l")), model: model) == [.redraw])
        #expect(dashboard.handle(.key(.control("c")), model: model) == [.quit])
    }

    @Test("> then < returns to the same sort column; → is >")
    func sortColumns() {
        var dashboard = Dashboard.standard()
        let start = header(&dashboard)
        _ = dashboard.handle(.key(.character(">")), model: model)
        let next = header(&dashboard)
        #expect(next != start)
        _ = dashboard.handle(.key(.character("<")), model: model)
        #expect(header(&dashboard) == start)
        _ = dashboard.handle(.key(.right), model: model)
        #expect(header(&dashboard) == next)
    }
}
