/// The `#fileID` and line of a call, kept as the compiler's static string so that recording it
/// costs two words and no allocation. Observers turn it into a ``SourceLocation`` when they need text.
///
/// Two call sites are equal when they point at the same static string and line, which is what an
/// observer wants for interning; compare ``location`` for textual equality.
public struct CallSite: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline
    nonisolated(unsafe) let _file: UnsafeRawPointer?
    @usableFromInline
    let _line: UInt32

    /// Records the call site of `fileID` and `line` (normally `#fileID` and `#line`).
    @inlinable
    public init(fileID: StaticString, line: UInt) {
        self._file = fileID.hasPointerRepresentation ? UnsafeRawPointer(fileID.utf8Start) : nil
        self._line = UInt32(truncatingIfNeeded: line)
    }

    @inlinable
    init(_file: UnsafeRawPointer?, line: UInt32) {
        self._file = _file
        self._line = line
    }

    /// A call site that was not recorded.
    public static let unknown = CallSite(_file: nil, line: 0)

    /// Whether the site was recorded.
    public var isKnown: Bool { _file != nil }

    /// The file, as `#fileID` gives it; empty when unknown.
    public var fileID: String {
        guard let file = _file else { return "" }
        return String(cString: file.assumingMemoryBound(to: CChar.self))
    }

    /// The line; 0 when unknown.
    public var line: Int { Int(_line) }

    /// An address that identifies the file string for as long as the process runs; stable keys for
    /// interning sites without comparing text. 0 when unknown.
    public var fileIdentity: UInt { UInt(bitPattern: _file) }

    /// The site as a ``SourceLocation``.
    public var location: SourceLocation { SourceLocation(fileID: fileID, line: line) }

    /// `Module/File.swift:42`.
    public var description: String { location.description }
}
