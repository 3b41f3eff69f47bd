#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `.dsrec` recording a frame at a time, without loading the whole file.
///
/// A partial frame at the end (the process or recorder died mid-write) ends the recording:
/// ``next()`` returns nil and ``truncatedBytes`` says how much was cut. Bytes that are not the
/// protocol throw, naming the offset, and everything before them stays readable.
public final class RecordingReader {
    /// The recording's header.
    public let header: RecordingHeader
    /// The file.
    public let path: String
    /// Bytes of a partial frame at the end, once the end was reached.
    public private(set) var truncatedBytes = 0
    /// Bytes consumed so far, header included.
    public private(set) var offset = RecordingHeader.length

    private var fd: Int32
    private var decoder = FrameDecoder()
    private var chunk = [UInt8](repeating: 0, count: 256 << 10)
    private var atEnd = false

    /// Opens `path` and checks its header.
    ///
    /// - Throws: ``RecordingError`` when the file cannot be read or is not a recording.
    public init(path: String) throws(RecordingError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RecordingError("cannot open \(path): \(PosixError("open").description)") }
        var headerBytes = [UInt8](repeating: 0, count: RecordingHeader.length)
        let count = headerBytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        do {
            header = try RecordingHeader(decoding: headerBytes.prefix(max(0, count)))
        } catch {
            close(fd)
            throw RecordingError("\(path) is not a deferscope recording: \(error)")
        }
        self.fd = fd
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// The next frame, or nil at the end of the recording.
    ///
    /// - Throws: ``RecordingError`` for bytes that are not frames.
    public func next() throws(RecordingError) -> Frame? {
        while true {
            let before = decoder.bufferedByteCount
            do {
                if let frame = try decoder.next() {
                    offset += before - decoder.bufferedByteCount
                    return frame
                }
            } catch {
                throw RecordingError("\(path) is damaged after byte \(offset): \(error)")
            }
            guard !atEnd else {
                truncatedBytes = decoder.bufferedByteCount
                return nil
            }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RecordingError("reading \(path): \(PosixError("read").description)")
            }
            if count == 0 {
                atEnd = true
            } else {
                chunk.withUnsafeBytes { decoder.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
        }
    }
}

/// A recording that cannot be read.
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the file.
    public let description: String

    /// Creates the error.
    public init(_ description: String) {
        self.description = description
    }
}
