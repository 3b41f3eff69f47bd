import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

/// The Sites view's histograms of the selected site: lifetimes and step durations as bars, with
/// p50/p90/p99 named and pointed at, shrinking or dropping on small screens.
@Suite struct SitesHistogramTests {
    /// Site 1 (App/Network.swift:10): 100 Deferreds released after 1 ms (50 of them), 10 ms (40),
    /// 100 ms (9) and 1 s (1); each ran one step of a tenth of its lifetime. Site 2: one pending
    /// Deferred, nothing released.
    static func model() -> DeferscopeModel {
        var model = Script.start()
        var script = Script()
        let lifetimes = [(50, Script.millisecond), (40, 10 * Script.millisecond), (9, 100 * Script.millisecond)]
        var id: UInt64 = 0
        for (count, lifetime) in lifetimes + [(1, Script.second)] {
            for _ in 0..<count {
                id += 1
                script.created(id, label: "fetch", site: 1)
                script.stepAdded(id, index: 0)
                script.fired(id)
                script.stepRan(id, index: 0, duration: lifetime / 10)
                script.advance(lifetime)
                script.released(id)
            }
        }
        script.created(1_000, label: "pending", site: 2)
        model.run(&script)
        model.advance(to: script.time)
        return model
    }

    /// A bar row of a chart drawn at columns `x ..< x + width`: its label, its length in eighths
    /// of a cell, its count and its pointers.
    struct BarRow {
        var label: String
        var eighths: Int
        var count: String
        var marks: String
    }

    static func barRows(_ grid: CellGrid, x: Int, width: Int, from y: Int) -> [BarRow] {
        var rows: [BarRow] = []
        var line = y
        while line < grid.height {
            let text = String(grid.line(line, trimmingTrailingSpaces: false).dropFirst(x).prefix(width))
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
            guard let label = fields.first, label.hasPrefix("≤") else { break }
            var eighths = 0
            for character in text {
                if character == "█" { eighths += 8 }
                if let partial = Glyphs.unicode.barPartial.firstIndex(of: character) { eighths += partial + 1 }
            }
            let rest = fields.dropFirst().filter { !$0.contains("█") && !Glyphs.unicode.barPartial.contains($0.first!) }
            let count = rest.first.map(String.init) ?? ""
            let marks = rest.dropFirst().joined(separator: " ")
            rows.append(BarRow(label: String(label), eighths: eighths, count: count, marks: marks))
            line += 1
        }
        return rows
    }

    /// The Sites view with site 1 (second by pending count) selected.
    func render(width: Int, height: Int) -> CellGrid {
        var view = SitesView()
        let model = Self.model()
        _ = Screen.render(&view, model, width: width, height: height)
        _ = view.handle(.moveDown, context: Screen.context(model))
        return Screen.render(&view, model, width: width, height: height)
    }

