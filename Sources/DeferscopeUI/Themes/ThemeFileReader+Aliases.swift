/// The names the issue uses that theme files may write instead of ours: `[statusbar]` for
/// `[footer]`, and `ui.fg` / `ui.bg` for the two halves of `ui.text`.
extension ThemeFileReader {
    /// Section names read as another section's (`[statusbar]` is `[footer]`).
    static let sectionAliases = ["statusbar": "footer"]

    /// One half of `ui.text`: its foreground (`ui.fg`) or its background (`ui.bg`).
    enum TextHalf: String, CaseIterable {
        case foreground = "ui.fg"
        case background = "ui.bg"
    }

    /// `path` with an aliased section replaced (`statusbar.paused` → `footer.paused`, and the same
    /// after `ansi16.`).
    static func canonical(_ path: String) -> String {
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let index = parts.first == ThemeParser.ansi16Section && parts.count > 1 ? 1 : 0
        guard let alias = sectionAliases[parts[index]] else { return path }
        parts[index] = alias
        return parts.joined(separator: ".")
    }

    /// Records that `path` (canonically `keyPath`) is set on line `number`; false, with a problem,
    /// when it was set before under any of its names.
    mutating func firstSetting(_ path: String, _ keyPath: String, isANSI16: Bool, number: Int) -> Bool {
        let name = (isANSI16 ? ThemeParser.ansi16Section + "." : "") + keyPath
        if let earlier = firstLine[name] {
            problem(number, "'\(path)' is already set on line \(earlier)")
            return false
        }
        firstLine[name] = number
        return true
    }

    /// `ui.fg = "colour"` or `ui.bg = "colour"`: one colour, no attribute.
    mutating func readTextHalf(
        _ half: TextHalf,
        line: Substring,
        equals: Substring.Index,
        path: String,
        isANSI16: Bool,
        number: Int
    ) {
        guard let value = readQuotedValue(line, after: equals, path: path, number: number) else { return }
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 1 else {
            problem(number, "'\(path)': one colour only (attributes go in ui.text, which ui.fg and ui.bg replace)")
            return
        }
        guard firstSetting(path, half.rawValue, isANSI16: isANSI16, number: number) else { return }
        switch ThemeParser.parseColor(words[0].lowercased()) {
        case .success(let color):
            if isANSI16 {
                guard let fitted = Self.ansiOnly(Style(foreground: color)) else {
                    problem(
                        number,
                        "'\(path)': [ansi16] takes only ANSI colours (names such as bright-red, or color0-15)"
                    )
                    return
                }
                ansi16TextHalves[half] = (fitted.foreground, number)
            } else {
                textHalves[half] = (color, number)
            }
            understoodLines += 1
        case .failure(let failure):
            problem(number, "'\(path)': \(failure.text)")
        }
    }

    /// Folds `ui.fg` and `ui.bg` into `ui.text`, once every line is read; a file that sets both
    /// `ui.text` and a half gets a problem (which one wins would be a guess).
    mutating func finish() {
        for isANSI16 in [false, true] {
            let halves = isANSI16 ? ansi16TextHalves : textHalves
            guard !halves.isEmpty else { continue }
            if (isANSI16 ? ansi16[.text] : styles[.text]) != nil {
                let line = halves.values.map(\.line).min() ?? 0
                problem(line, "'ui.text' and 'ui.fg'/'ui.bg' are both set: write either ui.text or its two halves")
                continue
            }
            let text = Style(
                foreground: halves[.foreground]?.color ?? .default,
                background: halves[.background]?.color ?? .default
            )
            if isANSI16 { ansi16[.text] = text } else { styles[.text] = text }
        }
        // The fold's problems come last, but the list reads in line order.
        problems = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }
}
