import DeferscopeUI
import Testing

@Suite("Widgets")
struct WidgetTests {
    static let theme = Theme(
        name: "test",
        styles: [
            .header: Style(attributes: .reverse),
            .headerDim: Style(attributes: [.reverse, .dim]),
            .footerKey: Style(attributes: .bold),
            .tabActive: Style(attributes: .reverse),
            .timeoutBar: Style(foreground: .yellow),
            .timeoutBarEmpty: Style(background: .blue),
            .modal: Style(background: .black),
            .border: Style(foreground: .white),
            .borderFocus: Style(foreground: .cyan),
            .title: Style(attributes: .bold),
            .filterPrompt: Style(attributes: .bold),
        ]
    )

    @Test("sparkline: eight levels scaled to the largest value, newest at the right, zero blank")
    func sparkline() {
        #expect(Sparkline.text([0, 1, 2, 3, 4, 5, 6, 7, 8], width: 9) == " ▁▂▃▄▅▆▇█")
        #expect(Sparkline.text([4, 8], width: 4) == "  ▄█")
        #expect(Sparkline.text([1, 2, 3], width: 2) == "▆█")
        #expect(Sparkline.text([1, 8], width: 2, maximum: 16) == "▁▄")
        #expect(Sparkline.text([0, 2, 4, 8], width: 4, glyphs: .ascii) == " .~#")
    }

    @Test("progress bar: eighth-block precision, ASCII fallback")
    func progressBar() {
        #expect(ProgressBar.pieces(fraction: 0.5, width: 10).filled == "█████")
        let third = ProgressBar.pieces(fraction: 1.0 / 3.0, width: 10)
        #expect(third.filled == "███")
        #expect(third.partial == "▎")
        #expect(third.empty == 6)
        #expect(ProgressBar.pieces(fraction: 2, width: 4).filled == "████")
        #expect(ProgressBar.pieces(fraction: -1, width: 4).empty == 4)
        var grid = CellGrid(width: 10, height: 1)
        ProgressBar.render(fraction: 0.45, into: &grid, in: grid.bounds, theme: Self.theme)
        #expect(grid.line(0) == "████▌")
        #expect(grid[4, 0].style == Style(foreground: .yellow, background: .blue))
        #expect(grid[9, 0].style == Self.theme[.timeoutBarEmpty])
        ProgressBar.render(fraction: 0.45, into: &grid, in: grid.bounds, theme: Self.theme, glyphs: .ascii)
        #expect(grid.line(0) == "####=-----")
    }

    @Test("tree guides: ancestors' lines pass by, the last child turns the corner")
    func treeGuides() {
        #expect(TreeGuide.prefix(ancestorsHaveLaterSiblings: [], isLast: false, isRoot: true) == "")
        #expect(TreeGuide.prefix(ancestorsHaveLaterSiblings: [], isLast: false) == "├─ ")
        #expect(TreeGuide.prefix(ancestorsHaveLaterSiblings: [true, false], isLast: true) == "│     └─ ")
        #expect(TreeGuide.prefix(ancestorsHaveLaterSiblings: [true], isLast: true, glyphs: .ascii) == "|  `- ")
    }

    @Test("header bar: full labels when wide, short labels, then the least important segments go")
    func headerBar() {
        let segments = [
            HeaderSegment("", "orders[4242]", priority: 10),
            HeaderSegment("pending", "1,204", shortLabel: "pend", priority: 9),
            HeaderSegment("events/s", "3.2k", shortLabel: "ev/s", priority: 5),
            HeaderSegment("dropped", "0", shortLabel: "drop", priority: 1),
        ]
        var wide = CellGrid(width: 60, height: 1)
        HeaderBar.render(segments, into: &wide, in: wide.bounds, theme: Self.theme)
        #expect(wide.line(0) == " orders[4242]  pending 1,204  events/s 3.2k  dropped 0")
        #expect(wide[15, 0].style == Self.theme[.headerDim])
        #expect(wide[59, 0].style == Self.theme[.header])
        var medium = CellGrid(width: 45, height: 1)
        HeaderBar.render(segments, into: &medium, in: medium.bounds, theme: Self.theme)
        #expect(medium.line(0) == " orders[4242]  pend 1,204  ev/s 3.2k  drop 0")
        var narrow = CellGrid(width: 30, height: 1)
        HeaderBar.render(segments, into: &narrow, in: narrow.bounds, theme: Self.theme)
        #expect(narrow.line(0) == " orders[4242]  pend 1,204")
    }