    @Test func theLifetimeBarsFollowTheDistributionAndMarkItsPercentiles() throws {
        let grid = render(width: 120, height: 40)
        let lines = Screen.lines(grid)
        let title = try #require(lines.firstIndex { $0.hasPrefix("LIFETIME  100 released") })
        #expect(lines[title - 1].hasPrefix("── App/Network.swift:10 ──"))
        #expect(lines[title + 1].hasPrefix("p50 1.0ms  p90 10ms  p99 101ms"))
        #expect(Screen.role(grid, x: 0, y: title + 1) == .helpKey)
        let rows = Self.barRows(grid, x: 0, width: 59, from: title + 2)
        // 1 ms to 1 s is ten powers of two: ten bars of one power of two each.
        #expect(rows.count == 10)
        #expect(rows.map(\.count) == ["50", "0", "0", "40", "0", "0", "9", "0", "0", "1"])
        #expect(rows.map(\.marks) == ["◂p50", "", "", "◂p90", "", "", "◂p99", "", "", ""])
        #expect(
            rows.map(\.label) == [
                "≤2.0ms", "≤3.9ms", "≤7.9ms", "≤16ms", "≤31ms", "≤63ms", "≤126ms", "≤252ms", "≤503ms", "≤1.0s",
            ]
        )
        // Bars in proportion to the counts, to an eighth of a cell.
        let full = try #require(rows.first?.eighths)
        #expect(full > 8 * 20)
        for row in rows {
            let expected = Double(full) * Double(row.count)! / 50
            #expect(abs(Double(row.eighths) - expected) <= 1, "\(row.label): \(row.eighths) eighths")
        }
        #expect(Screen.role(grid, x: 8, y: title + 2) == .sparkline)
    }

    @Test func theStepDurationsAreTheRightHandChart() throws {
        let grid = render(width: 120, height: 40)
        let lines = Screen.lines(grid)
        let title = try #require(lines.firstIndex { $0.contains("STEP DURATIONS  100 steps") })
        let x = try #require(Screen.column(of: "STEP DURATIONS", in: grid, y: title))
        #expect(x > 59)
        let percentiles = String(lines[title + 1].dropFirst(x))
        #expect(percentiles == "p50 106µs  p90 1.0ms  p99 10ms")
        let rows = Self.barRows(grid, x: x, width: 120 - x, from: title + 2)
        #expect(rows.map(\.count) == ["50", "0", "0", "40", "0", "0", "9", "0", "0", "1"])
    }

    @Test func aSiteWithNothingReleasedSaysSo() throws {
        var view = SitesView()
        let model = Self.model()
        let context = Screen.context(model)
        _ = Screen.render(&view, model, width: 120, height: 40)
        // Site 2 has the most pending: it is first; site 1 second.
        #expect(view.selectedSite == 2)
        let grid = Screen.render(&view, model, width: 120, height: 40)
        let text = grid.plainText()
        #expect(text.contains("LIFETIME  0 released"))
        #expect(text.contains("no completed Deferreds yet"))
        #expect(text.contains("no step has run yet"))
        #expect(!text.contains("p50"))
        _ = view.handle(.moveDown, context: context)
        #expect(Screen.render(&view, model, width: 120, height: 40).plainText().contains("p50 1.0ms"))
    }

    @Test(arguments: [(120, 40), (100, 20), (80, 14), (60, 9), (61, 11), (58, 30), (57, 30), (60, 8), (30, 12)])
    func smallScreensShrinkOrDropTheChartsWithoutCuttingThem(width: Int, height: Int) throws {
        var view = SitesView()
        let model = Self.model()
        _ = Screen.render(&view, model, width: width, height: height)
        _ = view.handle(.moveDown, context: Screen.context(model))
        let grid = Screen.render(&view, model, width: width, height: height)
        let lines = Screen.lines(grid)
        // The table keeps its header and its two sites whatever happens to the charts.
        #expect(lines[0].hasPrefix("PENDING"))
        #expect(lines[1].hasSuffix("ift:20") && lines[2].hasSuffix("ift:10"))
        let shown = lines.contains { $0.hasPrefix("LIFETIME") }
        #expect(shown == (width >= 58 && height >= 9))
        guard shown, let title = lines.firstIndex(where: { $0.hasPrefix("LIFETIME") }) else { return }
        // Percentiles are whole ("p99 101ms") or absent, never cut.
        let named = lines[title + 1].split(separator: "  ").map(String.init)
        let expected = ["p50 1.0ms", "p90 10ms", "p99 101ms", "p50 106µs", "p90 1.0ms", "p99 10ms"]
        #expect(named.allSatisfy { expected.contains($0.trimmingCharacters(in: " ")) }, "\(named)")
        #expect(named.contains("p50 1.0ms"))
        // Bars: as many as rows allow, each count whole, every percentile pointed at once.
        let rows = Self.barRows(grid, x: 0, width: (width - 2) / 2, from: title + 2)
        #expect(rows.count == min(10, height - 7))
        #expect(title == 5, "the charts follow the table's rows")
        #expect(rows.compactMap { Int($0.count) }.reduce(0, +) == 100 || rows.allSatisfy { $0.count.isEmpty })
        let marks = rows.map(\.marks).joined(separator: " ")
        #expect(marks.isEmpty || ["p50", "p90", "p99"].allSatisfy { marks.contains($0) })
    }

    @Test func durationsReadShort() {
        #expect(HistogramChart.duration(850) == "850ns")
        #expect(HistogramChart.duration(12_300) == "12µs")
        #expect(HistogramChart.duration(4_240_000) == "4.2ms")
        #expect(HistogramChart.duration(999_400_000) == "999ms")
        #expect(HistogramChart.duration(999_600_000) == "1.0s")
        #expect(HistogramChart.duration(75 * Script.second) == "1m15s")
    }

    @Test func asciiGlyphsDrawTheSameChart() {
        var view = SitesView()
        let model = Self.model()
        _ = Screen.render(&view, model, width: 120, height: 40, glyphs: .ascii)
        _ = view.handle(.moveDown, context: Screen.context(model, glyphs: .ascii))
        let text = Screen.render(&view, model, width: 120, height: 40, glyphs: .ascii).plainText()
        #expect(text.contains("<=2.0ms #"))
        #expect(text.contains("<p50"))
        #expect(!text.contains("█") && !text.contains("≤") && !text.contains("◂"))
    }
}

extension String {
    /// Without leading and trailing `character`s.
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
