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
///
/// `package`: the agent's locks use it too, so that the whole package is checkable. Not API.
@usableFromInline
package struct _Lock<Value: ~Copyable>: ~Copyable {
    @usableFromInline
    let mutex: Mutex<Value>

    /// A lock around `value`.
    @inlinable
    package init(_ value: consuming sending Value) {
        self.mutex = Mutex(consume value)
    }

    /// Runs `body` with the value, holding the lock. Never call the program's code from `body`.
    @inlinable
    @inline(__always)
    package borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        // The lock's own address names it for the sanitizer. Taking it must not touch `value`:
        // that would be an access the sanitizer sees before it is told the lock is held.
        let address = withUnsafePointer(to: self) { UnsafeMutableRawPointer(mutating: $0) }
        return try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in
            _ThreadSanitizer.acquired(address)
            defer { _ThreadSanitizer.releasing(address) }
            return try body(&value)
        }
    }
}

extension _Lock: @unchecked Sendable where Value: ~Copyable {}

/// ThreadSanitizer's annotation entry points, when the process runs under it.
///
/// The hooks are looked up on first use and kept in atomics, which (unlike a lazily initialized
/// `let`) cost no `swift_once` check on every lock: outside the sanitizer each annotation is one
/// relaxed load and a branch.
@usableFromInline
enum _ThreadSanitizer {
    typealias Hook = @convention(c) (UnsafeMutableRawPointer?) -> Void

    /// 0: not looked up yet; 1: not running under ThreadSanitizer; otherwise the hook's address.
    private static let acquireHook = Atomic<UInt>(0)
    private static let releaseHook = Atomic<UInt>(0)
    private static let absent: UInt = 1

    @usableFromInline
    @inline(__always)
    static func acquired(_ address: UnsafeMutableRawPointer) {
        let hook = acquireHook.load(ordering: .relaxed)
        if hook != absent {
            call(hook == 0 ? lookUp("__tsan_acquire", into: acquireHook) : hook, address)
        }
    }

    @usableFromInline
    @inline(__always)
    static func releasing(_ address: UnsafeMutableRawPointer) {
        let hook = releaseHook.load(ordering: .relaxed)
        if hook != absent {
            call(hook == 0 ? lookUp("__tsan_release", into: releaseHook) : hook, address)
        }
    }

    private static func lookUp(_ symbol: String, into slot: borrowing Atomic<UInt>) -> UInt {
        let address = UInt(bitPattern: dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol))
        let hook = address == 0 ? absent : address
        slot.store(hook, ordering: .relaxed)
        return hook
    }

    private static func call(_ hook: UInt, _ address: UnsafeMutableRawPointer) {
        guard hook != absent, let pointer = UnsafeRawPointer(bitPattern: hook) else { return }
        unsafeBitCast(pointer, to: Hook.self)(address)
    }
}
