import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

@Suite("Mouse input")
struct MouseInputTests {
    let model = Fixture.model()
    let millisecond: UInt64 = 1_000_000

    func click(_ x: Int, _ y: Int, button: Int = 1) -> MouseEvent {
        MouseEvent(.click(button: button), x: x, y: y)
    }

    func live() -> Dashboard {
        var dashboard = Dashboard.standard()
        dashboard.status = .live
        return dashboard
    }

    /// The first row of the Pending view's body, at 100×12 (after header, tabs, column titles).
    let firstRow = 3

    @Test("a second click on the same row within 400 ms is a double-click; a third starts over")
    func doubleClicks() {
        var tracker = ClickTracker()
        #expect(tracker.classify(click(10, 5), at: 1_000 * millisecond).kind == .click(button: 1))
        let second = tracker.classify(click(11, 5), at: 1_300 * millisecond)
        #expect(second == MouseEvent(.doubleClick(button: 1), x: 11, y: 5))
        #expect(tracker.classify(click(11, 5), at: 1_400 * millisecond).kind == .click(button: 1))
    }

    @Test("too slow, another row, too far along it, another button, or a scroll between: two clicks")
    func notDoubleClicks() {
        var tracker = ClickTracker()
        _ = tracker.classify(click(10, 5), at: 0)
        #expect(tracker.classify(click(10, 5), at: 401 * millisecond).kind == .click(button: 1))
        #expect(tracker.classify(click(10, 6), at: 402 * millisecond).kind == .click(button: 1))
        #expect(tracker.classify(click(13, 6), at: 403 * millisecond).kind == .click(button: 1))
        #expect(tracker.classify(click(13, 6, button: 3), at: 404 * millisecond).kind == .click(button: 3))
        _ = tracker.classify(MouseEvent(.scrollDown, x: 13, y: 6), at: 405 * millisecond)
        #expect(tracker.classify(click(13, 6, button: 3), at: 406 * millisecond).kind == .click(button: 3))
        // A clock that goes back (another clock's reading) is never a double-click.
        #expect(tracker.classify(click(13, 6, button: 3), at: 100 * millisecond).kind == .click(button: 3))
    }

