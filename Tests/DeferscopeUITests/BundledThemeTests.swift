import Testing

@testable import DeferscopeUI

#if canImport(Glibc)
import Glibc
#endif

@Suite("Bundled themes")
struct BundledThemeTests {
    static let themesDirectory: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Themes"
    }()

    @Test("the embedded themes are exactly Themes/*.toml (run `bash Themes/embed.sh` after editing one)")
    func embeddedMatchesFiles() throws {
        let names = try #require(FileBytesForTests.list(Self.themesDirectory, suffix: ".toml")).sorted()
        #expect(BundledThemes.sources.map(\.name).sorted() == names.map { String($0.dropLast(5)) })
        for source in BundledThemes.sources {
            let text = FileBytesForTests.read(Self.themesDirectory + "/" + source.name + ".toml")
            #expect(text == source.text, "Themes/\(source.name).toml differs from its embedded copy")
        }
        #expect(BundledThemes.sources.first?.name == "default")
    }

    @Test("there are at least four bundled themes and each sets every key itself")
    func completeThemes() {
        #expect(ThemeCatalog.bundled.count >= 4)
        for theme in ThemeCatalog.bundled {
            let missing = ThemeKey.allCases.filter { theme.definedStyles[$0] == nil }
            #expect(missing.isEmpty, "\(theme.name) leaves out \(missing.map(\.rawValue))")
        }
    }

    @Test("every file in Themes/ loads from disk on its own and sets every key")
    func everyFileLoads() throws {
        let files = try #require(FileBytesForTests.list(Self.themesDirectory, suffix: ".toml")).sorted()
        #expect(files.count >= 8)
        for file in files {
            let theme = try ThemeCatalog.load(path: Self.themesDirectory + "/" + file, fallback: nil)
            #expect(theme.name + ".toml" == file)
            let missing = ThemeKey.allCases.filter { theme.definedStyles[$0] == nil }
            #expect(missing.isEmpty, "\(file) leaves out \(missing.map(\.rawValue))")
        }
    }

    @Test("the issue's themes ship")
    func shippedNames() {
        let names = Set(ThemeCatalog.bundledNames)
        for name in ["default", "light", "high-contrast", "monochrome", "solarized-dark", "nord", "gruvbox", "dracula"]
        {
            #expect(names.contains(name), "\(name) is not bundled")
        }
    }

    @Test("at 16 colours the header bar and the selected row keep a background")
    func sixteenColours() {
        for theme in ThemeCatalog.bundled where theme.name != "monochrome" {
            let sixteen = theme.downgraded(to: .ansi16)
            let text = sixteen[.text].background
            #expect(sixteen[.rowSelected].background != text, "\(theme.name): \(sixteen[.rowSelected])")
            #expect(sixteen[.header].background != text, "\(theme.name): \(sixteen[.header])")
        }
    }

    @Test("monochrome uses no colour at all")
    func monochrome() throws {
        let theme = try #require(ThemeCatalog.bundledTheme(named: "monochrome"))
        for key in ThemeKey.allCases {
            #expect(theme[key].foreground == .default && theme[key].background == .default, "\(key.rawValue)")
        }
    }

    @Test("without colour the selected row and the header stay visible, plain text stays plain")
    func noColorKeepsSelection() throws {
        for theme in ThemeCatalog.bundled {
            let plain = theme.downgraded(to: .none)
            #expect(plain[.rowSelected].attributes.contains(.reverse), "\(theme.name)")
            #expect(plain[.header].attributes.contains(.reverse), "\(theme.name)")
            #expect(!plain[.text].attributes.contains(.reverse), "\(theme.name)")
            #expect(plain[.rowSelected].foreground == .default)
            #expect(plain[.rowAlt] == plain[.text], "\(theme.name): zebra stripes must not look like the selection")
        }
    }

    @Test("without colour, the issue's new styles stay apart from their neighbours by attributes alone")
    func noColorKeepsNewKeysApart() {
        // Each pair is drawn in the same place or next to each other, so it must differ.
        let pairs: [(ThemeKey, ThemeKey)] = [
            (.stateTimedOut, .stateFailed), (.stateCancelled, .stateFailed), (.stateUnhandled, .stateFailed),
            (.stateTimedOut, .stateCancelled), (.stateTimedOut, .stateUnhandled), (.stateCancelled, .stateUnhandled),
            (.stateFired, .stateSucceeded), (.stateFired, .text), (.stateTimedOut, .text), (.stateCancelled, .text),
            (.stateUnhandled, .text), (.footerPaused, .footerText), (.footerError, .footerText),
            (.footerPaused, .footerError), (.filterMatch, .text), (.borderFocus, .border), (.title, .text),
            (.keyHint, .modal), (.keyHint, .text),
        ]
        for theme in ThemeCatalog.bundled {
            let plain = theme.downgraded(to: .none)
            for (a, b) in pairs {
                #expect(
                    plain[a].attributes != plain[b].attributes,
                    "\(theme.name): \(a.rawValue) and \(b.rawValue) look alike without colour"
                )
            }
        }
    }

    @Test("docs/themes.md documents every key")
    func documented() {
        let docs = FileBytesForTests.read(Self.themesDirectory + "/../docs/themes.md") ?? ""
        for key in ThemeKey.allCases {
            #expect(docs.contains("`\(key.rawValue)`"), "docs/themes.md does not mention \(key.rawValue)")
        }
    }
}

/// Small file helpers for tests (no Foundation).
enum FileBytesForTests {
    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "w") else { return false }
        defer { fclose(file) }
        return fputs(text, file) >= 0
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    static func list(_ directory: String, suffix: String) -> [String]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(suffix) { names.append(name) }
        }
        return names
    }
}
