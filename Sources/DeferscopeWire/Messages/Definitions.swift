/// A call site, sent once and then referred to by `id` (1 and up; 0 means "none").
public struct SiteDefinition: Sendable, Equatable {
    /// The id later records use.
    public var id: UInt32
    /// `Module/File.swift`.
    public var fileID: String
    /// The line.
    public var line: UInt32

    /// Creates a definition.
    public init(id: UInt32, fileID: String, line: UInt32) {
        self.id = id
        self.fileID = fileID
        self.line = line
    }
}

/// A type name, sent once and then referred to by `id` (1 and up; 0 means "none").
public struct TypeDefinition: Sendable, Equatable {
    /// The id later records use.
    public var id: UInt32
    /// The type's name without its module (`TimeoutError`, `Array<Int>`).
    public var name: String

    /// Creates a definition.
    public init(id: UInt32, name: String) {
        self.id = id
        self.name = name
    }
}

extension SiteDefinition: CustomStringConvertible {
    /// `Module/File.swift:12`; a site without a line (line 0, such as "cancelled from
    /// deferscope") is its name alone.
    public var description: String {
        line == 0 ? fileID : "\(fileID):\(line)"
    }
}
