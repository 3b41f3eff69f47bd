/// Turns filter text into clauses; see `docs/filter.md` for the grammar.
struct FilterParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func parse() throws(FilterParseError) -> [DeferredFilter.Clause] {
        var clauses: [DeferredFilter.Clause] = []
        while true {
            skipSpaces()
            guard position < characters.count else { return clauses }
            clauses.append(try clause())
        }
    }

    // MARK: - Clauses

    private mutating func clause() throws(FilterParseError) -> DeferredFilter.Clause {
        var negated = false
        if characters[position] == "!" {
            negated = true
            position += 1
            if position >= characters.count || characters[position].isWhitespace {
                throw FilterParseError("'!' needs a term right after it", at: position - 1)
            }
            if characters[position] == "!" {
                throw FilterParseError("'!!' is not allowed; use one '!'", at: position)
            }
        }
        return DeferredFilter.Clause(negated: negated, atom: try atom())
    }

    private mutating func atom() throws(FilterParseError) -> DeferredFilter.Atom {
        let start = position
        switch characters[position] {
        case "/":
            return try regex()
        case "\"":
            return .text(try quoted())
        case "#":
            position += 1
            return .id(try number(after: "#", at: start))
        default:
            break
        }
        var key = ""
        while position < characters.count, characters[position].isLetter, characters[position].isASCII {
            key.append(characters[position])
            position += 1
        }
        if !key.isEmpty, position < characters.count {
            let next = characters[position]
            if next == ":" {
                position += 1
                return try field(key.lowercased(), at: start)
            }
            if next == ">" || next == "<" || next == "=" {
                return try comparison(key.lowercased(), at: start)
            }
        }
        position = start
        return .text(bareWord())
    }

    private mutating func field(_ key: String, at start: Int) throws(FilterParseError) -> DeferredFilter.Atom {
        let valueStart = position
        let value: String
        if position < characters.count, characters[position] == "\"" {
            value = try quoted()
        } else {
            value = bareWord()
        }
        guard !value.isEmpty else {
            throw FilterParseError("'\(key):' needs a value", at: valueStart)
        }
        switch key {
        case "label":
            return .label(value)
        case "site":
            return .site(value)
        case "state", "status":
            return try states(value, at: valueStart)
        case "waits":
            return .waits(try parseNumber(value.hasPrefix("#") ? String(value.dropFirst()) : value, at: valueStart))
        case "id":
            return .id(try parseNumber(value.hasPrefix("#") ? String(value.dropFirst()) : value, at: valueStart))
        case "pid":
            guard let pid = Int32(value), pid > 0 else {
                throw FilterParseError("'\(value)' is not a process id; write it like pid:4242", at: valueStart)
            }
            return .pid(pid)
        case "process", "proc":
            return .process(value)
        default:
            throw FilterParseError(
                "unknown field '\(key)'; fields are label:, site:, state:, waits:, id:, pid:, process:",
                at: start
            )
        }
    }

    private func states(_ value: String, at start: Int) throws(FilterParseError) -> DeferredFilter.Atom {
        var kinds = Set<DeferredStatusKind>()
        var offset = start
        for name in value.split(separator: "|", omittingEmptySubsequences: false) {
            switch name.lowercased() {
            case "released":
                if value.contains("|") {
                    throw FilterParseError("'released' cannot be combined with other states", at: offset)
                }
                return .released
            case "unsettled", "live":
                kinds.formUnion([.pending, .paused, .waiting, .running])
            case "settled":
                kinds.formUnion([.succeeded, .failed])
            default:
                guard let kind = DeferredStatusKind.allCases.first(where: { $0.description == name.lowercased() })
                else {
                    throw FilterParseError(
                        "unknown state '\(name)'; states are pending, paused, waiting, running, succeeded, failed, "
                            + "unsettled, settled, released",
                        at: offset
                    )
                }
                kinds.insert(kind)
            }
            offset += name.count + 1
        }
        return .state(kinds)
    }

    private mutating func comparison(_ key: String, at start: Int) throws(FilterParseError) -> DeferredFilter.Atom {
        guard key == "age" || key == "steps" else {
            throw FilterParseError("'\(key)' cannot be compared; only age and steps can", at: start)
        }
        var symbol = String(characters[position])
        position += 1
        if position < characters.count, characters[position] == "=", symbol != "=" {
            symbol.append("=")
            position += 1
        }
        let comparison = DeferredFilter.Comparison(rawValue: symbol) ?? .equal
        let valueStart = position
        let value = bareWord()
        guard !value.isEmpty else {
            throw FilterParseError("'\(key)\(symbol)' needs a value", at: valueStart)
        }
        if key == "steps" {
            return .steps(comparison, try parseNumber(value, at: valueStart))
        }
        return .age(comparison, try duration(value, at: valueStart))
    }

    // MARK: - Values

    private func duration(_ text: String, at start: Int) throws(FilterParseError) -> UInt64 {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3_600e9),
        ]
        var number = Substring(text)
        var scale = 1e9
        for unit in units where text.hasSuffix(unit.suffix) {
            number = text.dropLast(unit.suffix.count)
            scale = unit.nanoseconds
            break
        }
        guard let value = Double(number), value >= 0, value.isFinite, !number.hasPrefix("+") else {
            throw FilterParseError("'\(text)' is not a duration; write it like 500ms, 5s, 2m or 1h", at: start)
        }
        return UInt64(min(value * scale, Double(UInt64.max / 2)))
    }

    private mutating func number(after prefix: String, at start: Int) throws(FilterParseError) -> UInt64 {
        let valueStart = position
        return try parseNumber(bareWord(), at: valueStart)
    }

    private func parseNumber(_ text: String, at start: Int) throws(FilterParseError) -> UInt64 {
        guard let value = UInt64(text) else {
            throw FilterParseError("'\(text)' is not a whole number", at: start)
        }
        return value
    }

    private mutating func regex() throws(FilterParseError) -> DeferredFilter.Atom {
        let start = position
        position += 1
        var pattern = ""
        while position < characters.count, characters[position] != "/" {
            if characters[position] == "\\", position + 1 < characters.count, characters[position + 1] == "/" {
                position += 1
            }
            pattern.append(characters[position])
            position += 1
        }
        guard position < characters.count else {
            throw FilterParseError("the regular expression has no closing '/'", at: start)
        }
        position += 1
        guard !pattern.isEmpty else { throw FilterParseError("the regular expression is empty", at: start) }
        do {
            return .regex(try FilterPattern(pattern))
        } catch {
            throw FilterParseError("invalid regular expression: \(error)", at: start + 1)
        }
    }

    private mutating func quoted() throws(FilterParseError) -> String {
        let start = position
        position += 1
        var text = ""
        while position < characters.count, characters[position] != "\"" {
            if characters[position] == "\\", position + 1 < characters.count {
                position += 1
            }
            text.append(characters[position])
            position += 1
        }
        guard position < characters.count else {
            throw FilterParseError("the quoted text has no closing '\"'", at: start)
        }
        position += 1
        return text
    }

    private mutating func bareWord() -> String {
        var word = ""
        while position < characters.count, !characters[position].isWhitespace {
            word.append(characters[position])
            position += 1
        }
        return word
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }
}
