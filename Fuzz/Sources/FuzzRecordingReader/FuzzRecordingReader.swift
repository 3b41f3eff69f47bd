import DeferscopeWire
import FuzzDriver

#if canImport(Glibc)
import Glibc
#endif

/// Writes the bytes to a file and replays it as `deferscope replay` would: the header, then every
/// frame through the stream assembler, stopping at the first error or the end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordingReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = "/dev/shm/deferscope-fuzz-recording-\(getpid()).dsrec"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    var written = 0
    while written < size {
        let count = write(fd, data + written, size - written)
        guard count > 0 else { break }
        written += count
    }
    close(fd)
    defer { unlink(path) }
    guard let reader = try? RecordingReader(path: path) else { return 0 }
    var assembler = StreamAssembler()
    while true {
        guard let frame = try? reader.next() else { break }
        _ = assembler.apply(frame)
    }
    _ = reader.truncatedBytes
    return 0
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver on the target above.
@_cdecl("FuzzRecordingReader_main")
public func _fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzRecordingReader($0, $1) }
}
