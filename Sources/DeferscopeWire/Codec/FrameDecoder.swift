/// Turns a byte stream into frames, as the bytes arrive.
///
/// Append bytes as they are read from the socket or file, then call `next()` until it returns nil.
/// The decoder is total: any bytes give frames or a `WireError`, never a trap, a hang or an
/// allocation beyond the limits. It checks each frame's length as soon as the four length bytes
/// are there, so a hostile length is refused before anything is buffered for it.
///
/// A frame of a kind this version does not know is skipped and returned as
/// `.unknown(kind:length:)`, where `length` is the frame's length field (its kind byte and
/// payload). Any other problem is fatal to the stream: there is no way to find the next frame,
/// so after `next()` throws, it throws the same error again on every call and appended bytes are
/// dropped.
public struct FrameDecoder: Sendable {
    /// Bytes received; those before `readIndex` were already decoded.
    private var buffer: [UInt8] = []
    /// Where the next frame starts in `buffer`.
    private var readIndex = 0
    /// The error that ended the stream, if any.
    private var failure: WireError?

    /// Beyond this capacity the buffer is given back when it empties, so that one large frame
    /// does not pin its memory for the connection's life. It is well above what a stream of
    /// socket reads (256 KiB at a time, plus a partial frame) grows it to: giving the buffer back
    /// on every empty cost a client thousands of page faults a second.
    private static let retainedCapacity = 2 << 20

    /// Creates a decoder with nothing buffered.
    public init() {}

    /// Bytes appended and not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes received.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        guard failure == nil else { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next whole frame, or nil until more bytes are appended.
    ///
    /// - Throws: `WireError.emptyFrame` or `.frameTooLong` for a bad length, the payload's error
    ///   for a frame of a known kind that does not decode exactly; then the same error forever.
    public mutating func next() throws(WireError) -> Frame? {
        switch try nextFrame(recoveringPayloadErrors: false) {
        case .none: return nil
        case .success(let frame): return frame
        case .failure(let error): throw error
        }
    }

    /// Like `next()`, except that a frame whose length is sound but whose payload does not
    /// decode is returned as its error and skipped, and the stream goes on. The agent reads
    /// commands this way: a malformed command gets an error reply and changes nothing.
    ///
    /// - Throws: only for a bad length (`.emptyFrame`, `.frameTooLong`), after which the
    ///   position of the next frame is unknown.
    public mutating func nextSkippingMalformed() throws(WireError) -> Result<Frame, WireError>? {
        try nextFrame(recoveringPayloadErrors: true)
    }

    private mutating func nextFrame(recoveringPayloadErrors: Bool) throws(WireError) -> Result<Frame, WireError>? {
        if let failure { throw failure }
        guard bufferedByteCount >= 4 else { return nil }
        var length = 0
        for offset in 0..<4 {
            length |= Int(buffer[readIndex + offset]) << (offset * 8)
        }
        guard length != 0 else { try fail(.emptyFrame) }
        guard length <= WireLimits.maximumFrameLength else {
            try fail(.frameTooLong(length: length, limit: WireLimits.maximumFrameLength))
        }
        guard bufferedByteCount - 4 >= length else { return nil }
        let kindByte = buffer[readIndex + 4]
        let payload = buffer[(readIndex + 5)..<(readIndex + 4 + length)]
        let result: Result<Frame, WireError>
        if let kind = FrameKind(rawValue: kindByte) {
            do {
                result = .success(try Frame(kind: kind, payload: payload))
            } catch {
                guard recoveringPayloadErrors else { try fail(error) }
                result = .failure(error)
            }
        } else {
            result = .success(.unknown(kind: kindByte, length: length))
        }
        readIndex += 4 + length
        if readIndex == buffer.count {
            if buffer.capacity > FrameDecoder.retainedCapacity {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            readIndex = 0
        }
        return result
    }

    /// Records `error` as the end of the stream, drops the bytes, and throws it.
    private mutating func fail(_ error: WireError) throws(WireError) -> Never {
        failure = error
        buffer = []
        readIndex = 0
        throw error
    }

    /// Moves the unread bytes to the front once at least as many bytes were read as are left,
    /// so each byte is moved at most once on average.
    private mutating func compact() {
        guard readIndex > 0, readIndex >= bufferedByteCount else { return }
        buffer.removeSubrange(0..<readIndex)
        readIndex = 0
    }
}
