import Testing

@testable import DeferscopeUI

@Suite("Theme parser")
struct ThemeParserTests {
    @Test("a value: foreground, 'on' background, attributes; comments and blank lines skipped")
    func validTheme() throws {
        let text = """
            # a comment
            header = #e6e9ef on #2b3445 bold

            row.selected = on color(24) reverse   # trailing comment
            error = bright-red underline
            text = default
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

    @Test("an unknown key names its line and suggests the nearest key")
    func unknownKey() {
        let text = "text = default\nheder = red\n"
        #expect(
            throws: ThemeError(
                source: "t",
                problems: [.init(line: 2, message: "unknown key 'heder'; did you mean 'header'?")]
            )
        ) {
            try ThemeParser.parse(text, name: "t", fallback: nil)
        }
    }

    @Test("a bad colour names its line, its key and the expected forms")
    func badColour() throws {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse(
                "# x\n\nerror = #12345\nwarning = color(300)\n",
                name: "t",
                source: "my.theme",
                fallback: nil
            )
        }
        #expect(
            error?.description == """
                my.theme:3: 'error': bad colour '#12345': expected #rrggbb with six hex digits
                my.theme:4: 'warning': bad colour 'color(300)': expected color(0) to color(255)
                """
        )
    }

    @Test("a misspelt word in a value gets a suggestion")
    func misspeltWord() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("error = bodl\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.first?.message.hasSuffix("did you mean 'bold'?") == true)
        #expect(error?.problems.first?.line == 1)
    }

    @Test("a line without '=', a duplicate key and two foregrounds are refused")
    func otherProblems() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("just words\ntext = red\ntext = blue\nerror = red blue\n", name: "t", fallback: nil)
        }
        #expect(error?.problems.map(\.line) == [1, 3, 4])
        #expect(error?.problems[0].message == "expected `key = value`, found 'just words'")
        #expect(error?.problems[1].message == "'text' is already set on line 2")
    }

    @Test("binary garbage is refused as not a theme file")
    func garbage() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("\u{89}PNG\r\n\u{1A}\n\0\0\0IHDR", name: "t", fallback: nil)
        }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.message.hasPrefix("not a theme file") == true)
    }

    @Test("omitted keys fall back; 'default' means the theme's text colours")
    func fallback() throws {
        let theme = try ThemeParser.parse("text = #000000 on #ffffff\nerror = red\n", name: "t", fallback: .default)
        #expect(theme[.error] == Style(foreground: .red, background: .rgb(255, 255, 255)))
        #expect(theme[.rowSelected] == Theme.default[.rowSelected])
        #expect(theme[.ageWarn].background == .rgb(255, 255, 255))
    }

    @Test("a bad theme file leaves the current theme in place")
    func selectionKeepsTheme() throws {
        let path = "/tmp/deferscope-ui-test-\(UInt32.random(in: 0...UInt32.max)).theme"
        try #require(FileBytesForTests.write("header = #nope\n", to: path))
        defer { FileBytesForTests.remove(path) }
        var selection = ThemeSelection(current: "light")
        #expect(throws: ThemeError.self) { try selection.load(path: path) }
        #expect(selection.current.name == "light")
        #expect(selection.themes.count == ThemeCatalog.bundled.count)
    }

    @Test("a good theme file is loaded, named after the file, and selected")
    func selectionLoads() throws {
        let path = "/tmp/deferscope-ui-test-\(UInt32.random(in: 0...UInt32.max))-mine.theme"
        try #require(FileBytesForTests.write("error = #ff0000\n", to: path))
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
        #expect(names == ["default", "high-contrast", "light", "monochrome", "solarized-dark"])
        #expect(selection.current.name == "default")
    }
}
