import Testing

@testable import DeferscopeUI

/// What the theme parser's fuzz target (`Fuzz/Sources/FuzzThemeParser`) checks, on the inputs
/// that broke it: each finding stays here as a regression test.
@Suite("Theme parser: fuzz findings")
struct ThemeParserFuzzTests {
    @Test("a file with Windows line ends (CRLF) is the same theme, with the same line numbers")
    func windowsLineEnds() throws {
        let unix = "# nord\n[ui]\ntext = \"#d8dee9 on #2e3440\"\n\n[state]\nfailed = \"bold red\" # comment\n"
        let windows = unix.replacing("\n", with: "\r\n")
        let expected = try ThemeParser.parse(unix, name: "t", fallback: nil)
        let parsed = try ThemeParser.parse(windows, name: "t", fallback: nil)
        #expect(parsed.definedStyles == expected.definedStyles)
        #expect(parsed.definedStyles[.stateFailed]?.attributes == .bold)
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("[ui]\r\n\r\ntext = \"bodl\"\r\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.map(\.line) == [3])
    }

    @Test("every bundled theme, written back as a theme file, parses to the same styles")
    func roundTrip() throws {
        for theme in ThemeCatalog.bundled {
            var text = ""
            for key in ThemeKey.allCases {
                if let style = theme.definedStyles[key] {
                    text += "[\(key.section)]\n\(key.name) = \"\(Self.words(style))\"\n"
                }
                if let style = theme.definedANSI16[key] {
                    text += "[ansi16.\(key.section)]\n\(key.name) = \"\(Self.words(style))\"\n"
                }
            }
            let reread = try ThemeParser.parse(text, name: theme.name, fallback: nil)
            #expect(reread.definedStyles == theme.definedStyles, "\(theme.name)")
            #expect(reread.definedANSI16 == theme.definedANSI16, "\(theme.name)")
        }
    }

    static func words(_ style: Style) -> String {
        let attributes = TextAttributes.allCases.filter { style.attributes.contains($0) }.map(\.name)
        return (attributes + [style.foreground.description, "on", style.background.description]).joined(separator: " ")
    }
}
