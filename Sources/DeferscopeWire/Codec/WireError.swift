/// Why bytes could not be read as protocol frames (or as a recording header).
///
/// Every failure of the decoder is one of these; it never traps. After a `FrameDecoder` throws,
/// the stream cannot be resynchronized and the decoder keeps throwing the same error.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A frame's length field was larger than `WireLimits.maximumFrameLength`.
    case frameTooLong(length: Int, limit: Int)
    /// A frame's length field was 0: a frame has at least its kind byte.
    case emptyFrame
    /// The bytes ended before a field: `context` names the frame kind (`events frame`) or the
    /// structure (`recording header`), `field` the field that could not be read.
    case truncated(context: String, field: String)
    /// A field held a value no encoder produces: a bool other than 0 or 1, an unknown enum raw
    /// value, an overlong varint, invalid UTF-8, a list or string over the limits, bytes left over
    /// at the end of a frame. The message says which frame and field.
    case malformed(String)
    /// The bytes do not start with the expected magic number (`Hello.magic`,
    /// `RecordingHeader.magic`).
    case badMagic
    /// The peer or the recording uses a protocol or format version this code does not speak.
    case unsupportedVersion(UInt16)

    /// A sentence saying what was wrong and where.
    public var description: String {
        switch self {
        case .frameTooLong(let length, let limit):
            return "frame length \(length) exceeds the limit of \(limit) bytes"
        case .emptyFrame:
            return "frame length 0: a frame needs at least its kind byte"
        case .truncated(let context, let field):
            return "truncated \(context): the bytes end before field '\(field)'"
        case .malformed(let message):
            return "malformed \(message)"
        case .badMagic:
            return "bad magic number: these bytes are not from a deferscope agent or recording"
        case .unsupportedVersion(let version):
            return "unsupported version \(version)"
        }
    }
}
