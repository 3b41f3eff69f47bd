/// Why a filter does not parse, and where.
public struct FilterParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, for a person.
    public var message: String
    /// Where, as a character offset from 0 into the filter text.
    public var position: Int

    /// Creates the error.
    public init(_ message: String, at position: Int) {
        self.message = message
        self.position = position
    }

    /// The column, from 1, for a caret under the input.
    public var column: Int { position + 1 }

    /// `column 7: unknown field 'lable'`.
    public var description: String { "column \(column): \(message)" }
}
