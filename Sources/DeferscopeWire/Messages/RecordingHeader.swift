/// The start of a `.dsrec` recording: a fixed 20-byte header, then frames exactly as a live
/// client receives them.
public struct RecordingHeader: Sendable, Equatable {
    /// `DSREC\n\u{1A}\0`: recognizable, and damaged by text-mode transfers in a detectable way.
    public static let magic: [UInt8] = [0x44, 0x53, 0x52, 0x45, 0x43, 0x0A, 0x1A, 0x00]
    /// The header's length in bytes.
    public static let length = 20
    /// The recording format version this code writes.
    public static let currentVersion: UInt16 = 1

    /// The format version.
    public var version: UInt16
    /// When the recording started: nanoseconds since 1970 (wall clock).
    public var createdAt: UInt64

    /// Creates a header.
    public init(version: UInt16 = RecordingHeader.currentVersion, createdAt: UInt64) {
        self.version = version
        self.createdAt = createdAt
    }
}
