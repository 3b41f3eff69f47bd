import DeferscopeUI
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Theme cycle with the user's themes")
struct ThemeCycleTests {
    let bundled = ThemeCatalog.bundledNames

    /// Presses `t` `count` times; returns the footer message after each.
    func cycle(_ dashboard: inout Dashboard, times count: Int) -> [String] {
        let model = Fixture.model()
        return (0..<count).map { _ in
            _ = dashboard.handle(.key(.character("t")), model: model)
            return dashboard.message ?? ""
        }
    }

    @Test(
        "t goes through the bundled themes, then the user's in name order; a user's theme of a bundled name replaces it"
    )
    func order() throws {
        let files = [
            "zebra.toml": "[ui]\nerror = \"#010101\"\n",
            "alpha.toml": "[ui]\nerror = \"#020202\"\n",
            "nord.toml": "[ui]\nerror = \"#030303\"\n",
            "notes.txt": "not a theme",
            ".hidden.toml": "[nope]\n",
        ]
        let root = try ThemeLookupTests.configFolder(files)
        defer { ThemeLookupTests.remove(root, Array(files.keys)) }
        let selection = try ThemeSelection.resolving("default", environment: ["XDG_CONFIG_HOME": root])
        #expect(selection.themes.map(\.name) == bundled + ["alpha", "zebra"])
        #expect(selection.themes.first { $0.name == "nord" }?[.error].foreground == .rgb(3, 3, 3))
        #expect(selection.brokenThemes.isEmpty)
        var dashboard = Dashboard.standard(themes: selection)
        let messages = cycle(&dashboard, times: bundled.count + 2)
        #expect(messages == (bundled.dropFirst() + ["alpha", "zebra", "default"]).map { "theme: \($0)" })
    }

    @Test("a broken user theme is skipped and said once, with its file and line; the cycle goes on")
    func brokenSkippedOnce() throws {
        let files = [
            "alpha.toml": "[ui]\nerror = \"#020202\"\n",
            "broken.toml": "[ui]\n\nerror = \"#zz\"\n",
            "zebra.toml": "[ui]\nerror = \"#010101\"\n",
        ]
        let root = try ThemeLookupTests.configFolder(files)
        defer { ThemeLookupTests.remove(root, Array(files.keys)) }
        let selection = try ThemeSelection.resolving("zebra", environment: ["XDG_CONFIG_HOME": root])
        #expect(selection.current.name == "zebra")
        #expect(selection.themes.map(\.name) == bundled + ["alpha", "zebra"])
        #expect(selection.brokenThemes.map(\.source) == [root + "/deferscope/themes/broken.toml"])
        var dashboard = Dashboard.standard(themes: selection)
        // The broken file sits between alpha and zebra; from zebra, two full rounds.
        let round = bundled.count + 2
        let messages = cycle(&dashboard, times: 2 * round)
        let skipped = messages.filter { $0.contains("skipped") }
        #expect(skipped.count == 1, "\(messages)")
        let said = try #require(skipped.first)
        #expect(said.hasPrefix("theme: zebra (skipped \(root)/deferscope/themes/broken.toml:3: 'ui.error': "))
        #expect(messages[round - 1] == said)
        #expect(messages[2 * round - 1] == "theme: zebra")
        #expect(dashboard.themes.current.name == "zebra")
    }

    @Test("a folder, a FIFO, a binary file and an empty file named *.toml never crash or hang the cycle")
    func oddFiles() throws {
        let files = ["empty.toml": ""]
        let root = try ThemeLookupTests.configFolder(files)
        let themes = root + "/deferscope/themes"
        try #require(mkdir(themes + "/folder.toml", 0o700) == 0)
        try #require(mkfifo(themes + "/pipe.toml", 0o600) == 0)
        let binary = fopen(themes + "/binary.toml", "w")
        try #require(binary != nil)
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x01, 0x5B]
        fwrite(bytes, 1, bytes.count, binary)
        fclose(binary)
        defer {
            rmdir(themes + "/folder.toml")
            unlink(themes + "/pipe.toml")
            ThemeLookupTests.remove(root, Array(files.keys) + ["binary.toml"])
        }
        // A FIFO or a folder is not a theme file: left out. An empty file is a theme of fallbacks;
        // the binary one is a broken place.
        var selection = try ThemeSelection.resolving("default", environment: ["XDG_CONFIG_HOME": root])
        #expect(selection.themes.map(\.name) == bundled + ["empty"])
        #expect(selection.brokenThemes.map(\.source) == [themes + "/binary.toml"])
        #expect(selection.brokenThemes.first?.description.hasPrefix(themes + "/binary.toml: not a theme file") == true)
        var reports = 0
        for _ in 0..<(2 * (bundled.count + 2)) { reports += selection.cycle().count }
        #expect(reports == 1)
        // Asked for by name or path, the FIFO is a clear error, not a hang.
        let error = #expect(throws: ThemeError.self) {
            try ThemeSelection.resolving(themes + "/pipe.toml", environment: [:])
        }
        #expect(error?.description.contains("pipe.toml") == true)
    }

    @Test("--theme PATH joins the cycle and is current; the folder's themes are there too")
    func pathInCycle() throws {
        let files = ["alpha.toml": "[ui]\nerror = \"#020202\"\n"]
        let root = try ThemeLookupTests.configFolder(files)
        let path = "/tmp/deferscope-cycle-\(UInt32.random(in: 0...UInt32.max))-mine.toml"
        try #require(FileBytesForTests.write("[ui]\nerror = \"#040404\"\n", to: path))
        defer {
            unlink(path)
            ThemeLookupTests.remove(root, Array(files.keys))
        }
        var selection = try ThemeSelection.resolving(path, environment: ["XDG_CONFIG_HOME": root])
        let mine = String(path.dropFirst(5).dropLast(5))
        #expect(selection.current.name == mine)
        #expect(selection.themes.map(\.name) == bundled + ["alpha", mine])
        selection.cycle()
        #expect(selection.current.name == "default")
    }

    @Test("downgrading for the terminal keeps the broken places and the current theme")
    func downgradeKeepsPlaces() throws {
        let files = ["broken.toml": "[ui]\nerror = \"#zz\"\n"]
        let root = try ThemeLookupTests.configFolder(files)
        defer { ThemeLookupTests.remove(root, Array(files.keys)) }
        let selection = try ThemeSelection.resolving("nord", environment: ["XDG_CONFIG_HOME": root])
        var fitted = selection.downgraded(to: .none)
        #expect(fitted.current.name == "nord")
        #expect(fitted.brokenThemes.count == 1)
        #expect(fitted.themes.allSatisfy { theme in ThemeKey.allCases.allSatisfy { theme[$0].foreground == .default } })
        var reports = 0
        for _ in 0..<(2 * bundled.count + 2) { reports += fitted.cycle().count }
        #expect(reports == 1)
    }
}
