import DeferscopeUI
import Testing

@Suite("CellGrid")
struct CellGridTests {
    @Test("display width: ASCII 1, CJK and emoji 2, combining marks and controls 0")
    func displayWidths() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("漢") == 2)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
        #expect(DisplayWidth.of("Ａ") == 2)  // fullwidth A
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("❤️") == 2)  // text heart made emoji by U+FE0F
        #expect(DisplayWidth.of("❤") == 1)
        #expect(DisplayWidth.of("🇫🇷") == 2)
        #expect(DisplayWidth.of("é") == 1)  // precomposed or e + U+0301: one grapheme, one cell
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
        #expect(DisplayWidth.of(Character("\u{7}")) == 0)
        #expect(DisplayWidth.of("Deferred 延迟 🚀") == 16)
    }

    @Test("wide characters take a cell and a continuation cell")
    func wideCharacters() {
        var grid = CellGrid(width: 6, height: 1)
        let end = grid.write("a漢b", x: 0, y: 0, style: Style())
        #expect(end == 4)
        #expect(grid.line(0) == "a漢b")
        #expect(grid[1, 0].character == "漢")
        #expect(grid[2, 0].isContinuation)
        #expect(!grid[3, 0].isContinuation)
    }

    @Test("a wide character that would straddle the right edge becomes a space")
    func wideAtEdge() {
        var grid = CellGrid(width: 5, height: 1)
        grid.write("abcd漢", x: 0, y: 0, style: Style(attributes: .bold))
        #expect(grid.line(0, trimmingTrailingSpaces: false) == "abcd ")
        #expect(grid[4, 0] == Cell(" ", style: Style(attributes: .bold)))
    }

    @Test("a wide character clipped on the left leaves its right half blank")
    func wideClippedLeft() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("漢字x", x: 1, y: 0, style: Style(), clip: Rect(x: 2, y: 0, width: 4, height: 1))
        #expect(grid.line(0, trimmingTrailingSpaces: false) == "   字x")
    }

    @Test("clip rectangle: nothing is written outside it")
    func clipping() {
        var grid = CellGrid(width: 10, height: 2)
        grid.write("hello world", x: 0, y: 0, style: Style(), clip: Rect(x: 2, y: 0, width: 5, height: 1))
        grid.write("below", x: 0, y: 1, style: Style(), clip: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(grid.plainText() == "  llo w\n")
    }

    @Test("a lone combining mark joins the cell before it")
    func combiningJoinsPrevious() {
        var grid = CellGrid(width: 4, height: 1)
        let end = grid.write("e", x: 0, y: 0, style: Style())
        let after = grid.write("\u{301}x", x: end, y: 0, style: Style())
        #expect(after == 2)
        #expect(grid[0, 0].character == "é")
        #expect(grid.line(0) == "éx")
    }

    @Test("a combining mark after a wide character joins the wide character")
    func combiningAfterWide() {
        var grid = CellGrid(width: 4, height: 1)
        let end = grid.write("漢", x: 0, y: 0, style: Style())
        grid.write("\u{301}", x: end, y: 0, style: Style())
        #expect(grid[0, 0].character == "漢\u{301}")
        #expect(grid[1, 0].isContinuation)
    }

    @Test("control characters are dropped")
    func controlsDropped() {
        var grid = CellGrid(width: 6, height: 1)
        let end = grid.write("a\tb\u{1B}c", x: 0, y: 0, style: Style())
        #expect(end == 3)
        #expect(grid.line(0) == "abc")
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("漢字", x: 0, y: 0, style: Style())
        grid.write("x", x: 1, y: 0, style: Style())
        grid.write("y", x: 2, y: 0, style: Style())
        #expect(grid.line(0) == " xy")
        #expect(grid.bounds.row(0).width == 6)
        #expect(!(0..<6).contains { grid[$0, 0].isContinuation })
    }

    @Test("filling a rectangle that cuts a wide character blanks its other half")
    func fillCutsWide() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("a漢字", x: 0, y: 0, style: Style())
        grid.fill(Rect(x: 2, y: 0, width: 2, height: 1), style: Style())
        #expect(grid.line(0) == "a")
    }

    @Test("truncation keeps a wide character whole and ends with an ellipsis")
    func truncation() {
        #expect("abcdef".truncated(toWidth: 4) == "abc…")
        #expect("abc".truncated(toWidth: 3) == "abc")
        #expect("漢字漢字".truncated(toWidth: 6) == "漢字…")
        #expect("漢字漢字".truncated(toWidth: 5) == "漢字…")
        #expect("漢字漢字".truncated(toWidth: 4) == "漢…")
        #expect("abcdef".truncated(toWidth: 1) == ".")
        #expect("Sources/Deferscope/Grid.swift".truncated(toWidth: 15, position: .middle) == "Sources…d.swift")
        #expect("ab".padded(toWidth: 4, alignment: .right) == "  ab")
        #expect("漢".padded(toWidth: 4, alignment: .center) == " 漢 ")
    }

    @Test("plain text skips continuation cells and trims trailing spaces")
    func plainText() {
        var grid = CellGrid(width: 8, height: 2)
        grid.write("漢 x", x: 0, y: 0, style: Style())
        grid.write("🚀", x: 6, y: 1, style: Style())
        #expect(grid.plainText() == "漢 x\n      🚀")
        #expect(grid.line(0, trimmingTrailingSpaces: false) == "漢 x    ")
    }
}
