#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives freed heap memory back to the system after the agent dropped a large queue.
///
/// A client that stopped reading can have up to `clientQueueLimit` (16 MB) queued for it. Freed,
/// those bytes stay in glibc's arenas, so the app's resident size would keep the high-water mark
/// of its worst client; `malloc_trim` returns the free pages. Looked up at run time (Swift does
/// not import `<malloc.h>`, and other C libraries lack it); where it is missing this does nothing.
enum MemoryTrim {
    /// Queues at least this large are worth a trim when dropped.
    static let threshold = 1 << 20

    private typealias TrimFunction = @convention(c) (Int) -> Int32

    private static let trim: TrimFunction? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: TrimFunction.self)
        #else
        return nil
        #endif
    }()

    /// Returns free heap pages to the system, if the C library can.
    static func returnFreedMemory() {
        _ = trim?(0)
    }
}