    @Test("wheel scrolls, a left click selects, a left double-click opens; other buttons do nothing")
    func mapping() {
        let keys = KeyMap.standard
        #expect(keys.action(for: .mouse(MouseEvent(.scrollUp, x: 1, y: 2))) == .scrollUp)
        #expect(keys.action(for: .mouse(MouseEvent(.scrollDown, x: 1, y: 2)), in: .replay) == .scrollDown)
        #expect(keys.action(for: .mouse(click(4, 7))) == .click(x: 4, y: 7))
        #expect(keys.action(for: .mouse(MouseEvent(.doubleClick(button: 1), x: 4, y: 7))) == .open(x: 4, y: 7))
        #expect(keys.action(for: .mouse(click(4, 7, button: 2))) == nil)
        #expect(keys.action(for: .mouse(MouseEvent(.doubleClick(button: 3), x: 4, y: 7))) == nil)
        #expect(
            MouseGesture.allCases.map { $0.action(x: 4, y: 7) } == [
                .scrollUp, .scrollDown, .click(x: 4, y: 7), .open(x: 4, y: 7),
            ]
        )
    }

    @Test("a click selects the row under it; a double-click on another row opens that row's detail")
    func clickAndDoubleClick() {
        var dashboard = live()
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = dashboard.handle(.mouse(click(20, firstRow + 1)), model: model)
        #expect(dashboard.views[.pending]?.selectedID == 2)
        #expect(dashboard.detail == nil)
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = dashboard.handle(.mouse(MouseEvent(.doubleClick(button: 1), x: 20, y: firstRow + 2)), model: model)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(2).hasPrefix("#3 'query'"))
    }

    @Test("a double-click as a terminal sends it (click, then double-click) opens the row once")
    func doubleClickSequence() {
        var dashboard = live()
        var tracker = ClickTracker()
        _ = dashboard.render(model: model, width: 100, height: 12)
        for time in [0, 150 * millisecond] {
            let event = tracker.classify(click(20, firstRow + 1), at: time)
            _ = dashboard.handle(.mouse(event), model: model)
            _ = dashboard.render(model: model, width: 100, height: 12)
        }
        #expect(dashboard.render(model: model, width: 100, height: 12).line(2).hasPrefix("#2 'fetch avatar'"))
        // One Esc is back at the list: the double-click did not open the detail twice.
        _ = dashboard.handle(.key(.escape), model: model)
        #expect(dashboard.detail == nil)
    }

    @Test("a double-click below the rows opens nothing")
    func doubleClickOnNothing() {
        var dashboard = live()
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = dashboard.handle(.mouse(MouseEvent(.doubleClick(button: 1), x: 20, y: 10)), model: model)
        #expect(dashboard.detail == nil)
    }

    @Test("the wheel moves the rows in view")
    func wheel() {
        var model = Script.start()
        var script = Script()
        for id in 1...40 { script.created(UInt64(id), label: "row \(id)", site: 1) }
        model.run(&script)
        var dashboard = live()
        let before = dashboard.render(model: model, width: 100, height: 12).line(firstRow)
        _ = dashboard.handle(.mouse(MouseEvent(.scrollDown, x: 5, y: 5)), model: model)
        let after = dashboard.render(model: model, width: 100, height: 12).line(firstRow)
        #expect(after != before)
        _ = dashboard.handle(.mouse(MouseEvent(.scrollUp, x: 5, y: 5)), model: model)
        #expect(dashboard.render(model: model, width: 100, height: 12).line(firstRow) == before)
    }

    @Test("over the help box the wheel scrolls it and a click closes it; nothing reaches the rows beneath")
    func helpBox() {
        var dashboard = live()
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = dashboard.handle(.key(.character("?")), model: model)
        _ = dashboard.handle(.mouse(MouseEvent(.scrollDown, x: 30, y: 5)), model: model)
        #expect(dashboard.modal == .help(offset: 3))
        _ = dashboard.handle(.mouse(MouseEvent(.scrollUp, x: 30, y: 5)), model: model)
        #expect(dashboard.modal == .help(offset: 0))
        _ = dashboard.handle(.mouse(MouseEvent(.doubleClick(button: 1), x: 20, y: firstRow + 2)), model: model)
        #expect(dashboard.modal == nil)
        #expect(dashboard.detail == nil)
        #expect(dashboard.views[.pending]?.selectedID != 3)
    }

    @Test("the cancel question ignores the mouse: only y cancels")
    func cancelBox() {
        var dashboard = live()
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = dashboard.handle(.key(.character("c")), model: model)
        #expect(dashboard.handle(.mouse(click(20, firstRow)), model: model) == [])
        #expect(dashboard.modal == .confirmCancel(1))
    }

    @Test("with the mouse off (--no-mouse) mouse events do nothing and the help leaves the mouse out")
    func mouseOff() {
        var dashboard = live()
        dashboard.usesMouse = false
        _ = dashboard.render(model: model, width: 100, height: 12)
        _ = dashboard.handle(.mouse(MouseEvent(.doubleClick(button: 1), x: 20, y: firstRow + 2)), model: model)
        #expect(dashboard.detail == nil)
        #expect(dashboard.views[.pending]?.selectedID == 1)
        #expect(!KeyMap.standard.helpSections(mouse: false).contains { $0.title == "Mouse" })
        let mouse = KeyMap.standard.helpSections(mouse: true).last
        #expect(mouse?.title == "Mouse")
        #expect(mouse?.entries.map(\.keys) == ["wheel ↑", "wheel ↓", "click", "double-click"])
    }
}
