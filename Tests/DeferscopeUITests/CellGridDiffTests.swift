import DeferscopeUI
import Testing

@Suite("CellGrid diff")
struct CellGridDiffTests {
    @Test("without a previous frame every row is one run")
    func firstFrame() {
        var grid = CellGrid(width: 3, height: 2)
        grid.write("abc", x: 0, y: 0, style: Style())
        let runs = grid.changedRuns(since: nil)
        #expect(runs.map(\.x) == [0, 0])
        #expect(runs.map(\.y) == [0, 1])
        #expect(runs[0].cells.map(\.character) == ["a", "b", "c"])
    }

    @Test("identical frames have no runs")
    func identical() {
        var grid = CellGrid(width: 5, height: 2)
        grid.write("same", x: 0, y: 1, style: Style())
        #expect(grid.changedRuns(since: grid).isEmpty)
    }

    @Test("changed cells come as runs per row; a style change counts")
    func runs() {
        var old = CellGrid(width: 10, height: 2)
        old.write("0123456789", x: 0, y: 0, style: Style())
        var new = old
        new.write("ab", x: 2, y: 0, style: Style())
        new.write("Z", x: 8, y: 0, style: Style())
        new.write("5", x: 5, y: 0, style: Style(attributes: .bold))
        let runs = new.changedRuns(since: old)
        #expect(runs.map { [$0.x, $0.y, $0.cells.count] } == [[2, 0, 2], [5, 0, 1], [8, 0, 1]])
        #expect(String(runs[0].cells.map(\.character)) == "ab")
    }

    @Test("a changed wide character's run covers both of its cells")
    func wideRun() {
        var old = CellGrid(width: 6, height: 1)
        old.write("a漢b", x: 0, y: 0, style: Style())
        var new = old
        new.write("字", x: 1, y: 0, style: Style())
        let runs = new.changedRuns(since: old)
        #expect(runs.count == 1)
        #expect(runs[0].x == 1)
        #expect(runs[0].cells.count == 2)
        #expect(runs[0].cells[1].isContinuation)
    }

    @Test("a different size redraws everything")
    func resized() {
        let old = CellGrid(width: 4, height: 1)
        let new = CellGrid(width: 5, height: 2)
        #expect(new.changedRuns(since: old).count == 2)
    }
}
