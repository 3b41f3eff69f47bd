/// Writes JSON text as it goes (a dump of a million Deferreds is not built as one tree first).
struct JSONWriter {
    private(set) var text = ""
    private var needsComma: [Bool] = [false]

    mutating func beginObject(_ key: String? = nil) {
        prefix(key)
        text += "{"
        needsComma.append(false)
    }

    mutating func endObject() {
        needsComma.removeLast()
        text += "}"
    }

    mutating func beginArray(_ key: String? = nil) {
        prefix(key)
        text += "["
        needsComma.append(false)
    }

    mutating func endArray() {
        needsComma.removeLast()
        text += "]"
    }

    mutating func string(_ key: String?, _ value: String?) {
        prefix(key)
        if let value {
            Self.appendQuoted(value, to: &text)
        } else {
            text += "null"
        }
    }

    mutating func number<T: BinaryInteger>(_ key: String?, _ value: T) {
        prefix(key)
        text += String(value)
    }

    mutating func number(_ key: String?, _ value: Double) {
        prefix(key)
        text += value.isFinite ? String((value * 1000).rounded() / 1000) : "null"
    }

    mutating func bool(_ key: String?, _ value: Bool) {
        prefix(key)
        text += value ? "true" : "false"
    }

    mutating func null(_ key: String?) {
        prefix(key)
        text += "null"
    }

    /// Hands over what was written so far (to print it) and keeps writing after it.
    mutating func flush() -> String {
        defer { text = "" }
        return text
    }

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] {
            text += ","
        }
        needsComma[needsComma.count - 1] = true
        if let key {
            Self.appendQuoted(key, to: &text)
            text += ":"
        }
    }

    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
