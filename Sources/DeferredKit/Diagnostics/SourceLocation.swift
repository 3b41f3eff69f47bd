/// A place in the source code: the `#fileID` and line of a call.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file, as `#fileID` gives it (`Module/File.swift`).
    public let fileID: String
    /// The line, starting at 1; 0 when unknown.
    public let line: Int

    /// Creates a location.
    public init(fileID: String, line: Int) {
        self.fileID = fileID
        self.line = line
    }

    /// `Module/File.swift:42`, or `<unknown>` when the location was not recorded.
    public var description: String {
        line == 0 && fileID.isEmpty ? "<unknown>" : "\(fileID):\(line)"
    }
}