    @Test("a header value keeps its colour and takes the bar's background")
    func headerValueStyle() {
        let theme = Theme(
            name: "h",
            styles: [.header: Style(foreground: .white, background: .blue), .stateFailed: Style(foreground: .red)]
        )
        var grid = CellGrid(width: 20, height: 1)
        HeaderBar.render(
            [HeaderSegment("failed", "3", valueStyle: .stateFailed)],
            into: &grid,
            in: grid.bounds,
            theme: theme
        )
        #expect(grid.line(0) == " failed 3")
        #expect(grid[8, 0].style == Style(foreground: .red, background: .blue))
    }

    @Test("footer hints drop the least important when narrow, keeping their order")
    func footer() {
        let hints = [
            KeyHint(key: "q", label: "quit", priority: 10),
            KeyHint(key: "?", label: "help", priority: 9),
            KeyHint(key: "/", label: "filter", priority: 5),
            KeyHint(key: "t", label: "theme", priority: 1),
            KeyHint(key: "s", label: "sort", priority: 6),
        ]
        var wide = CellGrid(width: 50, height: 1)
        FooterBar.render(hints, into: &wide, in: wide.bounds, theme: Self.theme)
        #expect(wide.line(0) == "q quit  ? help  / filter  t theme  s sort")
        #expect(wide[0, 0].style == Self.theme[.footerKey])
        var narrow = CellGrid(width: 24, height: 1)
        FooterBar.render(hints, into: &narrow, in: narrow.bounds, theme: Self.theme)
        #expect(narrow.line(0) == "q quit  ? help  s sort")
    }

    @Test("tabs: the current one highlighted; when narrow the others show their number")
    func tabs() {
        let titles = ["Pending", "Chains", "Timeouts"]
        var wide = CellGrid(width: 40, height: 1)
        TabBar.render(titles, active: 1, into: &wide, in: wide.bounds, theme: Self.theme)
        #expect(wide.line(0) == " 1 Pending  2 Chains  3 Timeouts")
        #expect(wide[12, 0].style == Self.theme[.tabActive])
        var narrow = CellGrid(width: 20, height: 1)
        TabBar.render(titles, active: 1, into: &narrow, in: narrow.bounds, theme: Self.theme)
        #expect(narrow.line(0) == " 1  2 Chains  3")
    }

    @Test("modal box: centered, bordered, titled; returns its content area")
    func modal() {
        var grid = CellGrid(width: 24, height: 7)
        let content = ModalBox.render(
            title: "Cancel",
            lines: [[Span("cancel #42? y/n")]],
            into: &grid,
            within: grid.bounds,
            theme: Self.theme
        )
        #expect(
            grid.plainText() == """


                  ┌─ Cancel ────────┐
                  │ cancel #42? y/n │
                  └─────────────────┘


                """
        )
        #expect(content == Rect(x: 4, y: 3, width: 15, height: 1))
        // The box has the keys: its border is the focused one, on the box's background.
        #expect(grid[2, 2].style == Style(foreground: .cyan, background: .black))
        #expect(grid[5, 2].style == Style(background: .black, attributes: .bold), "ui.title, on the box's background")
    }

    @Test("line editor: insert, move, erase, words, history")
    func lineEditor() {
        var editor = LineEditor()
        for character in "fetch cfg" { _ = editor.handle(.character(character)) }
        #expect(editor.text == "fetch cfg")
        _ = editor.handle(.left)
        _ = editor.handle(.left)
        _ = editor.handle(.backspace)
        #expect(editor.text == "fetch fg")
        #expect(editor.cursor == 6)
        _ = editor.handle(.home)
        _ = editor.handle(.character(">"))
        _ = editor.handle(.end)
        _ = editor.handle(.control("w"))
        #expect(editor.text == ">fetch ")
        #expect(editor.handle(.enter) == .submitted(">fetch "))
        editor.setText("abc")
        _ = editor.handle(.left)
        _ = editor.handle(.control("u"))
        #expect(editor.text == "c")
        #expect(editor.cursor == 0)
        _ = editor.handle(.up)
        #expect(editor.text == ">fetch ")
        _ = editor.handle(.down)
        #expect(editor.text == "c")
        #expect(editor.handle(.escape) == .cancelled)
        #expect(editor.handle(.function(3)) == .ignored)
    }

    @Test("line editor renders prompt, text and a reversed cursor, scrolling long text")
    func lineEditorRender() {
        var editor = LineEditor(text: "abcdefghij")
        var grid = CellGrid(width: 8, height: 1)
        editor.render(prompt: "/", into: &grid, in: grid.bounds, theme: Self.theme)
        #expect(grid.line(0) == "/efghij")
        #expect(grid[7, 0].style.attributes.contains(.reverse))
        _ = editor.handle(.home)
        editor.render(prompt: "/", into: &grid, in: grid.bounds, theme: Self.theme)
        #expect(grid.line(0) == "/abcdefg")
        #expect(grid[1, 0].style.attributes.contains(.reverse))
        #expect(grid[0, 0].style == Self.theme[.filterPrompt])
    }
}
