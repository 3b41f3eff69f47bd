import Testing

@testable import DeferscopeUI

/// The names that theme files may use instead of ours: `[statusbar]` for `[footer]`,
/// `ui.fg` and `ui.bg` for the halves of `ui.text`.
@Suite("Theme names from the issue")
struct ThemeAliasTests {
    @Test("[statusbar] sets footer keys, as a section, a dotted key and under [ansi16]")
    func statusbar() throws {
        let text = """
            statusbar.key = "bold red"
            [statusbar]
            paused = "reverse yellow"
            error = "bold white on red"
            [ansi16]
            statusbar.text = "white on blue"
            [ansi16.statusbar]
            error = "bold bright-white on red"
            """
        let theme = try ThemeParser.parse(text, name: "t", fallback: nil)
        #expect(theme.definedStyles[.footerKey] == Style(foreground: .ansi(1), attributes: .bold))
        #expect(theme.definedStyles[.footerPaused] == Style(foreground: .ansi(3), attributes: .reverse))
        #expect(
            theme.definedStyles[.footerError] == Style(foreground: .ansi(7), background: .ansi(1), attributes: .bold)
        )
        #expect(theme.definedANSI16[.footerText] == Style(foreground: .ansi(7), background: .ansi(4)))
        #expect(
            theme.definedANSI16[.footerError] == Style(foreground: .ansi(15), background: .ansi(1), attributes: .bold)
        )
    }

    @Test("a key set under [footer] and again under [statusbar] is set twice: an error naming the first line")
    func statusbarTwice() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse(
                "[footer]\npaused = \"bold\"\n[statusbar]\npaused = \"dim\"\n",
                name: "t",
                fallback: nil
            )
        }
        #expect(error?.problems.map(\.line) == [4])
        #expect(error?.problems.first?.message == "'statusbar.paused' is already set on line 2")
    }

    @Test("ui.fg and ui.bg are the halves of ui.text; either alone leaves the other default")
    func halves() throws {
        let both = try ThemeParser.parse("[ui]\nfg = \"#d8dee9\"\nbg = \"#2e3440\"\n", name: "t", fallback: nil)
        #expect(
            both.definedStyles[.text] == Style(foreground: .rgb(0xd8, 0xde, 0xe9), background: .rgb(0x2e, 0x34, 0x40))
        )
        let background = try ThemeParser.parse("ui.bg = \"black\"\n", name: "t", fallback: nil)
        #expect(background.definedStyles[.text] == Style(background: .ansi(0)))
        // `default` elsewhere means the theme's text colours, the halves included.
        let dim = try ThemeParser.parse("[ui]\nbg = \"#2e3440\"\ndim = \"#7b88a1\"\n", name: "t", fallback: nil)
        #expect(dim[.textDim].background == .rgb(0x2e, 0x34, 0x40))
        let sixteen = try ThemeParser.parse("[ansi16]\nui.bg = \"blue\"\n", name: "t", fallback: nil)
        #expect(sixteen.definedANSI16[.text] == Style(background: .ansi(4)))
    }

    @Test("ui.fg with ui.text, a half with two words, a half twice, a half not ANSI under [ansi16]: errors by line")
    func halfErrors() {
        let cases: [(String, [Int], String)] = [
            (
                "[ui]\ntext = \"white\"\nfg = \"red\"\n", [3],
                "'ui.text' and 'ui.fg'/'ui.bg' are both set: write either ui.text or its two halves"
            ),
            (
                "[ui]\nfg = \"bold red\"\n", [2],
                "'ui.fg': one colour only (attributes go in ui.text, which ui.fg and ui.bg replace)"
            ),
            ("[ui]\nbg = \"red\"\nbg = \"blue\"\n", [3], "'ui.bg' is already set on line 2"),
            (
                "[ansi16]\nui.fg = \"#ff0000\"\n", [2],
                "'ansi16.ui.fg': [ansi16] takes only ANSI colours (names such as bright-red, or color0-15)"
            ),
            ("[ui]\nfg = \"#12\"\n", [2], "'ui.fg': bad colour '#12': expected #rrggbb with six hex digits"),
        ]
        for (text, lines, message) in cases {
            let error = #expect(throws: ThemeError.self) { try ThemeParser.parse(text, name: "t", fallback: nil) }
            #expect(error?.problems.map(\.line) == lines, "\(text)")
            #expect(error?.problems.first?.message == message, "\(text)")
        }
    }

    @Test("a problem found after the last line (ui.text and a half) is listed in line order")
    func lineOrder() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("[ui]\nfg = \"red\"\nbogus = \"red\"\ntext = \"blue\"\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.map(\.line) == [2, 3])
    }
}
