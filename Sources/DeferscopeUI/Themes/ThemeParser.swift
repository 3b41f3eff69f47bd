/// Reads theme files: `key = value` lines, `#` comments.
///
/// A value is an optional foreground colour, optionally `on` and a background colour, and any
/// attributes: `#e0e0e0 on #303a4a bold`, `on color(236)`, `reverse`, `bright-red underline`.
/// Colours are `#rrggbb`, `color(0-255)`, an ANSI name (`red`, `bright-blue`…) or `default`.
/// Any problem refuses the whole file (see `ThemeError`): a half-read theme is not shown.
public enum ThemeParser {
    /// The theme that `text` describes; keys it leaves out come from `fallback`.
    public static func parse(
        _ text: String,
        name: String,
        source: String? = nil,
        fallback: Theme?
    ) throws(ThemeError)
        -> Theme
    {
        let source = source ?? name
        if text.contains("\0") || text.unicodeScalars.contains(where: { $0 == "\u{FFFD}" }) {
            throw ThemeError(
                source: source,
                problems: [
                    .init(line: 0, message: "not a theme file (binary data); a theme is text lines `key = value`")
                ]
            )
        }
        var styles: [ThemeKey: Style] = [:]
        var firstLine: [ThemeKey: Int] = [:]
        var problems: [ThemeError.Problem] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = stripComment(rawLine).trimmingWhitespace()
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(.init(line: number, message: "expected `key = value`, found '\(line.prefix(40))'"))
                continue
            }
            let keyName = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            guard let key = ThemeKey(rawValue: String(keyName)) else {
                let known = ThemeKey.allCases.map(\.rawValue)
                let hint = closest(to: String(keyName), among: known).map { "; did you mean '\($0)'?" } ?? ""
                problems.append(.init(line: number, message: "unknown key '\(keyName)'\(hint)"))
                continue
            }
            if let earlier = firstLine[key] {
                problems.append(.init(line: number, message: "'\(key.rawValue)' is already set on line \(earlier)"))
                continue
            }
            firstLine[key] = number
            switch parseStyle(value) {
            case .success(let style):
                styles[key] = style
            case .failure(let message):
                problems.append(.init(line: number, message: "'\(key.rawValue)': \(message.text)"))
            }
        }
        guard problems.isEmpty else { throw ThemeError(source: source, problems: problems) }
        return Theme(name: name, styles: styles, fallback: fallback)
    }

    // MARK: - Values

    static func parseStyle(_ value: Substring) -> Result<Style, ValueFailureMessage> {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty else {
            return .failure(ValueFailureMessage("no value; write a colour, 'on <colour>' or an attribute"))
        }
        var style = Style()
        var foreground: Color?
        var background: Color?
        var index = 0
        while index < words.count {
            let word = words[index].lowercased()
            index += 1
            if word == "plain" { continue }
            if word == "on" {
                guard index < words.count else { return .failure(ValueFailureMessage("'on' needs a colour after it")) }
                let colourWord = words[index].lowercased()
                index += 1
                guard background == nil else { return .failure(ValueFailureMessage("two background colours")) }
                switch parseColor(colourWord) {
                case .success(let color): background = color
                case .failure(let failure): return .failure(failure)
                }
                continue
            }
            if let attribute = TextAttributes.allCases.first(where: { $0.name == word }) {
                style.attributes.insert(attribute)
                continue
            }
            switch parseColor(word) {
            case .success(let color):
                guard foreground == nil else {
                    return .failure(
                        ValueFailureMessage("two foreground colours; write 'on' before the background ('\(word)')")
                    )
                }
                foreground = color
            case .failure(let failure):
                return .failure(failure)
            }
        }
        style.foreground = foreground ?? .default
        style.background = background ?? .default
        return .success(style)
    }

    static func parseColor(_ word: String) -> Result<Color, ValueFailureMessage> {
        if word == "default" { return .success(.default) }
        if let index = Color.ansiNames.firstIndex(of: word) { return .success(.ansi(UInt8(index))) }
        if word == "gray" || word == "grey" { return .success(.ansi(8)) }
        if word.hasPrefix("#") {
            let digits = word.dropFirst()
            guard digits.count == 6, let packed = UInt32(digits, radix: 16) else {
                return .failure(ValueFailureMessage("bad colour '\(word)': expected #rrggbb with six hex digits"))
            }
            return .success(.rgb(UInt8(packed >> 16), UInt8((packed >> 8) & 0xFF), UInt8(packed & 0xFF)))
        }
        if word.hasPrefix("color(") && word.hasSuffix(")") {
            guard let index = UInt8(word.dropFirst(6).dropLast()) else {
                return .failure(ValueFailureMessage("bad colour '\(word)': expected color(0) to color(255)"))
            }
            return .success(.indexed(index))
        }
        let words = Color.ansiNames + ["default", "on", "plain"] + TextAttributes.allCases.map(\.name)
        let hint = closest(to: word, among: words).map { "; did you mean '\($0)'?" } ?? ""
        return .failure(
            ValueFailureMessage(
                "unknown word '\(word)' (a colour is #rrggbb, color(0-255), an ANSI name or default; "
                    + "attributes are bold dim italic underline reverse)\(hint)"
            )
        )
    }

    // MARK: - Text

    /// A line without its comment: `#` at the start, or ` #` followed by a space or the end.
    static func stripComment(_ line: Substring) -> Substring {
        let trimmed = line.trimmingWhitespace()
        if trimmed.hasPrefix("#") { return "" }
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "#" && index > line.startIndex && line[line.index(before: index)] == " " {
                let next = line.index(after: index)
                if next == line.endIndex || line[next] == " " { return line[..<index] }
            }
            index = line.index(after: index)
        }
        return line
    }

    /// The candidate nearest to `word` by edit distance, when near enough to be a typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A reason a value was refused, as a sentence for `ThemeError`.
struct ValueFailureMessage: Error {
    var text: String
    init(_ text: String) { self.text = text }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\r" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result.removeLast() }
        return result
    }
}
