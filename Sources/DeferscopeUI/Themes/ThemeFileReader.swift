/// Reads a theme file line by line: tracks the current section, collects styles and problems.
struct ThemeFileReader {
    /// The styles set outside `[ansi16]`.
    var styles: [ThemeKey: Style] = [:]
    /// The styles set in `[ansi16]`.
    var ansi16: [ThemeKey: Style] = [:]
    /// Every problem, in line order.
    var problems: [ThemeError.Problem] = []
    /// How many lines set a section or a key without a problem.
    var understoodLines = 0

    private var section: String?
    private var skippingSection = false
    /// The line that set each key (`ansi16.` first for a 16-colour style), by its canonical name.
    var firstLine: [String: Int] = [:]
    /// `ui.fg` and `ui.bg` (the halves of `ui.text`) as read, with their lines; `[ansi16]`'s apart.
    var textHalves: [TextHalf: (color: Color, line: Int)] = [:]
    var ansi16TextHalves: [TextHalf: (color: Color, line: Int)] = [:]

    mutating func read(_ rawLine: Substring, number: Int) {
        let line = rawLine.trimmingWhitespace()
        if line.isEmpty || line.hasPrefix("#") { return }
        if line.hasPrefix("[") {
            readSection(line, number: number)
            return
        }
        guard let equals = line.firstIndex(of: "=") else {
            problem(number, "expected `[section]` or `key = \"value\"`, found '\(line.prefix(40))'")
            return
        }
        let keyName = line[..<equals].trimmingWhitespace()
        let path = (section.map { $0 + "." } ?? "") + keyName
        if skippingSection { return }
        let isANSI16 = path.hasPrefix(ThemeParser.ansi16Section + ".")
        let keyPath = Self.canonical(isANSI16 ? String(path.dropFirst(ThemeParser.ansi16Section.count + 1)) : path)
        if let half = TextHalf(rawValue: keyPath) {
            readTextHalf(half, line: line, equals: equals, path: path, isANSI16: isANSI16, number: number)
            return
        }
        guard let key = ThemeKey(rawValue: keyPath) else {
            var hint = keyHint(keyPath)
            if let full = ThemeKey(rawValue: String(keyName)) {
                hint = "; write '\(full.name)' under [\(full.section)], or '\(keyName)' before the first section"
            }
            problem(number, "unknown key '\(keyName)'\(section.map { " in [\($0)]" } ?? "")\(hint)")
            return
        }
        guard let value = readQuotedValue(line, after: equals, path: path, number: number) else { return }
        guard firstSetting(path, keyPath, isANSI16: isANSI16, number: number) else { return }
        switch ThemeParser.parseStyle(value) {
        case .success(let style) where isANSI16:
            guard let fitted = Self.ansiOnly(style) else {
                problem(number, "'\(path)': [ansi16] takes only ANSI colours (names such as bright-red, or color0-15)")
                return
            }
            ansi16[key] = fitted
        case .success(let style):
            styles[key] = style
        case .failure(let failure):
            problem(number, "'\(path)': \(failure.text)")
            return
        }
        understoodLines += 1
    }

    // MARK: - Sections

    private mutating func readSection(_ line: Substring, number: Int) {
        skippingSection = true
        section = nil
        guard !line.hasPrefix("[["), let close = line.firstIndex(of: "]") else {
            problem(number, "a section is one name in brackets, such as [state]; found '\(line.prefix(40))'")
            return
        }
        let rest = line[line.index(after: close)...].trimmingWhitespace()
        guard rest.isEmpty || rest.hasPrefix("#") else {
            problem(number, "unexpected text after the section's ']': '\(rest.prefix(40))'")
            return
        }
        let name = String(line[line.index(after: line.startIndex)..<close].trimmingWhitespace())
        let sections = ThemeKey.sections + Self.sectionAliases.keys.sorted()
        let known =
            sections + [ThemeParser.ansi16Section] + sections.map { ThemeParser.ansi16Section + "." + $0 }
        guard known.contains(name) else {
            let hint = ThemeParser.closest(to: name, among: known).map { "; did you mean '[\($0)]'?" } ?? ""
            let list = (ThemeKey.sections + [ThemeParser.ansi16Section]).joined(separator: " ")
            problem(number, "unknown section '[\(name)]'\(hint) (sections: \(list))")
            return
        }
        // Kept as written for messages; `canonical` maps an alias when a key is looked up.
        section = name
        skippingSection = false
        understoodLines += 1
    }

    // MARK: - Helpers

    mutating func problem(_ line: Int, _ message: String) {
        problems.append(.init(line: line, message: message))
    }

    /// "; did you mean …?" for an unknown key path: a key of the same section first, else any key.
    private func keyHint(_ path: String) -> String {
        let sectionName = path.prefix { $0 != "." }
        let sameSection = ThemeKey.allCases.filter { $0.section == sectionName && path.contains(".") }
        let name = String(path.drop { $0 != "." }.dropFirst())
        if let near = ThemeParser.closest(to: name, among: sameSection.map { String($0.name) }) {
            return "; did you mean '\(near)'?"
        }
        if let near = ThemeParser.closest(to: path, among: ThemeKey.allCases.map(\.rawValue)) {
            return "; did you mean '\(near)'?"
        }
        let bare = ThemeKey.allCases.filter { $0.name == path }.map(\.rawValue)
        return bare.count == 1 ? "; did you mean '\(bare[0])'?" : ""
    }

    /// The quoted value after `equals` on `line`, or nil once its problem is noted.
    mutating func readQuotedValue(
        _ line: Substring,
        after equals: Substring.Index,
        path: String,
        number: Int
    )
        -> Substring?
    {
        switch Self.quotedValue(line[line.index(after: equals)...].trimmingWhitespace()) {
        case .success(let found):
            return found
        case .failure(let failure):
            problem(number, "'\(path)': \(failure.text)")
            return nil
        }
    }

    /// The text between the quotes of `"value"` or `'value'`, with nothing but a comment after.
    static func quotedValue(_ text: Substring) -> Result<Substring, ValueFailureMessage> {
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            let shown =
                text.hasPrefix("#") ? text.prefix { $0 != " " } : ThemeParser.stripComment(text).trimmingWhitespace()
            if shown.isEmpty {
                return .failure(ValueFailureMessage("no value; write a quoted string such as \"bold red\""))
            }
            return .failure(ValueFailureMessage("a value is a quoted string: write \"\(shown)\""))
        }
        let body = text.dropFirst()
        guard let close = body.firstIndex(of: quote) else {
            return .failure(
                ValueFailureMessage("unterminated string: add the closing \(quote) at the end of the value")
            )
        }
        let rest = body[body.index(after: close)...].trimmingWhitespace()
        guard rest.isEmpty || rest.hasPrefix("#") else {
            return .failure(ValueFailureMessage("unexpected text after the value: '\(rest.prefix(40))'"))
        }
        return .success(body[..<close])
    }

    /// `style` with its colours as ANSI colours (`color0`–`color15` count), or nil when one is not.
    static func ansiOnly(_ style: Style) -> Style? {
        func fit(_ color: Color) -> Color? {
            switch color {
            case .default, .ansi: return color
            case .indexed(let index) where index < 16: return .ansi(index)
            default: return nil
            }
        }
        guard let foreground = fit(style.foreground), let background = fit(style.background) else { return nil }
        return Style(foreground: foreground, background: background, attributes: style.attributes)
    }
}
