import DeferscopeModel
import DeferscopeUI
import Testing

/// Every view and every overlay of the dashboard, drawn from one picture with wide labels, at
/// 120×40 and 60×12, at every colour depth and without colour: the text is there, every row is
/// exactly the grid's width, wide characters are whole, colours are the depth's, and the selected
/// row stands out even without colour.
@Suite struct GridMatrixTests {
    /// What is on screen.
    enum Scene: String, CaseIterable, CustomTestStringConvertible {
        case pending, chains, timeouts, errors, sites, events, detail
        case help, filterPrompt, filterError, cancelConfirmation, tooSmall, paused

        var testDescription: String { rawValue }

        /// The keys that bring it up from the Pending view.
        var keys: [Key] {
            func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }
            switch self {
            case .pending, .tooSmall: return []
            case .chains: return typed("2")
            case .timeouts: return typed("3")
            case .errors: return typed("4")
            case .sites: return typed("5")
            case .events: return typed("6")
            case .detail: return [.enter]
            case .help: return typed("?")
            case .filterPrompt: return typed("/label:決済")
            case .filterError: return typed("/age>") + [.enter]
            case .cancelConfirmation: return [.function(9)]
            case .paused: return typed(" ")
            }
        }

        /// Text on screen at both sizes.
        var expected: [String] {
            switch self {
            case .pending: return ["決済", "ID", "LABEL", "AGE"]
            case .chains: return ["DEADLOCK", "待ち a", "データ leaf"]
            case .timeouts: return ["TIMEOUT", "決済"]
            case .errors: return ["失敗 charge", "Boom"]
            case .sites: return ["PENDING", "LIFETIME", "Network.swift:10"]
            case .events: return ["WHEN", "EVENT", "待ち"]
            case .detail: return ["#1 '決済 payment'"]
            case .help: return ["deferscope keys"]
            case .filterPrompt: return ["filter /label:決済"]
            case .filterError: return ["filter:", "column 5"]
            case .cancelConfirmation: return ["Cancel #1 '決済 payment' in the process?"]
            case .tooSmall: return ["too small", "need 60×12"]
            case .paused: return ["PAUSED"]
            }
        }

        /// Whether the first row of a table under the header is selected.
        var hasSelectedRow: Bool {
            [.pending, .chains, .timeouts, .errors, .sites].contains(self)
        }
    }

    /// A screen size and a colour depth.
    struct Setup: CustomTestStringConvertible, Sendable {
        var width: Int
        var height: Int
        var depth: ColorDepth

        var testDescription: String { "\(width)×\(height) \(depth)" }

        static let all: [Setup] = [(120, 40), (60, 12)].flatMap { size in
            ColorDepth.allCases.map { Setup(width: size.0, height: size.1, depth: $0) }
        }
    }

    static let model = WideFixture.model()

    static func render(_ scene: Scene, _ setup: Setup) -> CellGrid {
        var dashboard = Dashboard.standard(themes: ThemeSelection().downgraded(to: setup.depth))
        dashboard.status = .live
        _ = dashboard.render(model: model, width: setup.width, height: setup.height)
        for key in scene.keys {
            _ = dashboard.handle(.key(key), model: model)
        }
        guard scene == .tooSmall else {
            return dashboard.render(model: model, width: setup.width, height: setup.height)
        }
        // One row or one column short of the smallest screen.
        return setup.width == 120
            ? dashboard.render(model: model, width: 120, height: 11)
            : dashboard.render(model: model, width: 59, height: 12)
    }

    @Test(arguments: Scene.allCases, Setup.all)
    func everySceneIsWholeAndInTheDepthsColours(scene: Scene, setup: Setup) {
        let grid = Self.render(scene, setup)
        let text = grid.plainText()
        for expected in scene.expected {
            #expect(text.contains(expected), "'\(expected)' missing from:\n\(text)")
        }
        if scene != .tooSmall { #expect(grid.line(0).hasPrefix(" app 42")) }
        for y in 0..<grid.height {
            // Each row is exactly as wide as the grid: no wide character spills or is half there.
            #expect(grid.line(y, trimmingTrailingSpaces: false).displayWidth == grid.width, "row \(y)")
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation {
                    #expect(x > 0 && DisplayWidth.of(grid[x - 1, y].character) == 2, "stray half at (\(x), \(y))")
                } else if DisplayWidth.of(cell.character) == 2 {
                    #expect(
                        x + 1 < grid.width && grid[x + 1, y].isContinuation,
                        "split '\(cell.character)' at (\(x), \(y))"
                    )
                }
                for color in [cell.style.foreground, cell.style.background] {
                    #expect(Self.fits(color, setup.depth), "\(color) at (\(x), \(y)) on a \(setup.depth) terminal")
                }
            }
        }
        if scene.hasSelectedRow {
            // Row 3 is the first row under the table header, selected; row 4 is not.
            let selected = grid[1, 3].style
            let other = grid[1, 4].style
            #expect(selected != other)
            if setup.depth == .none {
                #expect(!selected.attributes.isDisjoint(with: [.reverse, .bold]))
                #expect(selected.attributes != other.attributes)
            }
        }
    }

    /// Whether a terminal of `depth` can show `color` as it is.
    static func fits(_ color: Color, _ depth: ColorDepth) -> Bool {
        switch (color, depth) {
        case (.default, _), (_, .trueColor): return true
        case (_, .none): return false
        case (.ansi(let index), .ansi8): return index < 8
        case (.ansi(let index), _): return index < 16
        case (.indexed, .indexed256): return true
        case (.indexed, _), (.rgb, _): return false
        }
    }

    /// The list views' tables at 120 and 60 columns (those a picture of one process shows).
    static let tables: [(ViewKind, [TableColumn])] = [
        (.pending, ChainListView.pending().columns.filter { $0.isShown(in: model) }.map(\.tableColumn)),
        (.timeouts, ChainListView.timeouts().columns.filter { $0.isShown(in: model) }.map(\.tableColumn)),
        (.errors, ChainListView.errors().columns.filter { $0.isShown(in: model) }.map(\.tableColumn)),
        (.sites, SitesView().columns.map(\.tableColumn)),
    ]

    @Test(arguments: [ViewKind.pending, .timeouts, .errors, .sites])
    func columnsDropByPriorityWhenNarrow(view: ViewKind) throws {
        let columns = try #require(Self.tables.first { $0.0 == view }?.1)
        func titles(width: Int) -> (shown: [TableColumn], dropped: [TableColumn]) {
            var dashboard = Dashboard.standard()
            dashboard.status = .live
            _ = dashboard.handle(.key(.character(Character(String(view.rawValue)))), model: Self.model)
            let header = dashboard.render(model: Self.model, width: width, height: 12).line(2)
            let words = Set(header.split(separator: " ").map { String($0.filter { !"▲▼".contains($0) }) })
            let shown = columns.filter { $0.title.contains(" ") ? header.contains($0.title) : words.contains($0.title) }
            return (shown, columns.filter { column in !shown.contains(column) })
        }
        let wide = titles(width: 120)
        #expect(wide.dropped.isEmpty, "dropped at 120: \(wide.dropped.map(\.title))")
        let narrow = titles(width: 60)
        let lowestShown = try #require(narrow.shown.map(\.priority).min())
        #expect(narrow.dropped.allSatisfy { $0.priority <= lowestShown }, "\(narrow.dropped.map(\.title))")
        // The most important column is always there.
        let top = try #require(columns.max { $0.priority < $1.priority })
        #expect(narrow.shown.contains(top))
        if view == .pending { #expect(!narrow.dropped.isEmpty) }
    }
}
