import DeferscopeModel
import DeferscopeUI
import Testing

/// The help overlay and the README list every key the key map handles: both are checked
/// against the bindings themselves, so a new binding without documentation fails here.
@Suite("Key map documentation")
struct KeyMapDocumentationTests {
    let keys = KeyMap.standard
    let model = Fixture.model()

    static let readme: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return FileBytesForTests.read(path + "/README.md") ?? ""
    }()

    /// Every key that does something in `context`, with what it does.
    func effectiveBindings(in context: KeyContext) -> [(key: Key, action: Action)] {
        keys.bindings.compactMap { binding in
            keys.action(for: .key(binding.key), in: context) == binding.action ? (binding.key, binding.action) : nil
        }
    }

    /// The help overlay's text, scrolled through to the end with ↓.
    func helpOverlay(_ context: KeyContext, width: Int, height: Int, mouse: Bool = true) -> [String] {
        var dashboard = Dashboard.standard(keyContext: context)
        dashboard.usesMouse = mouse
        _ = dashboard.handle(.key(.character("?")), model: model)
        var seen: [String] = []
        for _ in 0..<80 {
            let grid = dashboard.render(model: model, width: width, height: height)
            seen += (0..<height).map { grid.line($0) }
            _ = dashboard.handle(.key(.down), model: model)
        }
        return seen
    }

    /// A README table row for a help line: each key in backticks, then the summary.
    static func readmeRow(_ entry: HelpEntry, section: String) -> String {
        let keys = section == "Mouse" ? [entry.keys] : entry.keys.split(separator: " ").map(String.init)
        return "| " + keys.map { "`\($0)`" }.joined(separator: " ") + " | " + entry.summary + " |"
    }

    /// The README's key table as it should read: the live help, then the replay section.
    var expectedTable: [String] {
        let live = keys.helpSections(in: .live)
        let replay = keys.helpSections(in: .replay).filter { !live.map(\.title).contains($0.title) }
        return (live + replay).flatMap { section in
            ["| **\(section.title)** | |"] + section.entries.map { Self.readmeRow($0, section: section.title) }
        }
    }

    @Test("every key bound in live and replay is in the help, on the line of its action")
    func helpListsEveryKey() {
        for context in [KeyContext.live, .replay] {
            let entries = keys.helpSections(in: context).flatMap(\.entries)
            for (key, action) in effectiveBindings(in: context) {
                let summary: String
                let shown: String
                if case .showView = action {
                    (summary, shown) = ("Show view 1 to 6", "1-6")
                } else {
                    (summary, shown) = (action.summary, key.description)
                }
                let line = entries.first { $0.summary == summary }
                #expect(
                    line?.keys.split(separator: " ").contains(Substring(shown)) == true,
                    "\(context): \(key) (\(summary)) is not in the help: \(String(describing: line))"
                )
            }
        }
    }

    @Test("the help overlay shows every line of the help, scrolled, at 120×40 and at 60×12")
    func overlayShowsEveryLine() {
        for context in [KeyContext.live, .replay] {
            for (width, height) in [(120, 40), (60, 12)] {
                let shown = helpOverlay(context, width: width, height: height)
                for entry in keys.helpSections(in: context).flatMap(\.entries) {
                    let found = shown.contains { $0.contains(entry.keys + " ") && $0.contains(entry.summary) }
                    #expect(found, "\(context) \(width)×\(height): '\(entry.keys)  \(entry.summary)' not shown")
                }
            }
        }
        let withoutMouse = helpOverlay(.live, width: 120, height: 40, mouse: false)
        #expect(!withoutMouse.contains { $0.contains("double-click") })
        #expect(helpOverlay(.live, width: 120, height: 40).contains { $0.contains("double-click") })
    }

    @Test("the README's key table is the help's, line for line (paste the expected table when it changes)")
    func readmeTable() {
        let readme = Self.readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(!readme.isEmpty, "README.md not found")
        let expected = expectedTable
        let start = readme.firstIndex(of: expected.first ?? "")
        let found = start.map { Array(readme[$0..<min(readme.count, $0 + expected.count)]) } ?? []
        #expect(found == expected, "README.md's key table should read:\n\(expected.joined(separator: "\n"))")
    }

    @Test("every key bound in a replay is in the README's table too")
    func readmeHasReplayKeys() {
        let table = expectedTable.joined(separator: "\n")
        for (key, action) in effectiveBindings(in: .replay) {
            if case .showView = action { continue }
            #expect(table.contains("`\(key.description)`"), "\(key) is not in the README's key table")
            let inReadme = Self.readme.contains("`\(key.description)`")
            #expect(inReadme, "\(key) is not in README.md")
        }
    }
}
