/// Turns frames into bytes: `length: u32 LE` (the bytes that follow it), `kind: u8`, then the
/// payload, as `docs/protocol.md` describes.
///
/// Strings longer than `WireLimits.maximumStringLength` bytes are cut at a Unicode scalar
/// boundary. Keeping a frame within `WireLimits.maximumFrameLength` (and its lists within
/// `WireLimits.maximumListCount`) is the caller's job: split large batches of events or chains
/// into several frames, or the decoder will refuse them.
public struct FrameEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The frame's bytes.
    ///
    /// - Precondition: `frame` is not `.unknown`.
    public func encode(_ frame: Frame) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(frame, into: &bytes)
        return bytes
    }

    /// Appends the frame's bytes to `buffer`.
    ///
    /// - Precondition: `frame` is not `.unknown`.
    public func encode(_ frame: Frame, into buffer: inout [UInt8]) {
        guard let kind = frame.kind else {
            preconditionFailure("FrameEncoder: a frame of unknown kind cannot be encoded")
        }
        var writer = ByteWriter()
        swap(&writer.bytes, &buffer)
        let start = writer.bytes.count
        writer.writeU32(0)  // The length, filled in below.
        writer.writeU8(kind.rawValue)
        frame.encodePayload(to: &writer)
        let length = writer.bytes.count - start - 4
        precondition(
            length <= Int(UInt32.max),
            "FrameEncoder: a frame of \(length) bytes does not fit the length field"
        )
        for offset in 0..<4 {
            writer.bytes[start + offset] = UInt8(truncatingIfNeeded: length >> (offset * 8))
        }
        swap(&writer.bytes, &buffer)
    }
}
