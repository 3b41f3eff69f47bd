import Testing

@testable import DeferscopeUI

@Suite("Theme parser")
struct ThemeParserTests {
    @Test("sections group keys; a value is a quoted string of attributes and colours; comments skipped")
    func validTheme() throws {
        let text = """
            # a comment
            [header]
            bar = "bold #e6e9ef on #2b3445"   # trailing comment

            [table]
            selected = 'reverse on color24'
            [ui]
            error = "underline bright-red"
            text = "default"
            """
        let theme = try ThemeParser.parse(text, name: "t", fallback: nil)
        #expect(
            theme.definedStyles[.header]
                == Style(foreground: .rgb(0xe6, 0xe9, 0xef), background: .rgb(0x2b, 0x34, 0x45), attributes: .bold)
        )
        #expect(theme.definedStyles[.rowSelected] == Style(background: .indexed(24), attributes: .reverse))
        #expect(theme.definedStyles[.error] == Style(foreground: .ansi(9), attributes: .underline))
        #expect(theme.definedStyles.count == 4)
    }

    @Test("a dotted key inside a section is relative to it, and the message says so")
    func dottedKeyInSection() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("[ui]\nstate.failed = \"red\"\n", name: "t", fallback: nil)
        }
        #expect(
            error?.problems.first?.message
                == "unknown key 'state.failed' in [ui]; write 'failed' under [state], or 'state.failed' before "
                + "the first section"
        )
    }

    @Test("a dotted key outside a section names its section")
    func dottedKeys() throws {
        let theme = try ThemeParser.parse(
            "state.failed = \"red\"\n[ansi16]\nui.text = \"white\"\n",
            name: "t",
            fallback: nil
        )
        #expect(theme.definedStyles[.stateFailed] == Style(foreground: .red))
        #expect(theme.definedANSI16[.text] == Style(foreground: .ansi(7)))
    }

    @Test("an unknown key names its line and suggests the nearest key of its section")
    func unknownKey() {
        let text = "[ui]\ntext = \"default\"\n[header]\nbra = \"red\"\n"
        #expect(
            throws: ThemeError(
                source: "t",
                problems: [.init(line: 4, message: "unknown key 'bra' in [header]; did you mean 'bar'?")]
            )
        ) {
            try ThemeParser.parse(text, name: "t", fallback: nil)
        }
    }

    @Test("an unknown section names its line, suggests the nearest and skips its keys")
    func unknownSection() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("[ui]\ntext = \"default\"\n[heade]\nbar = \"red\"\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.line == 3)
        #expect(error?.problems.first?.message.hasPrefix("unknown section '[heade]'; did you mean '[header]'?") == true)
    }

    @Test("a bad colour names its line, its key and the expected forms")
    func badColour() throws {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse(
                "# x\n[ui]\nerror = \"#12345\"\nwarning = \"color300\"\n",
                name: "t",
                source: "my.toml",
                fallback: nil
            )
        }
        #expect(
            error?.description == """
                my.toml:3: 'ui.error': bad colour '#12345': expected #rrggbb with six hex digits
                my.toml:4: 'ui.warning': bad colour 'color300': expected color0 to color255
                """
        )
    }

    @Test("an unterminated string, an unquoted value and text after the value are refused")
    func strings() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse(
                "[ui]\ntext = \"default\ndim = #8a909a\nerror = \"red\" bold\n",
                name: "t",
                fallback: nil
            )
        }
        #expect(error?.problems.map(\.line) == [2, 3, 4])
        #expect(
            error?.problems.map(\.message) == [
                "'ui.text': unterminated string: add the closing \" at the end of the value",
                "'ui.dim': a value is a quoted string: write \"#8a909a\"",
                "'ui.error': unexpected text after the value: 'bold'",
            ]
        )
    }

    @Test("a misspelt word in a value gets a suggestion")
    func misspeltWord() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("[ui]\nerror = \"bodl\"\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.first?.message.hasSuffix("did you mean 'bold'?") == true)
        #expect(error?.problems.first?.line == 2)
    }

    @Test("a line without '=', a duplicate key and two foregrounds are refused")
    func otherProblems() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse(
                "[ui]\njust words\ntext = \"red\"\ntext = \"blue\"\nerror = \"red blue\"\n",
                name: "t",
                fallback: nil
            )
        }
        #expect(error?.problems.map(\.line) == [2, 4, 5])
        #expect(error?.problems[0].message == "expected `[section]` or `key = \"value\"`, found 'just words'")
        #expect(error?.problems[1].message == "'ui.text' is already set on line 3")
    }

    @Test("[ansi16] takes ANSI colours only")
    func ansi16OnlyANSI() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("[ansi16]\nstate.failed = \"#ff0000\"\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.first?.line == 2)
        #expect(error?.problems.first?.message.hasPrefix("'ansi16.state.failed': [ansi16] takes only ANSI") == true)
    }

    @Test("at 16 colours or fewer the [ansi16] styles replace the nearest-colour downgrade")
    func ansi16Fallbacks() throws {
        let text = """
            [ui]
            text = "#d0d0d0 on #101010"
            [table]
            selected = "bold #ffffff on #345a8f"
            [state]
            failed = "#ff6b6b"
            [ansi16]
            table.selected = "bright-white on blue"
            state.failed = "color9"
            """
        let theme = try ThemeParser.parse(text, name: "t", fallback: nil)
        let sixteen = theme.downgraded(to: .ansi16)
        #expect(sixteen[.rowSelected] == Style(foreground: .ansi(15), background: .ansi(4)))
        #expect(sixteen[.stateFailed].foreground == .ansi(9))
        #expect(sixteen[.stateFailed].background == theme[.text].background.downgraded(to: .ansi16))
        #expect(theme.downgraded(to: .indexed256)[.rowSelected] == theme[.rowSelected].downgraded(to: .indexed256))
        #expect(theme.downgraded(to: .none)[.rowSelected].attributes == [.bold, .reverse])
    }

    @Test("binary garbage is refused as not a theme file")
    func garbage() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("\u{89}PNG\r\n\u{1A}\n\0\0\0IHDR", name: "t", fallback: nil)
        }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.message.hasPrefix("not a theme file") == true)
    }

    @Test("text that is no theme at all says so first")
    func textGarbage() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("Lorem ipsum dolor\nsit amet\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.first?.line == 0)
        #expect(error?.problems.first?.message.hasPrefix("not a theme file: no line was understood") == true)
    }

    @Test("omitted keys fall back; 'default' means the theme's text colours")
    func fallback() throws {
        let theme = try ThemeParser.parse(
            "[ui]\ntext = \"#000000 on #ffffff\"\nerror = \"red\"\n",
            name: "t",
            fallback: .default
        )
        #expect(theme[.error] == Style(foreground: .red, background: .rgb(255, 255, 255)))
        #expect(theme[.rowSelected] == Theme.default[.rowSelected])
        #expect(theme[.ageWarn].background == .rgb(255, 255, 255))
    }

    @Test("a bad theme file leaves the current theme in place")
    func selectionKeepsTheme() throws {
        let path = "/tmp/deferscope-ui-test-\(UInt32.random(in: 0...UInt32.max)).toml"
        try #require(FileBytesForTests.write("[header]\nbar = \"#nope\"\n", to: path))
        defer { FileBytesForTests.remove(path) }
        var selection = ThemeSelection(current: "light")
        #expect(throws: ThemeError.self) { try selection.load(path: path) }
        #expect(selection.current.name == "light")
        #expect(selection.themes.count == ThemeCatalog.bundled.count)
    }

    @Test("a good theme file is loaded, named after the file, and selected")
    func selectionLoads() throws {
        let path = "/tmp/deferscope-ui-test-\(UInt32.random(in: 0...UInt32.max))-mine.toml"
        try #require(FileBytesForTests.write("[ui]\nerror = \"#ff0000\"\n", to: path))
        defer { FileBytesForTests.remove(path) }
        var selection = ThemeSelection()
        try selection.load(path: path)
        #expect(selection.current.name.hasSuffix("-mine"))
        #expect(selection.current[.error].foreground == .rgb(255, 0, 0))
        #expect(selection.current[.header] == Theme.default[.header])
    }

    @Test("cycling goes through every bundled theme and back")
    func cycling() {
        var selection = ThemeSelection()
        var names: [String] = []
        for _ in 0..<ThemeCatalog.bundled.count {
            names.append(selection.current.name)
            selection.cycle()
        }
        #expect(names == ThemeCatalog.bundledNames)
        #expect(names.first == "default")
        #expect(selection.current.name == "default")
    }
}
