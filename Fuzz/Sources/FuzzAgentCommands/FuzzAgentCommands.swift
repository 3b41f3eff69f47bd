import DeferscopeWire
import FuzzDriver

/// Reads the bytes as the agent reads a client's: frames, skipping malformed ones (which get an
/// error reply), until the stream itself is unsound. Every frame that decodes must be a command or
/// be refused; describing each outcome (as the reply does) must not trap either.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAgentCommands(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var decoder = FrameDecoder()
    decoder.append(Array(UnsafeBufferPointer(start: data, count: size)))
    do {
        while let decoded = try decoder.nextSkippingMalformed() {
            switch decoded {
            case .success(.command(let command)):
                _ = String(describing: command)
            case .success(let frame):
                _ = frame.kind.map { String(describing: $0) }
            case .failure(let error):
                _ = String(describing: error)
            }
        }
    } catch {
        _ = String(describing: error)
    }
    return 0
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver on the target above.
@_cdecl("FuzzAgentCommands_main")
public func _fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzAgentCommands($0, $1) }
}
