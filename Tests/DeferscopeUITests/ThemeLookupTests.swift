import Testing

@testable import DeferscopeUI

#if canImport(Glibc)
import Glibc
#endif

@Suite("Theme lookup")
struct ThemeLookupTests {
    /// A fresh config folder with `deferscope/themes/` holding `files` (name → text).
    static func configFolder(_ files: [String: String]) throws -> String {
        let root = "/tmp/deferscope-ui-lookup-\(UInt32.random(in: 0...UInt32.max))"
        for folder in [root, root + "/deferscope", root + "/deferscope/themes"] {
            try #require(mkdir(folder, 0o700) == 0)
        }
        for (name, text) in files {
            try #require(FileBytesForTests.write(text, to: root + "/deferscope/themes/" + name))
        }
        return root
    }

    static func remove(_ root: String, _ files: [String]) {
        for name in files { unlink(root + "/deferscope/themes/" + name) }
        for folder in [root + "/deferscope/themes", root + "/deferscope", root] { rmdir(folder) }
    }

    @Test("a name is looked up in $XDG_CONFIG_HOME/deferscope/themes before the bundled themes")
    func configBeforeBundled() throws {
        let files = ["nord.toml": "[ui]\nerror = \"#010203\"\n", "mine.toml": "[ui]\nerror = \"#040506\"\n"]
        let root = try Self.configFolder(files)
        defer { Self.remove(root, Array(files.keys)) }
        let environment = ["XDG_CONFIG_HOME": root, "HOME": "/nonexistent"]

        let mine = try ThemeSelection.resolving("mine", environment: environment)
        #expect(mine.current.name == "mine")
        #expect(mine.current[.error].foreground == .rgb(4, 5, 6))
        let nord = try ThemeSelection.resolving("nord", environment: environment)
        #expect(nord.current[.error].foreground == .rgb(1, 2, 3))
        // The folder's nord replaces the bundled one; mine joins the cycle.
        #expect(nord.themes.map(\.name) == ThemeCatalog.bundledNames + ["mine"])
        let light = try ThemeSelection.resolving("light", environment: environment)
        #expect(light.current == ThemeCatalog.bundledTheme(named: "light"))
    }

    @Test("a path is used as it is, before any folder")
    func pathFirst() throws {
        let files = ["nord.toml": "[ui]\nerror = \"#070809\"\n"]
        let root = try Self.configFolder(files)
        defer { Self.remove(root, Array(files.keys)) }
        let selection = try ThemeSelection.resolving(
            root + "/deferscope/themes/nord.toml",
            environment: ["XDG_CONFIG_HOME": "/nonexistent"]
        )
        #expect(selection.current[.error].foreground == .rgb(7, 8, 9))
    }

    @Test("without XDG_CONFIG_HOME the folder is ~/.config")
    func homeConfig() {
        #expect(
            ThemeSelection.userThemePath(named: "nord", environment: ["HOME": "/home/a"])
                == "/home/a/.config/deferscope/themes/nord.toml"
        )
        #expect(
            ThemeSelection.userThemePath(named: "nord", environment: ["HOME": "/home/a", "XDG_CONFIG_HOME": "/x"])
                == "/x/deferscope/themes/nord.toml"
        )
        #expect(ThemeSelection.userThemePath(named: "nord", environment: [:]) == nil)
    }

    @Test("an unknown name says what is bundled and where a file was looked for")
    func unknownName() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeSelection.resolving("nope", environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        }
        let message = error?.problems.first?.message ?? ""
        #expect(message.hasPrefix("no theme 'nope': not bundled (default, "))
        #expect(message.hasSuffix("nor a file /nonexistent/deferscope/themes/nope.toml"))
    }

    @Test("a broken file in the config folder is an error with its line, not a silent fallback")
    func brokenUserTheme() throws {
        let files = ["bad.toml": "[ui]\ntext = \"#zz\"\n"]
        let root = try Self.configFolder(files)
        defer { Self.remove(root, Array(files.keys)) }
        let error = #expect(throws: ThemeError.self) {
            try ThemeSelection.resolving("bad", environment: ["XDG_CONFIG_HOME": root])
        }
        #expect(error?.problems.first?.line == 2)
    }
}
