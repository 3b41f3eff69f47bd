import DeferscopeWire
import FuzzDriver

/// Feeds the bytes to a client's decoder in two reads (split by the first byte), then every
/// decoded frame through the stream assembler, as `AgentClient` does. Any input must end in
/// frames or a clear error: a crash, a hang or an unbounded allocation is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrameDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let split = bytes.first else { return 0 }
    let cut = min(bytes.count, Int(split) * 8 + 1)
    var decoder = FrameDecoder()
    var assembler = StreamAssembler()
    decoder.append(Array(bytes[1..<cut]))
    var appended = false
    while true {
        do {
            guard let frame = try decoder.next() else {
                if appended { break }
                decoder.append(Array(bytes[cut...]))
                appended = true
                continue
            }
            _ = assembler.apply(frame)
        } catch {
            _ = String(describing: error)
            break
        }
    }
    return 0
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver on the target above.
@_cdecl("FuzzFrameDecoder_main")
public func _fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzFrameDecoder($0, $1) }
}
