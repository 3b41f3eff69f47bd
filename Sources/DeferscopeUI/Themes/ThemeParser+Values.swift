extension ThemeParser {
    // MARK: - Values

    /// The style a value's words describe: colours, `on` and a background, attributes, `plain`.
    static func parseStyle(_ value: Substring) -> Result<Style, ValueFailureMessage> {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty else {
            return .failure(ValueFailureMessage("empty value; write a colour, 'on <colour>', an attribute or 'plain'"))
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

    /// One colour word: `default`, an ANSI name, `#rrggbb`, `colorN` or `color(N)`.
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
        if word.hasPrefix("color"), word.count > 5 {
            var digits = word.dropFirst(5)
            if digits.hasPrefix("(") && digits.hasSuffix(")") { digits = digits.dropFirst().dropLast() }
            guard let index = UInt8(digits) else {
                return .failure(ValueFailureMessage("bad colour '\(word)': expected color0 to color255"))
            }
            return .success(.indexed(index))
        }
        let words = Color.ansiNames + ["default", "on", "plain"] + TextAttributes.allCases.map(\.name)
        let hint = closest(to: word, among: words).map { "; did you mean '\($0)'?" } ?? ""
        return .failure(
            ValueFailureMessage(
                "unknown word '\(word)' (a colour is #rrggbb, colorN, an ANSI name or default; "
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
