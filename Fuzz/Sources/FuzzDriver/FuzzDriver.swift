/// libFuzzer's driver, for targets that SwiftPM links as executables: SwiftPM names an
/// executable's entry point `<Target>_main`, so each target defines that symbol and hands its
/// test function to ``runFuzzer(_:_:_:)``.
@_silgen_name("LLVMFuzzerRunDriver")
func _runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the program's arguments on `target`.
public func runFuzzer(
    _ argc: CInt,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return _runFuzzerDriver(&argc, &argv, target)
}
