import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard library's `Mutex`, plus the two annotations ThreadSanitizer needs to see it.
///
/// On Linux, `Synchronization.Mutex` locks inside the uninstrumented runtime, so ThreadSanitizer
/// sees no order between two critical sections and reports races that cannot happen (a two-thread
/// `Mutex<[Int]>` append is enough). Telling it "acquired" and "released" at the lock's address
/// makes DeferredKit, and programs that use it, checkable under `--sanitize=thread`. Outside the
/// sanitizer the hooks are absent and each costs one predictable branch.
@usableFromInline
struct _Lock<Value: ~Copyable>: ~Copyable {
    @usableFromInline
    let mutex: Mutex<Value>

    @usableFromInline
    init(_ value: consuming sending Value) {
        self.mutex = Mutex(value)
    }

    /// Runs `body` with the value, holding the lock. Never call the program's code from `body`.
    @inlinable
    @inline(__always)
    borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in
            let address = withUnsafeMutablePointer(to: &value) { UnsafeMutableRawPointer($0) }
            _ThreadSanitizer.acquired(address)
            defer { _ThreadSanitizer.releasing(address) }
            return try body(&value)
        }
    }
}

extension _Lock: @unchecked Sendable where Value: ~Copyable {}

/// ThreadSanitizer's annotation entry points, when the process runs under it.
@usableFromInline
enum _ThreadSanitizer {
    typealias Hook = @convention(c) (UnsafeMutableRawPointer?) -> Void

    static let acquireHook: Hook? = lookUp("__tsan_acquire")
    static let releaseHook: Hook? = lookUp("__tsan_release")

    private static func lookUp(_ symbol: String) -> Hook? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol) else { return nil }
        return unsafeBitCast(address, to: Hook.self)
    }

    @usableFromInline
    @inline(__always)
    static func acquired(_ address: UnsafeMutableRawPointer) {
        if let hook = acquireHook { hook(address) }
    }

    @usableFromInline
    @inline(__always)
    static func releasing(_ address: UnsafeMutableRawPointer) {
        if let hook = releaseHook { hook(address) }
    }
}
