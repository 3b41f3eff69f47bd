import DeferscopeModel

/// A distribution of durations drawn as horizontal bars, one row per range of values on a
/// logarithmic scale (empty ranges between the smallest and largest value included, so gaps show),
/// with the 50th, 90th and 99th percentiles named under the title and pointed at on their rows:
///
/// ```
/// LIFETIME  100 released
/// p50 1.0ms  p90 10ms  p99 101ms
///  ≤2.4ms ████████████████████  50 ◂p50
///   ≤10ms                        0
///   ≤31ms ████████████████      40 ◂p90
/// ```
///
/// It shrinks to fit: fewer rows means wider ranges; a narrow rectangle drops the counts, then
/// the pointers, then the percentiles that do not fit whole, then the bars. Nothing is cut in the
/// middle of a number.
public struct HistogramChart {
    /// The first line (`LIFETIME  100 released`).
    public var title: String
    /// The values.
    public var histogram: LogHistogram
    /// Said under the title when the histogram is empty.
    public var emptyMessage: String

    /// The percentiles named and marked, in order.
    public static let percentiles: [(label: String, fraction: Double)] = [("p50", 0.5), ("p90", 0.9), ("p99", 0.99)]
    /// The most rows of bars drawn, however tall the rectangle.
    public static let maximumBars = 10
    /// Narrower than this, the bars are left out (the title and percentiles stay).
    static let minimumBarWidth = 3

    /// A chart of `histogram`.
    public init(title: String, histogram: LogHistogram, emptyMessage: String) {
        self.title = title
        self.histogram = histogram
        self.emptyMessage = emptyMessage
    }

    /// One row of bars as laid out.
    struct Row: Equatable {
        /// `≤12ms`.
        var label: String
        var count: UInt64
        /// The percentiles falling in the row's range (`p50`, `p90`).
        var marks: [String]
    }

    /// The rows for at most `limit` bars.
    func rows(limit: Int, glyphs: Glyphs) -> [Row] {
        let values = Self.percentiles.map { (label: $0.label, value: histogram.percentile($0.fraction)) }
        return histogram.bars(min(limit, Self.maximumBars)).map { bar in
            Row(
                label: glyphs.atMost + Self.duration(bar.upper),
                count: bar.count,
                marks: values.filter { $0.value >= bar.lower && $0.value <= bar.upper }.map(\.label)
            )
        }
    }

    /// Draws the chart into `rect`: title, percentiles, then one row per bar while rows last.
    public func render(into grid: inout CellGrid, in rect: Rect, theme: Theme, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme[.text])
        grid.write(title, x: rect.x, y: rect.y, style: theme[.title], clip: rect.row(0))
        guard rect.height > 1 else { return }
        guard histogram.totalCount > 0 else {
            grid.write(emptyMessage, x: rect.x, y: rect.y + 1, style: theme[.textDim], clip: rect.row(1))
            return
        }
        renderPercentiles(into: &grid, in: rect.row(1), theme: theme)
        guard rect.height > 2 else { return }
        renderBars(rows(limit: rect.height - 2, glyphs: glyphs), into: &grid, in: rect, theme: theme, glyphs: glyphs)
    }

    /// `p50 12ms  p90 48ms  p99 210ms`, as many whole ones as fit.
    private func renderPercentiles(into grid: inout CellGrid, in line: Rect, theme: Theme) {
        var x = line.x
        for (label, fraction) in Self.percentiles {
            let value = Self.duration(histogram.percentile(fraction))
            let separator = x == line.x ? "" : "  "
            guard x + separator.count + label.count + 1 + value.count <= line.maxX else { break }
            x = grid.write(separator + label, x: x, y: line.y, style: theme[.helpKey], clip: line)
            x = grid.write(" " + value, x: x, y: line.y, style: theme[.text], clip: line)
        }
    }

    private func renderBars(_ rows: [Row], into grid: inout CellGrid, in rect: Rect, theme: Theme, glyphs: Glyphs) {
        let labelWidth = rows.map { $0.label.count }.max() ?? 0
        var countWidth = rows.map { ViewFormat.count($0.count).count }.max() ?? 0
        var markWidth = rows.map { $0.marks.isEmpty ? 0 : 2 + $0.marks.joined(separator: " ").count }.max() ?? 0
        func barWidth() -> Int {
            rect.width - labelWidth - 1 - (countWidth == 0 ? 0 : countWidth + 1) - markWidth
        }
        // Counts go first, then the pointers (the percentiles line above still names them).
        if barWidth() < Self.minimumBarWidth { countWidth = 0 }
        if barWidth() < Self.minimumBarWidth { markWidth = 0 }
        let width = barWidth()
        guard width >= Self.minimumBarWidth else { return }
        let largest = max(1, rows.map(\.count).max() ?? 1)
        for (index, row) in rows.enumerated() {
            let y = rect.y + 2 + index
            let line = rect.row(2 + index)
            let padding = String(repeating: " ", count: labelWidth - row.label.count)
            var x = grid.write(padding + row.label + " ", x: rect.x, y: y, style: theme[.textDim], clip: line)
            ProgressBar.render(
                fraction: Double(row.count) / Double(largest),
                into: &grid,
                in: Rect(x: x, y: y, width: width, height: 1),
                theme: theme,
                glyphs: glyphs,
                filled: .sparkline,
                empty: .text
            )
            x += width
            if countWidth > 0 {
                let count = ViewFormat.count(row.count)
                let text = String(repeating: " ", count: countWidth + 1 - count.count) + count
                x = grid.write(text, x: x, y: y, style: theme[.textDim], clip: line)
            }
            if markWidth > 0, !row.marks.isEmpty {
                let mark = " " + String(glyphs.pointer) + row.marks.joined(separator: " ")
                grid.write(mark, x: x, y: y, style: theme[.helpKey], clip: line)
            }
        }
    }

    /// `850ns`, `12µs`, `4.2ms`, `210ms`, `1.5s`, `3m05s`: two or three significant digits.
    public static func duration(_ nanoseconds: UInt64) -> String {
        func scaled(_ value: Double, _ unit: String) -> String {
            if value < 9.95 { return String(Double((value * 10).rounded()) / 10) + unit }
            return String(Int(value.rounded())) + unit
        }
        let value = Double(nanoseconds)
        if nanoseconds < 1_000 { return "\(nanoseconds)ns" }
        if value < 999_500 { return scaled(value / 1e3, "µs") }
        if value < 999_500_000 { return scaled(value / 1e6, "ms") }
        if value < 59.5e9 { return scaled(value / 1e9, "s") }
        return ViewFormat.duration(nanoseconds: nanoseconds)
    }
}
